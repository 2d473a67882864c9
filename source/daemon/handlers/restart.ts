import {requestSchemas} from '../../protocol/requests.js';
import {refuseUnusableCwd} from '../cwd-check.js';
import {defineHandler} from '../handler.js';
import {restartRequested} from '../state/transitions.js';

/** Restart finished tasks as new tasks, or in place; optionally edited, stashed or started at once. */
export const restart = defineHandler(requestSchemas.Restart, async (daemon, request, context) => {
	const {queue} = daemon;
	refuseUnusableCwd(daemon.config, request.cwd);
	const restarted = await queue.mutate((changes, now) => restartRequested(queue.state, request, now, changes));
	if (request.inPlace) queue.removeLogs(restarted.map((task) => task.id));
	if (request.immediate) await queue.forceStart(restarted);
	context.reply({type: 'Ok', ids: restarted.map((task) => task.id)});
});
