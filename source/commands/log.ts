// `spool log`: prints tasks' output so far.
//
// On a terminal each task gets a header (log-header.ts) and its bytes go
// through the output sanitiser. To a pipe or file the bytes are exactly the
// task's, with no header (a separator line between several tasks), unless
// --header asks for it. --plain gives the text a terminal would end up
// showing (plain-text.ts), anywhere. --json: one document with each task
// (the task object of docs/cli-json.md), its duration, what was cut and its
// output as text.
import type {Client} from '../client/client.js';
import {logCommand} from '../definitions/queue-commands.js';
import type {Task} from '../protocol/model.js';
import {commandStyler} from '../shared/format.js';
import {taskDuration} from '../terminal/outcome.js';
import {plainText} from '../terminal/plain-text.js';
import {oneLine, sanitizeOutput} from '../terminal/sanitize.js';
import {CommandError, exitCodes, usageError} from './exit-codes.js';
import {jsonTask, printJson} from './json-output.js';
import {type LogCut, renderLogHeader} from './log-header.js';
import {parseCommand} from './parse.js';
import {describeResult} from './result-text.js';
import {readSelection} from './selection.js';
import {fetchTasks} from './task-query.js';
import {withClient} from './with-client.js';

type LogRead = {task: Task; data: Buffer; cut: LogCut};

async function readLog(client: Client, fallback: Task, lines: number | undefined, countLines: boolean): Promise<LogRead> {
	const chunks: Buffer[] = [];
	let task = fallback;
	let cut: LogCut = null;
	const request = {type: 'Log', task: fallback.id, ...(lines === undefined ? {} : {lines}), ...(countLines && lines !== undefined ? {countLines} : {})} as const;
	await client.stream(request, (message) => {
		if (message.type === 'LogInfo') {
			// The record as of the bytes sent: the header and the log agree.
			task = message.task;
			if (lines !== undefined && message.from > 0 && message.totalLines !== undefined) cut = {shown: lines, total: message.totalLines};
		} else if (message.type === 'LogChunk') {
			chunks.push(Buffer.from(message.data));
		}
	}).done;
	return {task, data: Buffer.concat(chunks), cut};
}

/**
 * --header / --no-header, the last one given; undefined for neither (then:
 * on a terminal only). The parser gives a switch no "not given", so the words
 * are read here; `log` takes nothing but ids and options, so they cannot be
 * anything else.
 */
function headerChoice(argv: readonly string[]): boolean | undefined {
	const end = argv.indexOf('--');
	const words = end === -1 ? argv : argv.slice(0, end);
	for (let index = words.length - 1; index >= 0; index--) {
		if (words[index] === '--header') return true;
		if (words[index] === '--no-header') return false;
	}

	return undefined;
}

export async function run(argv: string[]): Promise<number> {
	const parsed = parseCommand(argv, logCommand);
	const {flags} = parsed;
	if (flags.lines !== undefined && (!Number.isInteger(flags.lines) || flags.lines < 0)) throw usageError('--lines takes a whole number >= 0');
	if (flags.plain && flags.raw) throw usageError('--plain and --raw do not go together: --plain rewrites the bytes into plain text, --raw keeps them exact');
	const selection = readSelection(parsed.input, flags, {command: 'log', required: false});
	const style = commandStyler(parsed);
	const terminal = Boolean(process.stdout.isTTY);
	const choice = headerChoice(argv);
	const header = choice ?? terminal;
	const render = (data: Buffer): Buffer | string => (flags.plain ? plainText(data) : terminal && !flags.raw ? sanitizeOutput(data) : data);
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
			for (const listed of tasks) {
				const {task, data, cut} = await readLog(client, listed, lines, true);
				entries.push({task: jsonTask(task), durationMs: taskDuration(task), lines: cut, plain: Boolean(flags.plain), output: flags.plain ? plainText(data) : data.toString('utf8')});
			}

			printJson({tasks: entries});
			return exitCodes.ok;
		}

		if (tasks.length === 0) {
			process.stdout.write('No tasks.\n');
			return exitCodes.ok;
		}

		// Without the header, several tasks to a pipe are told apart by one line each (unless --no-header).
		const separator = !header && choice === undefined && tasks.length > 1;
		const separated = header || separator;
		for (const [index, listed] of tasks.entries()) {
			const {task, data, cut} = await readLog(client, listed, lines, header);
			const shown = render(data);
			if (index > 0 && separated) process.stdout.write('\n');
			if (header) process.stdout.write(renderLogHeader(task, {style, cut, empty: data.length === 0}));
			else if (separator) process.stdout.write(`${style('bold', `--- task ${task.id}`)} ${style('dim', oneLine(task.command))} ${describeResult(task, style)}\n`);
			process.stdout.write(shown);
			const last = typeof shown === 'string' ? shown.at(-1) : shown.length > 0 ? String.fromCharCode(shown.at(-1)!) : undefined;
			if (last !== undefined && last !== '\n' && separated) process.stdout.write('\n');
		}

		return exitCodes.ok;
	});
}
