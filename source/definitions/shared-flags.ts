// Flags and arguments several commands share, and the flags every command
// understands. Written once here; each command's definition lists them.
import type {ArgDef, FlagDef} from './types.js';

export const idsArg = {name: '<ids>', kind: 'ids', help: 'Task ids: 3 5 7-9'} as const satisfies ArgDef;

export const groupFlag = <H extends string>(help: H) => ({long: 'group', short: 'g', value: {kind: 'group', name: 'NAME'}, help}) as const satisfies FlagDef;

/** `-g a -g b`: several groups, collected in order (reset, clean). */
export const groupsFlag = <H extends string>(help: H) => ({...groupFlag(help), multiple: true}) as const satisfies FlagDef;

/** `<ids> | -g <group> | --all`: which tasks a bulk command acts on. */
export const selectionFlags = [groupFlag('Every task of the group'), {long: 'all', short: 'a', help: 'Every task'}] as const satisfies readonly FlagDef[];

export const delayExamples = ['10m, "1h 30m", 18:30, "tomorrow 9:00", wednesday,', '"1d 03:00", "2026-12-01 08:00"; now; never a time gone by'] as const;

export const delayFlag = (verb: string) => ({long: 'delay', short: 'd', value: {kind: 'when', name: 'WHEN'}, help: [`${verb}: ${delayExamples[0]}`, delayExamples[1]]}) as const satisfies FlagDef;

/** log and follow: the task's bytes as they are. */
export const rawFlag = {long: 'raw', help: 'The exact bytes, even on a terminal'} as const satisfies FlagDef;

export const commonFlags = [
	{long: 'home', value: {kind: 'dir', name: 'DIR'}, help: ['Keep everything (socket, secret, database, logs, config) in DIR', '(default: XDG directories; or set SPOOL_HOME)']},
	{long: 'json', help: 'Machine-readable output (see docs/cli-json.md)'},
	{long: 'color', value: {kind: ['auto', 'always', 'never'], name: 'auto|always|never'}, default: 'auto', help: 'Colour the output (default: auto, on a terminal)'},
	{long: 'autostart', negated: true, default: true, help: 'Do not start a daemon when none answers'},
	{long: 'connect', value: {kind: 'text', name: 'HOST:PORT'}, help: 'Talk to a daemon over TLS instead of the local socket'},
	{long: 'cert', value: {kind: 'file', name: 'FILE'}, help: "With --connect: the daemon's certificate to trust"},
	{long: 'fingerprint', value: {kind: 'text', name: 'SHA256'}, help: "With --connect: the daemon's certificate fingerprint to trust"},
	{long: 'secret-file', value: {kind: 'file', name: 'FILE'}, help: "The shared secret (default: the home's secret file)"},
	{long: 'help', short: 'h', help: 'Show this help'},
] as const satisfies readonly FlagDef[];
