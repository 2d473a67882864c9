// The line of a prompt being typed — `/` filter, `:` command, `i` input for
// a task, `/` search in the log — in place of the footer's message. Enter
// submits it, Esc cancels it, Tab completes in the palette (palette-complete.ts),
// other keys edit it (line-edit.ts).
import {Text} from 'ink';
import type {Controller} from '../controller.js';
import {editText} from '../line-edit.js';
import {useModeKeys} from '../mode-keys.js';
import type {PromptMode} from '../view-state.js';

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

type Props = {mode: PromptMode; controller: Controller};

export function PromptLine({mode, controller}: Props) {
	const {view} = controller;
	useModeKeys(view, promptKinds, (input, key, mode) => {
		if (key.escape) view.dispatch({type: 'cancelPrompt'});
		else if (key.return) controller.submitPrompt(mode);
		else if (key.tab && mode.kind === 'palette') controller.completePalette(mode);
		else {
			const next = editText(mode.value, input, key);
			if (next !== undefined) view.dispatch({type: 'typed', value: next});
		}
	});
	return (
		<Text wrap="truncate-start">
			<Text color="cyan">{label(mode)}</Text>
			{mode.value}
			<Text inverse> </Text>
		</Text>
	);
}
