// The full-screen UI, put together. The daemon's state comes from the queue
// store (one Subscribe stream); the UI's own state is in a ViewStore
// (view-state.ts); sizes come from layout.ts. What a key does is decided by
// the component of the mode it arrives in (mode-keys.ts) with actions.ts, and
// carried out by the controller.
import {Box, useApp} from 'ink';
import {useEffect, useMemo, useRef, useState, useSyncExternalStore} from 'react';
import {AddDialog} from './components/add-dialog.js';
import {ConfirmView} from './components/confirm-view.js';
import {DetailsView} from './components/details-view.js';
import {Footer, footerHints} from './components/footer.js';
import {Header} from './components/header.js';
import {HelpView} from './components/help-view.js';
import {PromptLine} from './components/prompt-line.js';
import {SidePanel} from './components/side-panel.js';
import {TaskPanes} from './components/task-panes.js';
import {TextView} from './components/text-view.js';
import {Controller} from './controller.js';
import type {DaemonLink} from './daemon-link.js';
import {PromptHistory} from './history-file.js';
import type {Keymap} from './keymap.js';
import {screenLayout, type TerminalSize} from './layout.js';
import {useKeyInput} from './mode-keys.js';
import type {Connection} from './task-actions.js';
import type {TaskLogControls} from './task-log.js';
import {tableNeeds} from './table-columns.js';
import {sortKeys, sortTasks} from './table-sort.js';
import {useTerminalSize} from './terminal-size.js';
import {cursorIndex, scrollTop, visibleTasks} from './view-model.js';
import {isPrompt} from './view-state.js';
import {ViewStore} from './view-store.js';
import {messageLines} from './wrap-text.js';

export type AppProps = {
	link: DaemonLink;
	keymap: Keymap;
	/** Working directory and environment given to tasks added from the UI. */
	cwd: string;
	env: Record<string, string>;
	/** The options that chose the daemon (--home DIR): the commands the footer shows name it too. */
	connection?: Connection;
	/** Fixed size for tests; otherwise the terminal's, followed on resize. */
	size?: TerminalSize;
	/** The palette's and input line's history (kept in a file by the real UI); otherwise one of this run only. */
	history?: PromptHistory;
	onExit?: () => void;
};

/** The time, once a second: durations of running tasks tick, highlights fade. */
function useNow(): number {
	const [now, setNow] = useState(Date.now());
	useEffect(() => {
		const timer = setInterval(() => setNow(Date.now()), 1000);
		return () => clearInterval(timer);
	}, []);
	return now;
}

const noConnection: Connection = {};

export function App({link, keymap, cwd, env, connection = noConnection, size: fixedSize, history: givenHistory, onExit}: AppProps) {
	const {exit} = useApp();
	const snapshot = useSyncExternalStore(link.store.subscribe, link.store.getSnapshot);
	const terminal = useTerminalSize(fixedSize);
	const now = useNow();
	const [view] = useState(() => new ViewStore());
	const [history] = useState(() => givenHistory ?? new PromptHistory());
	useKeyInput(view);
	const state = useSyncExternalStore(view.subscribe, view.getSnapshot);
	const logControls = useRef<TaskLogControls | undefined>(undefined);
	const controller = useMemo(() => {
		const quit = () => {
			link.stop();
			onExit?.();
			exit();
		};

		return new Controller({link, view, cwd, env, connection, history, log: () => logControls.current, quit});
	}, [link, view, cwd, env, connection, history, onExit, exit]);

	const filtered = useMemo(() => visibleTasks(snapshot, state.filter), [snapshot.version, state.filter]);
	// Durations grow while tasks run: sorted by duration, the order is redone with the clock.
	const tasks = useMemo(() => sortTasks(filtered, state.sort, now), [filtered, state.sort, state.sort.key === 'duration' ? now : 0]);
	const needs = tableNeeds(snapshot, state.sort);
	const cursor = cursorIndex(tasks, state.cursorId, state.fallbackIndex);
	// The footer: the message whole (or a prompt, or a question) and the line of keys.
	const footerMessage = isPrompt(state.mode) || state.mode.kind === 'confirm' ? 1 : messageLines(state.message, terminal);
	const layout = screenLayout(terminal, state, footerMessage + 1);
	const top = scrollTop(state.top, cursor, layout.tableRows, tasks.length);
	useEffect(() => {
		if (top !== state.top) view.dispatch({type: 'scrolled', top});
	}, [top, state.top]);
	// Keys act on what this render shows.
	controller.frame = {tasks, snapshot, tableRows: layout.tableRows, sortable: sortKeys(needs)};

	const {mode} = state;
	const {columns} = terminal;
	return (
		<Box flexDirection="column" width={columns} height={layout.height}>
			<Header snapshot={snapshot} width={columns} />
			<Box flexDirection="row" height={layout.bodyHeight}>
				{mode.kind === 'help' ? (
					<HelpView keymap={keymap} width={layout.mainWidth} height={layout.bodyHeight} scroll={mode.scroll} view={view} />
				) : mode.kind === 'text' ? (
					<TextView title={mode.title} lines={mode.lines} width={layout.mainWidth} height={layout.bodyHeight} scroll={mode.scroll} view={view} />
				) : mode.kind === 'add' ? (
					<AddDialog form={mode.form} width={layout.mainWidth} controller={controller} />
				) : mode.kind === 'details' ? (
					<DetailsView
						link={link}
						mode={mode}
						task={snapshot.tasks.get(mode.task)}
						context={{tasks: snapshot.tasks, groups: snapshot.groups, running: snapshot.stats.running}}
						now={now}
						width={layout.mainWidth}
						height={layout.bodyHeight}
						view={view}
					/>
				) : (
					<TaskPanes
						link={link}
						keymap={keymap}
						controller={controller}
						layout={layout}
						snapshot={snapshot}
						needs={needs}
						state={state}
						tasks={tasks}
						cursor={cursor}
						top={top}
						current={tasks.at(cursor)}
						now={now}
						logControls={logControls}
					/>
				)}
				{state.showSide ? <SidePanel groups={snapshot.groups} workers={snapshot.workers} running={snapshot.stats.running} width={layout.sideWidth} height={layout.bodyHeight} /> : null}
			</Box>
			{mode.kind === 'confirm' ? (
				<ConfirmView question={mode.question} width={columns} controller={controller} />
			) : (
				<Footer
					width={columns}
					prompt={isPrompt(mode) ? <PromptLine mode={mode} width={columns} controller={controller} /> : undefined}
					message={state.message}
					lines={footerMessage}
					hints={footerHints(state, keymap)}
				/>
			)}
		</Box>
	);
}
