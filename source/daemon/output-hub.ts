// Live task output for followers. A follower registers per task and gets
// every chunk with its offset in the log; it decides itself whether to send
// it now or catch up from the file later (see follow handler).
export type OutputListener = (offset: number, data: Buffer) => void;

export class OutputHub {
	#listeners = new Map<number, Set<OutputListener>>();

	listen(id: number, listener: OutputListener): () => void {
		let set = this.#listeners.get(id);
		if (!set) {
			set = new Set();
			this.#listeners.set(id, set);
		}

		set.add(listener);
		return () => {
			set.delete(listener);
			if (set.size === 0) this.#listeners.delete(id);
		};
	}

	publish(id: number, offset: number, data: Buffer): void {
		const set = this.#listeners.get(id);
		if (!set) return;
		for (const listener of [...set]) listener(offset, data);
	}
}
