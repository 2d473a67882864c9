// Reads a command's words against its definition: which are spool's options
// (and their values), which are arguments, and, for commands that take a
// command (add), where the task's own words begin: at the first word that is
// not one of spool's options, kept verbatim from there on. One scanner for
// the CLI and the UI's palette, so `add ls -la` means "ls -la" in both.
import {closest} from './all-commands.js';
import type {CommandDef, FlagDef, ValueKind} from './types.js';

export class ArgError extends Error {}

export type FlagValue = string | number | boolean | string[];

export type Scanned = {
	/** --help or -h was among the options: show help and do nothing else. */
	help: boolean;
	/** By camelCase flag name; defaults filled in. */
	values: Record<string, FlagValue>;
	positionals: string[];
	/** The task's command words (takesCommand), verbatim. */
	command: string[];
	/** The options in one canonical form (--long=value, --long, --no-long), for meow. */
	canonical: string[];
};

export const camelCase = (long: string): string => long.replaceAll(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());

const isNumberWord = (word: string) => /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(word);

function checkValue(kind: ValueKind, text: string, shown: string): string | number {
	if (kind === 'integer') {
		if (!/^[+-]?\d+$/.test(text.trim()) || !Number.isSafeInteger(Number(text))) throw new ArgError(`${shown} takes a whole number, not ${JSON.stringify(text)}`);
		return Number(text);
	}

	if (kind === 'number') {
		if (!isNumberWord(text.trim())) throw new ArgError(`${shown} takes a number, not ${JSON.stringify(text)}`);
		return Number(text);
	}

	if (Array.isArray(kind)) {
		const choices = kind as readonly string[];
		if (!choices.includes(text)) throw new ArgError(`${shown} takes one of ${choices.join(', ')}, not ${JSON.stringify(text)}`);
	}

	if (text === '' && kind !== 'text') throw new ArgError(`${shown} needs a value that is not empty`);
	return text;
}

type Options = {
	/** The command's name as the user typed it, for messages. */
	name: string;
	/** How to see the help, for messages: 'spool add --help'. */
	helpHint: string;
};

/**
 * Scans `words` (everything after the command's name) against `flags`. Throws
 * ArgError with a message fit for the user on unknown options and missing or
 * bad values.
 */
export function scanArgs(words: readonly string[], command: Pick<CommandDef, 'takesCommand'>, flags: readonly FlagDef[], {name, helpHint}: Options): Scanned {
	const byLong = new Map(flags.map((flag) => [flag.long, flag]));
	const byShort = new Map(flags.filter((flag) => flag.short).map((flag) => [flag.short!, flag]));
	const scanned: Scanned = {help: false, values: {}, positionals: [], command: [], canonical: []};
	// The last text value taken from its own word, and where: an unknown option
	// right after it is likely part of it (`edit 3 --command ls -la`).
	let lastText: {shown: string; text: string; at: number} | undefined;
	const unknown = (shown: string, candidates: string[], at: number) => {
		const near = closest(shown, candidates);
		const word = words[at]!;
		const quoteHint =
			lastText && lastText.at === at - 1 ? `; if ${word} belongs to ${lastText.shown}, quote the whole value: ${lastText.shown} '${`${lastText.text} ${word}`.replaceAll("'", "'\\''")}'` : '';
		return new ArgError(`unknown option ${shown} for "${name}"${near ? ` (did you mean ${near}?)` : ''}${quoteHint}; see '${helpHint}'`);
	};

	const set = (flag: FlagDef, value: string | number | boolean) => {
		const key = camelCase(flag.long);
		if (flag.multiple) {
			const list = (scanned.values[key] as string[] | undefined) ?? [];
			list.push(String(value));
			scanned.values[key] = list;
		} else {
			// meow would throw on a repeat; and which of two values was meant is not ours to guess.
			const earlier = scanned.values[key];
			if (flag.value && earlier !== undefined) throw new ArgError(`--${flag.long} is given twice (${earlier}, then ${value}); give it once`);
			scanned.values[key] = value;
		}
		scanned.canonical.push(typeof value === 'boolean' ? `--${value ? '' : 'no-'}${flag.long}` : `--${flag.long}=${value}`);
	};

	// A value may start with a dash (-o -5, --label -x-) unless it is one of our options: `add -g -s` forgot the group.
	const takeValue = (flag: FlagDef, shown: string, index: number): string => {
		const next = words[index];
		if (next === undefined || next === '--') throw new ArgError(`${shown} needs a value (${flag.value!.name}); see '${helpHint}'`);
		const looksLikeOption = next.startsWith('-') && next !== '-' && !isNumberWord(next) && (byLong.has(next.slice(2).split('=')[0]!) || byShort.has(next[1]!));
		if (looksLikeOption) throw new ArgError(`${shown} needs a value (${flag.value!.name}); see '${helpHint}'`);
		return next;
	};

	for (let index = 0; index < words.length; index++) {
		const word = words[index]!;
		if (word === '--') {
			const rest = words.slice(index + 1);
			if (command.takesCommand) scanned.command = [...rest];
			else scanned.positionals.push(...rest);
			break;
		}

		if (word === '--help' || (word === '-h' && byShort.get('h')?.long === 'help')) {
			scanned.help = true;
			return scanned;
		}

		if (word.startsWith('--')) {
			const [rawName, inline] = word.includes('=') ? [word.slice(2, word.indexOf('=')), word.slice(word.indexOf('=') + 1)] : [word.slice(2), undefined];
			let flag = byLong.get(rawName);
			let on = true;
			if (!flag && rawName.startsWith('no-')) {
				const positive = byLong.get(rawName.slice(3));
				if (positive && !positive.value) {
					flag = positive;
					on = false;
				}
			}

			if (!flag)
				throw unknown(
					`--${rawName}`,
					flags.map((item) => `--${item.negated ? 'no-' : ''}${item.long}`),
					index,
				);
			const shown = `--${flag.long}`;
			if (!flag.value) {
				if (inline !== undefined) throw new ArgError(`${shown} takes no value; see '${helpHint}'`);
				set(flag, on);
				continue;
			}

			const text = inline ?? takeValue(flag, shown, ++index);
			set(flag, checkValue(flag.value.kind, text, shown));
			lastText = inline === undefined && flag.value.kind === 'text' ? {shown, text, at: index} : undefined;
			continue;
		}

		if (word.startsWith('-') && word.length > 1 && !isNumberWord(word)) {
			// A cluster of short options: -si, -g gpu, -ggpu, -n5.
			for (let at = 1; at < word.length; at++) {
				const letter = word[at]!;
				const flag = byShort.get(letter);
				if (!flag) throw unknown(`-${letter}`, [], index);
				if (flag.long === 'help') {
					scanned.help = true;
					return scanned;
				}

				const shown = `-${letter}`;
				if (!flag.value) {
					set(flag, true);
					continue;
				}

				const attached = word.slice(at + 1);
				const text = attached === '' ? takeValue(flag, shown, ++index) : attached;
				set(flag, checkValue(flag.value.kind, text, shown));
				break;
			}

			continue;
		}

		if (command.takesCommand) {
			scanned.command = words.slice(index);
			break;
		}

		scanned.positionals.push(word);
	}

	for (const flag of flags) {
		const key = camelCase(flag.long);
		if (scanned.values[key] !== undefined) continue;
		if (flag.multiple) scanned.values[key] = [];
		else if (flag.default !== undefined) scanned.values[key] = flag.default;
		else if (!flag.value) scanned.values[key] = false;
	}

	return scanned;
}
