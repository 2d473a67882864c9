import {requestSchemas} from '../../protocol/requests.js';
import {defineHandler} from '../handler.js';
import {countLines, logPath, logSize, offsetOfLastLines, readRange} from '../logs/log-files.js';
import {getTask} from '../state/state.js';
import {wireTask} from '../wire.js';

const logChunkBytes = 256 * 1024;

/**
 * Log: `LogInfo {re, task, size, from, to}` (and `totalLines` when asked
 * for `countLines`), then the bytes in `LogChunk {re, offset, data}` pieces,
 * then `End {re}`.
 */
export const log = defineHandler(requestSchemas.Log, async (daemon, request, context) => {
	const task = getTask(daemon.queue.state, request.task);
	const file = logPath(daemon.paths.logs, task.id);
	const size = logSize(file);
	let from = request.from ?? 0;
	const to = Math.min(request.to ?? size, size);
	if (request.lines !== undefined) from = Math.max(from, offsetOfLastLines(file, request.lines, to));
	from = Math.min(from, to);
	// Counted before the stream opens: LogInfo goes first, and the count is of [0, to) as fixed above.
	const totalLines = request.countLines ? await countLines(file, to) : undefined;
	let stopped = false;
	context.openStream(() => {
		stopped = true;
	});
	context.reply({type: 'LogInfo', task: wireTask(task), size, from, to, ...(totalLines === undefined ? {} : {totalLines})});
	// One chunk at a time, each read only once the connection has room for it:
	// a client that pipelines many Log requests and reads no replies must not
	// make the daemon hold a chunk per request (Connection.reserve).
	let offset = from;
	while (offset < to && !stopped && !context.connection.closed) {
		const release = await context.reserve(Math.min(logChunkBytes, to - offset));
		try {
			if (stopped || context.connection.closed) break;
			const next = await readRange(
				file,
				offset,
				Math.min(offset + logChunkBytes, to),
				(at, data) => {
					context.reply({type: 'LogChunk', offset: at, data});
				},
				logChunkBytes,
			);
			if (next === offset) break;
			offset = next;
		} finally {
			release();
		}
	}

	context.end();
});
