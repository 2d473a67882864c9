// `spool add`: queues a command (or many, from stdin or a file).
import {createReadStream} from 'node:fs';
import path from 'node:path';
import {exitCodes, usageError} from './exit-codes.js';
import {followTasks} from './follow-output.js';
import {formatDate} from '../shared/format.js';
import {parseIds} from '../shared/ids.js';
import {idsJson, jsonTask, printJson} from './json-output.js';
import {parseCommand} from './parse.js';
import {addCommand} from '../definitions/queue-commands.js';
import {shellQuote} from '../definitions/command-line.js';
import {styler, colorEnabled} from '../shared/style.js';
import {parseWhen} from '../shared/when.js';
import {withClient} from './with-client.js';

/**
 * All of a stream as UTF-8 text. Standard input is read as a stream whatever it
 * is (pipe, file, terminal, socket): a synchronous read of a non-blocking pipe
 * fails with EAGAIN while a slow producer has written nothing yet.
 */
async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
	return Buffer.concat(chunks).toString('utf8');
}

function capturedEnv(): Record<string, string> {
	const env: Record<string, string> = {};
	for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
	return env;
}

export async function run(argv: string[]): Promise<number> {
	const parsed = parseCommand(argv, addCommand);
	const {flags, command: words} = parsed;
	// As pueue: a task that starts at once cannot also wait (it would silently do one of the two).
	for (const [given, other] of [
		[flags.stashed, 'stashed'],
		[flags.delay !== undefined, 'delay'],
	] as const) {
		if (given && flags.immediate) throw usageError(`--immediate and --${other} contradict each other: leave out one of them`);
	}

	const after = parseIds(flags.after);
	const fields = {
		cwd: path.resolve(flags.cwd ?? process.cwd()),
		env: capturedEnv(),
		...(flags.group ? {group: flags.group} : {}),
		...(after.length > 0 ? {after} : {}),
		...(flags.priority === undefined ? {} : {priority: flags.priority}),
		...(flags.label === undefined ? {} : {label: flags.label}),
		...(flags.delay ? {enqueueAt: parseWhen(flags.delay)} : {}),
		stashed: flags.stashed,
		immediate: flags.immediate,
		cols: process.stdout.isTTY ? process.stdout.columns : undefined,
		rows: process.stdout.isTTY ? process.stdout.rows : undefined,
	};

	if (flags.follow && flags.json) throw usageError('--follow prints the output, not JSON: leave out one of them (then `spool log --json ID` or `spool wait --json ID`)');
	const batch = flags.stdin || flags.from !== undefined;
	if (batch) {
		if (words.length > 0) throw usageError('give the commands either as arguments or with --stdin/--from, not both');
		if (flags.follow) throw usageError('--follow takes one command, not a batch');
		let text: string;
		try {
			text = await readAll(flags.from === undefined ? process.stdin : createReadStream(flags.from));
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code;
			const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
			throw usageError(`cannot read ${flags.from ?? 'standard input'}: ${why}`);
		}

		const commands = text.split('\n').filter((line) => line.trim() !== '');
		if (commands.length === 0) throw usageError('no commands to add: the input is empty');
		return withClient(parsed, async (client) => {
			const ids: number[] = [];
			// Pieces of 10,000 keep each request far below the frame limit.
			for (let start = 0; start < commands.length; start += 10_000) {
				const reply = await client.request({
					type: 'AddMany',
					defaults: fields,
					tasks: commands.slice(start, start + 10_000).map((command) => ({command})),
				});
				ids.push(...reply.ids);
			}

			if (flags.json) printJson(idsJson({ids}));
			else process.stdout.write(`${ids.join('\n')}\n`);
			return exitCodes.ok;
		});
	}

	if (words.length === 0) throw usageError("nothing to add: spool add <command...>; see 'spool add --help'");
	const command = flags.escape ? words.map((arg) => shellQuote(arg)).join(' ') : words.join(' ');
	return withClient(parsed, async (client) => {
		const reply = await client.request({type: 'Add', command, ...fields});
		const {task} = reply;
		if (flags.json) printJson(jsonTask(task));
		else if (flags.printTaskId) process.stdout.write(`${task.id}\n`);
		else {
			const when = task.enqueueAt ? `, enqueued at ${formatDate(task.enqueueAt)}` : task.status === 'Stashed' ? ', stashed' : '';
			// Following, stdout is the task's output (for pipes), so the confirmation goes to stderr.
			(flags.follow ? process.stderr : process.stdout).write(`New task added (id ${task.id}${when}).\n`);
		}

		if (flags.follow) {
			const [ended] = await followTasks(client, [task.id], {lines: null, prefix: false, style: styler(colorEnabled(flags.color))});
			if (ended && (!('result' in ended) || ended.result !== 'Success')) return exitCodes.failed;
		}

		return exitCodes.ok;
	});
}
