// Up/Down history of the `:` palette and the `i` input line, as pure
// functions: stepping through earlier lines (the line being typed comes back
// at the bottom, as in a shell) and remembering a submitted one.
// history-file.ts keeps the lists across runs.

/** Where Up/Down has got to: an index into the entries, and what was typed before the first Up. */
export type Recall = {index: number; draft: string};

/** Most lines a list keeps; the oldest go first. */
export const historyLimit = 500;
/** Longer lines (a big paste) are not kept. */
export const entryLimit = 4096;

/** The line one step older (-1, Up) or newer (+1, Down), or undefined at either end. */
export function recallLine(entries: readonly string[], value: string, recall: Recall | undefined, step: -1 | 1): {value: string; recall: Recall | undefined} | undefined {
	const index = Math.min(recall?.index ?? entries.length, entries.length);
	const next = index + step;
	if (next < 0 || next > entries.length) return undefined;
	const draft = recall?.draft ?? value;
	if (next === entries.length) return {value: draft, recall: undefined};
	return {value: entries[next]!, recall: {index: next, draft}};
}

/**
 * Whether a submitted line is kept: not a blank one, not an over-long one,
 * and not one that starts with a space — as bash's `ignorespace`, the way to
 * send a password to a task without it landing in the history file.
 */
export const keeps = (entry: string): boolean => entry.trim() !== '' && !/^\s/.test(entry) && entry.length <= entryLimit;

/** `entries` with `entry` as the newest (an earlier copy of it dropped), at most `limit` long. */
export function remember(entries: readonly string[], entry: string, limit = historyLimit): string[] {
	if (!keeps(entry)) return [...entries];
	return [...entries.filter((existing) => existing !== entry), entry].slice(-limit);
}
