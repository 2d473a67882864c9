/** Polls `check` until it returns a truthy value; no fixed sleeps in tests. */
export async function waitFor<T>(
	check: () => T | Promise<T>,
	{timeoutMs = 20_000, intervalMs = 20, what = 'condition'}: {timeoutMs?: number; intervalMs?: number; what?: string} = {},
): Promise<NonNullable<T>> {
	const deadline = Date.now() + timeoutMs;
	let last: unknown;
	for (;;) {
		try {
			const value = await check();
			if (value) return value as NonNullable<T>;
		} catch (error) {
			last = error;
		}

		if (Date.now() > deadline) {
			throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${(last as Error).message})` : ''}`);
		}

		await new Promise((resolve) => setTimeout(resolve, intervalMs));
	}
}
