// Exit codes of every spool command (README, "Exit codes").
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
