// Coalescing: a burst of triggers in one event-loop turn (a hundred tasks
// ending, a worker's many acks) becomes one run on the next turn. Several
// parts of the daemon need exactly this; one helper keeps them alike.

/** Returns a trigger: however often it is called within a turn, `run` runs once, at the next turn (setImmediate). */
export function oncePerTurn(run: () => void): () => void {
	let queued = false;
	return () => {
		if (queued) return;
		queued = true;
		setImmediate(() => {
			queued = false;
			run();
		});
	};
}
