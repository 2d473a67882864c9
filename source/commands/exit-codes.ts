// Exit codes of every spool command (README, "Exit codes").
import {InputError} from '../shared/input-error.js';

export const exitCodes = {
	ok: 0,
	/** The daemon refused the request, or a waited-for task failed. */
	failed: 1,
	/** Bad flags or arguments. */
	usage: 2,
	/** No daemon could be reached (and none could be started). */
	unreachable: 3,
	/** spool itself is broken: not built, a native module missing. */
	broken: 70,
} as const;

/** An error that ends the command with a message and an exit code, never a stack trace. */
export class CommandError extends Error {
	constructor(
		message: string,
		readonly exitCode: number = exitCodes.failed,
	) {
		super(message);
		this.name = 'CommandError';
	}
}

export const usageError = (message: string) => new CommandError(message, exitCodes.usage);

/** A CommandError as is; what the user typed wrong (shared parsers) as a usage error; else undefined. */
export function commandErrorOf(error: unknown): CommandError | undefined {
	if (error instanceof CommandError) return error;
	if (error instanceof InputError) return usageError(error.message);
	return undefined;
}
