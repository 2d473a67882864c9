import {requestSchemas} from '../../protocol/requests.js';
import {defineHandler} from '../handler.js';
import {TransitionError, getGroup, getTasks} from '../state/state.js';
import {setGroupStatus} from '../state/group-transitions.js';
import type {Task} from '../state/types.js';

/**
 * Start: with ids, resumes paused tasks and force-starts queued or stashed
 * ones; with a group (or all), resumes the group(s) and their paused tasks.
 */
export const start = defineHandler(requestSchemas.Start, async (daemon, request, context) => {
	const {queue} = daemon;
	const forced: Task[] = [];
	const ids = await queue.mutate((changes) => {
		const {state} = queue;
		if (request.ids?.length) {
			const tasks = getTasks(state, request.ids);
			const wrong = tasks.filter((task) => task.status === 'Running' || task.status === 'Done');
			if (wrong.length > 0) {
				throw new TransitionError(
					'invalid_state',
					`task ${wrong.map((task) => task.id).join(', ')} ${wrong.length === 1 ? 'is' : 'are'} already running or done; \`spool restart\` runs a finished task again`,
				);
			}

			for (const task of tasks) {
				if (task.status === 'Paused') queue.runs.resume(task, changes);
				else forced.push(task);
			}

			return tasks.map((task) => task.id);
		}

		const groups = request.group === undefined ? [...state.groups.values()] : [getGroup(state, request.group)];
		const names = new Set(groups.map((group) => group.name));
		for (const group of groups) setGroupStatus(group, 'Running', changes);
		const resumed = [...state.tasks.values()].filter((task) => task.status === 'Paused' && names.has(task.group));
		for (const task of resumed) queue.runs.resume(task, changes);
		return resumed.map((task) => task.id);
	});
	if (forced.length > 0) await queue.forceStart(forced);
	context.reply({type: 'Ok', ids});
});
