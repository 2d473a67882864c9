// The command definitions are the one source of flags and help: they must be
// consistent (no flag named twice, every flag explained), and the scanner
// must read options the way users type them.
import {describe, expect, it} from 'vitest';
import {allCommands, closest, findCommand} from '../../source/definitions/all-commands.js';
import {commandHelp} from '../../source/definitions/help-text.js';
import {ArgError, scanArgs} from '../../source/definitions/scan-args.js';
import {commonFlags} from '../../source/definitions/shared-flags.js';
import type {FlagDef} from '../../source/definitions/types.js';

describe('definitions', () => {
	it.each(allCommands.map((command) => [command.name, command] as const))('%s: no flag or short form twice (with the common ones), each with help', (_name, command) => {
		const flags: readonly FlagDef[] = [...command.flags, ...commonFlags];
		const longs = flags.map((flag) => flag.long);
		const shorts = flags.flatMap((flag) => (flag.short ? [flag.short] : []));
		expect(new Set(longs).size).toBe(longs.length);
		expect(new Set(shorts).size).toBe(shorts.length);
		for (const flag of flags) expect(String(flag.help).length).toBeGreaterThan(3);
		expect(command.usage.length).toBeGreaterThan(0);
		const help = commandHelp(command);
		for (const flag of command.flags) expect(help).toContain(`--${flag.negated ? 'no-' : ''}${flag.long}`);
	});

	it('finds commands by name and alias, and suggests near names', () => {
		expect(findCommand('rm')?.name).toBe('remove');
		expect(findCommand('ls')?.name).toBe('status');
		expect(closest('statsu', ['status', 'start', 'stash'])).toBe('status');
		expect(closest('resatrt', ['restart', 'reset'])).toBe('restart');
		expect(closest('zzz', ['status'])).toBeUndefined();
	});
});

describe('scanArgs', () => {
	const add = findCommand('add')!;
	const scan = (...words: string[]) => scanArgs(words, add, [...add.flags, ...commonFlags], {name: 'add', helpHint: 'spool add --help'});

	it('reads clusters, attached values, --x=y, --no-x and negative numbers', () => {
		const scanned = scan('-si', '-gbuild', '--label=a=b', '-o', '-3', '--no-autostart', 'make', '-k');
		expect(scanned.values).toMatchObject({stashed: true, immediate: true, group: 'build', label: 'a=b', priority: -3, autostart: false});
		expect(scanned.command).toEqual(['make', '-k']);
		expect(scanned.canonical).toEqual(['--stashed', '--immediate', '--group=build', '--label=a=b', '--priority=-3', '--no-autostart']);
	});

	it('collects a flag given several times', () => {
		expect(scan('-a', '1', '-a', '2-3', 'true').values.after).toEqual(['1', '2-3']);
		expect(scan('true').values.after).toEqual([]);
	});

	it('stops at --help, before any error later on', () => {
		expect(scan('-s', '--help', '--bogus').help).toBe(true);
		expect(scan('-sh').help).toBe(true);
	});

	it('refuses what it cannot read, saying what was wrong', () => {
		expect(() => scan('--bogus')).toThrow(ArgError);
		expect(() => scan('-x', 'ls')).toThrow('unknown option -x for "add"');
		expect(() => scan('--stashed=yes', 'ls')).toThrow('--stashed takes no value');
		expect(() => scan('--color', 'pink', 'ls')).toThrow('--color takes one of auto, always, never, not "pink"');
		expect(() => scan('-o', '1.5', 'ls')).toThrow('-o takes a whole number');
		expect(() => scan('--cwd', '', 'ls')).toThrow('--cwd needs a value that is not empty');
		expect(() => scan('-g', 'a', '--group', 'b', 'ls')).toThrow('--group is given twice (a, then b); give it once');
		expect(() => scan('-s', '-s', 'ls')).not.toThrow();
	});
});
