// Every command spool has, in the order `spool --help` lists them, and how
// a typed name (or alias) finds its definition.
import leven from 'leven';
import {controlCommands} from './control-commands.js';
import {daemonCommands} from './daemon-commands.js';
import {queueCommands} from './queue-commands.js';
import type {CommandDef} from './types.js';

export const allCommands: readonly CommandDef[] = [...queueCommands, ...controlCommands, ...daemonCommands];

const byName = new Map<string, CommandDef>();
for (const command of allCommands) {
	byName.set(command.name, command);
	for (const alias of command.aliases ?? []) byName.set(alias, command);
}

/** The definition a typed command name or alias means, if any. */
export function findCommand(name: string): CommandDef | undefined {
	return byName.get(name);
}

/** The closest of `candidates` to `word`, when it is close enough to be a typo of it. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
	let best: string | undefined;
	let bestDistance = Number.POSITIVE_INFINITY;
	for (const candidate of candidates) {
		const d = leven(word.toLowerCase(), candidate);
		if (d < bestDistance) {
			best = candidate;
			bestDistance = d;
		}
	}

	// A swap costs 2 (pasue -> pause); short words get 1, so "xy" suggests nothing silly.
	const limit = word.length < 4 ? 1 : Math.max(2, Math.floor(word.length / 3));
	return best !== undefined && bestDistance <= limit ? best : undefined;
}

/** Every name a command can be typed as. */
export const commandNames = (): string[] => [...byName.keys()];
