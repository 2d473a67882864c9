// `spool workers`: where tasks run — the daemon's own slots ("local") and
// every remote worker it knows, with its state and how busy it is.
import {workersCommand} from '../definitions/daemon-commands.js';
import type {WorkerEntry} from '../protocol/model.js';
import {exitCodes} from './exit-codes.js';
import {commandStyler, formatDuration, formatTime, renderTable, terminalWidth} from '../shared/format.js';
import {printJson, replyJson} from './json-output.js';
import {parseCommand} from './parse.js';
import type {StyleName, Styler} from '../shared/style.js';
import {withClient} from './with-client.js';

const statusStyles: Record<string, StyleName> = {Connected: 'green', Reconnecting: 'yellow', Leaving: 'yellow', Lost: 'red'};

export function renderWorkers(workers: readonly WorkerEntry[], style: Styler, width: number | undefined, now = Date.now()): string {
	if (workers.length === 0) return 'No workers: the daemon runs no local tasks and no remote worker is connected.\n';
	const dash = style('gray', '-');
	return renderTable(
		[
			{header: 'Name'},
			{header: 'Status'},
			{header: 'Host', shrink: true},
			{header: 'Slots', align: 'right'},
			{header: 'CPUs', align: 'right'},
			{header: 'Load', align: 'right'},
			{header: 'Groups', shrink: true},
			{header: 'Connected'},
			{header: 'Last heard', align: 'right'},
		],
		workers.map((worker) => [
			worker.name,
			style(statusStyles[worker.status] ?? 'yellow', worker.status),
			worker.host ?? dash,
			`${worker.used}/${worker.slots === 0 ? '∞' : worker.slots}`,
			worker.cpus === null || worker.cpus === undefined ? dash : String(worker.cpus),
			worker.load === null || worker.load === undefined ? dash : worker.load.toFixed(2),
			worker.groups === null ? style('gray', 'all') : worker.groups.join(', '),
			worker.connectedAt === null || worker.connectedAt === undefined ? dash : formatTime(worker.connectedAt, now),
			worker.lastHeard === null || worker.lastHeard === undefined ? dash : `${formatDuration(now - worker.lastHeard)} ago`,
		]),
		{style, width},
	);
}

export async function run(argv: string[]): Promise<number> {
	const parsed = parseCommand(argv, workersCommand);
	return withClient(parsed, async (client) => {
		const reply = await client.request({type: 'Workers'});
		const {workers} = reply;
		if (parsed.flags.json) {
			printJson(replyJson(reply));
			return exitCodes.ok;
		}

		process.stdout.write(renderWorkers(workers, commandStyler(parsed), terminalWidth()));
		return exitCodes.ok;
	});
}
