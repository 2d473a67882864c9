// Entry point: picks the command from argv and loads only its module, so
// `spool add` never loads the daemon, the UI or React.
import process from 'node:process';
import {commandErrorOf, exitCodes} from './commands/exit-codes.js';

type CommandModule = {run: (argv: string[]) => Promise<number>};

const commands: Record<string, () => Promise<CommandModule>> = {
	add: async () => import('./commands/add.js'),
	status: async () => import('./commands/status.js'),
	log: async () => import('./commands/log.js'),
	follow: async () => import('./commands/follow.js'),
	wait: async () => import('./commands/wait.js'),
	kill: async () => import('./commands/kill.js'),
	pause: async () => import('./commands/pause.js'),
	start: async () => import('./commands/start.js'),
	restart: async () => import('./commands/restart.js'),
	remove: async () => import('./commands/remove.js'),
	switch: async () => import('./commands/switch.js'),
	stash: async () => import('./commands/stash.js'),
	enqueue: async () => import('./commands/enqueue.js'),
	send: async () => import('./commands/send.js'),
	edit: async () => import('./commands/edit.js'),
	env: async () => import('./commands/env.js'),
	group: async () => import('./commands/group.js'),
	parallel: async () => import('./commands/parallel.js'),
	clean: async () => import('./commands/clean.js'),
	reset: async () => import('./commands/reset.js'),
	shutdown: async () => import('./commands/shutdown.js'),
	workers: async () => import('./commands/workers.js'),
	completions: async () => import('./commands/completions.js'),
	tui: async () => import('./commands/tui.js'),
	daemon: async () => import('./daemon-command.js'),
	worker: async () => import('./commands/worker.js'),
	ping: async () => import('./commands/ping.js'),
};

/** Aliases pueue users type. */
const aliases: Record<string, string> = {rm: 'remove', ls: 'status', st: 'status'};

const mainHelp = `spool — a task queue for the terminal

  Usage
    spool                      Open the full-screen UI (or print the status without a terminal)
    spool tui                  The same
    spool <command> [options]

  Queue
    add        Add a command to the queue:  spool add [-g group] [-a ids] -- make test
    status     Show tasks and groups (with a query: status=failed label%=nightly first 20)
    log        Show tasks' output
    follow     Follow tasks' output live
    wait       Wait until tasks are done (or queued, running, successful)
    edit       Change a task that is not running
    env        Set or unset a variable of a queued task
    switch     Swap the places of two queued tasks
    remove     Remove tasks (and their logs)
    clean      Remove finished tasks
    reset      Kill everything and remove all tasks

  Control
    start      Resume groups or tasks; force-start queued tasks
    pause      Pause groups or tasks
    kill       Kill running tasks
    restart    Run finished tasks again
    stash      Keep queued tasks from starting
    enqueue    Let stashed tasks start (now or later)
    send       Send input to a running task
    group      List, add or remove groups
    parallel   Set how many tasks of a group run at once

  Daemon
    daemon     Run the daemon (foreground, or --detach)
    shutdown   Stop the daemon (running tasks are killed)
    workers    Show where tasks run
    worker     Run tasks for a daemon on another machine (--connect HOST:PORT)
    ping       Check that the daemon answers
    completions  Print shell completions (bash, zsh, fish)

  Run \`spool <command> --help\` for a command's options. Exit codes: 0 ok, 1 refused or a
  task failed, 2 usage error, 3 no daemon reachable.
`;

/** Common flags that take a value, so `spool --home DIR status` finds `status`. */
const valueFlags = new Set(['--home', '--color', '--connect', '--cert', '--fingerprint', '--secret-file']);

function findCommand(argv: readonly string[]): number {
	for (let index = 0; index < argv.length; index++) {
		const arg = argv[index]!;
		if (arg === '--') return -1;
		if (!arg.startsWith('-')) return index;
		if (valueFlags.has(arg)) index++;
	}

	return -1;
}

async function main(argv: string[]): Promise<number> {
	const index = findCommand(argv);
	const name = index === -1 ? undefined : argv[index];
	if (name === undefined) {
		if (argv.includes('--version') || argv.includes('-v')) {
			const {version} = await import('./version.js');
			process.stdout.write(`${version}\n`);
			return exitCodes.ok;
		}

		if (argv.includes('--help') || argv.includes('-h')) {
			process.stdout.write(mainHelp);
			return exitCodes.ok;
		}

		// No command: the UI (or, without a terminal, the status).
		const tui = await commands.tui!();
		return tui.run(argv);
	}

	const command = Object.hasOwn(aliases, name) ? aliases[name]! : name;
	const load = Object.hasOwn(commands, command) ? commands[command] : undefined;
	if (!load) {
		process.stderr.write(`spool: unknown command ${JSON.stringify(name)}; run \`spool --help\` for the list\n`);
		return exitCodes.usage;
	}

	const rest = [...argv.slice(0, index), ...argv.slice(index + 1)];
	const module = await load();
	return module.run(rest);
}

try {
	process.exitCode = await main(process.argv.slice(2));
} catch (error) {
	const known = commandErrorOf(error);
	if (known) {
		process.stderr.write(`spool: ${known.message}\n`);
		process.exitCode = known.exitCode;
	} else {
		process.stderr.write(`spool: unexpected error: ${(error as Error).stack ?? String(error)}\n`);
		process.exitCode = exitCodes.broken;
	}
}
