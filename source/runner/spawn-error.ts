/** The task could not be started; the message says what is wrong and what to do. */
export class SpawnError extends Error {
	override name = 'SpawnError';
}
