import {requestSchemas} from '../../protocol/requests.js';
import {defineHandler} from '../handler.js';
import {cleanTasks} from '../state/transitions.js';

export const clean = defineHandler(requestSchemas.Clean, async (daemon, request, context) => {
	const removed = await daemon.queue.mutate((changes) => cleanTasks(daemon.queue.state, {successfulOnly: request.successfulOnly ?? false, group: request.group}, changes));
	daemon.queue.removeLogs(removed);
	context.reply({type: 'Ok', ids: removed});
});
