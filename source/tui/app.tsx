// The full-screen UI. State the daemon owns comes from the store (one
// Subscribe stream); the view state (cursor, marks, filter, focus, dialogs)
// is in a ViewStore (view-state.ts), and what keys do is decided in
// actions.ts and carried out by the controller. Every key goes through one
// dispatcher and the one keymap (keymap.ts).
import {Box, useApp, useInput, useStdout} from 'ink';
import {useEffect, useMemo, useRef, useState, useSyncExternalStore} from 'react';
import type {WireTask} from '../daemon/wire.js';
import {AddDialog} from './components/add-dialog.js';
import {ConfirmView} from './components/confirm-view.js';
import {Footer, type Prompt} from './components/footer.js';
import {Header} from './components/header.js';
import {HelpView} from './components/help-view.js';
import {SidePanel} from './components/side-panel.js';
import {TaskTable} from './components/task-table.js';
import {TaskLog, type TaskLogControls} from './task-log.js';
import type {DaemonLink} from './daemon-link.js';
import {type Keymap, keyName, keysText, resolve} from './keymap.js';
import {screenLayout} from './layout.js';
import {cursorIndex, scrollTop, visibleTasks} from './view-model.js';
import {Controller} from './controller.js';
import {editText} from './line-edit.js';
import {editForm} from './task-form.js';
import {ViewStore} from './view-store.js';

export type AppProps = {
	link: DaemonLink;
	keymap: Keymap;
	/** Working directory and environment given to tasks added from the UI. */
	cwd: string;
	env: Record<string, string>;
	/** Fixed size for tests; otherwise the terminal's, followed on resize. */
	size?: {columns: number; rows: number};
	onExit?: () => void;
};

function useTerminalSize(fixed: AppProps['size']): {columns: number; rows: number} {
	const {stdout} = useStdout();
	const read = () => fixed ?? {columns: stdout.columns || 80, rows: stdout.rows || 24};
	const [size, setSize] = useState(read);
	useEffect(() => {
		if (fixed) return;
		// Ink 6 does not re-lay out on resize by itself: follow the terminal.
		const onResize = () => setSize(read());
		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout, fixed]);
	return size;
}

export function App({link, keymap, cwd, env, size: fixedSize, onExit}: AppProps) {
	const {exit} = useApp();
	const snapshot = useSyncExternalStore(link.store.subscribe, link.store.getSnapshot);
	const {columns, rows} = useTerminalSize(fixedSize);
	const [store] = useState(() => new ViewStore());
	const view = useSyncExternalStore(store.subscribe, store.getSnapshot);
	const {mode, filter, cursorId, fallbackIndex, marked, focus, zoom, showSide, top, message} = view;
	const [now, setNow] = useState(Date.now());
	const logControls = useRef<TaskLogControls | undefined>(undefined);
	const controller = useMemo(
		() =>
			new Controller({
				link,
				view: store,
				cwd,
				env,
				log: () => logControls.current,
				quit: () => {
					link.stop();
					onExit?.();
					exit();
				},
			}),
		[link, store, cwd, env, onExit, exit],
	);

	// Durations of running tasks tick; highlights fade.
	useEffect(() => {
		const timer = setInterval(() => setNow(Date.now()), 1000);
		return () => clearInterval(timer);
	}, []);

	const tasks = useMemo(() => visibleTasks(snapshot, filter), [snapshot.version, filter]);
	const cursor = cursorIndex(tasks, cursorId, fallbackIndex);
	const current: WireTask | undefined = tasks.at(cursor);
	const {height, bodyHeight, wide, sideWidth, mainWidth, tableWidth, tableHeight, tableRows, logWidth, logHeight} = screenLayout({columns, rows}, {zoom, showSide});
	controller.frame = {tasks, snapshot, tableRows};
	const visibleTop = scrollTop(top, cursor, tableRows, tasks.length);
	useEffect(() => {
		if (visibleTop !== top) store.dispatch({type: 'scrolled', top: visibleTop});
	}, [visibleTop, top]);

	useInput((input, key) => {
		const mode = store.state.mode;
		switch (mode.kind) {
			case 'confirm': {
				controller.answer(mode, input === 'y' || input === 'Y');
				return;
			}

			case 'help': {
				const name = keyName(input, key);
				const last = Math.max(0, Object.keys(keymap).length - (bodyHeight - 2));
				if (name === 'down' || name === 'j') store.dispatch({type: 'scrollHelp', delta: 1, last});
				else if (name === 'up' || name === 'k') store.dispatch({type: 'scrollHelp', delta: -1, last});
				else store.dispatch({type: 'close'});
				return;
			}

			case 'add': {
				if (key.escape) controller.cancelForm();
				else if (key.return) controller.submitForm(mode);
				else store.dispatch({type: 'open', mode: {...mode, form: editForm(mode.form, input, key)}});
				return;
			}

			case 'filter':
			case 'palette':
			case 'input':
			case 'search': {
				if (key.escape) store.dispatch({type: 'cancelPrompt'});
				else if (key.return) controller.submitPrompt(mode);
				else {
					const next = editText(mode.value, input, key);
					if (next !== undefined) store.dispatch({type: 'typed', value: next});
				}

				return;
			}

			case 'normal': {
				const name = keyName(input, key);
				if (name === undefined) return;
				const {zoom, focus} = store.state;
				const action = resolve(keymap, zoom ? 'log' : focus, name);
				if (action) controller.action(action);
			}
		}
	});

	const prompt: Prompt | undefined =
		mode.kind === 'filter'
			? {label: '/', value: mode.value}
			: mode.kind === 'palette'
				? {label: ':', value: mode.value}
				: mode.kind === 'input'
					? {label: `input for task ${mode.task}> `, value: mode.value}
					: mode.kind === 'search'
						? {label: 'search log: ', value: mode.value}
						: undefined;
	const hints =
		mode.kind === 'confirm'
			? 'y: yes · any other key: no'
			: mode.kind === 'help'
				? 'j/k scroll · any other key closes the help'
			: zoom || focus === 'log'
				? `${keysText(keymap, 'down')} scroll · ${keysText(keymap, 'search')} search · ${keysText(keymap, 'wrap')} wrap · ${keysText(keymap, 'follow')} follow · ${keysText(keymap, 'back')} back · ${keysText(keymap, 'help')} help`
				: `${marked.size > 0 ? `${marked.size} marked (${keysText(keymap, 'back')} clears) · ` : ''}${filter ? `filter: ${filter} · ` : ''}${keysText(keymap, 'down')}/${keysText(keymap, 'up')} move · ${keysText(keymap, 'add')} add · ${keysText(keymap, 'kill')} kill · ${keysText(keymap, 'pause')} pause · ${keysText(keymap, 'start')} start · ${keysText(keymap, 'restart')} restart · ${keysText(keymap, 'filter')} filter · ${keysText(keymap, 'palette')} command · ${keysText(keymap, 'zoom')} log · ${keysText(keymap, 'help')} help · ${keysText(keymap, 'quit')} quit`;


	const overlay =
		mode.kind === 'help' ? (
			<HelpView keymap={keymap} width={mainWidth} height={bodyHeight} scroll={mode.scroll} />
		) : mode.kind === 'add' ? (
			<AddDialog form={mode.form} width={mainWidth} />
		) : undefined;

	return (
		<Box flexDirection="column" width={columns} height={height}>
			<Header snapshot={snapshot} width={columns} />
			<Box flexDirection="row" height={bodyHeight}>
				{overlay ?? (
					<Box flexDirection={wide || zoom ? 'row' : 'column'} width={mainWidth} height={bodyHeight}>
						{zoom ? null : (
							<TaskTable
								tasks={tasks}
								showLabel={snapshot.stats.labelled > 0}
								showWorker={snapshot.stats.remote > 0}
								cursor={cursor}
								top={visibleTop}
								height={tableHeight}
								width={tableWidth}
								marked={marked}
								changedAt={snapshot.changedAt}
								now={now}
								focused={focus === 'table'}
							/>
						)}
						{wide && !zoom ? <Box width={1} /> : null}
						<TaskLog link={link} task={current} width={logWidth} height={logHeight} focused={focus === 'log' || zoom} controls={logControls} />
					</Box>
				)}
				{showSide ? <SidePanel groups={snapshot.groups} workers={snapshot.workers} running={snapshot.stats.running} width={sideWidth} height={bodyHeight} /> : null}
			</Box>
			{mode.kind === 'confirm' ? <ConfirmView question={mode.question} width={columns} /> : <Footer width={columns} prompt={prompt} message={message} hints={hints} />}
		</Box>
	);
}
