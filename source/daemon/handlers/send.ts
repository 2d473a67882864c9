import {requestSchemas} from '../../protocol/requests.js';
import {defineHandler} from '../handler.js';
import {TransitionError, getTask} from '../state/state.js';

export const send = defineHandler(requestSchemas.Send, (daemon, request, context) => {
	const task = getTask(daemon.queue.state, request.task);
	const data = typeof request.data === 'string' ? Buffer.from(request.data, 'utf8') : Buffer.from(request.data);
	if (!daemon.queue.sendInput(task, data)) {
		throw new TransitionError('invalid_state', `task ${task.id} is not running, so it cannot take input`);
	}

	context.reply({type: 'Ok', ids: [task.id]});
});
