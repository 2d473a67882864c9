// Entry point: picks the command from argv and loads only its module, so
// `spool add` never loads the daemon, the UI or React.
import process from 'node:process';
import {commandErrorOf, exitCodes} from './commands/exit-codes.js';
import {closest, commandNames, findCommand} from './definitions/all-commands.js';
import {commandHelp, mainHelp} from './definitions/help-text.js';
import {commonFlags} from './definitions/shared-flags.js';

type CommandModule = {run: (argv: string[]) => Promise<number>};

/** Each command's module by its definition's name (source/definitions/), loaded only when run. */
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

/** Common options that take a value, so `spool --home DIR status` finds `status`. */
const valueFlags = new Set(commonFlags.filter((flag) => 'value' in flag).map((flag) => `--${flag.long}`));

function findCommandWord(argv: readonly string[]): number {
	for (let index = 0; index < argv.length; index++) {
		const arg = argv[index]!;
		if (arg === '--') return -1;
		if (!arg.startsWith('-')) return index;
		if (valueFlags.has(arg)) index++;
	}

	return -1;
}

/** A closed pipe (`spool status | head -1`) ends the output, quietly: the reader has what it wanted. */
function quietOnClosedPipe(stream: NodeJS.WriteStream): void {
	stream.on('error', (error: NodeJS.ErrnoException) => {
		if (error.code === 'EPIPE') process.exit(exitCodes.ok);
		throw error;
	});
}

function unknownCommand(name: string): number {
	const near = closest(name, commandNames());
	process.stderr.write(`spool: unknown command ${JSON.stringify(name)}${near ? ` (did you mean ${near}?)` : ''}; run \`spool --help\` for the list\n`);
	return exitCodes.usage;
}

/** `spool help [command]`. */
function showHelpOf(words: readonly string[]): number {
	const [name] = words.filter((word) => !word.startsWith('-'));
	if (name === undefined) {
		process.stdout.write(mainHelp());
		return exitCodes.ok;
	}

	const definition = findCommand(name);
	if (!definition) {
		return unknownCommand(name);
	}

	process.stdout.write(commandHelp(definition));
	return exitCodes.ok;
}

async function main(argv: string[]): Promise<number> {
	quietOnClosedPipe(process.stdout);
	quietOnClosedPipe(process.stderr);
	const index = findCommandWord(argv);
	const name = index === -1 ? undefined : argv[index];
	if (name === undefined) {
		if (argv.includes('--version') || argv.includes('-v')) {
			const {version} = await import('./version.js');
			process.stdout.write(`${version}\n`);
			return exitCodes.ok;
		}

		if (argv.includes('--help') || argv.includes('-h')) {
			process.stdout.write(mainHelp());
			return exitCodes.ok;
		}

		// No command: the UI (or, without a terminal, the status).
		const tui = await commands.tui!();
		return tui.run(argv);
	}

	const definition = findCommand(name);
	if (!definition) {
		return unknownCommand(name);
	}

	if (definition.name === 'help') return showHelpOf(argv.slice(index + 1));
	const load = commands[definition.name]!;
	const rest = [...argv.slice(0, index), ...argv.slice(index + 1)];
	const module = await load();
	return module.run(rest);
}

try {
	process.exitCode = await main(process.argv.slice(2));
} catch (error) {
	const known = commandErrorOf(error);
	if (known) {
		if (known.message !== '') process.stderr.write(`spool: ${known.message}\n`);
		process.exitCode = known.exitCode;
	} else {
		process.stderr.write(`spool: unexpected error: ${(error as Error).stack ?? String(error)}\n`);
		process.exitCode = exitCodes.broken;
	}
}
