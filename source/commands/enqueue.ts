// `spool enqueue`: lets stashed tasks start, now or at a time.
import {describeIds, readSelection, selectionFlags, selectionHelp} from './selection.js';
import {runSimple} from './simple-request.js';
import {formatDate} from '../shared/format.js';
import {parseWhen} from '../shared/when.js';

const help = `
  Usage
    spool enqueue <ids> | -g <group> | --all [-d DELAY]

  Options
${selectionHelp}    -d, --delay WHEN       Enqueue later: 10m, "1h 30m", 18:30, "tomorrow 9:00", wednesday,
                           "1d 03:00", "2026-12-01 08:00"; now; never a time gone by
`;

export async function run(argv: string[]): Promise<number> {
	// Parsed once: the time sent is the time printed.
	let at: number | undefined;
	return runSimple(
		argv,
		help,
		{...selectionFlags, delay: {type: 'string', shortFlag: 'd'}},
		({input, flags}) => {
			at = flags.delay ? parseWhen(flags.delay) : undefined;
			return {type: 'Enqueue', ...readSelection(input, flags, {command: 'enqueue'}), ...(at === undefined ? {} : {at})};
		},
		(reply) => `Enqueued ${describeIds(reply.ids)}${at === undefined ? '' : ` from ${formatDate(at)}`}.`,
	);
}
