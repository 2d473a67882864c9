// Each key goes to the handler of the mode it arrives in, in order; keys
// wait while no handler listens for the view's mode.
import {describe, expect, it} from 'vitest';
import {KeyDecoder, type KeyPress} from '../../source/tui/key-decoder.js';
import {type KeyRoute, KeyRouter} from '../../source/tui/key-router.js';
import type {Mode} from '../../source/tui/view-state.js';

const presses = (text: string): KeyPress[] => new KeyDecoder().push(text);

describe('the key router', () => {
	it('holds keys that come after one that changes the mode until a handler of the new mode listens', () => {
		let mode: Mode = {kind: 'normal'};
		const router = new KeyRouter(() => mode);
		const seen: string[] = [];
		const route = (kind: Mode['kind'], onKey?: (press: KeyPress) => void): KeyRoute => ({
			owns: (current) => current.kind === kind,
			answer(press) {
				seen.push(`${kind}:${press.input}`);
				onKey?.(press);
			},
		});

		router.listen(
			route('normal', (press) => {
				if (press.input === '?') mode = {kind: 'help', scroll: 0};
			}),
		);
		for (const press of presses('j?jk')) router.press(press);
		expect(seen).toEqual(['normal:j', 'normal:?']);
		expect(router.waiting).toBe(2);
		const stop = router.listen(
			route('help', () => {
				mode = {kind: 'normal'};
			}),
		);
		// The help takes the first waiting key and closes; the normal handler takes the next.
		expect(seen).toEqual(['normal:j', 'normal:?', 'help:j', 'normal:k']);
		expect(router.waiting).toBe(0);
		stop();
		mode = {kind: 'help', scroll: 0};
		for (const press of presses('x')) router.press(press);
		expect(router.waiting).toBe(1);
	});

	it('keeps the order of keys that arrive while others wait', () => {
		const mode: Mode = {kind: 'filter', value: '', before: ''};
		const router = new KeyRouter(() => mode);
		const seen: string[] = [];
		for (const press of [...presses('ab'), ...presses('c')]) router.press(press);
		router.listen({owns: (current) => current.kind === 'filter', answer: (press) => seen.push(press.input)});
		expect(seen).toEqual(['a', 'b', 'c']);
	});
});
