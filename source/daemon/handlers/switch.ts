import {requestSchemas} from '../../protocol/requests.js';
import {defineHandler} from '../handler.js';
import {switchTasks} from '../state/transitions.js';

export const switchHandler = defineHandler(requestSchemas.Switch, async (daemon, request, context) => {
	await daemon.queue.mutate((changes) => {
		switchTasks(daemon.queue.state, request.a, request.b, changes);
	});
	context.reply({type: 'Ok', ids: [request.a, request.b]});
});
