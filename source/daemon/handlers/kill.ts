import {requestSchemas} from '../../protocol/requests.js';
import {defineHandler} from '../handler.js';
import {killTargets, pauseKilledGroups} from '../state/run-transitions.js';
import {TransitionError} from '../state/state.js';
import {signalName, unknownSignal} from '../../shared/signals.js';

export function normalizeSignal(name: string | undefined): NodeJS.Signals {
	if (name === undefined) return 'SIGTERM';
	const full = signalName(name);
	if (!full) throw new TransitionError('bad_request', unknownSignal(name));
	return full;
}

/**
 * Kill: ends running tasks (signal to the whole process group; SIGKILL after
 * the grace). Of a group or all, groups with queued tasks are paused first,
 * so no freed slot starts one; through the daemon's never-refused change,
 * since an emergency stop must work on a full disk too.
 */
export const kill = defineHandler(requestSchemas.Kill, async (daemon, request, context) => {
	const {queue} = daemon;
	const signal = normalizeSignal(request.signal);
	const targets = killTargets(queue.state, request);
	const byIds = Boolean(request.ids?.length);
	const paused = byIds ? [] : await queue.apply((changes) => pauseKilledGroups(queue.state, request.all ? {} : {group: request.group}, changes));
	for (const task of targets) queue.runs.kill(task, signal);
	context.reply({type: 'Ok', ids: targets.map((task) => task.id), ...(byIds ? {} : {paused})});
});
