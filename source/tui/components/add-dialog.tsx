// The add / edit dialog: one field per line; the focused one shows a cursor.
// Tab and the arrows move between fields, Enter submits, Esc cancels, any
// other key edits the focused field (task-form.ts says how).
import {Box, Text} from 'ink';
import type {Controller} from '../controller.js';
import {useModeKeys} from '../mode-keys.js';
import {editForm, type TaskField, type TaskForm} from '../task-form.js';
import {defaultGroup} from '../../protocol/model.js';

const hints: Record<TaskField, string> = {
	command: 'shell command',
	group: defaultGroup,
	label: 'optional',
	priority: '0',
	after: 'ids, e.g. 3,5',
	delay: '10m, 18:30, tomorrow 9:00',
	cwd: 'working directory',
};

type Props = {form: TaskForm; width: number; controller: Controller};

export function AddDialog({form, width, controller}: Props) {
	useModeKeys(controller.view, ['add'], (input, key, mode) => {
		if (key.escape) controller.cancelForm();
		else if (key.return) controller.submitForm(mode);
		else controller.view.dispatch({type: 'open', mode: {...mode, form: editForm(mode.form, input, key)}});
	});
	return (
		<Box flexDirection="column" width={width} borderStyle="round" borderColor="cyan" paddingX={1}>
			<Text bold>{form.title}</Text>
			{form.fields.map((field, index) => {
				const focused = index === form.focus;
				const value = form.values[field];
				return (
					<Text key={field} wrap="truncate-start">
						<Text color={focused ? 'cyan' : undefined}>{field.padEnd(9)}</Text>
						{value === '' && !focused ? <Text dimColor>{hints[field]}</Text> : value}
						{focused ? <Text inverse> </Text> : null}
					</Text>
				);
			})}
			{form.error ? <Text color="red">{form.error}</Text> : <Text dimColor>Tab/↑↓ move · Enter {form.submit} · Esc cancels</Text>}
		</Box>
	);
}
