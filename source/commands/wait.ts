// `spool wait`: blocks until tasks reach a status. It follows the daemon's
// Subscribe stream instead of sending one Wait request, so that it sees every
// change as it happens: tasks added to the group meanwhile, the first failure
// (--status success gives up there, as pueue does), and the steps it prints
// on a terminal.
import {DaemonError} from '../client/client.js';
import {waitCommand} from '../definitions/queue-commands.js';
import type {Task} from '../protocol/model.js';
import {formatTime} from '../shared/format.js';
import type {Styler} from '../shared/style.js';
import {commandStyler} from '../shared/format.js';
import {oneLine} from '../terminal/sanitize.js';
import {exitCodes} from './exit-codes.js';
import {jsonTask, printJson} from './json-output.js';
import {parseCommand} from './parse.js';
import {readSelection} from './selection.js';
import {type WaitEvent, type WaitTarget, WaitWatch} from './wait-watch.js';
import {withClient} from './with-client.js';

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

function idList(tasks: readonly Task[]): string {
	const ids = tasks.map((task) => String(task.id));
	return ids.length > 10 ? `${ids.slice(0, 10).join(', ')}, …` : ids.join(', ');
}

function ending(task: Task, style: Styler): string {
	switch (task.result) {
		case 'Success': {
			return `Task ${task.id} ${style('green', 'succeeded')}`;
		}

		case 'Failed': {
			return `Task ${task.id} ${style('red', task.exitCode === null ? `failed by signal ${task.signal ?? '?'}` : `failed with exit code ${task.exitCode}`)}`;
		}

		case 'FailedToSpawn': {
			return `Task ${task.id} ${style('red', 'failed to spawn')}${task.error ? `: ${oneLine(task.error)}` : ''}`;
		}

		case 'Killed': {
			return `Task ${task.id} ${style('magenta', 'was killed')}`;
		}

		case 'DependencyFailed': {
			return `Task ${task.id} ${style('red', 'did not run: a dependency failed')}`;
		}

		case 'Interrupted': {
			return `Task ${task.id} ${style('magenta', 'was interrupted')} (the daemon stopped while it ran)`;
		}

		case 'WorkerLost': {
			return `Task ${task.id} ${style('magenta', 'was lost with its worker')}`;
		}

		default: {
			return `Task ${task.id} ended (${task.result ?? 'no result'})`;
		}
	}
}

/** One progress line, pueue's words: "12:00:01 - Task 3 changed from Queued to Running". */
export function progressLine(event: WaitEvent, style: Styler, now = Date.now()): string {
	const text =
		event.kind === 'new'
			? `New task ${event.task.id} with status ${event.task.status}`
			: event.kind === 'changed'
				? `Task ${event.task.id} changed from ${event.from} to ${event.task.status}`
				: event.kind === 'ended'
					? ending(event.task, style)
					: `Task ${event.id} was removed`;
	return `${formatTime(now, now)} - ${text}`;
}

/** "Waiting for 3 tasks: 1 running, 2 queued". */
function waitingLine(tasks: readonly Task[], now = Date.now()): string {
	const counts = new Map<string, number>();
	for (const task of tasks) counts.set(task.status.toLowerCase(), (counts.get(task.status.toLowerCase()) ?? 0) + 1);
	const order = ['running', 'paused', 'queued', 'stashed'];
	const parts = [...counts].sort(([a], [b]) => order.indexOf(a) - order.indexOf(b)).map(([status, count]) => `${count} ${status}`);
	return `${formatTime(now, now)} - Waiting for ${plural(tasks.length, 'task')}: ${parts.join(', ')}`;
}

function summary(watch: WaitWatch): string {
	const tasks = watch.tasks();
	if (watch.target === 'queued' || watch.target === 'running') return `${plural(tasks.length, 'task')} ${tasks.length === 1 ? 'is' : 'are'} ${watch.target}.`;
	const done = plural(tasks.filter((task) => task.status === 'Done').length, 'task');
	const failed = watch.failed();
	const unfinished = watch.unreached();
	const failures = failed.map((task) => `${task.id} (${task.result}${task.exitCode ? ` ${task.exitCode}` : ''})`).join(', ');
	const left = unfinished.length > 0 ? `; ${plural(unfinished.length, 'task')} not finished (${idList(unfinished)})` : '';
	return `${done} done${failed.length === 0 ? ', all successful' : `; failed: ${failures}`}${left}.`;
}

export async function run(argv: string[]): Promise<number> {
	const parsed = parseCommand(argv, waitCommand);
	const {flags} = parsed;
	const selection = readSelection(parsed.input, flags, {command: 'wait', required: false});
	const watch = new WaitWatch(selection, flags.status as WaitTarget);
	const progress = Boolean(process.stdout.isTTY) && !flags.quiet && !flags.json;
	const style = commandStyler(parsed);
	const print = (line: string) => {
		if (progress) process.stdout.write(`${line}\n`);
	};

	return withClient(parsed, async (client) => {
		let groups = new Set<string>();
		let synced = false;
		let decided = false;
		let checking = false;
		let settle: (error?: Error) => void = () => {};
		const over = new Promise<void>((resolve, reject) => {
			settle = (error) => {
				decided = true;
				if (error) reject(error);
				else resolve();
			};
		});
		// Checked once per turn, after every message that arrived with it: a batch of changes is judged whole.
		const check = () => {
			if (checking || decided) return;
			checking = true;
			setImmediate(() => {
				checking = false;
				if (!decided && watch.outcome() !== 'waiting') settle();
			});
		};

		const report = (event: WaitEvent | undefined) => {
			if (event && synced && !decided) print(progressLine(event, style));
		};

		const stream = client.stream({type: 'Subscribe'}, (message) => {
			switch (message.type) {
				case 'Snapshot': {
					groups = new Set(message.groups.map((group) => group.name));
					break;
				}

				case 'Tasks': {
					for (const task of message.tasks) watch.put(task);
					break;
				}

				case 'Synced': {
					synced = true;
					const missing = selection.ids?.filter((id) => !watch.has(id)) ?? [];
					if (missing.length > 0) {
						settle(new DaemonError('not_found', `no task ${missing.join(', ')}; \`spool status\` lists the tasks`));
						break;
					}

					if (selection.group !== undefined && !groups.has(selection.group)) {
						settle(new DaemonError('not_found', `no group ${JSON.stringify(selection.group)}; create it with \`spool group add ${selection.group}\``));
						break;
					}

					if (watch.outcome() === 'waiting') print(waitingLine(watch.unreached()));
					check();
					break;
				}

				case 'TaskChanged': {
					report(watch.put(message.task));
					check();
					break;
				}

				case 'TasksRemoved': {
					for (const id of message.ids) report(watch.remove(id));
					check();
					break;
				}

				default: {
					break;
				}
			}
		});
		// Subscribe never ends by itself: an End (or a lost connection) before the outcome is a failure.
		const ended = stream.done.then(() => {
			throw new DaemonError('connection_closed', 'the daemon ended the subscription');
		});
		// Whichever loses the race must not become an unhandled rejection.
		ended.catch(() => {});
		over.catch(() => {});
		try {
			await Promise.race([over, ended]);
		} finally {
			stream.cancel();
		}

		const failed = watch.failed();
		if (flags.json) printJson({tasks: watch.tasks().map((task) => jsonTask(task)), success: failed.length === 0});
		else process.stdout.write(`${summary(watch)}\n`);
		return watch.outcome() === 'failed' ? exitCodes.failed : exitCodes.ok;
	});
}
