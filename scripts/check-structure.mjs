// Checks the rules of docs/architecture.md ("Rooms") that the compiler does
// not: which room may import which, and that no file grows past maxLines
// without its header saying why it is one file. Run by `npm run lint`.
// (Import cycles are checked by dpdm, unused exports by knip.)
import {readdirSync, readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'source');
const maxLines = 350;

/** Room -> the rooms it may import. A room is a folder of source/, or one of the files at its top. */
const allowed = {
	protocol: [],
	'config.ts': ['protocol'],
	'version.ts': [],
	shared: ['protocol'],
	// What each command is (flags, help, arguments): data the CLI and the UI's palette both read.
	definitions: [],
	runner: ['shared'],
	terminal: ['shared'],
	client: ['protocol', 'shared', 'config.ts', 'version.ts'],
	daemon: ['protocol', 'shared', 'runner', 'terminal', 'config.ts', 'version.ts'],
	agent: ['protocol', 'shared', 'runner', 'config.ts', 'version.ts'],
	// `spool worker` runs the agent and `spool tui` the UI in the command's process.
	commands: ['protocol', 'shared', 'definitions', 'client', 'terminal', 'agent', 'tui', 'config.ts', 'version.ts'],
	tui: ['protocol', 'shared', 'definitions', 'client', 'terminal', 'config.ts', 'version.ts'],
	// Entry points: they put the rooms together, and nothing imports them.
	'cli.ts': '*',
	'daemon-command.ts': '*',
};

function* sourceFiles(dir) {
	for (const name of readdirSync(dir)) {
		const file = path.join(dir, name);
		if (statSync(file).isDirectory()) yield* sourceFiles(file);
		else if (/\.tsx?$/.test(name)) yield file;
	}
}

const roomOf = (file) => path.relative(root, file).split(path.sep)[0];
const problems = [];

for (const file of sourceFiles(root)) {
	const text = readFileSync(file, 'utf8');
	const room = roomOf(file);
	const rule = allowed[room];
	const relative = path.relative(path.join(root, '..'), file);
	if (rule === undefined) problems.push(`${relative}: room "${room}" is not in scripts/check-structure.mjs (say what it may import)`);
	for (const match of text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
		const target = path.resolve(path.dirname(file), match[1]);
		if (!target.startsWith(root + path.sep)) continue; // package.json and the like
		const targetRoom = roomOf(target.replace(/\.js$/, '.ts'));
		if (targetRoom === room || rule === '*') continue;
		if (allowed[targetRoom] === '*') problems.push(`${relative}: imports the entry point ${match[1]}`);
		else if (!rule?.includes(targetRoom)) problems.push(`${relative}: ${room}/ may not import ${targetRoom} (${match[1]}); see docs/architecture.md, "Rooms"`);
	}

	const lines = text.split('\n').length;
	const header = text.split('\n').slice(0, 40).join('\n');
	if (lines > maxLines && !/one file/i.test(header)) {
		problems.push(`${relative}: ${lines} lines (over ${maxLines}) and its header does not say why it is one file`);
	}
}

if (problems.length > 0) {
	process.stderr.write(`${problems.join('\n')}\n`);
	process.exitCode = 1;
} else {
	process.stdout.write('structure: rooms and file sizes ok\n');
}
