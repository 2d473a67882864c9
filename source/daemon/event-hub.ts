// Committed state changes, pushed to whoever listens (subscribe streams,
// wait requests, follow streams). Listeners only ever see committed state.
import type {Changes} from './state/changes.js';

export type ChangeListener = (changes: Changes) => void;

export class EventHub {
	#listeners = new Set<ChangeListener>();

	listen(listener: ChangeListener): () => void {
		this.#listeners.add(listener);
		return () => {
			this.#listeners.delete(listener);
		};
	}

	publish(changes: Changes): void {
		if (changes.empty) return;
		for (const listener of [...this.#listeners]) {
			try {
				listener(changes);
			} catch {
				// One broken listener (a closed connection) must not stop the others.
			}
		}
	}
}
