import {requestSchemas} from '../../protocol/requests.js';
import {defineHandler} from '../handler.js';
import {startTargets} from '../state/run-transitions.js';
import type {Task} from '../state/types.js';

/**
 * Start: with ids, resumes paused tasks and force-starts queued or stashed
 * ones; with a group (or all), resumes the group(s) and their paused tasks.
 */
export const start = defineHandler(requestSchemas.Start, async (daemon, request, context) => {
	const {queue} = daemon;
	const forced: Task[] = [];
	const ids = await queue.mutate((changes) => {
		const targets = startTargets(queue.state, request, changes);
		for (const task of targets.resume) queue.runs.resume(task, changes);
		forced.push(...targets.forced);
		return targets.ids;
	});
	if (forced.length > 0) await queue.forceStart(forced);
	context.reply({type: 'Ok', ids});
});
