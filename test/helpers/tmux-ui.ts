// The UI in a real terminal for end-to-end tests: each test file runs its own
// tmux server (files run at the same time), reads the screen with
// capture-pane, and undoes what a test set up after it, in reverse order.
import {execFileSync, spawnSync} from 'node:child_process';
import {afterEach} from 'vitest';
import {waitFor} from './wait-for.js';

export const hasTmux = spawnSync('tmux', ['-V']).status === 0;

export type TmuxUi = {
	tmux: (...args: string[]) => string;
	/** The pane `ui` as text. */
	screen: () => string;
	/** Waits until `check` holds for what `read` returns (the screen by default); fails with the screen. */
	waitForScreen: (check: (text: string) => boolean, what: string, read?: () => string) => Promise<string>;
	/** Run after the current test, last deferred first. */
	defer: (cleanup: () => unknown) => void;
};

export function tmuxUi(name: string): TmuxUi {
	const socket = `spool-${name}-${process.pid}`;
	const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], {encoding: 'utf8'});
	const screen = () => tmux('capture-pane', '-p', '-t', 'ui');
	const cleanups: Array<() => unknown> = [];
	afterEach(async () => {
		for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
	});

	async function waitForScreen(check: (text: string) => boolean, what: string, read = screen): Promise<string> {
		try {
			return await waitFor(
				() => {
					const text = read();
					return check(text) ? text : undefined;
				},
				{what, timeoutMs: 30_000},
			);
		} catch (error) {
			throw new Error(`${(error as Error).message}; the screen now:\n${read()}`);
		}
	}

	return {tmux, screen, waitForScreen, defer: (cleanup) => cleanups.push(cleanup)};
}
