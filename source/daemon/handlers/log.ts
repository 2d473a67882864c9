import {requestSchemas} from '../../protocol/requests.js';
import {defineHandler} from '../handler.js';
import {logPath, logSize, offsetOfLastLines, readRange} from '../logs/log-files.js';
import {getTask} from '../state/state.js';
import {wireTask} from '../wire.js';

/**
 * Log: `LogInfo {re, task, size, from, to}`, then the bytes in
 * `LogChunk {re, offset, data}` pieces, then `End {re}`.
 */
export const log = defineHandler(requestSchemas.Log, async (daemon, request, context) => {
	const task = getTask(daemon.queue.state, request.task);
	const file = logPath(daemon.paths.logs, task.id);
	const size = logSize(file);
	let from = request.from ?? 0;
	const to = Math.min(request.to ?? size, size);
	if (request.lines !== undefined) from = Math.max(from, offsetOfLastLines(file, request.lines, to));
	from = Math.min(from, to);
	let stopped = false;
	context.openStream(() => {
		stopped = true;
	});
	context.reply({type: 'LogInfo', task: wireTask(task), size, from, to});
	await readRange(file, from, to, async (offset, data) => {
		if (stopped || context.connection.closed) throw new Error('cancelled');
		if (!context.reply({type: 'LogChunk', offset, data})) await context.drained();
	}).catch((error: unknown) => {
		if ((error as Error).message !== 'cancelled') throw error;
	});
	context.end();
});
