// `spool follow`: prints tasks' output live until they end.
import {createInterface} from 'node:readline/promises';
import {CommandError, exitCodes, usageError} from './exit-codes.js';
import {followTasks} from './follow-output.js';
import {parseIds} from '../shared/ids.js';
import {parseCommand} from './parse.js';
import {styler, colorEnabled} from '../shared/style.js';
import {fetchTasks} from './task-query.js';
import {withClient} from './with-client.js';
import {oneLine} from '../terminal/sanitize.js';

const help = `
  Usage
    spool follow [<ids>] [-n N] [--raw]

  Prints the tasks' output as it comes, from the start (or the last N lines),
  and waits for queued tasks to start. With several tasks each line is
  prefixed with its id. Without ids: the running task (asks which if several).
  Ends when the tasks end (Ctrl-C stops following; the tasks go on).

  On a terminal the output is filtered: colours, \r, tabs and moves within a
  line pass; titles, clipboard writes (OSC), queries, mode and screen changes
  and other control characters are dropped. To a pipe or file, and with
  --raw, the task's bytes are written exactly as it printed them.

  Options
    -n, --lines N          Start N lines back
    --raw                  The exact bytes, even on a terminal
`;

export async function run(argv: string[]): Promise<number> {
	const parsed = parseCommand(argv, help, {lines: {type: 'number', shortFlag: 'n'}, raw: {type: 'boolean', default: false}});
	const {flags} = parsed;
	if (flags.lines !== undefined && (!Number.isInteger(flags.lines) || flags.lines < 0)) throw usageError('--lines takes a whole number >= 0');
	let ids = parseIds(parsed.input);
	return withClient(parsed, async (client) => {
		if (ids.length === 0) {
			const running = await fetchTasks(client, {status: ['Running', 'Paused']});
			if (running.length === 0) throw new CommandError('no task is running; name one: spool follow <id>', exitCodes.failed);
			if (running.length === 1 || !process.stdin.isTTY) {
				ids = [running[0]!.id];
			} else {
				for (const task of running) process.stdout.write(`  ${task.id}  ${oneLine(task.command)}\n`);
				const prompt = createInterface({input: process.stdin, output: process.stdout});
				const answer = await prompt.question('Follow which task? ');
				prompt.close();
				ids = parseIds([answer.trim()]);
			}
		}

		await followTasks(client, ids, {lines: flags.lines ?? null, prefix: ids.length > 1, style: styler(colorEnabled(flags.color)), raw: flags.raw || !process.stdout.isTTY});
		return exitCodes.ok;
	});
}
