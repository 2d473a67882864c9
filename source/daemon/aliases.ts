// The config file's `aliases` (pueue's aliases file): the first word of a
// command is looked up when the task starts and, if it names an alias, is
// replaced by it; the rest of the command follows unchanged. The task's
// record keeps the command as it was typed.

/** The command that runs: `command` with its first word replaced if it is an alias. */
export function applyAlias(aliases: Readonly<Record<string, string>>, command: string): string {
	const match = /^(\s*)(\S+)/.exec(command);
	if (!match) return command;
	const [whole, space, word] = match as unknown as [string, string, string];
	if (!Object.hasOwn(aliases, word)) return command;
	return `${space}${aliases[word]}${command.slice(whole.length)}`;
}
