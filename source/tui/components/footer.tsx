// Bottom lines: the prompt of `/`, `:` or `i` while typing (prompt-line.tsx),
// else the last message (with the equivalent CLI command), whole, on as many
// lines as it needs, and the keys that apply right now.
import {Box, Text} from 'ink';
import type {ReactNode} from 'react';
import {truncate} from '../../shared/format.js';
import {type ActionId, type Keymap, keysText} from '../keymap.js';
import {visibleText} from '../line-edit.js';
import {wrapText} from '../wrap-text.js';
import type {Message, ViewState} from '../view-state.js';

type Props = {width: number; prompt: ReactNode | undefined; message: Message | undefined; hints: string /** Lines the message may take (wrap-text.ts, messageLines). */; lines: number};

export function Footer({width, prompt, message, hints, lines}: Props) {
	const wrapped = wrapText(message?.text ?? ' ', width);
	// Longer than a quarter of the screen: the last line says there was more.
	const shown = wrapped.length > lines ? [...wrapped.slice(0, lines - 1), truncate(`${wrapped[lines - 1]} ${wrapped.slice(lines).join(' ')}`, width)] : wrapped;
	return (
		<Box flexDirection="column" width={width}>
			{prompt ??
				shown.map((line, index) => (
					// biome-ignore lint/suspicious/noArrayIndexKey: the lines of one message, in order
					<Text key={index} wrap="truncate-end" color={message?.kind === 'error' ? 'red' : 'green'}>
						{line || ' '}
					</Text>
				))}
			<Text dimColor wrap="truncate-end">
				{hints}
			</Text>
		</Box>
	);
}

/** The footer's second line: the keys of the help, the log, or the table, from the keymap. */
export function footerHints({mode, zoom, focus, marked, filter}: ViewState, keymap: Keymap): string {
	const keys = (action: ActionId) => keysText(keymap, action);
	if (mode.kind === 'help') return 'j/k scroll · any other key closes the help';
	if (mode.kind === 'details') return `j/k scroll · v ${mode.values ? 'hides' : 'shows'} the environment's values · Esc back`;
	if (mode.kind === 'text') return 'j/k PgUp/PgDn scroll · any other key closes';
	// Tab's choices for the word being typed, else what the palette takes.
	if (mode.kind === 'palette') return mode.choices?.length ? mode.choices.join('  ') : 'Tab completes · ↑/↓ history · Enter runs · Esc cancels · :help lists the commands';
	if (zoom || focus === 'log') return `${keys('down')} scroll · ${keys('search')} search · ${keys('wrap')} wrap · ${keys('follow')} follow · ${keys('back')} back · ${keys('help')} help`;
	const marks = marked.size > 0 ? `${marked.size} marked (${keys('back')} clears) · ` : '';
	const filtered = filter ? `filter: ${visibleText(filter)} · ` : '';
	return `${marks}${filtered}${keys('down')}/${keys('up')} move · ${keys('add')} add · ${keys('kill')} kill · ${keys('pause')} pause · ${keys('start')} start · ${keys('restart')} restart · ${keys('filter')} filter · ${keys('palette')} command · ${keys('zoom')} log · ${keys('details')} details · ${keys('help')} help · ${keys('quit')} quit`;
}
