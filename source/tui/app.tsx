// The full-screen UI. State the daemon owns comes from the store (one
// Subscribe stream); this component holds only view state: cursor, marks,
// filter, focus, dialogs. Every key goes through one dispatcher and the one
// keymap (keymap.ts).
import {Box, useApp, useInput, useStdout} from 'ink';
import {useCallback, useEffect, useMemo, useReducer, useRef, useState, useSyncExternalStore} from 'react';
import type {Message as ProtocolMessage} from '../client/client.js';
import type {WireTask} from '../daemon/wire.js';
import {parseIds} from '../commands/ids.js';
import {parseWhen} from '../commands/when.js';
import {AddDialog, type AddField, type AddForm, addFields, editFields} from './components/add-dialog.js';
import {ConfirmView} from './components/confirm-view.js';
import {Footer, type Message, type Prompt} from './components/footer.js';
import {Header} from './components/header.js';
import {HelpView} from './components/help-view.js';
import {SidePanel} from './components/side-panel.js';
import {TaskTable} from './components/task-table.js';
import {TaskLog, type TaskLogControls} from './task-log.js';
import type {DaemonLink} from './daemon-link.js';
import {type ActionId, type KeyContext, type Keymap, keyName, keysText, resolve} from './keymap.js';
import {screenLayout} from './layout.js';
import {PaletteError, parsePalette} from './palette.js';
import {cursorIndex, scrollTop, visibleTasks} from './view-model.js';

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

type Mode =
	| {kind: 'normal'}
	| {kind: 'filter'; value: string; before: string}
	| {kind: 'palette'; value: string}
	| {kind: 'input'; value: string; task: number}
	| {kind: 'search'; value: string}
	| {kind: 'confirm'; question: string; run: () => void}
	| {kind: 'add'; form: AddForm; edit: number | undefined}
	| {kind: 'help'; scroll: number};

const describe = (ids: readonly number[]) => (ids.length === 1 ? `task ${ids[0]}` : `${ids.length} tasks`);

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
	// Keys can arrive several in one read (typing fast, pasting): handlers read
	// the latest view state from refs, never from a stale render's closure.
	const [, render] = useReducer((value: number) => value + 1, 0);
	const view = useRef({mode: {kind: 'normal'} as Mode, filter: '', cursorId: undefined as number | undefined, fallbackIndex: 0, marked: new Set<number>() as ReadonlySet<number>});
	const setMarked = (next: ReadonlySet<number>) => {
		view.current.marked = next;
		render();
	};

	const setMode = (next: Mode) => {
		view.current.mode = next;
		render();
	};

	const setFilter = (next: string) => {
		view.current.filter = next;
		render();
	};

	const setCursorId = (id: number | undefined) => {
		view.current.cursorId = id;
		render();
	};

	const {mode, filter, cursorId, fallbackIndex, marked} = view.current;
	const [top, setTop] = useState(0);
	const [focus, setFocus] = useState<KeyContext>('table');
	const [zoom, setZoom] = useState(false);
	const [showSide, setShowSide] = useState(false);
	const [message, setMessage] = useState<Message | undefined>();
	const [now, setNow] = useState(Date.now());
	const logControls = useRef<TaskLogControls | undefined>(undefined);

	// Durations of running tasks tick; highlights fade.
	useEffect(() => {
		const timer = setInterval(() => setNow(Date.now()), 1000);
		return () => clearInterval(timer);
	}, []);

	const tasks = useMemo(() => visibleTasks(snapshot, filter), [snapshot.version, filter]);
	const cursor = cursorIndex(tasks, cursorId, fallbackIndex);
	const current: WireTask | undefined = tasks.at(cursor);
	const latest = useRef({tasks, cursor});
	latest.current = {tasks, cursor};

	const {height, bodyHeight, wide, sideWidth, mainWidth, tableWidth, tableHeight, tableRows, logWidth, logHeight} = screenLayout({columns, rows}, {zoom, showSide});
	const visibleTop = scrollTop(top, cursor, tableRows, tasks.length);
	useEffect(() => {
		if (visibleTop !== top) setTop(visibleTop);
	}, [visibleTop, top]);

	const say = useCallback((text: string, kind: Message['kind'] = 'info') => setMessage({text, kind}), []);
	const send = useCallback(
		async (request: ProtocolMessage, done: string, cli: string) => {
			try {
				await link.request(request);
				say(`${done} — ${cli}`);
			} catch (error) {
				say((error as Error).message, 'error');
			}
		},
		[link, say],
	);

	const currentTask = (): WireTask | undefined => {
		const list = latest.current.tasks;
		return list.at(cursorIndex(list, view.current.cursorId, view.current.fallbackIndex));
	};

	const targets = (): number[] => {
		if (view.current.marked.size > 0) return [...view.current.marked].sort((a, b) => a - b);
		const task = currentTask();
		return task ? [task.id] : [];
	};

	/** Moves the cursor by rows from where it is now (not where the last render put it). */
	const moveBy = (delta: number) => {
		const list = latest.current.tasks;
		const from = cursorIndex(list, view.current.cursorId, view.current.fallbackIndex);
		const clamped = Math.max(0, Math.min(from + delta, list.length - 1));
		view.current.fallbackIndex = clamped;
		setCursorId(list.ids[clamped]);
	};

	const moveTo = (index: number) => {
		const list = latest.current.tasks;
		moveBy(index - cursorIndex(list, view.current.cursorId, view.current.fallbackIndex));
	};

	const quit = () => {
		link.stop();
		onExit?.();
		exit();
	};

	const openAdd = (edit?: WireTask) => {
		const values: Record<AddField, string> = {
			command: edit?.command ?? '',
			group: edit?.group ?? currentTask()?.group ?? 'default',
			label: edit?.label ?? '',
			priority: edit ? String(edit.priority) : '',
			after: edit ? edit.after.join(',') : '',
			delay: '',
			cwd: edit?.cwd ?? cwd,
		};
		setMode({kind: 'add', edit: edit?.id, form: {values, fields: edit ? editFields : addFields, focus: 0, error: undefined, title: edit ? `Edit task ${edit.id}` : 'Add a task', submit: edit ? 'saves' : 'adds'}});
	};

	const submitAdd = (form: AddForm, edit: number | undefined) => {
		const {values} = form;
		const fail = (error: string) => setMode({kind: 'add', edit, form: {...form, error}});
		if (values.command.trim() === '') return fail('the command must not be empty');
		if (values.priority !== '' && !/^-?\d+$/.test(values.priority.trim())) return fail('priority is a whole number');
		let after: number[] = [];
		let enqueueAt: number | undefined;
		try {
			after = parseIds([values.after]);
			if (values.delay.trim() !== '') enqueueAt = parseWhen(values.delay);
		} catch (error) {
			return fail((error as Error).message);
		}

		const priority = values.priority.trim() === '' ? undefined : Number(values.priority);
		setMode({kind: 'normal'});
		if (edit !== undefined) {
			void send(
				{type: 'Edit', task: edit, command: values.command, cwd: values.cwd, label: values.label === '' ? null : values.label, ...(priority === undefined ? {} : {priority})},
				`Edited task ${edit}`,
				`spool edit ${edit} --command …`,
			);
			return;
		}

		void (async () => {
			try {
				const reply = await link.request({
					type: 'Add',
					command: values.command,
					cwd: values.cwd || cwd,
					env,
					group: values.group || 'default',
					...(values.label ? {label: values.label} : {}),
					...(priority === undefined ? {} : {priority}),
					...(after.length > 0 ? {after} : {}),
					...(enqueueAt === undefined ? {} : {enqueueAt}),
				});
				const id = (reply.task as WireTask).id;
				setCursorId(id);
				say(`Added task ${id} — spool add${values.group && values.group !== 'default' ? ` -g ${values.group}` : ''} -- ${values.command}`);
			} catch (error) {
				say((error as Error).message, 'error');
			}
		})();
	};

	const confirm = (question: string, run: () => void) => setMode({kind: 'confirm', question, run});

	const runAction = (action: ActionId) => {
		const ids = targets();
		const current = currentTask();
		const marked = view.current.marked;
		const log = logControls.current;
		const inLog = focus === 'log' || zoom;
		switch (action) {
			case 'down':
				if (inLog) log?.scroll(1);
				else moveBy(1);
				break;
			case 'up':
				if (inLog) log?.scroll(-1);
				else moveBy(-1);
				break;
			case 'pageDown':
				if (inLog) log?.page(1);
				else moveBy(tableRows);
				break;
			case 'pageUp':
				if (inLog) log?.page(-1);
				else moveBy(-tableRows);
				break;
			case 'top':
				if (inLog) log?.top();
				else moveTo(0);
				break;
			case 'bottom':
				if (inLog) log?.bottom();
				else moveTo(tasks.length - 1);
				break;
			case 'follow':
				log?.bottom();
				break;
			case 'wrap':
				log?.toggleWrap();
				break;
			case 'searchNext':
				log?.nextMatch(1);
				break;
			case 'searchPrevious':
				log?.nextMatch(-1);
				break;
			case 'search':
				setMode({kind: 'search', value: ''});
				break;
			case 'switchPane':
				if (!zoom) setFocus(focus === 'table' ? 'log' : 'table');
				break;
			case 'zoom':
				setZoom(!zoom);
				setFocus(zoom ? 'table' : 'log');
				break;
			case 'back':
				if (zoom) {
					setZoom(false);
					setFocus('table');
				} else if (focus === 'log') setFocus('table');
				else if (view.current.filter !== '') setFilter('');
				else if (marked.size > 0) setMarked(new Set());
				else setMessage(undefined);
				break;
			case 'filter':
				setMode({kind: 'filter', value: view.current.filter, before: view.current.filter});
				break;
			case 'palette':
				setMode({kind: 'palette', value: ''});
				break;
			case 'help':
				setMode({kind: 'help', scroll: 0});
				break;
			case 'toggleWorkers':
				setShowSide(!showSide);
				break;
			case 'quit':
				if (zoom) {
					setZoom(false);
					setFocus('table');
				} else quit();
				break;
			case 'forceQuit':
				quit();
				break;
			case 'mark':
				if (current) {
					const next = new Set(marked);
					if (next.has(current.id)) next.delete(current.id);
					else next.add(current.id);
					setMarked(next);
					moveBy(1);
				}

				break;
			case 'add':
				openAdd();
				break;
			case 'edit':
				if (current && (current.status === 'Queued' || current.status === 'Stashed')) openAdd(current);
				else say('only a queued or stashed task can be edited', 'error');
				break;
			case 'start':
				if (ids.length > 0) void send({type: 'Start', ids}, `Started ${describe(ids)}`, `spool start ${ids.join(' ')}`);
				break;
			case 'pause': {
				if (ids.length === 0) break;
				const running = ids.filter((id) => snapshot.tasks.get(id)?.status === 'Running');
				if (running.length > 0) void send({type: 'Pause', ids: running}, `Paused ${describe(running)}`, `spool pause ${running.join(' ')}`);
				else if (current) void send({type: 'Pause', group: current.group}, `Paused group ${current.group}`, `spool pause -g ${current.group}`);
				break;
			}

			case 'kill': {
				const active = ids.filter((id) => ['Running', 'Paused'].includes(snapshot.tasks.get(id)?.status ?? ''));
				if (active.length === 0) {
					say('nothing to kill: the task is not running', 'error');
					break;
				}

				const command = snapshot.tasks.get(active[0]!)?.command.replaceAll(/\s+/g, ' ') ?? '';
				const what = active.length === 1 ? `task ${active[0]} (${command.length > 32 ? `${command.slice(0, 31)}…` : command})` : `${active.length} tasks`;
				confirm(`Kill ${what}?`, () => void send({type: 'Kill', ids: active}, `Killed ${describe(active)}`, `spool kill ${active.join(' ')}`));
				break;
			}

			case 'restart':
			case 'restartInPlace': {
				const done = ids.filter((id) => snapshot.tasks.get(id)?.status === 'Done');
				if (done.length === 0) {
					say('only finished tasks can be restarted', 'error');
					break;
				}

				const inPlace = action === 'restartInPlace';
				void send({type: 'Restart', ids: done, inPlace}, `Restarted ${describe(done)}${inPlace ? ' in place' : ''}`, `spool restart ${inPlace ? '-i ' : ''}${done.join(' ')}`);
				break;
			}

			case 'remove':
				if (ids.length > 0) {
					confirm(`Remove ${describe(ids)} and ${ids.length === 1 ? 'its log' : 'their logs'}?`, () => {
						setMarked(new Set());
						void send({type: 'Remove', ids}, `Removed ${describe(ids)}`, `spool remove ${ids.join(' ')}`);
					});
				}

				break;
			case 'clean':
				confirm('Remove every finished task and its log?', () => void send({type: 'Clean'}, 'Cleaned finished tasks', 'spool clean'));
				break;
			case 'stash':
				if (ids.length > 0) void send({type: 'Stash', ids}, `Stashed ${describe(ids)}`, `spool stash ${ids.join(' ')}`);
				break;
			case 'enqueue':
				if (ids.length > 0) void send({type: 'Enqueue', ids}, `Enqueued ${describe(ids)}`, `spool enqueue ${ids.join(' ')}`);
				break;
			case 'input':
				if (current?.status === 'Running') setMode({kind: 'input', value: '', task: current.id});
				else say('input goes to a running task', 'error');
				break;
			case 'parallelUp':
			case 'parallelDown': {
				const name = current?.group ?? 'default';
				const group = snapshot.groups.find((entry) => entry.name === name);
				if (!group) break;
				if (group.parallel === 0 && action === 'parallelUp') {
					say(`group ${name} already runs any number of tasks`);
					break;
				}

				const parallel = action === 'parallelUp' ? group.parallel + 1 : Math.max(1, group.parallel - 1);
				void send({type: 'Parallel', group: name, parallel}, `Group ${name} runs ${parallel} at once`, `spool parallel ${parallel} -g ${name}`);
				break;
			}
		}
	};

	const editText = (value: string, input: string, key: Parameters<Parameters<typeof useInput>[0]>[1]): string | undefined => {
		if (key.backspace || key.delete) return value.slice(0, -1);
		if (key.ctrl && input === 'u') return '';
		if (input && !key.ctrl && !key.meta && !key.return && !key.escape && !key.tab) return value + input;
		return undefined;
	};

	useInput((input, key) => {
		const mode = view.current.mode;
		switch (mode.kind) {
			case 'confirm': {
				setMode({kind: 'normal'});
				if (input === 'y' || input === 'Y') mode.run();
				else say('Nothing changed.');
				return;
			}

			case 'help': {
				const name = keyName(input, key);
				const last = Math.max(0, Object.keys(keymap).length - (bodyHeight - 2));
				if (name === 'down' || name === 'j') setMode({kind: 'help', scroll: Math.min(last, mode.scroll + 1)});
				else if (name === 'up' || name === 'k') setMode({kind: 'help', scroll: Math.max(0, mode.scroll - 1)});
				else setMode({kind: 'normal'});
				return;
			}

			case 'add': {
				const {form} = mode;
				if (key.escape) {
					setMode({kind: 'normal'});
					say('Nothing added.');
					return;
				}

				if (key.return) {
					submitAdd(form, mode.edit);
					return;
				}

				if (key.tab || key.downArrow || key.upArrow) {
					const step = key.upArrow || (key.tab && key.shift) ? -1 : 1;
					setMode({...mode, form: {...form, focus: (form.focus + step + form.fields.length) % form.fields.length}});
					return;
				}

				// Pasted or fast-typed text can hold tabs: each moves to the next field.
				let values = form.values;
				let focusAt = form.focus;
				const parts = input.includes('\t') && !key.tab ? input.split('\t') : [input];
				for (const [index, part] of parts.entries()) {
					if (index > 0) focusAt = (focusAt + 1) % form.fields.length;
					const field = form.fields[focusAt]!;
					const next = part === '' && index > 0 ? values[field] : editText(values[field], part, key);
					if (next !== undefined) values = {...values, [field]: next};
				}

				setMode({...mode, form: {...form, error: undefined, focus: focusAt, values}});
				return;
			}

			case 'filter':
			case 'palette':
			case 'input':
			case 'search': {
				if (key.escape) {
					if (mode.kind === 'filter') setFilter(mode.before);
					setMode({kind: 'normal'});
					return;
				}

				if (key.return) {
					setMode({kind: 'normal'});
					if (mode.kind === 'palette') {
						try {
							const command = parsePalette(mode.value, {cwd, env});
							void send(command.request, 'Done', command.cli);
						} catch (error) {
							say(error instanceof PaletteError || error instanceof Error ? error.message : String(error), 'error');
						}
					} else if (mode.kind === 'input') {
						void send({type: 'Send', task: mode.task, data: `${mode.value}\n`}, `Sent input to task ${mode.task}`, `spool send ${mode.task} …`);
					} else if (mode.kind === 'search') {
						logControls.current?.search(mode.value);
					}

					return;
				}

				const next = editText(mode.value, input, key);
				if (next === undefined) return;
				if (mode.kind === 'filter') {
					view.current.fallbackIndex = 0;
					setFilter(next);
				}

				setMode({...mode, value: next});
				return;
			}

			case 'normal': {
				const name = keyName(input, key);
				if (name === undefined) return;
				const action = resolve(keymap, zoom ? 'log' : focus, name);
				if (action) runAction(action);
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
