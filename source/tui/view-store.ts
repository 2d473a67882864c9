// Holds the view state while the UI runs and applies the reducer to it.
// Key handlers read `state` when a key comes, not a render's copy: several
// keys can arrive in one read of the terminal, before React renders again.
// Components read it through useSyncExternalStore. It also keeps the keys
// that wait for their mode's handler to listen (mode-keys.ts).
import type {Key} from 'ink';
import {initialViewState, reduceView, type ViewEvent, type ViewState} from './view-state.js';

export type HeldKey = {input: string; key: Key};

export class ViewStore {
	#state: ViewState;
	#listeners = new Set<() => void>();
	#heldKeys: HeldKey[] = [];

	constructor(state: ViewState = initialViewState) {
		this.#state = state;
	}

	get state(): ViewState {
		return this.#state;
	}

	getSnapshot = (): ViewState => this.#state;

	subscribe = (listener: () => void): (() => void) => {
		this.#listeners.add(listener);
		return () => {
			this.#listeners.delete(listener);
		};
	};

	dispatch(event: ViewEvent): void {
		const next = reduceView(this.#state, event);
		if (next === this.#state) return;
		this.#state = next;
		for (const listener of [...this.#listeners]) listener();
	}

	/** Keeps a key for the mode it arrived in, until that mode's handler listens (mode-keys.ts). */
	holdKey(held: HeldKey): void {
		this.#heldKeys.push(held);
	}

	/** The oldest held key, taken out. */
	takeHeldKey(): HeldKey | undefined {
		return this.#heldKeys.shift();
	}
}
