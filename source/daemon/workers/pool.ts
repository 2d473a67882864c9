// Every place tasks run, by name: the daemon's own slots ("local") and the
// remote workers. One owner for the map and for saying that it changed, so a
// worker that registers, a slot taken or freed, or a load report reaches the
// `workers` view and the UI's WorkersChanged by one path, at most once per
// event-loop turn however many happen in it.
import {oncePerTurn} from '../once-per-turn.js';
import type {Worker} from './worker.js';

export class WorkerPool {
	readonly #workers = new Map<string, Worker>();
	readonly #listeners = new Set<() => void>();

	get(name: string): Worker | undefined {
		return this.#workers.get(name);
	}

	has(name: string): boolean {
		return this.#workers.has(name);
	}

	values(): IterableIterator<Worker> {
		return this.#workers.values();
	}

	add(worker: Worker): void {
		this.#workers.set(worker.name, worker);
		this.changed();
	}

	/** Removes the worker if it is still the one under its name (a newer one may have taken it). */
	remove(worker: Worker): void {
		if (this.#workers.get(worker.name) !== worker) return;
		this.#workers.delete(worker.name);
		this.changed();
	}

	/** Something a worker entry shows changed; listeners hear of it on the next turn. */
	readonly changed = oncePerTurn(() => {
		for (const listener of [...this.#listeners]) {
			try {
				listener();
			} catch {
				// One broken subscriber must not stop the others.
			}
		}
	});

	/** Returns the unsubscribe. */
	onChanged(listener: () => void): () => void {
		this.#listeners.add(listener);
		return () => {
			this.#listeners.delete(listener);
		};
	}
}
