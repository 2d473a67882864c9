// Reconnect delays: exponential from `firstMs` to `maxMs`, with "full jitter"
// (a random delay up to the current bound), so that many workers cut off by
// the same outage do not all knock on the daemon at the same moment.
export type Backoff = {
	/** The delay before the next attempt. */
	next(): number;
	/** A connection succeeded: start again from the shortest delay. */
	reset(): void;
};

export function createBackoff({firstMs = 100, maxMs = 10_000, random = Math.random} = {}): Backoff {
	let bound = firstMs;
	return {
		next() {
			const delay = Math.max(firstMs / 2, Math.round(bound * random()));
			bound = Math.min(maxMs, bound * 2);
			return delay;
		},
		reset() {
			bound = firstMs;
		},
	};
}
