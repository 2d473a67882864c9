import {requestSchemas} from '../../protocol/requests.js';
import {defineHandler} from '../handler.js';
import {getGroup} from '../state/state.js';
import {setGroupStatus} from '../state/group-transitions.js';
import {markDone} from '../state/run-transitions.js';
import {isActive} from '../state/types.js';

/** Reset: kills the running tasks, then removes every task (of the group) and its log; groups run again. */
export const reset = defineHandler(requestSchemas.Reset, async (daemon, request, context) => {
	const {queue} = daemon;
	if (request.group !== undefined) getGroup(queue.state, request.group);
	const inScope = () => [...queue.state.tasks.values()].filter((task) => request.group === undefined || task.group === request.group);
	// Stop scheduling first so nothing new starts while we kill.
	await queue.mutate((changes) => {
		for (const group of queue.state.groups.values()) {
			if (request.group === undefined || group.name === request.group) setGroupStatus(group, 'Paused', changes);
		}
	});
	await queue.runs.killAll(inScope().filter((task) => isActive(task)));
	const removed = await queue.mutate((changes, now) => {
		const ids = inScope().map((task) => task.id);
		const gone = new Set(ids);
		for (const id of ids) {
			queue.state.tasks.delete(id);
			changes.removeTask(id);
		}

		// Tasks of other groups that waited for a removed task can never run as meant.
		for (const task of queue.state.tasks.values()) {
			const missing = task.after.find((id) => gone.has(id));
			if (task.status !== 'Done' && missing !== undefined && (task.status === 'Queued' || task.status === 'Stashed')) {
				markDone(task, {result: 'DependencyFailed', error: `dependency ${missing} was removed by reset`}, now, changes);
			}
		}

		for (const group of queue.state.groups.values()) {
			if (request.group === undefined || group.name === request.group) setGroupStatus(group, 'Running', changes);
		}

		return ids;
	});
	queue.removeLogs(removed);
	context.reply({type: 'Ok', ids: removed});
});
