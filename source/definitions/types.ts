// The shape of a command's one definition: name, aliases, summary, arguments,
// flags (type, short form, help, default) and examples. The CLI's parser
// (meow's flags), every `--help`, the shell completions and the UI's `:`
// palette are all built from these, so a flag is written down once.

/** What a value is, for checking it and for completing it in a shell. */
export type ValueKind = 'text' | 'number' | 'integer' | 'file' | 'dir' | 'group' | 'ids' | 'when' | 'signal' | readonly string[];

export type FlagDef = {
	/** The long name, kebab-case, without dashes. */
	long: string;
	short?: string;
	/** Present when the flag takes a value: what it is and the word help shows for it (NAME, N). */
	value?: {kind: ValueKind; name: string};
	/** May be given more than once; the values are collected in order. */
	multiple?: boolean;
	default?: string | number | boolean;
	/** A switch that is on by default and shown as --no-LONG (send's --no-newline). */
	negated?: boolean;
	/** Help: the first line, then continuation lines. */
	help: string | readonly string[];
	/** Left out of completions and the palette (--print-systemd-unit and the like). */
	cliOnly?: boolean;
};

export type ArgDef = {
	/** As help shows it: <ids>, <name>, <command...>. */
	name: string;
	/** What it completes to. */
	kind: 'ids' | 'id' | 'group' | 'text' | 'command' | 'query' | 'shell' | 'dir';
	/** Shown in the Options block when present. */
	help?: string;
};

export type Section = 'queue' | 'control' | 'daemon';

export type CommandDef = {
	name: string;
	aliases?: readonly string[];
	section: Section;
	/** One line, for `spool --help`, completions and the palette. */
	summary: string;
	/** Lines after "spool ", for Usage. */
	usage: readonly string[];
	/** Paragraphs of help after Usage (already wrapped, no indent). */
	description?: string;
	args?: readonly ArgDef[];
	flags: readonly FlagDef[];
	/** Fixed words the first argument may be (sub-actions, shells, query words). */
	words?: readonly string[];
	/**
	 * The first word that is not one of spool's options starts the task's command,
	 * and every word from there on is kept verbatim (`add ls -la`), as pueue does.
	 */
	takesCommand?: boolean;
	examples?: readonly string[];
	/** Text after the options (exit codes, install lines). */
	footer?: string;
	/** Usable in the UI's `:` palette. */
	palette?: boolean;
	/**
	 * The command prints no JSON (a byte stream, a script, a process that runs
	 * on): why, and what to use instead. --json is then a usage error (docs/cli-json.md).
	 */
	noJson?: string;
};
