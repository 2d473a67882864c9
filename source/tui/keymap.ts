// The one key registry: every action, its default keys, where it applies and
// what `?` says about it. The config file may rebind keys (ui.keys). In
// normal mode the task panes (components/task-panes.tsx) turn a key press into
// an action through `resolve`; an open dialog or prompt answers the few keys
// of its own (y, Enter, Esc, Tab, j/k in the help) and is not rebound here.
import type {Key} from 'ink';
import {type UiAction, uiActions} from '../config.js';

export type KeyContext = 'table' | 'log';

/** Every action of the UI: the list lives in config.ts, which refuses a ui.keys entry naming another. */
export type ActionId = UiAction;

type ActionSpec = {keys: string[]; description: string; contexts: readonly KeyContext[]};

const both = ['table', 'log'] as const;

export const defaultKeymap: Record<ActionId, ActionSpec> = {
	down: {keys: ['j', 'down'], description: 'next task / scroll down', contexts: both},
	up: {keys: ['k', 'up'], description: 'previous task / scroll up', contexts: both},
	top: {keys: ['g', 'home'], description: 'first task / top of the log', contexts: both},
	bottom: {keys: ['G', 'end'], description: 'last task / bottom of the log (follow)', contexts: both},
	pageDown: {keys: ['pagedown', 'ctrl+f'], description: 'page down', contexts: both},
	pageUp: {keys: ['pageup', 'ctrl+b'], description: 'page up', contexts: both},
	switchPane: {keys: ['tab'], description: 'switch between the task table and the log', contexts: both},
	zoom: {keys: ['enter'], description: 'log full screen (again: back)', contexts: both},
	back: {keys: ['esc'], description: 'back: close, unzoom, clear the filter', contexts: both},
	filter: {keys: ['/'], description: 'filter tasks (text, status:failed, group:x, label:y, or status query words: status!=success)', contexts: ['table']},
	search: {keys: ['/'], description: 'search the log', contexts: ['log']},
	searchNext: {keys: ['n'], description: 'next match', contexts: ['log']},
	searchPrevious: {keys: ['N'], description: 'previous match', contexts: ['log']},
	wrap: {keys: ['w'], description: 'wrap long log lines on/off', contexts: ['log']},
	follow: {keys: ['F'], description: 'follow the log again', contexts: ['log']},
	palette: {keys: [':'], description: 'command palette, as the CLI (:parallel 4 -g gpu, :status status=failed); Tab completes, :help lists', contexts: both},
	add: {keys: ['a'], description: 'add a task', contexts: ['table']},
	edit: {keys: ['e'], description: 'edit the selected task (any that does not run)', contexts: ['table']},
	mark: {keys: ['space'], description: 'mark / unmark (actions apply to the marked tasks they can, and name the others)', contexts: ['table']},
	start: {keys: ['s'], description: 'start / resume the task (or its paused group)', contexts: both},
	pause: {keys: ['p'], description: 'pause the task (or its group)', contexts: both},
	kill: {keys: ['x'], description: 'kill (asks first)', contexts: both},
	restart: {keys: ['r'], description: 'restart as a new task (the cursor moves to it)', contexts: both},
	restartInPlace: {keys: ['R'], description: 'restart in place', contexts: both},
	remove: {keys: ['D'], description: 'remove (asks first)', contexts: ['table']},
	clean: {keys: ['c'], description: 'remove finished tasks (asks first)', contexts: ['table']},
	stash: {keys: ['S'], description: 'stash', contexts: ['table']},
	enqueue: {keys: ['E'], description: 'enqueue', contexts: ['table']},
	input: {keys: ['i'], description: 'send a line of input to the task', contexts: both},
	parallelUp: {keys: ['+'], description: "one more parallel slot for the task's group", contexts: ['table']},
	parallelDown: {keys: ['-'], description: 'one parallel slot less', contexts: ['table']},
	toggleWorkers: {keys: ['W'], description: 'show / hide groups and workers', contexts: both},
	details: {keys: ['d'], description: 'details of the task: command, times, result and why, environment (v: values; Esc back)', contexts: both},
	sortNext: {keys: ['o'], description: 'sort by the next column (id, status, start, duration, group, label)', contexts: ['table']},
	sortReverse: {keys: ['O'], description: 'reverse the sort', contexts: ['table']},
	help: {keys: ['?'], description: 'this help', contexts: both},
	quit: {keys: ['q'], description: 'quit (or back)', contexts: both},
	forceQuit: {keys: ['ctrl+c'], description: 'quit (in a dialog or prompt: close it first)', contexts: both},
};

export type Keymap = Record<ActionId, ActionSpec>;

/** Applies `ui.keys` from the config: {"kill": "X"} or {"down": ["j", "ctrl+n"]}. */
export function buildKeymap(overrides: Record<string, string | string[]> = {}): Keymap {
	const keymap = structuredClone(defaultKeymap);
	for (const [action, keys] of Object.entries(overrides)) {
		// The config file's schema refuses these already; this guards other callers.
		if (!Object.hasOwn(keymap, action)) {
			throw new Error(`ui.keys: unknown action ${JSON.stringify(action)}; actions: ${uiActions.join(', ')}`);
		}

		keymap[action as ActionId].keys = Array.isArray(keys) ? keys : [keys];
	}

	return keymap;
}

/** The name of a key press, as the keymap writes keys. */
export function keyName(input: string, key: Key): string | undefined {
	if (key.upArrow) return 'up';
	if (key.downArrow) return 'down';
	if (key.leftArrow) return 'left';
	if (key.rightArrow) return 'right';
	if (key.pageUp) return 'pageup';
	if (key.pageDown) return 'pagedown';
	if (key.home) return 'home';
	if (key.end) return 'end';
	if (key.return) return 'enter';
	if (key.escape) return 'esc';
	if (key.tab) return key.shift ? 'shift+tab' : 'tab';
	if (key.backspace) return 'backspace';
	if (key.delete) return 'delete';
	if (key.ctrl && input) return `ctrl+${input.toLowerCase()}`;
	if (input === ' ') return 'space';
	return input === '' ? undefined : input;
}

export function resolve(keymap: Keymap, context: KeyContext, name: string): ActionId | undefined {
	for (const [action, spec] of Object.entries(keymap) as Array<[ActionId, ActionSpec]>) {
		if (spec.contexts.includes(context) && spec.keys.includes(name)) return action;
	}

	return undefined;
}

/** Human text of an action's keys, e.g. "j/↓". */
export function keysText(keymap: Keymap, action: ActionId): string {
	const pretty: Record<string, string> = {
		up: '↑',
		down: '↓',
		left: '←',
		right: '→',
		enter: 'Enter',
		esc: 'Esc',
		tab: 'Tab',
		space: 'Space',
		pageup: 'PgUp',
		pagedown: 'PgDn',
		home: 'Home',
		end: 'End',
	};
	return keymap[action].keys.map((key) => pretty[key] ?? key).join('/');
}
