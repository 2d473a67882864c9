// Where keys enter the UI. useKeyInput (once, in the app) takes each piece of
// input Ink reads, raw, splits it into key presses (key-decoder.ts) and gives
// them to the view's key router (key-router.ts) in order. Each mode's
// component answers its own keys with useModeKeys, listening only once it has
// rendered in its mode; keys that arrive before that wait in the router.
import {type Key, useInput, useStdin} from 'ink';
import {useCallback, useEffect, useRef, useState, useSyncExternalStore} from 'react';
import {KeyDecoder, type KeyPress} from './key-decoder.js';
import type {Mode, ModeOf} from './view-state.js';
import type {ViewStore} from './view-store.js';

type Kind = Mode['kind'];
/** `input` and `key` are the press's; `press.paste` marks a bracketed paste (only text fields get those). */
export type ModeKeyHandler<K extends Kind> = (input: string, key: Key, mode: ModeOf<K>, press: KeyPress) => void;
export type ModeKeyOptions = {
	/** A text field: a paste comes whole, as one press. Other modes refuse pastes, so pasted letters never run actions. */
	paste?: boolean;
};

const owns = <K extends Kind>(kinds: readonly K[], mode: Mode): mode is ModeOf<K> => (kinds as readonly Kind[]).includes(mode.kind);

export const pasteRefused = 'Paste into a text field: / filter, : command, a add, i input.';

/** Calls `handler` with each key that arrives while the view is in one of `kinds`, and the mode as it is then. */
export function useModeKeys<K extends Kind>(view: ViewStore, kinds: readonly K[], handler: ModeKeyHandler<K>, options: ModeKeyOptions = {}): void {
	const latest = useRef({kinds, handler, options});
	latest.current = {kinds, handler, options};
	const active = owns(kinds, useSyncExternalStore(view.subscribe, view.getSnapshot).mode);
	useEffect(() => {
		if (!active) return;
		return view.keys.listen({
			owns: (mode) => owns(latest.current.kinds, mode),
			answer(press, mode) {
				const {handler, options} = latest.current;
				if (press.paste && !options.paste) view.dispatch({type: 'say', message: {text: pasteRefused, kind: 'info'}});
				else handler(press.input, press.key, mode as ModeOf<K>, press);
			},
		});
	}, [active, view]);
}

/**
 * The one entry of keys. Ink emits each piece it reads to its listeners in
 * the order they were added: the first listener here keeps the raw piece,
 * and the useInput after it decodes and routes it. Going through useInput
 * matters: Ink runs its handlers inside the reconciler's batchedUpdates (not
 * exported), so the keys of one read change the screen in one render, not
 * one render per key. The always-active useInput also holds the terminal in
 * raw mode while the UI runs (Ink turns raw mode off when no handler listens).
 */
export function useKeyInput(view: ViewStore): void {
	const {internal_eventEmitter: events} = useStdin();
	const [decoder] = useState(() => new KeyDecoder());
	const pending = useRef<string[]>([]);
	const take = useCallback(() => {
		for (const piece of pending.current.splice(0)) for (const press of decoder.push(piece)) view.keys.press(press);
	}, [decoder, view]);
	useEffect(() => {
		const keep = (piece: string) => {
			pending.current.push(piece);
			// Should another listener ever come first, the piece is still taken, a moment later.
			queueMicrotask(take);
		};

		events.on('input', keep);
		return () => {
			events.removeListener('input', keep);
		};
	}, [events, take]);
	useInput(take);
}
