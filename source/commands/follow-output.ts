// Prints a Follow stream: raw bytes for one task (colours and \r progress
// bars reach the terminal as the task wrote them), or line by line with an
// "[id]" prefix for several.
import type {Client} from '../client/client.js';
import type {WireTask} from '../daemon/wire.js';
import type {Styler} from './style.js';

export type FollowOptions = {lines: number | null; prefix: boolean; style: Styler; onSigint?: boolean};

export async function followTasks(client: Client, ids: readonly number[], options: FollowOptions): Promise<WireTask[]> {
	const ended: WireTask[] = [];
	const partial = new Map<number, string>();
	const out = process.stdout;
	const prefixOf = (id: number) => options.style('cyan', `[${id}]`) + ' ';
	const writeLines = (id: number, text: string) => {
		const lines = ((partial.get(id) ?? '') + text).split('\n');
		partial.set(id, lines.pop()!);
		for (const line of lines) out.write(`${prefixOf(id)}${line.replace(/\r$/, '')}\n`);
	};

	const stream = client.stream({type: 'Follow', ids, lines: options.lines}, (message) => {
		if (message.type === 'Output') {
			const data = Buffer.from(message.data as Uint8Array);
			if (options.prefix) writeLines(message.task as number, data.toString('utf8'));
			else out.write(data);
		} else if (message.type === 'TaskEnded') {
			const task = message.task as WireTask;
			if (options.prefix) {
				const rest = partial.get(task.id);
				if (rest) out.write(`${prefixOf(task.id)}${rest}\n`);
				partial.delete(task.id);
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
