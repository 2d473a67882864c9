// A flag that takes a value but was given none. meow (yargs-parser) does not
// say so: `-g` at the end becomes "", `-g -s` gives the group "" and sets
// -s, and `-g -- make` takes "--" as the group, so the mistake surfaces
// later as something else (the default group, "no group --") or not at all.
import type {AnyFlags} from 'meow';

const kebab = (name: string) => name.replaceAll(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/** A word that is a value, not a flag: anything not starting with "-", a lone "-", or a negative number. */
const isValue = (word: string) => !word.startsWith('-') || word === '-' || /^-\d/.test(word);

/** The message for the first flag in `argv` that needs a value and has none, or undefined. */
export function missingFlagValue(argv: readonly string[], flags: AnyFlags): string | undefined {
	const labels = new Map<string, string>();
	for (const [name, spec] of Object.entries(flags)) {
		if (spec.type === 'boolean') continue;
		const long = `--${kebab(name)}`;
		const label = spec.shortFlag ? `-${spec.shortFlag}, ${long}` : long;
		labels.set(long, label);
		if (spec.shortFlag) labels.set(`-${spec.shortFlag}`, label);
		for (const alias of spec.aliases ?? []) labels.set(alias.length === 1 ? `-${alias}` : `--${kebab(alias)}`, label);
	}

	for (let index = 0; index < argv.length; index++) {
		const word = argv[index]!;
		if (word === '--') return undefined;
		const label = labels.get(word);
		if (label === undefined) continue;
		const next = argv[index + 1];
		if (next === undefined || next === '--') return `${label} needs a value, right after it; see --help`;
		if (!isValue(next)) {
			const long = label.split(' ').at(-1)!;
			return `${label} needs a value, and ${JSON.stringify(next)} looks like a flag (a value that starts with "-" goes as ${long}=${next})`;
		}

		index++;
	}

	return undefined;
}
