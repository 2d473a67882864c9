import {requestSchemas} from '../../protocol/requests.js';
import {defineHandler} from '../handler.js';
import {TransitionError, getGroup, getTasks} from '../state/state.js';
import {setGroupStatus} from '../state/group-transitions.js';

/**
 * Pause: with ids, stops those running tasks (SIGSTOP to their whole process
 * group); with a group (or all), pauses the group(s) so nothing new starts
 * and, unless `wait`, stops their running tasks too.
 */
export const pause = defineHandler(requestSchemas.Pause, async (daemon, request, context) => {
	const {queue} = daemon;
	const ids = await queue.mutate((changes) => {
		const {state} = queue;
		if (request.ids?.length) {
			const tasks = getTasks(state, request.ids);
			const wrong = tasks.filter((task) => task.status !== 'Running' && task.status !== 'Paused');
			if (wrong.length > 0) {
				throw new TransitionError('invalid_state', `task ${wrong.map((task) => task.id).join(', ')} is not running, so it cannot be paused`);
			}

			for (const task of tasks) queue.runs.pause(task, changes);
			return tasks.map((task) => task.id);
		}

		const groups = request.group === undefined ? [...state.groups.values()] : [getGroup(state, request.group)];
		const names = new Set(groups.map((group) => group.name));
		for (const group of groups) setGroupStatus(group, 'Paused', changes);
		if (request.wait) return [];
		const running = [...state.tasks.values()].filter((task) => task.status === 'Running' && names.has(task.group));
		for (const task of running) queue.runs.pause(task, changes);
		return running.map((task) => task.id);
	});
	context.reply({type: 'Ok', ids});
});
