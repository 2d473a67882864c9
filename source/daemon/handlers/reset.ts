import {requestSchemas} from '../../protocol/requests.js';
import {defineHandler} from '../handler.js';
import {getGroup} from '../state/state.js';
import {pauseForReset, resetScope, resetTasks} from '../state/reset-transitions.js';
import {isActive} from '../state/types.js';

/** Reset: kills the running tasks, then removes every task (of the group) and its log; groups run again. */
export const reset = defineHandler(requestSchemas.Reset, async (daemon, request, context) => {
	const {queue} = daemon;
	const {state} = queue;
	if (request.group !== undefined) getGroup(state, request.group);
	// Stop scheduling first so nothing new starts while we kill.
	await queue.mutate((changes) => {
		pauseForReset(state, request.group, changes);
	});
	await queue.runs.killAll(resetScope(state, request.group).filter((task) => isActive(task)));
	const removed = await queue.mutate((changes, now) => resetTasks(state, request.group, now, changes));
	queue.removeLogs(removed);
	context.reply({type: 'Ok', ids: removed});
});
