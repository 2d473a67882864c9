// Each mode's component answers its own keys with Ink's useInput, listening
// only while its mode is the view's (useModeKeys). Ink starts and stops a
// handler in an effect, after React has rendered: when a key opens or closes
// a dialog, the keys after it in the same read of the terminal (fast typing,
// a paste with arrow keys in it) still reach the handler of the mode before.
// That handler holds them in the view store, and the new mode's handler takes
// them, in order, as soon as it listens — so each key is answered by the mode
// it arrived in, as one dispatcher would.
import {type Key, useInput, useStdin} from 'ink';
import {useCallback, useEffect, useRef, useSyncExternalStore} from 'react';
import type {Mode, ModeOf} from './view-state.js';
import type {ViewStore} from './view-store.js';

type Kind = Mode['kind'];
export type ModeKeyHandler<K extends Kind> = (input: string, key: Key, mode: ModeOf<K>) => void;

const owns = <K extends Kind>(kinds: readonly K[], mode: Mode): mode is ModeOf<K> => (kinds as readonly Kind[]).includes(mode.kind);

/** Calls `handler` with each key that arrives while the view is in one of `kinds`, and the mode as it is then. */
export function useModeKeys<K extends Kind>(view: ViewStore, kinds: readonly K[], handler: ModeKeyHandler<K>): void {
	const latest = useRef({kinds, handler});
	latest.current = {kinds, handler};
	const active = owns(kinds, useSyncExternalStore(view.subscribe, view.getSnapshot).mode);
	const onKey = useCallback(
		(input: string, key: Key) => {
			const {mode} = view.state;
			if (owns(latest.current.kinds, mode)) latest.current.handler(input, key, mode);
			else view.holdKey({input, key});
		},
		[view],
	);
	useInput(onKey, {isActive: active});
	useEffect(() => {
		if (!active) return;
		// Keys held for this mode by the handler that listened before; stop if one of them leaves the mode.
		for (;;) {
			const {mode} = view.state;
			if (!owns(latest.current.kinds, mode)) break;
			const held = view.takeHeldKey();
			if (!held) break;
			latest.current.handler(held.input, held.key, mode);
		}
	}, [active, view]);
}

/**
 * Keeps the terminal in raw mode while the UI runs. Ink turns raw mode off
 * when no useInput listens, and the handlers take turns: without this, every
 * dialog opening would switch the terminal out of raw mode and back.
 */
export function useHeldRawMode(): void {
	const {setRawMode} = useStdin();
	useEffect(() => {
		setRawMode(true);
		return () => {
			setRawMode(false);
		};
	}, [setRawMode]);
}
