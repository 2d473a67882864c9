// `--help` for a command and for spool itself, written from the definitions.
import {allCommands} from './all-commands.js';
import {commonFlags} from './shared-flags.js';
import type {CommandDef, FlagDef, Section} from './types.js';

const column = 27; // where a flag's help starts, as the hand-written help always had it

const indent = (text: string, by: string) =>
	text
		.split('\n')
		.map((line) => (line === '' ? '' : `${by}${line}`))
		.join('\n');

/** `-g, --group NAME`, `--no-newline`, `--command X...`. */
export function flagLabel(flag: FlagDef): string {
	const long = `--${flag.negated ? 'no-' : ''}${flag.long}`;
	const names = flag.short ? `-${flag.short}, ${long}` : long;
	return flag.value ? `${names} ${flag.value.name}` : names;
}

function row(left: string, help: string | readonly string[]): string {
	const [first, ...more] = typeof help === 'string' ? [help] : help;
	const head = `    ${left}`;
	const lines = head.length + 2 <= column ? [`${head.padEnd(column)}${first}`] : [`${head}  ${first}`];
	for (const line of more) lines.push(`${' '.repeat(column)}${line}`);
	return lines.join('\n');
}

function optionsBlock(title: string, command: Pick<CommandDef, 'args' | 'flags'>): string {
	const rows = [...(command.args ?? []).filter((arg) => arg.help).map((arg) => row(arg.name, arg.help!)), ...command.flags.map((flag) => row(flagLabel(flag), flag.help))];
	return rows.length === 0 ? '' : `\n  ${title}\n${rows.join('\n')}\n`;
}

export function commandHelp(command: CommandDef): string {
	let text = `\n  Usage\n${command.usage.map((line) => `    spool ${line}`).join('\n')}\n`;
	if (command.aliases?.length) text += `\n  Also: ${command.aliases.map((alias) => `spool ${alias}`).join(', ')}\n`;
	if (command.description) text += `\n${indent(command.description, '  ')}\n`;
	text += optionsBlock('Options', command);
	if (command.examples?.length) text += `\n  Examples\n${command.examples.map((line) => `    ${line}`).join('\n')}\n`;
	if (command.footer) text += `\n${indent(command.footer, '  ')}\n`;
	text += optionsBlock('Common options', {flags: commonFlags});
	return text;
}

const sectionTitles: Record<Section, string> = {queue: 'Queue', control: 'Control', daemon: 'Daemon'};

export function mainHelp(): string {
	const sections = (Object.keys(sectionTitles) as Section[]).map((section) => {
		const commands = allCommands.filter((command) => command.section === section && command.name !== 'tui');
		const width = Math.max(...commands.map((command) => command.name.length)) + 3;
		return `  ${sectionTitles[section]}\n${commands.map((command) => `    ${command.name.padEnd(width)}${command.summary}`).join('\n')}`;
	});
	return `spool — a task queue for the terminal

  Usage
    spool                      Open the full-screen UI (or print the status without a terminal)
    spool tui                  The same
    spool <command> [options]

${sections.join('\n\n')}

  Run \`spool <command> --help\` or \`spool help <command>\` for a command's options.
  Exit codes: 0 ok, 1 refused or a task failed, 2 usage error, 3 no daemon reachable.
`;
}
