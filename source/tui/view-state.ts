// What the UI itself remembers — cursor, marks, filter, focus, zoom, side
// panel, table scroll, the open dialog or prompt and the last message — as
// plain data changed by one pure reducer. The daemon's state is not here
// (queue-store.ts owns it); what the UI asks of the daemon is in actions.ts.
import type {PlainRequest as Request} from '../client/client.js';
import type {RequestInput} from '../protocol/requests.js';
import type {KeyContext} from './keymap.js';
import type {Recall} from './line-history.js';
import {cursorIndex} from './view-model.js';
import type {TaskForm} from './task-form.js';
import {defaultSort, type TableSort} from './table-sort.js';

/** What the log pane is told to do (the actions' log moves). */
export type LogCall =
	| {call: 'scroll'; lines: number}
	| {call: 'page'; pages: number}
	| {call: 'top'}
	| {call: 'bottom'}
	| {call: 'toggleWrap'}
	| {call: 'nextMatch'; direction: 1 | -1}
	| {call: 'search'; query: string};

/** What a request on the selected tasks says besides its own message. */
type SetReport = {
	/** The selected tasks it leaves out, and why: "5, 7 are not running". */
	skipped?: string | undefined;
	/** Marked tasks it acts on: unmarked once the daemon agreed (a refused request leaves every mark). */
	unmark?: readonly number[] | undefined;
};

export type Effect =
	/** A request; then the message `${done}; ${skipped} — ${cli}`, or the daemon's error. */
	| ({kind: 'send'; request: Request; done: string; cli: string} & SetReport)
	/** An Add request: the new task gets the cursor, the message names it and ends with `cli`. */
	| {kind: 'add'; request: RequestInput<'Add'>; cli: string}
	/** A Restart of `from`: the message names the new tasks (from the reply), and the first gets the cursor. */
	| ({kind: 'restart'; request: RequestInput<'Restart'>; from: readonly number[]; cli: string} & SetReport)
	/** A task's environment (EnvGet), shown as a page of KEY=value lines. */
	| {kind: 'env'; task: number; cli: string}
	| {kind: 'view'; event: ViewEvent}
	| {kind: 'log'; call: LogCall}
	| {kind: 'quit'};

export type Message = {text: string; kind: 'info' | 'error'};

/**
 * The open dialog or prompt; 'normal' when keys go to the table or the log.
 * A prompt's `cursor` is where its text cursor is (line-edit.ts); without
 * one, after the text. `recall` is how far Up has gone back in the history.
 */
export type Mode =
	| {kind: 'normal'}
	| {kind: 'filter'; value: string; cursor?: number; before: string}
	/** `choices`: what Tab found for the word being typed, shown until the next key. */
	| {kind: 'palette'; value: string; cursor?: number; recall?: Recall; choices?: readonly string[]}
	| {kind: 'input'; value: string; cursor?: number; recall?: Recall; task: number}
	| {kind: 'search'; value: string; cursor?: number}
	| {kind: 'confirm'; question: string; then: readonly Effect[]}
	| {kind: 'add'; form: TaskForm; edit: number | undefined}
	| {kind: 'help'; scroll: number}
	/** Everything about one task (components/details-view.tsx); `values`: the environment's values are shown, not only its names. */
	| {kind: 'details'; task: number; scroll: number; values: boolean}
	/** A page of text (a command's help, a task's environment), scrolled like the help. */
	| {kind: 'text'; title: string; lines: readonly string[]; scroll: number};

export type PromptMode = Extract<Mode, {kind: 'filter' | 'palette' | 'input' | 'search'}>;
export type ModeOf<K extends Mode['kind']> = Extract<Mode, {kind: K}>;

export const isPrompt = (mode: Mode): mode is PromptMode => mode.kind === 'filter' || mode.kind === 'palette' || mode.kind === 'input' || mode.kind === 'search';

export type ViewState = {
	mode: Mode;
	filter: string;
	/** The task under the cursor; it keeps the cursor on its task when rows move. */
	cursorId: number | undefined;
	/** Where the cursor goes when its task is gone (filtered out, removed). */
	fallbackIndex: number;
	marked: ReadonlySet<number>;
	/** Where keys go in normal mode; the log also has them while zoomed. */
	focus: KeyContext;
	/** The log fills the body. */
	zoom: boolean;
	showSide: boolean;
	/** First task row the table shows. */
	top: number;
	/** The table's order (table-sort.ts). */
	sort: TableSort;
	message: Message | undefined;
};

export type ViewEvent =
	/** Moves the cursor by rows from where it is in the list shown now. */
	| {type: 'moveBy'; delta: number; ids: readonly number[]}
	| {type: 'moveTo'; index: number; ids: readonly number[]}
	| {type: 'select'; id: number}
	| {type: 'toggleMark'; id: number}
	| {type: 'clearMarks'}
	| {type: 'unmark'; ids: readonly number[]}
	| {type: 'switchPane'}
	| {type: 'zoom'}
	| {type: 'unzoom'}
	/** Esc: leave the innermost thing — zoom, the log, the filter, the marks, the message. */
	| {type: 'back'}
	/** `show`: open (or close) it whatever it was. */
	| {type: 'toggleSide'; show?: boolean}
	/** The table's filter, set from elsewhere than `/` (`:status`). */
	| {type: 'setFilter'; filter: string}
	/** Tab in the palette: the line completed, the cursor after the completed word, and the choices when there were several. */
	| {type: 'completed'; value: string; cursor?: number; choices: readonly string[]}
	| {type: 'open'; mode: Mode}
	| {type: 'close'}
	/** A prompt's text or its cursor changed; the filter applies as it is typed. */
	| {type: 'typed'; value: string; cursor?: number}
	/** Up/Down in the palette or the input line brought back a line of the history. */
	| {type: 'recalled'; value: string; recall: Recall | undefined}
	/** Esc in a prompt: the filter goes back to what it was before `/`. */
	| {type: 'cancelPrompt'}
	| {type: 'scrollHelp'; delta: number; last: number}
	| {type: 'scrolled'; top: number}
	| {type: 'sort'; sort: TableSort}
	| {type: 'say'; message: Message};

export const initialViewState: ViewState = {
	mode: {kind: 'normal'},
	filter: '',
	cursorId: undefined,
	fallbackIndex: 0,
	marked: new Set(),
	focus: 'table',
	zoom: false,
	showSide: false,
	top: 0,
	sort: defaultSort,
	message: undefined,
};

const normal: Mode = {kind: 'normal'};

function moveTo(state: ViewState, index: number, ids: readonly number[]): ViewState {
	const clamped = Math.max(0, Math.min(index, ids.length - 1));
	return {...state, fallbackIndex: clamped, cursorId: ids[clamped]};
}

/** Returns `state` itself when the event changes nothing, so React skips the render. */
export function reduceView(state: ViewState, event: ViewEvent): ViewState {
	switch (event.type) {
		case 'moveBy':
			return moveTo(state, cursorIndex(event, state.cursorId, state.fallbackIndex) + event.delta, event.ids);
		case 'moveTo':
			return moveTo(state, event.index, event.ids);
		case 'select':
			return {...state, cursorId: event.id};
		case 'toggleMark': {
			const marked = new Set(state.marked);
			if (marked.has(event.id)) marked.delete(event.id);
			else marked.add(event.id);
			return {...state, marked};
		}

		case 'clearMarks':
			return {...state, marked: new Set()};
		case 'unmark': {
			if (!event.ids.some((id) => state.marked.has(id))) return state;
			const marked = new Set(state.marked);
			for (const id of event.ids) marked.delete(id);
			return {...state, marked};
		}
		case 'switchPane':
			return state.zoom ? state : {...state, focus: state.focus === 'table' ? 'log' : 'table'};
		case 'zoom':
			return {...state, zoom: !state.zoom, focus: state.zoom ? 'table' : 'log'};
		case 'unzoom':
			return {...state, zoom: false, focus: 'table'};
		case 'back':
			if (state.zoom) return {...state, zoom: false, focus: 'table'};
			if (state.focus === 'log') return {...state, focus: 'table'};
			if (state.filter !== '') return {...state, filter: ''};
			if (state.marked.size > 0) return {...state, marked: new Set()};
			return {...state, message: undefined};
		case 'toggleSide':
			return {...state, showSide: event.show ?? !state.showSide};
		case 'setFilter':
			return {...state, filter: event.filter, fallbackIndex: 0};
		case 'completed':
			return state.mode.kind === 'palette' ? {...state, mode: {...state.mode, value: event.value, cursor: event.cursor ?? event.value.length, choices: event.choices}} : state;
		case 'open':
			return {...state, mode: event.mode};
		case 'close':
			return {...state, mode: normal};
		case 'typed': {
			const {mode} = state;
			if (!isPrompt(mode)) return state;
			// The palette's Tab choices were for the word before this key (or the cursor's old place).
			const typed = {...mode, value: event.value, cursor: event.cursor ?? event.value.length, ...(mode.kind === 'palette' ? {choices: undefined} : {})};
			// A new filter starts from the first row it shows; moving the cursor in it changes no rows.
			if (mode.kind === 'filter' && event.value !== mode.value) return {...state, mode: typed, filter: event.value, fallbackIndex: 0};
			return {...state, mode: typed};
		}

		case 'recalled': {
			const {mode} = state;
			if (mode.kind !== 'palette' && mode.kind !== 'input') return state;
			return {...state, mode: {...mode, value: event.value, cursor: event.value.length, recall: event.recall, ...(mode.kind === 'palette' ? {choices: undefined} : {})}};
		}

		case 'cancelPrompt': {
			const {mode} = state;
			if (!isPrompt(mode)) return state;
			return {...state, mode: normal, ...(mode.kind === 'filter' ? {filter: mode.before} : {})};
		}

		case 'scrollHelp': {
			const {mode} = state;
			if (mode.kind !== 'help' && mode.kind !== 'text') return state;
			const scroll = event.delta > 0 ? Math.min(event.last, mode.scroll + event.delta) : Math.max(0, mode.scroll + event.delta);
			return {...state, mode: {...mode, scroll}};
		}

		case 'scrolled':
			return state.top === event.top ? state : {...state, top: event.top};
		case 'sort':
			return {...state, sort: event.sort};
		case 'say':
			return {...state, message: event.message};
	}
}
