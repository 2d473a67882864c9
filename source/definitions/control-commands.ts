// The commands that start, stop and steer tasks and groups.
import {delayFlag, groupFlag, idsArg, selectionFlags} from './shared-flags.js';
import type {CommandDef} from './types.js';

export const signalNames = ['SIGTERM', 'SIGKILL', 'SIGINT', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2', 'SIGSTOP', 'SIGCONT'] as const;

export const startCommand = {
	name: 'start',
	section: 'control',
	summary: 'Resume groups or tasks; force-start queued tasks',
	usage: ['start [<ids> | -g <group> | --all]'],
	description: `With ids, resumes paused tasks and starts queued or stashed ones right away
(whatever their group's slots). With a group (default: "default") or --all,
resumes the group(s) and their paused tasks.`,
	args: [idsArg],
	flags: selectionFlags,
	palette: true,
} as const satisfies CommandDef;

export const pauseCommand = {
	name: 'pause',
	section: 'control',
	summary: 'Pause groups or tasks',
	usage: ['pause [<ids> | -g <group> | --all] [--wait]'],
	description: `With ids, stops those running tasks. With a group (default: "default") or
--all, pauses the group(s): nothing new starts, and running tasks stop too
unless --wait lets them finish.`,
	args: [idsArg],
	flags: [...selectionFlags, {long: 'wait', short: 'w', help: 'Let running tasks of the group finish'}],
	palette: true,
} as const satisfies CommandDef;

export const killCommand = {
	name: 'kill',
	section: 'control',
	summary: 'Kill running tasks',
	usage: ['kill [<ids> | -g <group> | --all] [-s SIGNAL]'],
	description: `Sends the signal to each task's whole process group (default SIGTERM, then
SIGKILL after the grace period). The tasks end as Killed. Without ids or
-g: the running tasks of the group "default". Killing a group (or --all,
or no ids) also pauses each group where tasks still wait, as pueue does, so
none starts in the freed slot (\`spool start -g NAME\` resumes it); killing
by ids pauses nothing.`,
	args: [idsArg],
	flags: [...selectionFlags, {long: 'signal', short: 's', value: {kind: 'signal', name: 'NAME'}, help: 'TERM, INT, KILL, HUP, USR1, … (default TERM)'}],
	palette: true,
} as const satisfies CommandDef;

export const restartCommand = {
	name: 'restart',
	section: 'control',
	summary: 'Run finished tasks again',
	usage: ['restart <ids> [-i] [-s] [-k] [-e]', 'restart --all-failed [-g group]'],
	description: `Runs finished tasks again: as new tasks (default) or in place (same id,
its old log is replaced).`,
	args: [idsArg],
	flags: [
		{long: 'all-failed', help: 'Every task that did not succeed (of the group with -g)'},
		groupFlag('With --all-failed: only this group'),
		{long: 'in-place', short: 'i', help: 'Reuse the task instead of adding a new one'},
		{long: 'stashed', short: 's', help: 'Stash the restarted tasks instead of queueing them'},
		{long: 'immediate', short: 'k', help: 'Start them right away'},
		{long: 'edit', short: 'e', help: ['Edit its command, cwd, label and priority first (one task;', 'in $VISUAL or $EDITOR, as `spool edit` does)']},
	],
	palette: true,
} as const satisfies CommandDef;

export const stashCommand = {
	name: 'stash',
	section: 'control',
	summary: 'Keep queued tasks from starting',
	usage: ['stash <ids> | -g <group> | --all [-d WHEN]'],
	description: `Stashed tasks do not start until \`spool enqueue\`, or with --delay until
the time given, when they are enqueued by themselves.`,
	args: [idsArg],
	flags: [...selectionFlags, delayFlag('Enqueue them then')],
	palette: true,
} as const satisfies CommandDef;

export const enqueueCommand = {
	name: 'enqueue',
	section: 'control',
	summary: 'Let stashed tasks start (now or later)',
	usage: ['enqueue <ids> | -g <group> | --all [-d DELAY]'],
	args: [idsArg],
	flags: [...selectionFlags, delayFlag('Enqueue later')],
	palette: true,
} as const satisfies CommandDef;

export const sendCommand = {
	name: 'send',
	section: 'control',
	summary: 'Send input to a running task',
	usage: ['send <id> <input>'],
	description: `Writes the input to the task's terminal, followed by a newline unless
--no-newline. Escapes like \\n or \\x03 are not interpreted; use $'…' in your shell.`,
	args: [{name: '<id>', kind: 'id'}],
	flags: [{long: 'newline', negated: true, default: true, help: 'Do not add a newline'}],
	palette: true,
} as const satisfies CommandDef;

export const groupCommand = {
	name: 'group',
	section: 'control',
	summary: 'List, add or remove groups',
	usage: [
		'group                        List groups, their state and parallel slots',
		'group add <name> [-p N]      Add a group (N tasks at once; 0 = unlimited)',
		'group remove <name>          Remove a group without unfinished tasks',
		'                                   (its finished tasks move to "default")',
	],
	flags: [{long: 'parallel', short: 'p', value: {kind: 'integer', name: 'N'}, help: "With add: how many of its tasks run at once (default: the daemon's default_parallel)"}],
	words: ['add', 'remove'],
	examples: ['spool group add gpu -p 2', 'spool add -g gpu -- python train.py'],
	palette: true,
} as const satisfies CommandDef;

export const parallelCommand = {
	name: 'parallel',
	section: 'control',
	summary: 'Set how many tasks of a group run at once',
	usage: ['parallel <n> [-g group]'],
	description: `Sets how many tasks of the group (default: "default") may run at once; 0
means no limit.`,
	args: [{name: '<n>', kind: 'text'}],
	flags: [groupFlag('The group (default: default)')],
	palette: true,
} as const satisfies CommandDef;

export const controlCommands: readonly CommandDef[] = [startCommand, pauseCommand, killCommand, restartCommand, stashCommand, enqueueCommand, sendCommand, groupCommand, parallelCommand];
