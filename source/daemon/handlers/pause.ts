import {requestSchemas} from '../../protocol/requests.js';
import {defineHandler} from '../handler.js';
import {pauseTargets} from '../state/run-transitions.js';

/**
 * Pause: with ids, stops those running tasks (SIGSTOP to their whole process
 * group); with a group (or all), pauses the group(s) so nothing new starts
 * and, unless `wait`, stops their running tasks too.
 */
export const pause = defineHandler(requestSchemas.Pause, async (daemon, request, context) => {
	const {queue} = daemon;
	const ids = await queue.mutate((changes) => {
		const tasks = pauseTargets(queue.state, request, changes);
		for (const task of tasks) queue.runs.pause(task, changes);
		return tasks.map((task) => task.id);
	});
	context.reply({type: 'Ok', ids});
});
