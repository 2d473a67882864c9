// Holds the view state while the UI runs and applies the reducer to it.
// Key handlers read `state` when a key comes, not a render's copy: several
// keys can arrive in one read of the terminal, before React renders again.
// Components read it through useSyncExternalStore. Its key router hands
// each key to the handler of the mode the view is in (key-router.ts).
import {KeyRouter} from './key-router.js';
import {initialViewState, reduceView, type ViewEvent, type ViewState} from './view-state.js';

export class ViewStore {
	#state: ViewState;
	#listeners = new Set<() => void>();
	/** Where key presses go, in order (mode-keys.ts feeds it). */
	readonly keys = new KeyRouter(() => this.#state.mode);

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
}
