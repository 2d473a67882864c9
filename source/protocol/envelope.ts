// What every message after the handshake has in common. Requests carry an
// `id`; replies carry `re`. This is the first check at the boundary: it sorts
// a decoded frame into "a request of type T with id N" or a precise error.
export type Envelope = {type: string; id: number};

export type EnvelopeError = {code: 'bad_request'; message: string; id: number | undefined};

const isUint = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

export function isPlainMap(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

export function readEnvelope(message: unknown): Envelope | EnvelopeError {
	if (!isPlainMap(message)) {
		return {code: 'bad_request', message: 'a message must be a CBOR map with text keys', id: undefined};
	}

	const id = isUint(message.id) ? message.id : undefined;
	if (typeof message.type !== 'string') {
		return {code: 'bad_request', message: 'a message needs a text field "type"', id};
	}

	if (id === undefined) {
		return {code: 'bad_request', message: `${message.type}: a request needs an unsigned integer "id"`, id};
	}

	return {type: message.type, id};
}

/** The stable error codes of replies (docs/protocol.md, "Errors"). */
export const errorCodes = [
	'bad_request', // the message is malformed: missing or wrong fields
	'unknown_type', // no such request type
	'frame_too_large',
	'bad_frame',
	'protocol_mismatch',
	'auth_failed',
	'not_found', // no such task / group
	'invalid_state', // the task or group is in a state that does not allow this
	'conflict', // e.g. a group that already exists
	'internal', // a bug or an I/O failure on the daemon's side; the message says which
	'shutting_down',
	'store_unavailable', // the daemon cannot write its database (disk full, I/O error): nothing was changed
	'input_full', // send: the task is not reading its input and the bound of waiting input is reached
	'bad_cwd', // add, edit, restart: the working directory is missing or not a directory on the daemon's machine
] as const;
export type ErrorCode = (typeof errorCodes)[number];
