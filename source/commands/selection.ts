// Which tasks a bulk command means: ids (lists and ranges), a group (-g), or
// everything (--all). Nothing at all is a usage error, never "all" by accident.
import {usageError} from './exit-codes.js';
import {parseIds} from '../shared/ids.js';

export type Selection = {ids?: number[]; group?: string; all?: boolean};

export function readSelection(input: readonly string[], flags: {group?: string | undefined; all?: boolean | undefined}, {command, required = true}: {command: string; required?: boolean}): Selection {
	const ids = parseIds(input);
	if (ids.length > 0) return {ids};
	if (flags.group !== undefined) return {group: flags.group};
	if (flags.all) return {all: true};
	if (required) throw usageError(`say which tasks: spool ${command} <ids> | -g <group> | --all`);
	return {};
}

/** "task 3", "tasks 3, 4 and 7", or a fallback when the daemon touched none. */
export function describeIds(ids: readonly number[], none = 'no task'): string {
	if (ids.length === 0) return none;
	if (ids.length === 1) return `task ${ids[0]}`;
	const shown = ids.length > 12 ? [...ids.slice(0, 10).map(String), `… (${ids.length} in all)`] : ids.map(String);
	return `tasks ${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
}
