// The log pane of the selected task: its raw pty bytes from a Follow stream
// replayed into a headless terminal sized like the task's pty, rendered with
// colours. A few recently viewed tasks keep their terminal (and scroll
// position) so switching back is instant; repaints are coalesced. A task
// with no output of its own (waiting, or ended without running) gets the
// reason instead (task-why.ts); while the daemon is away, a kept log is shown
// as stale and no stream is opened.
import {Box, Text} from 'ink';
import {type MutableRefObject, useEffect, useImperativeHandle, useReducer, useRef, useState} from 'react';
import type {Task} from '../protocol/model.js';
import {statusLook} from '../shared/format.js';
import {oneLine} from '../terminal/sanitize.js';
import type {DaemonLink} from './daemon-link.js';
import {LogPane, type LogState} from './log/log-pane.js';
import {TerminalBuffer} from './log/terminal-buffer.js';
import {type WhyContext, whyNoLog} from './task-why.js';
import {LogViewStates, logViewport, nextMatch, previousMatch, scrollLines, scrollPages, scrollToBottom, scrollToTop, setSearchQuery, toggleWrap} from './log/log-view-state.js';

export type TaskLogControls = {
	scroll: (lines: number) => void;
	page: (pages: number) => void;
	top: () => void;
	bottom: () => void;
	toggleWrap: () => void;
	nextMatch: (direction: 1 | -1) => void;
	search: (query: string) => void;
};

type Entry = {id: number; attempt: number; buffer: TerminalBuffer; stop: () => void};

/** How far back a newly opened log starts (the terminal keeps this much scrollback). */
const replayLines = 5000;
const keptBuffers = 8;
const selectDelayMs = 80;
const frameMs = 66;

type Props = {
	link: DaemonLink;
	task: Task | undefined;
	width: number;
	height: number;
	focused: boolean;
	controls: MutableRefObject<TaskLogControls | undefined>;
	/** What the reason for a missing log is read from. */
	context: WhyContext;
	/** Connected and synced: streams can be opened (the first connection included, which is no reconnect). */
	connected: boolean;
	/** The connection was lost: what is shown is the last state seen. */
	stale: boolean;
};

export function TaskLog({link, task, width, height, focused, controls, context, connected, stale}: Props) {
	const entries = useRef(new Map<number, Entry>());
	const views = useRef(new LogViewStates());
	const [version, bump] = useReducer((value: number) => value + 1, 0);
	const [shown, setShown] = useState<number | undefined>(undefined);
	// Bumped by a reconnect, so the selected task's stream is opened again.
	const [generation, setGeneration] = useState(0);
	const repaint = useRef<NodeJS.Timeout | undefined>(undefined);

	const scheduleRepaint = (buffer: TerminalBuffer) => {
		if (repaint.current) return;
		repaint.current = setTimeout(() => {
			void buffer.flush().then(() => {
				repaint.current = undefined;
				bump();
			});
		}, frameMs);
	};

	const open = (target: Task): Entry => {
		const existing = entries.current.get(target.id);
		if (existing && existing.attempt === target.attempt) {
			// Most recently used last.
			entries.current.delete(target.id);
			entries.current.set(target.id, existing);
			return existing;
		}

		if (existing) {
			existing.stop();
			existing.buffer.dispose();
			entries.current.delete(target.id);
			views.current.delete(target.id);
		}

		const buffer = new TerminalBuffer({cols: target.cols, rows: target.rows, scrollback: replayLines});
		const stop = link.follow(target.id, replayLines, {
			onData: (data) => {
				buffer.write(data);
				scheduleRepaint(buffer);
			},
			onEnded: () => scheduleRepaint(buffer),
		});
		const entry: Entry = {id: target.id, attempt: target.attempt, buffer, stop};
		entries.current.set(target.id, entry);
		while (entries.current.size > keptBuffers) {
			const [oldest] = entries.current.values();
			if (!oldest) break;
			oldest.stop();
			oldest.buffer.dispose();
			entries.current.delete(oldest.id);
		}

		return entry;
	};

	// Open the selected task's log after a short pause, so holding j does not open a stream per row.
	const taskId = task?.id;
	const attempt = task?.attempt;
	const reason = task ? whyNoLog(task, context) : undefined;
	const noLog = reason !== undefined;
	useEffect(() => {
		if (!task || noLog) {
			setShown(undefined);
			return;
		}

		// Nothing to follow while the daemon is away: a kept log stays, a new one waits for the reconnect.
		if (!link.connected && entries.current.get(task.id)?.attempt !== task.attempt) {
			setShown(undefined);
			return;
		}

		if (entries.current.get(task.id)?.attempt === task.attempt) {
			open(task);
			setShown(task.id);
			return;
		}

		const timer = setTimeout(() => {
			open(task);
			setShown(task.id);
		}, selectDelayMs);
		return () => clearTimeout(timer);
	}, [taskId, attempt, noLog, generation, connected]);

	// After a reconnect every stream is gone: start over.
	useEffect(
		() =>
			link.onReconnect(() => {
				for (const entry of entries.current.values()) {
					entry.stop();
					entry.buffer.dispose();
				}

				entries.current.clear();
				setShown(undefined);
				setGeneration((value) => value + 1);
			}),
		[link],
	);

	useEffect(
		() => () => {
			clearTimeout(repaint.current);
			for (const entry of entries.current.values()) {
				entry.stop();
				entry.buffer.dispose();
			}

			entries.current.clear();
		},
		[],
	);

	const entry = shown === undefined ? undefined : entries.current.get(shown);
	const viewport = logViewport(width, height);
	useImperativeHandle(controls, () => {
		const update = (change: Parameters<LogViewStates['update']>[1]) => {
			if (!entry) return;
			views.current.update(entry.id, change);
			bump();
		};

		return {
			scroll: (lines) => update((state) => scrollLines(state, entry!.buffer, viewport, lines)),
			page: (pages) => update((state) => scrollPages(state, entry!.buffer, viewport, pages)),
			top: () => update((state) => scrollToTop(state, entry!.buffer, viewport)),
			bottom: () => update((state) => scrollToBottom(state)),
			toggleWrap: () => update((state) => toggleWrap(state)),
			nextMatch: (direction) => update((state) => (direction === 1 ? nextMatch(state, entry!.buffer, viewport) : previousMatch(state, entry!.buffer, viewport))),
			search: (query) => update((state) => setSearchQuery(state, entry!.buffer, viewport, query)),
		};
	}, [entry, viewport.width, viewport.height]);

	const title = task ? `task ${task.id} · ${oneLine(task.command.replaceAll(/\s+/g, ' '))}` : '';
	if (task && reason) {
		return (
			<Box width={width} height={height} flexDirection="column" overflow="hidden">
				<Text wrap="truncate-end" bold={focused} dimColor={!focused}>
					{title}
				</Text>
				<Text wrap="wrap" color={statusLook(task).style}>
					{reason}
				</Text>
			</Box>
		);
	}

	if (!task || !entry || entry.id !== task.id) {
		return (
			<Box width={width} height={height} flexDirection="column">
				<Text dimColor wrap="truncate-end">
					{!task ? 'No task selected.' : stale ? `task ${task.id}: not connected to the daemon; its log comes back on reconnect` : `task ${task.id}: opening its log…`}
				</Text>
			</Box>
		);
	}

	const state: LogState = stale ? 'stale' : task.status === 'Done' ? 'ended' : 'live';
	return <LogPane buffer={entry.buffer} view={views.current.get(entry.id)} width={width} height={height} title={title} focused={focused} version={version} state={state} />;
}
