// Carries out what actions.ts decides: requests go to the daemon and end in
// a message (or the daemon's error), view events go to the view store, log
// calls to the log pane, quit ends the UI. The one place where the UI's
// decisions meet I/O; components call it with what the user asked for.
import {type AddContext, actionEffects, answerEffects, cancelFormEffects, promptEffects, submitFormEffects} from './actions.js';
import type {DaemonLink} from './daemon-link.js';
import type {ActionId} from './keymap.js';
import type {QueueSnapshot} from './queue-store.js';
import type {SortKey} from './table-sort.js';
import type {TaskLogControls} from './task-log.js';
import {cursorIndex, TaskList} from './view-model.js';
import type {Effect, LogCall, Message, ModeOf, PromptMode} from './view-state.js';
import type {ViewStore} from './view-store.js';

/** What the last render showed: actions apply to these rows. */
export type Frame = {tasks: TaskList; snapshot: Pick<QueueSnapshot, 'tasks' | 'groups'>; tableRows: number; sortable: readonly SortKey[]};

export type ControllerOptions = AddContext & {
	link: DaemonLink;
	view: ViewStore;
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

	action(action: ActionId): void {
		const {view, cwd} = this.#options;
		this.run(actionEffects(action, {view: view.state, ...this.frame, cwd}));
	}

	answer(mode: ModeOf<'confirm'>, yes: boolean): void {
		this.run(answerEffects(mode, yes));
	}

	submitPrompt(mode: PromptMode): void {
		const {tasks} = this.frame;
		const {cursorId, fallbackIndex} = this.#options.view.state;
		this.run(promptEffects(mode, {...this.#addContext(), selected: tasks.at(cursorIndex(tasks, cursorId, fallbackIndex))?.id}));
	}

	submitForm(mode: ModeOf<'add'>): void {
		this.run(submitFormEffects(mode, this.#addContext()));
	}

	cancelForm(): void {
		this.run(cancelFormEffects());
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
		const {cwd, env} = this.#options;
		return {cwd, env};
	}

	#say(text: string, kind: Message['kind'] = 'info'): void {
		this.#options.view.dispatch({type: 'say', message: {text, kind}});
	}

	async #send({request, done, cli}: Extract<Effect, {kind: 'send'}>): Promise<void> {
		try {
			await this.#options.link.request(request);
			this.#say(`${done} — ${cli}`);
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
