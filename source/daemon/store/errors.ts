// Every failure of the store becomes a StoreError whose message names the file
// and tells the user what to do: these messages reach the terminal as they are.

export class StoreError extends Error {
	/** SQLite's extended result code (e.g. `SQLITE_FULL`) when SQLite raised it. */
	readonly code: string | undefined;

	constructor(message: string, options: {code?: string; cause?: unknown} = {}) {
		super(message, {cause: options.cause});
		this.name = 'StoreError';
		this.code = options.code;
	}
}

export function sqliteCode(error: unknown): string | undefined {
	const code = (error as {code?: unknown} | undefined)?.code;
	return typeof code === 'string' ? code : undefined;
}

/** True for the codes that mean the file itself is damaged or not SQLite at all. */
export function isCorruption(code: string | undefined): boolean {
	return code !== undefined && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB');
}

export function notValidDatabase(file: string, detail: string, cause?: unknown): StoreError {
	return new StoreError(`${file} is not a valid spool database (${detail}); move it away to start with an empty queue`, {code: sqliteCode(cause), cause});
}

/**
 * Turns an error thrown by SQLite while doing `action` (e.g. "open", "write
 * to") into a StoreError with advice. `consequence` is appended for writes
 * ("the changes are kept …").
 */
export function describeSqliteError(error: unknown, file: string, action: string, consequence = ''): StoreError {
	if (error instanceof StoreError) return error;
	const code = sqliteCode(error);
	const message = error instanceof Error ? error.message : String(error);
	const tail = consequence ? `; ${consequence}` : '';
	let text: string;
	if (isCorruption(code)) return notValidDatabase(file, message, error);
	if (code?.startsWith('SQLITE_FULL')) {
		text = `the disk is full (or the database hit its size limit): cannot ${action} ${file}; free some space${tail}`;
	} else if (code?.startsWith('SQLITE_READONLY') || code?.startsWith('SQLITE_PERM') || code?.startsWith('SQLITE_AUTH')) {
		text = `cannot ${action} ${file}: it is read-only (${message}); make the file and its directory writable${tail}`;
	} else if (code?.startsWith('SQLITE_CANTOPEN')) {
		text = `cannot ${action} ${file}: SQLite could not open it or create its -wal/-shm files (${message}); check that the directory exists and is writable${tail}`;
	} else if (code?.startsWith('SQLITE_BUSY') || code?.startsWith('SQLITE_LOCKED')) {
		text = `cannot ${action} ${file}: another process holds it locked (${message}); is another spool daemon using this home?${tail}`;
	} else if (code?.startsWith('SQLITE_IOERR')) {
		text = `cannot ${action} ${file}: input/output error (${code}: ${message}); check the disk${tail}`;
	} else {
		text = `cannot ${action} ${file}: ${message}${code ? ` (${code})` : ''}${tail}`;
	}

	return new StoreError(text, {code, cause: error});
}
