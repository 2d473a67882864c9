// Carries out what actions.ts decides: requests go to the daemon and end in
// a message (or the daemon's error), view events go to the view store, log
// calls to the log pane, quit ends the UI. The one place where the UI's
// decisions meet I/O; components call it with what the user asked for.
import {type AddContext, actionEffects, answerEffects, cancelFormEffects, promptEffects, submitFormEffects} from './actions.js';
import type {DaemonLink} from './daemon-link.js';
import type {PromptHistory} from './history-file.js';
import {completePaletteAt} from './palette-complete.js';
import type {ActionId} from './keymap.js';
import {type Connection, describeTasks, sentReport} from './task-actions.js';
import type {QueueSnapshot} from './queue-store.js';
import type {SortKey} from './table-sort.js';
import type {TaskLogControls} from './task-log.js';
import {cursorIndex, TaskList} from './view-model.js';
import type {Effect, LogCall, Message, ModeOf, PromptMode} from './view-state.js';
import type {ViewStore} from './view-store.js';

/** What the last render showed: actions apply to these rows. */
export type Frame = {tasks: TaskList; snapshot: Pick<QueueSnapshot, 'tasks' | 'groups'>; tableRows: number; sortable: readonly SortKey[]};

export type ControllerOptions = AddContext & {
	connection: Connection;
	link: DaemonLink;
	view: ViewStore;
	/** Lines submitted in the palette and the input line, for Up/Down. */
	history: PromptHistory;
	/** The log pane's controls, when it shows a log. */
	log: () => TaskLogControls | undefined;
	quit: () => void;
};

export class Controller {
	#options: ControllerOptions;
	/** Set by the app on every render. */
	frame: Frame = {tasks: new TaskList([], new Map()), snapshot: {tasks: new Map(), groups: []}, tableRows: 1, sortable: ['id']};

	constructor(options: ControllerOptions) {
		this.#options = options;
	}

	get view(): ViewStore {
		return this.#options.view;
	}

	get history(): PromptHistory {
		return this.#options.history;
	}

	action(action: ActionId): void {
		const {view, cwd, connection} = this.#options;
		this.run(actionEffects(action, {view: view.state, ...this.frame, cwd, connection}));
	}

	answer(mode: ModeOf<'confirm'>, yes: boolean): void {
		this.run(answerEffects(mode, yes));
	}

	submitPrompt(mode: PromptMode): void {
		// Kept before it runs: a command that fails is the one most worth fixing and running again.
		if (mode.kind === 'palette' || mode.kind === 'input') this.#options.history.add(mode.kind, mode.value);
		const {tasks} = this.frame;
		const {cursorId, fallbackIndex} = this.#options.view.state;
		this.run(promptEffects(mode, {...this.#addContext(), selected: tasks.at(cursorIndex(tasks, cursorId, fallbackIndex))?.id}));
	}

	/** Tab in the palette: the word before the cursor completed from the tasks and groups there are now. */
	completePalette(mode: ModeOf<'palette'>): void {
		const {snapshot} = this.frame;
		const context = {groups: snapshot.groups.map((group) => group.name), ids: [...snapshot.tasks.keys()]};
		const {text, cursor, choices} = completePaletteAt(mode.value, mode.cursor ?? mode.value.length, context);
		this.#options.view.dispatch({type: 'completed', value: text, cursor, choices});
	}

	submitForm(mode: ModeOf<'add'>): void {
		this.run(submitFormEffects(mode, this.#addContext()));
	}

	/** Esc (or the like) in the add / edit dialog that is open. */
	cancelForm(): void {
		const {mode} = this.#options.view.state;
		if (mode.kind === 'add') this.run(cancelFormEffects(mode));
	}

	run(effects: readonly Effect[]): void {
		for (const effect of effects) {
			switch (effect.kind) {
				case 'send':
					void this.#send(effect);
					break;
				case 'add':
					void this.#add(effect);
					break;
				case 'restart':
					void this.#restart(effect);
					break;
				case 'env':
					void this.#showEnv(effect);
					break;
				case 'view':
					this.#options.view.dispatch(effect.event);
					break;
				case 'log':
					this.#callLog(effect.call);
					break;
				case 'quit':
					this.#options.quit();
					break;
			}
		}
	}

	#addContext(): AddContext {
		const {cwd, env, connection} = this.#options;
		const {tasks, snapshot} = this.frame;
		return {cwd, env, connection, tasks: snapshot.tasks, hidden: (id) => tasks.ids[cursorIndex(tasks, id, 0)] !== id};
	}

	#say(text: string, kind: Message['kind'] = 'info'): void {
		this.#options.view.dispatch({type: 'say', message: {text, kind}});
	}

	async #send(effect: Extract<Effect, {kind: 'send'}>): Promise<void> {
		try {
			const reply = await this.#options.link.request(effect.request);
			const report = sentReport(effect, reply as Parameters<typeof sentReport>[1]);
			if (report.unmark) this.#options.view.dispatch({type: 'unmark', ids: report.unmark});
			this.#say(report.text, report.kind);
		} catch (error) {
			// Refused: nothing was done, so every mark stays for another try.
			this.#say((error as Error).message, 'error');
		}
	}

	/** A restart as new tasks names them ("Restarted task 5 as task 9") and puts the cursor on the first. */
	async #restart({request, from, cli, skipped, unmark}: Extract<Effect, {kind: 'restart'}>): Promise<void> {
		try {
			const {ids} = await this.#options.link.request(request);
			if (unmark) this.#options.view.dispatch({type: 'unmark', ids: unmark});
			const first = ids[0];
			if (first !== undefined && !request.inPlace) this.#options.view.dispatch({type: 'select', id: first});
			const done = request.inPlace ? `Restarted ${describeTasks(from)} in place` : `Restarted ${describeTasks(from)} as ${describeTasks(ids)}`;
			this.#say(`${done}${skipped ? `; ${skipped}` : ''} — ${cli}`);
		} catch (error) {
			this.#say((error as Error).message, 'error');
		}
	}

	async #add({request, cli}: Extract<Effect, {kind: 'add'}>): Promise<void> {
		try {
			const reply = await this.#options.link.request(request);
			const {id} = reply.task;
			this.#options.view.dispatch({type: 'select', id});
			this.#say(`Added task ${id} — ${cli}`);
		} catch (error) {
			this.#say((error as Error).message, 'error');
		}
	}

	/** `:env show ID`: the environment as a page, KEY=value sorted by name, as spool env show prints it. */
	async #showEnv({task, cli}: Extract<Effect, {kind: 'env'}>): Promise<void> {
		try {
			const {env} = await this.#options.link.request({type: 'EnvGet', task});
			const lines = Object.keys(env)
				.sort()
				.map((key) => `${key}=${env[key]}`);
			this.#options.view.dispatch({type: 'open', mode: {kind: 'text', title: `Environment of task ${task} — ${cli}`, lines, scroll: 0}});
		} catch (error) {
			this.#say((error as Error).message, 'error');
		}
	}

	#callLog(call: LogCall): void {
		const controls = this.#options.log();
		switch (call.call) {
			case 'scroll':
				controls?.scroll(call.lines);
				break;
			case 'page':
				controls?.page(call.pages);
				break;
			case 'top':
				controls?.top();
				break;
			case 'bottom':
				controls?.bottom();
				break;
			case 'toggleWrap':
				controls?.toggleWrap();
				break;
			case 'nextMatch':
				controls?.nextMatch(call.direction);
				break;
			case 'search':
				controls?.search(call.query);
				break;
		}
	}
}
