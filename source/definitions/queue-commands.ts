// The commands that add, show and change tasks.
import {delayFlag, groupFlag, groupsFlag, idsArg, rawFlag, selectionFlags} from './shared-flags.js';
import type {CommandDef} from './types.js';

const terminalFilter = `On a terminal the output is filtered: colours, \\r, tabs and moves within a
line pass; titles, clipboard writes (OSC), queries, mode and screen changes
and other control characters are dropped. To a pipe or file, and with
--raw, the task's bytes are written exactly as it printed them.`;

export const addCommand = {
	name: 'add',
	section: 'queue',
	summary: 'Add a command to the queue',
	usage: ['add [options] <command...>', 'add [options] -- <command...>', 'add [options] --stdin | --from FILE'],
	description: `Queues the command; it runs with this shell's environment and working
directory. Everything from the first word that is not one of the options
below is the command, exactly as typed: \`spool add ls -la\` queues "ls -la".
Use "--" when the command itself starts with a dash. A working directory
that does not exist on the daemon's machine is refused (exit 2), unless the
daemon runs no tasks itself (daemon.local_tasks false): remote workers may
have other directories than the daemon.`,
	args: [{name: '<command...>', kind: 'command'}],
	flags: [
		groupFlag('Group to queue in (default: default)'),
		{long: 'after', short: 'a', value: {kind: 'ids', name: 'IDS'}, multiple: true, help: 'Start only after these tasks succeeded (3,5 or 3-5)'},
		{long: 'priority', short: 'o', value: {kind: 'integer', name: 'N'}, help: 'Higher runs first (default 0)'},
		{long: 'label', short: 'l', value: {kind: 'text', name: 'TEXT'}, help: 'A label to find it by'},
		delayFlag('Queue later'),
		{long: 'stashed', short: 's', help: 'Add stashed: it waits for `spool enqueue`'},
		{long: 'immediate', short: 'i', help: "Start now, whatever the group's slots"},
		{long: 'follow', short: 'f', help: 'Follow its output (after it starts); the "New task added" line then goes to stderr'},
		{long: 'cwd', short: 'w', value: {kind: 'dir', name: 'DIR'}, help: 'Working directory (default: the current one)'},
		{long: 'escape', short: 'e', help: 'Quote the arguments instead of joining them as shell text'},
		{long: 'print-task-id', short: 'p', help: 'Print only the id'},
		{long: 'stdin', help: 'One command per line from standard input (one request)'},
		{long: 'from', value: {kind: 'file', name: 'FILE'}, help: 'One command per line from FILE'},
	],
	takesCommand: true,
	examples: ['spool add make -j4', 'spool add -g gpu -l nightly python3 train.py --epochs 3', 'spool add -a 3 -- ./deploy.sh --prod', "spool add -d '5 minutes' -- rsync -a src/ dst/"],
	palette: true,
} as const satisfies CommandDef;

export const statusCommand = {
	name: 'status',
	aliases: ['ls', 'st'],
	section: 'queue',
	summary: 'Show tasks and groups',
	usage: ['status [<ids>] [query…] [-g group]'],
	description: `Shows every group and its tasks. A query filters and orders them (pueue's words;
words combine with "and"; quote those with < or > for the shell):
  3 5 7-9                   Only these tasks (with --json, with their environments)
  columns=id,status,command Only these columns, in this order: id, status, priority,
                            after, enqueue_at, label, command, path, start, end,
                            duration, worker
  status=failed,running     Queued, stashed, locked, running, paused, done, success,
                            failed
  status!=success           None of these
  label=nightly             Label is exactly this; label!=… is not; label%=… contains
                            (ignoring case)
  command=…, command!=…     Command is, is not exactly this; command%=make contains
  group=gpu, group!=gpu     Only this group (like -g); every group but this one
  'start>10:00'             Started after 10:00 today; < before, = within, != outside.
                            Also end, enqueued, created; a time is a day (2026-12-01,
                            today, yesterday), a minute (10:00, '2026-12-01 10:00') or
                            a second (10:00:30): > is after all of it, < before it
  order_by start desc       By id, priority, status, label, command, path, created,
                            enqueue_at, start or end
  first 10 / last 10        Only the first or last N tasks (after the filters)`,
	args: [{name: '[query…]', kind: 'query'}],
	flags: [groupFlag('Only this group')],
	words: ['columns=', 'status=', 'status!=', 'label=', 'label!=', 'label%=', 'command=', 'command!=', 'command%=', 'group=', 'group!=', 'order_by', 'first', 'last'],
	examples: [
		'spool status status=failed',
		'spool status label%=nightly order_by end desc first 5',
		"spool status columns=id,status,command,end 'end>yesterday' status!=success",
		'spool status 4 --json',
	],
	palette: true,
} as const satisfies CommandDef;

export const logCommand = {
	name: 'log',
	section: 'queue',
	summary: "Show tasks' output",
	usage: ['log [<ids> | -g <group> | --all] [-n N] [--full] [--plain | --raw] [--[no-]header] [--json]'],
	description: `Prints the output of the tasks (default: every task). One task: its whole
log; several: the last 15 lines of each, unless --full or --lines.

On a terminal each task's log starts with a header: its id and result (the
exit code, the signal, or why: which dependency failed, why it could not
spawn, what happened to its worker), command, label, group, path, worker,
start, end and duration, and "(last N lines of M)" when lines were left out.
To a pipe or file there is no header, so the bytes are the task's own;
--header prints it there too, --no-header leaves it out on a terminal.

--plain prints what a terminal would end up showing, as plain text: no
colours or other escape sequences, and a line redrawn with \\r or
backspace (progress bars, spinners) only in its final state. For grep and
for programs; the same on a terminal, a pipe and in --json.

${terminalFilter}

--json: {"tasks": [{"task", "durationMs", "lines", "plain", "output"}]},
task being the task object of every --json (docs/cli-json.md) and output
the log as UTF-8 text (after --plain if given).`,
	args: [idsArg],
	flags: [
		...selectionFlags,
		{long: 'lines', short: 'n', value: {kind: 'integer', name: 'N'}, help: 'Only the last N lines of each task'},
		{long: 'full', help: 'Everything, even for several tasks'},
		{long: 'plain', short: 'p', help: 'Plain text: no escape sequences, \\r progress in its final state'},
		rawFlag,
		{long: 'header', help: ['The header even to a pipe or file;', '--no-header: not even on a terminal']},
	],
	examples: ['spool log 3', 'spool log -n 20 --plain 3 | grep -i error', 'spool log --json --plain 3'],
	palette: true,
} as const satisfies CommandDef;

export const followCommand = {
	name: 'follow',
	section: 'queue',
	summary: "Follow tasks' output live",
	usage: ['follow [<ids>] [-n N] [--raw]'],
	description: `Prints the tasks' output as it comes, from the start (or the last N lines),
and waits for queued tasks to start. With several tasks each line is
prefixed with its id. Without ids: the running task (asks which if several).
Ends when the tasks end (Ctrl-C stops following; the tasks go on).

${terminalFilter}`,
	args: [idsArg],
	flags: [{long: 'lines', short: 'n', value: {kind: 'integer', name: 'N'}, help: 'Start N lines back'}, rawFlag],
	noJson: 'follow prints the output as it comes; for JSON, `spool log --json` reads it and `spool wait --json` waits for the end',
	palette: true,
} as const satisfies CommandDef;

export const waitCommand = {
	name: 'wait',
	section: 'queue',
	summary: 'Wait until tasks are done',
	usage: ['wait [<ids> | -g <group> | --all] [--status queued|running|done|success] [-q]'],
	description: `Waits until every task in scope reached the status (default: done). The
scope is the given tasks; or a group, or every task (without ids), and
then tasks added while it waits count too: it returns once none of them is
left unfinished. With --status success it exits 1 as soon as one failed.

On a terminal it prints a line for each change (a new task, a start, an
end); without one, or with --quiet, only the summary at the end.`,
	args: [idsArg],
	flags: [
		...selectionFlags,
		{long: 'status', value: {kind: ['queued', 'running', 'done', 'success'], name: 'S'}, default: 'done', help: 'queued, running, done or success'},
		{long: 'quiet', short: 'q', help: 'No progress lines, even on a terminal'},
	],
} as const satisfies CommandDef;

export const editCommand = {
	name: 'edit',
	section: 'queue',
	summary: 'Change tasks that are not running',
	usage: ['edit <ids> [--cwd DIR] [--label L] [--priority N] [--after IDS] [--command X]'],
	description: `Changes queued, stashed or finished tasks (not running ones). Options change
every task given. With no option it opens $VISUAL or $EDITOR (else vi) on
one file with the fields of every task (a block per task, from its "task:"
line) and sends what you changed; the command you write there is kept
exactly as written. Meanwhile the queued and stashed ones are locked: they
do not start, and no one else changes them, until the editor exits.`,
	args: [idsArg],
	flags: [
		{long: 'cwd', value: {kind: 'dir', name: 'DIR'}, help: 'The new working directory (relative to the current one; checked as by add)'},
		{long: 'label', value: {kind: 'text', name: 'L'}, help: "The new label; --label '' removes it"},
		{long: 'priority', value: {kind: 'text', name: 'N'}, help: 'The new priority (higher starts first; may be negative)'},
		// Text, not ids: --after '' (no dependencies) must get through the scanner.
		{long: 'after', value: {kind: 'text', name: 'IDS'}, help: "The tasks it waits for instead (3,5 or 3-5); --after '' removes them"},
		{long: 'command', value: {kind: 'text', name: 'X'}, help: "The new command, as one word: quote it (--command 'make test')"},
	],
	examples: ["spool edit 3 --command 'make test' --priority 5", 'spool edit 4-6 --after 3', 'EDITOR=nano spool edit 3 7'],
	palette: true,
} as const satisfies CommandDef;

export const envCommand = {
	name: 'env',
	section: 'queue',
	summary: "Show a task's environment; set or unset a queued task's variables",
	usage: ['env show <id>', 'env set <id> <KEY> <value>', 'env unset <id> <KEY>'],
	description: `show prints the environment a task starts (or started) with, as KEY=value
lines sorted by name (with --json, one object). set and unset change it for
a queued or stashed task.`,
	args: [
		{name: 'show|set|unset', kind: 'text'},
		{name: '<id>', kind: 'id'},
	],
	flags: [],
	words: ['show', 'set', 'unset'],
	examples: ['spool env show 4', 'spool env set 4 RUST_LOG debug'],
	palette: true,
} as const satisfies CommandDef;

export const switchCommand = {
	name: 'switch',
	section: 'queue',
	summary: 'Swap two queued tasks',
	usage: ['switch <id> <id>'],
	description: `Swaps two queued or stashed tasks: each takes the other's id (and so its
place in the queue); dependencies follow.`,
	args: [{name: '<id> <id>', kind: 'ids'}],
	flags: [],
	palette: true,
} as const satisfies CommandDef;

export const removeCommand = {
	name: 'remove',
	aliases: ['rm'],
	section: 'queue',
	summary: 'Remove tasks and their logs',
	usage: ['remove <ids>'],
	description: `Removes tasks that are not running, and their logs. A task another
unfinished task waits for can only go together with it. Of the ids given,
those that can go are removed and the others named, with why (exit 1).`,
	args: [idsArg],
	flags: [],
	palette: true,
} as const satisfies CommandDef;

export const cleanCommand = {
	name: 'clean',
	section: 'queue',
	summary: 'Remove finished tasks',
	usage: ['clean [-s] [-g group]…'],
	description: 'Removes finished tasks and their logs (tasks an unfinished task waits for stay).',
	flags: [{long: 'successful-only', short: 's', help: 'Only tasks that succeeded'}, groupsFlag('Only this group (repeat for several)')],
	palette: true,
} as const satisfies CommandDef;

export const resetCommand = {
	name: 'reset',
	section: 'queue',
	summary: 'Kill everything and remove all tasks',
	usage: ['reset [-g group]… [--force]'],
	description: `Kills every running task and removes every task and its log (only the
groups' with -g, which may be given several times). Asks first when run in
a terminal, unless --force.`,
	flags: [groupsFlag('Only this group (repeat for several)'), {long: 'force', short: 'f', help: 'Do not ask'}],
	palette: true,
} as const satisfies CommandDef;

export const queueCommands: readonly CommandDef[] = [
	addCommand,
	statusCommand,
	logCommand,
	followCommand,
	waitCommand,
	editCommand,
	envCommand,
	switchCommand,
	removeCommand,
	cleanCommand,
	resetCommand,
];
