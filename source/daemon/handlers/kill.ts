import os from 'node:os';
import {requestSchemas} from '../../protocol/requests.js';
import {defineHandler} from '../handler.js';
import {TransitionError, selectTasks} from '../state/state.js';
import {isActive} from '../state/types.js';

export function normalizeSignal(name: string | undefined): NodeJS.Signals {
	const full = (name === undefined ? 'SIGTERM' : name.startsWith('SIG') ? name : `SIG${name}`) as NodeJS.Signals;
	if (!(full in os.constants.signals)) {
		throw new TransitionError('bad_request', `unknown signal ${JSON.stringify(name)}; use a name such as TERM, INT, KILL or HUP`);
	}

	return full;
}

/** Kill: ends running tasks (signal to the whole process group; SIGKILL after the grace). */
export const kill = defineHandler(requestSchemas.Kill, async (daemon, request, context) => {
	const {queue} = daemon;
	const signal = normalizeSignal(request.signal);
	const tasks = selectTasks(queue.state, request);
	if (request.ids?.length) {
		const idle = tasks.filter((task) => !isActive(task));
		if (idle.length > 0) {
			throw new TransitionError('invalid_state', `task ${idle.map((task) => task.id).join(', ')} is not running; \`spool remove\` drops queued tasks`);
		}
	} else if (request.group === undefined && !request.all) {
		throw new TransitionError('bad_request', 'say which tasks to kill: ids, a group, or all');
	}

	const targets = tasks.filter((task) => isActive(task));
	for (const task of targets) queue.runs.kill(task, signal);
	context.reply({type: 'Ok', ids: targets.map((task) => task.id)});
});
