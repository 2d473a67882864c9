// Every command with a one-line summary and its main flags, for shell
// completions. Kept apart from cli.ts on purpose: importing cli.ts runs the
// CLI. When a command or flag is added, add it here too
// (test/commands/completions.test.ts checks the names against cli.ts).

/** What a flag's value completes to: files, directories, the daemon's groups, or fixed words. */
export type FlagValue = 'file' | 'dir' | 'group' | 'text' | readonly string[];

export type FlagSpec = {
	long: string;
	short?: string;
	/** Present when the flag takes a value. */
	value?: FlagValue;
	summary: string;
};

export type CommandSpec = {
	name: string;
	summary: string;
	flags: readonly FlagSpec[];
	/** Fixed words the first argument may be (sub-actions, shells, query words). */
	words?: readonly string[];
};

const group: FlagSpec = {long: 'group', short: 'g', value: 'group', summary: 'Only this group'};
const all: FlagSpec = {long: 'all', short: 'a', summary: 'Every task'};
const selection = [{...group, summary: 'Every task of the group'}, all] as const;
const signals = ['SIGTERM', 'SIGKILL', 'SIGINT', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2'] as const;

export const commonFlagList: readonly FlagSpec[] = [
	{long: 'home', value: 'dir', summary: 'Keep everything in this directory'},
	{long: 'json', summary: 'Machine-readable output'},
	{long: 'color', value: ['auto', 'always', 'never'], summary: 'Colour the output'},
	{long: 'no-autostart', summary: 'Do not start a daemon when none answers'},
	{long: 'connect', value: 'text', summary: 'Talk to a daemon over TLS at HOST:PORT'},
	{long: 'cert', value: 'file', summary: "The daemon's certificate to trust"},
	{long: 'fingerprint', value: 'text', summary: "The daemon's certificate fingerprint"},
	{long: 'secret-file', value: 'file', summary: 'The shared secret'},
	{long: 'help', summary: 'Show the help'},
];

export const commandList: readonly CommandSpec[] = [
	{
		name: 'add',
		summary: 'Add a command to the queue',
		flags: [
			{...group, summary: 'Run in this group'},
			{long: 'after', short: 'a', value: 'text', summary: 'Start after these tasks succeeded'},
			{long: 'priority', short: 'o', value: 'text', summary: 'Higher runs first'},
			{long: 'label', short: 'l', value: 'text', summary: 'A label for the task'},
			{long: 'delay', short: 'd', value: 'text', summary: 'Queue it later (30s, 18:30, tomorrow 9:00)'},
			{long: 'stashed', short: 's', summary: 'Keep it from starting until enqueued'},
			{long: 'immediate', short: 'i', summary: 'Start it now'},
			{long: 'follow', short: 'f', summary: 'Follow its output'},
			{long: 'cwd', short: 'w', value: 'dir', summary: 'Run it in this directory'},
			{long: 'escape', short: 'e', summary: 'Quote the arguments for the shell'},
			{long: 'print-task-id', short: 'p', summary: 'Print only the new id'},
			{long: 'stdin', summary: 'Read commands from stdin, one a line'},
			{long: 'from', value: 'file', summary: 'Read commands from a file, one a line'},
		],
	},
	{
		name: 'status',
		summary: 'Show tasks and groups',
		flags: [group],
		words: ['columns=', 'status=', 'status!=', 'label=', 'label!=', 'label%=', 'command=', 'command!=', 'command%=', 'group=', 'group!=', 'order_by', 'first', 'last'],
	},
	{
		name: 'log',
		summary: "Show tasks' output",
		flags: [
			...selection,
			{long: 'lines', short: 'n', value: 'text', summary: 'Only the last N lines'},
			{long: 'full', summary: 'The whole log'},
			{long: 'raw', summary: 'Exact bytes, even on a terminal'},
		],
	},
	{
		name: 'follow',
		summary: "Follow tasks' output live",
		flags: [
			{long: 'lines', short: 'n', value: 'text', summary: 'Start N lines back'},
			{long: 'raw', summary: 'Exact bytes, even on a terminal'},
		],
	},
	{
		name: 'wait',
		summary: 'Wait until tasks are done',
		flags: [
			...selection,
			{long: 'status', value: ['queued', 'running', 'done', 'success'], summary: 'Wait for this state'},
			{long: 'quiet', short: 'q', summary: 'No progress lines, even on a terminal'},
		],
	},
	{name: 'kill', summary: 'Kill running tasks', flags: [...selection, {long: 'signal', short: 's', value: signals, summary: 'Send this signal'}]},
	{name: 'pause', summary: 'Pause groups or tasks', flags: [...selection, {long: 'wait', short: 'w', summary: 'Let running tasks finish'}]},
	{name: 'start', summary: 'Resume groups or tasks; force-start queued tasks', flags: selection},
	{
		name: 'restart',
		summary: 'Run finished tasks again',
		flags: [
			{long: 'all-failed', summary: 'Every failed task'},
			{...group, summary: 'Failed tasks of this group'},
			{long: 'in-place', short: 'i', summary: 'Reuse the task instead of adding a new one'},
			{long: 'stashed', short: 's', summary: 'Restart them stashed'},
			{long: 'immediate', short: 'k', summary: 'Start them now'},
			{long: 'edit', short: 'e', summary: 'Edit the command first'},
		],
	},
	{name: 'remove', summary: 'Remove tasks and their logs', flags: []},
	{name: 'switch', summary: 'Swap two queued tasks', flags: []},
	{name: 'stash', summary: 'Keep queued tasks from starting', flags: [...selection, {long: 'delay', short: 'd', value: 'text', summary: 'Enqueue them later by themselves'}]},
	{name: 'enqueue', summary: 'Let stashed tasks start', flags: [...selection, {long: 'delay', short: 'd', value: 'text', summary: 'Enqueue them later'}]},
	{name: 'send', summary: 'Send input to a running task', flags: [{long: 'no-newline', summary: 'Do not add a newline'}]},
	{
		name: 'edit',
		summary: 'Change a task that is not running',
		flags: [
			{long: 'command', value: 'text', summary: 'The new command'},
			{long: 'cwd', value: 'dir', summary: 'The new working directory'},
			{long: 'label', value: 'text', summary: "The new label ('' removes it)"},
			{long: 'priority', value: 'text', summary: 'The new priority'},
		],
	},
	{name: 'env', summary: 'Set or unset a variable of a queued task', flags: [], words: ['set', 'unset']},
	{
		name: 'group',
		summary: 'List, add or remove groups',
		flags: [{long: 'parallel', short: 'p', value: 'text', summary: 'With add: tasks at once (0 = unlimited)'}],
		words: ['add', 'remove'],
	},
	{name: 'parallel', summary: 'Set how many tasks of a group run at once', flags: [{...group, summary: 'The group (default: default)'}]},
	{
		name: 'clean',
		summary: 'Remove finished tasks',
		flags: [
			{long: 'successful-only', short: 's', summary: 'Only successful ones'},
			{...group, summary: 'Only this group'},
		],
	},
	{
		name: 'reset',
		summary: 'Kill everything and remove all tasks',
		flags: [
			{...group, summary: 'Only this group'},
			{long: 'force', short: 'f', summary: 'Do not ask'},
		],
	},
	{name: 'shutdown', summary: 'Stop the daemon', flags: []},
	{name: 'workers', summary: 'Show where tasks run', flags: []},
	{name: 'completions', summary: 'Print shell completions', flags: [], words: ['bash', 'zsh', 'fish']},
	{name: 'tui', summary: 'Open the full-screen UI', flags: []},
	{
		name: 'daemon',
		summary: 'Run the daemon',
		flags: [
			{long: 'listen', value: 'text', summary: 'Also accept TLS connections at HOST:PORT'},
			{long: 'detach', summary: 'Start in the background'},
			{long: 'quiet', summary: "Do not copy the daemon's log to stderr"},
			{long: 'print-systemd-unit', value: ['user', 'system'], summary: 'Print a systemd unit file'},
		],
	},
	{
		name: 'worker',
		summary: 'Run tasks for a daemon on another machine',
		flags: [
			{long: 'name', value: 'text', summary: 'The name the daemon knows this worker by'},
			{long: 'slots', value: 'text', summary: 'How many tasks it runs at once'},
			{long: 'groups', value: 'text', summary: 'The groups it serves, comma-separated'},
			{long: 'on-stop', value: ['finish', 'kill'], summary: 'On SIGTERM: let tasks finish, or kill them'},
			{long: 'print-systemd-unit', value: ['user', 'system'], summary: 'Print a systemd unit file'},
		],
	},
	{name: 'ping', summary: 'Check that the daemon answers', flags: []},
];
