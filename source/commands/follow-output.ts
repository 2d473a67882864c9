// Prints a Follow stream: the bytes of one task (colours and \r progress bars
// reach the terminal as the task wrote them), or line by line with an "[id]"
// prefix for several. On a terminal, unless raw, each task's bytes go through
// the shared output sanitiser first (one per task: a sequence or a UTF-8
// character may be split across chunks).
import {StringDecoder} from 'node:string_decoder';
import type {Client} from '../client/client.js';
import type {Task} from '../protocol/model.js';
import {createOutputSanitizer, type OutputSanitizer} from '../terminal/sanitize.js';
import type {Styler} from '../shared/style.js';

/** raw: exact bytes; default: exact only when stdout is not a terminal. */
export type FollowOptions = {lines: number | null; prefix: boolean; style: Styler; raw?: boolean; onSigint?: boolean};

/** The ended tasks' records; only `{id}` for one that was removed meanwhile. */
export async function followTasks(client: Client, ids: readonly number[], options: FollowOptions): Promise<Array<Task | {id: number}>> {
	const ended: Array<Task | {id: number}> = [];
	const partial = new Map<number, string>();
	const decoders = new Map<number, StringDecoder>();
	const sanitizers = new Map<number, OutputSanitizer>();
	const raw = options.raw ?? !process.stdout.isTTY;
	const out = process.stdout;
	const prefixOf = (id: number) => `${options.style('cyan', `[${id}]`)} `;
	const filtered = (id: number, data: Buffer, end = false): Buffer => {
		if (raw) return data;
		let sanitizer = sanitizers.get(id);
		if (!sanitizer) {
			sanitizer = createOutputSanitizer();
			sanitizers.set(id, sanitizer);
		}

		if (!end) return sanitizer.write(data);
		sanitizers.delete(id);
		return Buffer.concat([sanitizer.write(data), sanitizer.end()]);
	};

	const decode = (id: number, data: Buffer, end = false): string => {
		let decoder = decoders.get(id);
		if (!decoder) {
			decoder = new StringDecoder('utf8');
			decoders.set(id, decoder);
		}

		if (!end) return decoder.write(data);
		decoders.delete(id);
		return decoder.end(data);
	};

	const writeLines = (id: number, text: string) => {
		const lines = ((partial.get(id) ?? '') + text).split('\n');
		partial.set(id, lines.pop()!);
		for (const line of lines) out.write(`${prefixOf(id)}${line.replace(/\r$/, '')}\n`);
	};

	const stream = client.stream({type: 'Follow', ids: [...ids], lines: options.lines}, (message) => {
		if (message.type === 'Output') {
			const id = message.task;
			const data = filtered(id, Buffer.from(message.data));
			if (options.prefix) writeLines(id, decode(id, data));
			else if (data.length > 0) out.write(data);
		} else if (message.type === 'TaskEnded') {
			const {task} = message;
			const tail = filtered(task.id, Buffer.alloc(0), true);
			if (options.prefix) {
				const rest = (partial.get(task.id) ?? '') + decode(task.id, tail, true);
				if (rest) out.write(`${prefixOf(task.id)}${rest}\n`);
				partial.delete(task.id);
			} else if (tail.length > 0) {
				out.write(tail);
			}

			ended.push(task);
		}
	});
	const stop = () => {
		stream.cancel();
	};

	process.once('SIGINT', stop);
	try {
		await stream.done;
	} finally {
		process.off('SIGINT', stop);
	}

	return ended;
}
