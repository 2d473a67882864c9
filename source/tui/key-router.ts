// Hands each key press to the handler of the mode the view is in when the
// key's turn comes, strictly in the order the keys arrived. A mode's handler
// listens once its component has rendered in that mode (mode-keys.ts); until
// then — a key opened a dialog and more keys came in the same read — the keys
// wait here, and the first handler to listen for the new mode takes them. So
// each key is answered by the mode it arrived in, and acts on what the screen
// showed after the key before it, as if typed one by one.
import type {KeyPress} from './key-decoder.js';
import type {Mode} from './view-state.js';

export type KeyRoute = {
	/** Whether this handler answers keys in `mode`. */
	owns: (mode: Mode) => boolean;
	answer: (press: KeyPress, mode: Mode) => void;
};

export class KeyRouter {
	readonly #mode: () => Mode;
	readonly #routes = new Set<KeyRoute>();
	readonly #waiting: KeyPress[] = [];
	#draining = false;

	constructor(mode: () => Mode) {
		this.#mode = mode;
	}

	/** Keys that wait for their mode's handler. */
	get waiting(): number {
		return this.#waiting.length;
	}

	press(press: KeyPress): void {
		this.#waiting.push(press);
		this.#drain();
	}

	/** Starts a handler; the returned function stops it. Keys waiting for its mode go to it now. */
	listen(route: KeyRoute): () => void {
		this.#routes.add(route);
		this.#drain();
		return () => {
			this.#routes.delete(route);
		};
	}

	#drain(): void {
		// A handler's key may open a dialog whose handler listens at once: the loop below takes its keys.
		if (this.#draining) return;
		this.#draining = true;
		try {
			while (this.#waiting.length > 0) {
				const mode = this.#mode();
				const routes = [...this.#routes].filter((route) => route.owns(mode));
				if (routes.length === 0) return;
				const press = this.#waiting.shift()!;
				for (const route of routes) route.answer(press, mode);
			}
		} finally {
			this.#draining = false;
		}
	}
}
