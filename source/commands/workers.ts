// `spool workers`: where tasks run — the daemon's own slots ("local") and
// every connected remote worker, with how busy each is.
import {exitCodes} from './exit-codes.js';
import {commandStyler, renderTable, terminalWidth} from './format.js';
import {printJson} from './json-output.js';
import {parseCommand} from './parse.js';
import type {Styler} from './style.js';
import {withClient} from './with-client.js';

const help = `
  Usage
    spool workers

  Lists the places tasks run: "local" (the daemon itself) and each connected
  remote worker, with its state, slots in use out of its total (∞ = no limit)
  and the groups it serves.
`;

export type WorkerInfo = {
	name: string;
	status: string;
	slots: number;
	used: number;
	/** null: serves every group. */
	groups: string[] | null;
};

export function renderWorkers(workers: readonly WorkerInfo[], style: Styler, width: number | undefined): string {
	return renderTable(
		[{header: 'Name'}, {header: 'Status'}, {header: 'Slots', align: 'right'}, {header: 'Groups', shrink: true}],
		workers.map((worker) => [
			worker.name,
			style(worker.status === 'Connected' ? 'green' : 'yellow', worker.status),
			`${worker.used}/${worker.slots === 0 ? '∞' : worker.slots}`,
			worker.groups === null ? style('gray', 'all') : worker.groups.join(', '),
		]),
		{style, width},
	);
}

export async function run(argv: string[]): Promise<number> {
	const parsed = parseCommand(argv, help, {});
	return withClient(parsed, async (client) => {
		const reply = await client.request({type: 'Workers'});
		const workers = (reply.workers ?? []) as WorkerInfo[];
		if (parsed.flags.json) {
			printJson(workers);
			return exitCodes.ok;
		}

		process.stdout.write(renderWorkers(workers, commandStyler(parsed), terminalWidth()));
		return exitCodes.ok;
	});
}
