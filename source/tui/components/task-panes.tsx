// The body in normal mode: the task table and the log of the task under the
// cursor, side by side on a wide terminal, one above the other otherwise, or
// the log alone when zoomed. Normal mode's keys are answered here: the keymap
// turns a key into an action for the table or the log, whichever has the focus.
import {Box} from 'ink';
import type {MutableRefObject} from 'react';
import type {Task} from '../../protocol/model.js';
import type {Controller} from '../controller.js';
import type {DaemonLink} from '../daemon-link.js';
import {type Keymap, keyName, resolve} from '../keymap.js';
import type {ScreenLayout} from '../layout.js';
import {useModeKeys} from '../mode-keys.js';
import type {QueueSnapshot} from '../queue-store.js';
import {TaskLog, type TaskLogControls} from '../task-log.js';
import type {ColumnNeeds} from '../table-columns.js';
import type {TaskList} from '../view-model.js';
import type {ViewState} from '../view-state.js';
import {TaskTable} from './task-table.js';

type Props = {
	link: DaemonLink;
	keymap: Keymap;
	controller: Controller;
	layout: ScreenLayout;
	snapshot: QueueSnapshot;
	/** What decides the table's columns (table-columns.ts). */
	needs: ColumnNeeds;
	state: ViewState;
	tasks: TaskList;
	cursor: number;
	/** First row the table shows. */
	top: number;
	current: Task | undefined;
	now: number;
	logControls: MutableRefObject<TaskLogControls | undefined>;
};

export function TaskPanes({link, keymap, controller, layout, snapshot, needs, state, tasks, cursor, top, current, now, logControls}: Props) {
	const {view} = controller;
	useModeKeys(view, ['normal'], (input, key) => {
		const name = keyName(input, key);
		if (name === undefined) return;
		const {zoom, focus} = view.state;
		const action = resolve(keymap, zoom ? 'log' : focus, name);
		if (action) controller.action(action);
	});
	const {zoom, focus} = state;
	const {wide, mainWidth, bodyHeight} = layout;
	return (
		<Box flexDirection={wide || zoom ? 'row' : 'column'} width={mainWidth} height={bodyHeight}>
			{zoom ? null : (
				<TaskTable
					tasks={tasks}
					needs={needs}
					cursor={cursor}
					top={top}
					height={layout.tableHeight}
					width={layout.tableWidth}
					marked={state.marked}
					changedAt={snapshot.changedAt}
					now={now}
					focused={focus === 'table'}
					stale={snapshot.staleSince !== undefined}
				/>
			)}
			{wide && !zoom ? <Box width={1} /> : null}
			<TaskLog
				link={link}
				task={current}
				width={layout.logWidth}
				height={layout.logHeight}
				focused={focus === 'log' || zoom}
				controls={logControls}
				context={{tasks: snapshot.tasks, groups: snapshot.groups, running: snapshot.stats.running}}
				connected={snapshot.connection === 'connected'}
				stale={snapshot.staleSince !== undefined}
			/>
		</Box>
	);
}
