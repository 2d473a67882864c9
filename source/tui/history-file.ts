// The palette's and the input line's history, kept across runs in
// ui-history.json in spool's data directory (docs/configuration.md). A
// missing, unreadable or broken file is an empty history: it never stops
// the UI. Each submitted line re-reads the file and writes it back through a
// temporary file and a rename, so a crash leaves the old file or the new one,
// and two UIs open at once both keep their lines. The file is 0600: input
// sent to tasks can be private (a line that starts with a space is not kept).
import {readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {makeDirectory} from '../shared/home-dirs.js';
import {entryLimit, historyLimit, keeps, remember} from './line-history.js';

export type HistoryKind = 'palette' | 'input';
type Lists = Record<HistoryKind, string[]>;

const kinds: readonly HistoryKind[] = ['palette', 'input'];

/** The lists in `file`, each cleaned of anything that is not a kept line; empty ones when the file is missing or broken. */
function readLists(file: string | undefined): Lists {
	const lists: Lists = {palette: [], input: []};
	if (file === undefined) return lists;
	let parsed: unknown;
	try {
		parsed = JSON.parse(readFileSync(file, 'utf8'));
	} catch {
		return lists;
	}

	if (typeof parsed !== 'object' || parsed === null) return lists;
	for (const kind of kinds) {
		const list: unknown = (parsed as Record<string, unknown>)[kind];
		if (!Array.isArray(list)) continue;
		lists[kind] = list.filter((entry): entry is string => typeof entry === 'string' && entry.length <= entryLimit).slice(-historyLimit);
	}

	return lists;
}

function writeLists(file: string, lists: Lists): void {
	// Not mkdirSync's recursive mode, which can spin for ever (shared/home-dirs.ts).
	makeDirectory(path.dirname(file));
	const temporary = `${file}.${process.pid}.tmp`;
	try {
		writeFileSync(temporary, `${JSON.stringify({version: 1, ...lists}, undefined, '\t')}\n`, {mode: 0o600});
		renameSync(temporary, file);
	} catch (error) {
		rmSync(temporary, {force: true});
		throw error;
	}
}

export class PromptHistory {
	readonly #file: string | undefined;
	readonly #lists: Lists;

	/** The history in `file`; without one, a history of this run only (tests). */
	constructor(file?: string) {
		this.#file = file;
		this.#lists = readLists(file);
	}

	/** Oldest first. */
	entries(kind: HistoryKind): readonly string[] {
		return this.#lists[kind];
	}

	/** Keeps a submitted line. Returns why the file could not be written, if it could not (the line is still kept for this run). */
	add(kind: HistoryKind, entry: string): string | undefined {
		if (!keeps(entry)) return undefined;
		this.#lists[kind] = remember(this.#lists[kind], entry);
		if (this.#file === undefined) return undefined;
		try {
			// What another UI added meanwhile stays.
			const lists = readLists(this.#file);
			lists[kind] = remember(lists[kind], entry);
			writeLists(this.#file, lists);
			return undefined;
		} catch (error) {
			return (error as Error).message;
		}
	}
}
