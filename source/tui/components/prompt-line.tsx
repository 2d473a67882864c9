// The line of a prompt being typed — `/` filter, `:` command, `i` input for
// a task, `/` search in the log — in place of the footer's message. Enter
// submits it; Esc and Ctrl-C cancel it; Up/Down step through the history of
// the palette and the input line; Tab completes in the palette
// (palette-complete.ts); other keys edit it (line-edit.ts).
import {Box, Text} from 'ink';
import type {Controller} from '../controller.js';
import {editLine, lineAt} from '../line-edit.js';
import {recallLine} from '../line-history.js';
import {useModeKeys} from '../mode-keys.js';
import type {PromptMode} from '../view-state.js';
import {TextField} from './text-field.js';

const promptKinds = ['filter', 'palette', 'input', 'search'] as const;

function label(mode: PromptMode): string {
	switch (mode.kind) {
		case 'filter':
			return '/';
		case 'palette':
			return ':';
		case 'input':
			return `input for task ${mode.task}> `;
		case 'search':
			return 'search log: ';
	}
}

type Props = {mode: PromptMode; width: number; controller: Controller};

export function PromptLine({mode, width, controller}: Props) {
	const {view} = controller;
	useModeKeys(
		view,
		promptKinds,
		(input, key, mode, press) => {
			if (key.escape || (key.ctrl && input === 'c')) view.dispatch({type: 'cancelPrompt'});
			else if (key.return) controller.submitPrompt(mode);
			else if (key.tab && !press.paste && mode.kind === 'palette') controller.completePalette(mode);
			else if ((key.upArrow || key.downArrow) && (mode.kind === 'palette' || mode.kind === 'input')) {
				const recalled = recallLine(controller.history.entries(mode.kind), mode.value, mode.recall, key.upArrow ? -1 : 1);
				if (recalled) view.dispatch({type: 'recalled', ...recalled});
			} else {
				const next = editLine(lineAt(mode.value, mode.cursor), press);
				if (next) view.dispatch({type: 'typed', value: next.value, cursor: next.cursor});
			}
		},
		{paste: true},
	);
	const prompt = label(mode);
	return (
		<Box width={width}>
			<Text color="cyan">{prompt}</Text>
			<TextField line={lineAt(mode.value, mode.cursor)} width={width - prompt.length} />
		</Box>
	);
}
