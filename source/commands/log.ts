// `spool log`: prints tasks' output so far.
import {logCommand} from '../definitions/queue-commands.js';
import type {Client} from '../client/client.js';
import type {Task} from '../protocol/model.js';
import {CommandError, exitCodes, usageError} from './exit-codes.js';
import {describeResult} from './result-text.js';
import {printJson} from './json-output.js';
import {parseCommand} from './parse.js';
import {readSelection} from './selection.js';
import {styler, colorEnabled} from '../shared/style.js';
import {fetchTasks} from './task-query.js';
import {withClient} from './with-client.js';
import {oneLine, sanitizeOutput} from '../terminal/sanitize.js';

async function readLog(client: Client, id: number, lines: number | undefined): Promise<Buffer> {
	const chunks: Buffer[] = [];
	await client.stream({type: 'Log', task: id, ...(lines === undefined ? {} : {lines})}, (message) => {
		if (message.type === 'LogChunk') chunks.push(Buffer.from(message.data));
	}).done;
	return Buffer.concat(chunks);
}

export async function run(argv: string[]): Promise<number> {
	const parsed = parseCommand(argv, logCommand);
	const {flags} = parsed;
	if (flags.lines !== undefined && (!Number.isInteger(flags.lines) || flags.lines < 0)) throw usageError('--lines takes a whole number >= 0');
	const selection = readSelection(parsed.input, flags, {command: 'log', required: false});
	const style = styler(colorEnabled(flags.color));
	const filter = Boolean(process.stdout.isTTY) && !flags.raw;
	return withClient(parsed, async (client) => {
		const tasks: Task[] = selection.ids ? await fetchTasks(client, {ids: selection.ids}) : await fetchTasks(client, selection.group ? {group: selection.group} : {});
		if (selection.ids) {
			const found = new Set(tasks.map((task) => task.id));
			const missing = selection.ids.filter((id) => !found.has(id));
			if (missing.length > 0) throw new CommandError(`no task ${missing.join(', ')}; \`spool status\` lists the tasks [not_found]`, exitCodes.failed);
		}

		const lines = flags.lines ?? (tasks.length > 1 && !flags.full ? 15 : undefined);
		if (flags.json) {
			const entries = [];
			for (const task of tasks) entries.push({task, output: (await readLog(client, task.id, lines)).toString('utf8')});
			printJson({tasks: entries});
			return exitCodes.ok;
		}

		if (tasks.length === 0) {
			process.stdout.write('No tasks.\n');
			return exitCodes.ok;
		}

		for (const [index, task] of tasks.entries()) {
			const raw = await readLog(client, task.id, lines);
			const data = filter ? sanitizeOutput(raw) : raw;
			if (tasks.length > 1 || process.stdout.isTTY) {
				if (index > 0) process.stdout.write('\n');
				process.stdout.write(`${style('bold', `--- task ${task.id}`)} ${style('dim', oneLine(task.command))} ${describeResult(task, style)}\n`);
			}

			process.stdout.write(data);
			if (data.length > 0 && data.at(-1) !== 0x0a && (tasks.length > 1 || process.stdout.isTTY)) process.stdout.write('\n');
		}

		return exitCodes.ok;
	});
}
