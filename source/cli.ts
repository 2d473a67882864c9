// Entry point: picks the command from argv and loads only its module, so
// `spool add` never loads the daemon, the UI or React.
import process from 'node:process';
import {CommandError, exitCodes} from './commands/exit-codes.js';

type CommandModule = {run: (argv: string[]) => Promise<number>};

const commands: Record<string, () => Promise<CommandModule>> = {
	daemon: async () => import('./commands/daemon.js'),
	ping: async () => import('./commands/ping.js'),
};

const mainHelp = `spool — a task queue for the terminal

  Usage
    spool <command> [options]

  Commands
    daemon     Run the daemon in the foreground (for servers and service managers)
    ping       Check that the daemon answers

  Run \`spool <command> --help\` for a command's options.
`;

async function main(argv: string[]): Promise<number> {
	const index = argv.findIndex((arg) => !arg.startsWith('-'));
	const name = index === -1 ? undefined : argv[index];
	if (name === undefined) {
		if (argv.includes('--version') || argv.includes('-v')) {
			const {version} = await import('./version.js');
			process.stdout.write(`${version}\n`);
			return exitCodes.ok;
		}

		process.stdout.write(mainHelp);
		return argv.includes('--help') || argv.includes('-h') ? exitCodes.ok : exitCodes.usage;
	}

	const load = Object.hasOwn(commands, name) ? commands[name] : undefined;
	if (!load) {
		process.stderr.write(`spool: unknown command ${JSON.stringify(name)}; run \`spool --help\` for the list\n`);
		return exitCodes.usage;
	}

	const rest = [...argv.slice(0, index), ...argv.slice(index + 1)];
	const command = await load();
	return command.run(rest);
}

try {
	process.exitCode = await main(process.argv.slice(2));
} catch (error) {
	if (error instanceof CommandError) {
		process.stderr.write(`spool: ${error.message}\n`);
		process.exitCode = error.exitCode;
	} else {
		process.stderr.write(`spool: unexpected error: ${(error as Error).stack ?? String(error)}\n`);
		process.exitCode = exitCodes.broken;
	}
}
