import {requestSchemas} from '../../protocol/requests.js';
import {defineHandler} from '../handler.js';
import {removeTasks} from '../state/transitions.js';

export const remove = defineHandler(requestSchemas.Remove, async (daemon, request, context) => {
	const removed = await daemon.queue.mutate((changes) => removeTasks(daemon.queue.state, request.ids, changes));
	daemon.queue.removeLogs(removed);
	context.reply({type: 'Ok', ids: removed});
});
