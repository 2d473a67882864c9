// `d` (or `:details [id]`): everything about one task in the body, field
// names on the left, long values wrapped under them (details/details-lines.ts).
// j/k, the arrows, PgUp/PgDn, g/G scroll it; v shows or hides the values of
// the environment; Esc (or q, or d again) goes back to the table.
import {Box, Text} from 'ink';
import {useRef} from 'react';
import type {Task} from '../../protocol/model.js';
import type {DaemonLink} from '../daemon-link.js';
import {detailsLines, detailsTitle, keyWidth} from '../details/details-lines.js';
import {useTaskFacts} from '../details/task-facts.js';
import {keyName} from '../keymap.js';
import {useModeKeys} from '../mode-keys.js';
import type {WhyContext} from '../task-why.js';
import type {ModeOf} from '../view-state.js';
import type {ViewStore} from '../view-store.js';

type Props = {
	link: DaemonLink;
	mode: ModeOf<'details'>;
	/** The task's record from the store; undefined once it is removed. */
	task: Task | undefined;
	context: WhyContext;
	now: number;
	width: number;
	height: number;
	view: ViewStore;
};

/** The border and the padding beside the text. */
const frameColumns = 4;
/** The border's two lines and the title. */
const frameLines = 3;

export function DetailsView({link, mode, task, context, now, width, height, view}: Props) {
	const facts = useTaskFacts(link, task, now, mode.values);
	const page = Math.max(1, height - frameLines);
	const lines = task ? detailsLines(task, facts, {...context, now, values: mode.values}, width - frameColumns) : [];
	const last = Math.max(0, lines.length - page);
	// The key handler runs between renders: it reads the newest bound.
	const bound = useRef(last);
	bound.current = last;

	useModeKeys(view, ['details'], (input, key, current) => {
		const name = keyName(input, key);
		const scrollTo = (scroll: number) => view.dispatch({type: 'open', mode: {...current, scroll: Math.max(0, Math.min(bound.current, scroll))}});
		switch (name) {
			case 'j':
			case 'down':
				scrollTo(current.scroll + 1);
				break;
			case 'k':
			case 'up':
				scrollTo(current.scroll - 1);
				break;
			case 'pagedown':
			case 'ctrl+f':
			case 'space':
				scrollTo(current.scroll + page);
				break;
			case 'pageup':
			case 'ctrl+b':
				scrollTo(current.scroll - page);
				break;
			case 'g':
			case 'home':
				scrollTo(0);
				break;
			case 'G':
			case 'end':
				scrollTo(bound.current);
				break;
			case 'v':
				view.dispatch({type: 'open', mode: {...current, values: !current.values}});
				break;
			case 'esc':
			case 'q':
			case 'd':
				view.dispatch({type: 'close'});
				break;
			default:
		}
	});

	const scroll = Math.min(mode.scroll, last);
	const title = task ? detailsTitle(task) : {text: `Task ${mode.task}: there is no such task (removed?)`, color: 'red'};
	const position = lines.length > page ? ` ${scroll + 1}–${Math.min(lines.length, scroll + page)} of ${lines.length}` : '';
	return (
		<Box flexDirection="column" width={width} height={height} borderStyle="round" borderColor="cyan" paddingX={1} overflow="hidden">
			<Box width={width - frameColumns}>
				<Box flexGrow={1} flexShrink={1} overflow="hidden">
					<Text bold color={title.color} wrap="truncate-end">
						{title.text}
					</Text>
				</Box>
				{position ? (
					<Box flexShrink={0}>
						<Text dimColor>{position}</Text>
					</Box>
				) : null}
			</Box>
			{lines.slice(scroll, scroll + page).map((line, index) => (
				// biome-ignore lint/suspicious/noArrayIndexKey: lines are positional, rebuilt with every render
				<Text key={index} wrap="truncate-end">
					<Text bold>{line.key.padEnd(keyWidth)}</Text>
					<Text color={line.color} dimColor={line.dim}>
						{line.text}
					</Text>
				</Text>
			))}
		</Box>
	);
}
