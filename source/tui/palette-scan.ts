// Reading a `:` palette line with a command's definition: which commands
// the palette takes (those marked `palette`), the CLI's own scanner over the
// words after the name, and the options that were given, as the command
// line shown takes them. What each command then does is palette.ts.
import path from 'node:path';
import {allCommands, closest, findCommand} from '../definitions/all-commands.js';
import {ArgError, camelCase, type Scanned, scanArgs} from '../definitions/scan-args.js';
import type {CommandDef} from '../definitions/types.js';

export class PaletteError extends Error {}

/** The commands the palette takes, by name. */
export const paletteCommands: readonly CommandDef[] = allCommands.filter((command) => command.palette);

/** Palette entries that open a view of the UI instead of doing what a CLI command does (palette.ts, parseUiCommand), with what each shows. */
export const uiCommands: readonly {name: string; usage: string; summary: string}[] = [
	{name: 'details', usage: 'details [id]', summary: 'Show everything about a task (the one under the cursor without an id)'},
];

export type Values = Scanned['values'];
export const text = (values: Values, key: string) => (typeof values[key] === 'string' ? (values[key] as string) : undefined);
export const flag = (values: Values, key: string) => values[key] === true;

/** The words after the verb, read with the command's own definition (the CLI's flags, less the CLI-only ones). */
export function scan(verb: string, rest: readonly string[]): {definition: CommandDef; scanned: Scanned} {
	const definition = findCommand(verb);
	if (!definition?.palette) {
		const names = [...paletteCommands.map((command) => command.name), ...uiCommands.map((command) => command.name)];
		const near = closest(verb, names);
		throw new PaletteError(`unknown command ${JSON.stringify(verb)}${near ? ` (did you mean ${near}?)` : ''}: ${names.join(', ')}`);
	}

	try {
		return {
			definition,
			scanned: scanArgs(
				rest,
				definition,
				definition.flags.filter((item) => !item.cliOnly),
				{name: definition.name, helpHint: `:help ${definition.name}`},
			),
		};
	} catch (error) {
		if (error instanceof ArgError) throw new PaletteError(error.message);
		throw error;
	}
}

/**
 * The options that were given, by long name, as commandLine takes them:
 * defaults and switches left off are not; directories are made absolute
 * from the UI's, as they are sent.
 */
export function givenFlags(definition: CommandDef, values: Values, cwd: string): Record<string, string | number | boolean | string[]> {
	const given: Record<string, string | number | boolean | string[]> = {};
	for (const item of definition.flags) {
		const value = values[camelCase(item.long)];
		if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
		if (item.default !== undefined && value === item.default) continue;
		if (value === false && !item.negated) continue;
		given[item.long] = item.value?.kind === 'dir' && typeof value === 'string' ? path.resolve(cwd, value) : value;
	}

	return given;
}

/** Refuses options that only shape what the CLI prints, which the UI shows its own way. */
export function refuseFlags(definition: CommandDef, values: Values, longs: readonly string[], why: string): void {
	const given = Object.keys(givenFlags(definition, values, '/')).filter((long) => longs.includes(long));
	if (given.length > 0) throw new PaletteError(`${given.map((long) => `--${long}`).join(', ')}: ${why}`);
}
