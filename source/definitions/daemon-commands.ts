// The commands that run, stop and inspect the daemon and its workers, and
// the ones about spool itself (completions, the UI, help).
import type {CommandDef, FlagDef} from './types.js';

const systemdUnitFlag = {long: 'print-systemd-unit', help: 'Print a systemd unit file (user, or system) and exit', cliOnly: true} as const satisfies FlagDef;

export const completionShells = ['bash', 'zsh', 'fish', 'elvish', 'powershell', 'nushell'] as const;

export const daemonCommand = {
	name: 'daemon',
	section: 'daemon',
	summary: 'Run the daemon (foreground, or --detach)',
	usage: ['daemon [--listen HOST:PORT] [--home DIR] [--detach]', 'daemon --print-systemd-unit [user|system]'],
	description: `Runs the daemon in the foreground, its log on stderr (for systemd,
containers, tmux). It listens on the home's Unix socket and, with --listen
(or daemon.listen in the config file), on TLS over TCP too.`,
	args: [{name: '[user|system]', kind: 'text', help: 'With --print-systemd-unit: which unit (default user)'}],
	flags: [
		{long: 'listen', value: {kind: 'text', name: 'HOST:PORT'}, help: 'Also accept TLS connections (clients and workers) there; port 0 picks a free one'},
		{long: 'detach', help: 'Start in the background and return once it answers'},
		{long: 'quiet', help: "Do not copy the daemon's log to stderr"},
		systemdUnitFlag,
	],
} as const satisfies CommandDef;

export const shutdownCommand = {
	name: 'shutdown',
	section: 'daemon',
	summary: 'Stop the daemon (running tasks are killed)',
	usage: ['shutdown'],
	description: `Stops the daemon. Running tasks are killed and recorded as Killed; queued
tasks stay queued for the next start.`,
	flags: [],
} as const satisfies CommandDef;

export const workersCommand = {
	name: 'workers',
	section: 'daemon',
	summary: 'Show where tasks run',
	usage: ['workers'],
	description: `Lists the places tasks run: "local" (the daemon itself, unless it runs no
local tasks) and each remote worker (\`spool worker\`), with its state,
host, slots in use out of its total (∞ = no limit), CPUs and load, the
groups it serves, when it connected and when it was last heard from.

States: Connected; Reconnecting (its connection is gone, its tasks wait for
it to come back); Lost (it did not come back; its tasks ended WorkerLost);
Leaving (it is stopping and takes no new tasks).`,
	flags: [],
	palette: true,
} as const satisfies CommandDef;

export const workerCommand = {
	name: 'worker',
	section: 'daemon',
	summary: 'Run tasks for a daemon on another machine (--connect HOST:PORT)',
	usage: ['worker --connect HOST:PORT (--cert FILE | --fingerprint SHA256) [options]', 'worker ... --print-systemd-unit [user|system]'],
	description: `Runs tasks for the daemon at HOST:PORT (started with \`spool daemon --listen\`),
over TLS, until stopped. It never runs anything unless the daemon proved it
knows the shared secret over the pinned certificate. When the connection
drops, its tasks keep running and their output is kept until it reconnects.
Settings can also come from the "worker" section of the config file.
--connect, --cert, --fingerprint and --secret-file are the common options below.`,
	args: [{name: '[user|system]', kind: 'text', help: 'With --print-systemd-unit: which unit (default user)'}],
	flags: [
		{long: 'name', value: {kind: 'text', name: 'NAME'}, help: 'The name the daemon knows this worker by (default: the host name)'},
		{long: 'slots', value: {kind: 'integer', name: 'N'}, help: 'How many tasks it runs at once (default: the number of CPUs)'},
		{long: 'groups', value: {kind: 'text', name: 'a,b'}, help: 'The groups whose tasks it runs (default: default)'},
		{
			long: 'on-stop',
			value: {kind: ['finish', 'kill'], name: 'finish|kill'},
			help: ['On SIGTERM: let running tasks finish (default), or kill them.', 'A second SIGTERM or Ctrl-C kills them either way.'],
		},
		{...systemdUnitFlag, help: 'Print a systemd unit that runs this worker with these settings, and exit'},
	],
	noJson: 'a worker runs until stopped and prints its log; `spool workers --json` shows the workers a daemon knows',
	footer: `Exit codes: 0 stopped cleanly, 1 refused by the daemon or ends not delivered,
2 usage error, 3 the daemon's certificate or secret proof is wrong.`,
} as const satisfies CommandDef;

export const pingCommand = {
	name: 'ping',
	section: 'daemon',
	summary: 'Check that the daemon answers',
	usage: ['ping'],
	description: 'Connects to the daemon, completes the handshake and prints its version.',
	flags: [],
} as const satisfies CommandDef;

export const completionsCommand = {
	name: 'completions',
	section: 'daemon',
	summary: 'Print shell completions (bash, zsh, fish, elvish, powershell, nushell)',
	usage: [`completions ${completionShells.join('|')} [DIR]`],
	description: 'Prints a completion script for the shell, or writes it into DIR under the name the shell looks for.',
	args: [
		{name: '<shell>', kind: 'shell'},
		{name: '[DIR]', kind: 'dir'},
	],
	flags: [],
	words: completionShells,
	noJson: 'completions prints a shell script',
	footer: `Task ids and group names complete from the running daemon; pressing Tab
never starts one. Install it:
  bash        spool completions bash ~/.local/share/bash-completion/completions
  zsh         spool completions zsh ~/.zfunc
              (a directory in $fpath, before compinit)
  fish        spool completions fish ~/.config/fish/completions
  elvish      spool completions elvish ~/.config/elvish/lib
              (then, in rc.elv: use spool)
  powershell  spool completions powershell >> $PROFILE
  nushell     spool completions nushell ~/.config/nushell/completions
              (then, in config.nu: source the spool.nu written there)`,
} as const satisfies CommandDef;

export const tuiCommand = {
	name: 'tui',
	section: 'daemon',
	summary: 'Open the full-screen UI',
	usage: ['[tui]'],
	description: `Opens the full-screen UI: the queue live, the selected task's output, and
keys for every action (press ? inside for the list). Starts a daemon if
none runs. Without a terminal, \`spool\` prints the status instead.`,
	flags: [],
} as const satisfies CommandDef;

export const helpCommand = {
	name: 'help',
	section: 'daemon',
	summary: "Show a command's help: spool help add",
	usage: ['help [command]'],
	args: [{name: '[command]', kind: 'text'}],
	flags: [],
	palette: true,
} as const satisfies CommandDef;

export const daemonCommands: readonly CommandDef[] = [daemonCommand, shutdownCommand, workersCommand, workerCommand, pingCommand, completionsCommand, tuiCommand, helpCommand];
