// What the user typed (an id, a time) is not valid. Thrown by the parsers
// that the CLI and the UI share; the CLI turns it into a usage error (exit 2),
// the UI shows its message.
export class InputError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'InputError';
	}
}
