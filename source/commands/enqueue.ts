// `spool enqueue`: lets stashed tasks start, now or at a time.
import {describeIds, readSelection, selectionFlags, selectionHelp} from './selection.js';
import {runSimple} from './simple-request.js';
import {parseWhen} from '../shared/when.js';

const help = `
  Usage
    spool enqueue <ids> | -g <group> | --all [-d DELAY]

  Options
${selectionHelp}    -d, --delay WHEN       Enqueue later: 10m, 2h30m, 18:30, "tomorrow 9:00", 2026-12-01T08:00
`;

export async function run(argv: string[]): Promise<number> {
	return runSimple(
		argv,
		help,
		{...selectionFlags, delay: {type: 'string', shortFlag: 'd'}},
		({input, flags}) => ({
			type: 'Enqueue',
			...readSelection(input, flags, {command: 'enqueue'}),
			...(flags.delay ? {at: parseWhen(flags.delay)} : {}),
		}),
		(reply, {flags}) => `Enqueued ${describeIds(reply.ids)}${flags.delay ? ` from ${new Date(parseWhen(flags.delay)).toLocaleString()}` : ''}.`,
	);
}
