// `spool follow`: prints tasks' output live until they end.
import {followCommand} from '../definitions/queue-commands.js';
import {createInterface} from 'node:readline/promises';
import {CommandError, exitCodes, usageError} from './exit-codes.js';
import {followTasks} from './follow-output.js';
import {parseIds} from '../shared/ids.js';
import {parseCommand} from './parse.js';
import {styler, colorEnabled} from '../shared/style.js';
import {fetchTasks} from './task-query.js';
import {withClient} from './with-client.js';
import {oneLine} from '../terminal/sanitize.js';

export async function run(argv: string[]): Promise<number> {
	const parsed = parseCommand(argv, followCommand);
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
