import {requestSchemas} from '../../protocol/requests.js';
import {defineHandler} from '../handler.js';
import {removeWhatCan} from '../state/remove-transitions.js';
import {removeTasks} from '../state/transitions.js';

/** Remove: all or nothing; with `partial`, what can go goes and the reply's `refused` names the rest. */
export const remove = defineHandler(requestSchemas.Remove, async (daemon, request, context) => {
	const {queue} = daemon;
	if (request.partial) {
		const {removed, refused} = await queue.mutate((changes) => removeWhatCan(queue.state, request.ids, changes));
		queue.removeLogs(removed);
		context.reply({type: 'Ok', ids: removed, refused});
		return;
	}

	const removed = await queue.mutate((changes) => removeTasks(queue.state, request.ids, changes));
	queue.removeLogs(removed);
	context.reply({type: 'Ok', ids: removed});
});
