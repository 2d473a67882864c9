// The add / edit dialog: one field per line; the focused one shows its text
// cursor. Tab and ↑/↓ move between fields, Enter submits, Esc or Ctrl-C
// cancels, any other key edits the focused field (task-form.ts says how).
import {Box, Text} from 'ink';
import {defaultGroup} from '../../protocol/model.js';
import type {Controller} from '../controller.js';
import {lineAt, visibleText} from '../line-edit.js';
import {useModeKeys} from '../mode-keys.js';
import {editForm, type TaskField, type TaskForm} from '../task-form.js';
import {TextField} from './text-field.js';

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

/** Each field's name takes this many cells. */
const labelWidth = 9;
/** The border and the padding on both sides. */
const frameWidth = 4;

export function AddDialog({form, width, controller}: Props) {
	useModeKeys(
		controller.view,
		['add'],
		(input, key, mode, press) => {
			if (key.escape || (key.ctrl && input === 'c')) controller.cancelForm();
			else if (key.return && !press.paste) controller.submitForm(mode);
			else controller.view.dispatch({type: 'open', mode: {...mode, form: editForm(mode.form, press)}});
		},
		{paste: true},
	);
	const fieldWidth = width - frameWidth - labelWidth;
	return (
		<Box flexDirection="column" width={width} borderStyle="round" borderColor="cyan" paddingX={1}>
			<Text bold>{form.title}</Text>
			{form.fields.map((field, index) => {
				const focused = index === form.focus;
				const value = form.values[field];
				return (
					<Box key={field}>
						<Text color={focused ? 'cyan' : undefined}>{field.padEnd(labelWidth)}</Text>
						{focused ? (
							<TextField line={lineAt(value, form.cursor)} width={fieldWidth} />
						) : (
							<Text wrap="truncate-start" dimColor={value === ''}>
								{value === '' ? hints[field] : visibleText(value)}
							</Text>
						)}
					</Box>
				);
			})}
			{form.error ? <Text color="red">{form.error}</Text> : <Text dimColor>Tab/↑↓ move · Enter {form.submit} · Esc cancels</Text>}
		</Box>
	);
}
