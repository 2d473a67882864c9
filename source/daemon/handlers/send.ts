import {requestSchemas} from '../../protocol/requests.js';
import {defineHandler} from '../handler.js';
import {RequestError} from '../request-context.js';
import {TransitionError, getTask} from '../state/state.js';

/** "1 MiB is", "256 KiB is", "37 bytes are": for the input_full message. */
function waitingBytes(bytes: number): string {
	const mib = 1024 * 1024;
	if (bytes >= mib) return `${Number.isInteger(bytes / mib) ? bytes / mib : (bytes / mib).toFixed(1)} MiB is`;
	if (bytes >= 1024) return `${Math.round(bytes / 1024)} KiB is`;
	return `${bytes} byte${bytes === 1 ? ' is' : 's are'}`;
}

export const send = defineHandler(requestSchemas.Send, (daemon, request, context) => {
	const task = getTask(daemon.queue.state, request.task);
	const data = typeof request.data === 'string' ? Buffer.from(request.data, 'utf8') : Buffer.from(request.data);
	// A task that does not read its terminal must not make the daemon queue input without end.
	const waiting = daemon.queue.runs.pendingInput(task);
	if (waiting > 0 && waiting + data.length > daemon.config.daemon.max_pending_input_bytes) {
		throw new RequestError('input_full', `task ${task.id} is not reading its input; ${waitingBytes(waiting)} already waiting (the bound is daemon.max_pending_input_bytes)`);
	}

	if (!daemon.queue.runs.sendInput(task, data)) {
		throw new TransitionError('invalid_state', `task ${task.id} is not running, so it cannot take input`);
	}

	context.reply({type: 'Ok', ids: [task.id]});
});
