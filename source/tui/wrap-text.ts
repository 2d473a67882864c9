// Messages in the footer are shown whole, not cut with "…": an error must be
// readable to the end and a command shown must be the whole command. This
// wraps them to the terminal's width, and says how many lines the footer
// needs, so the layout can give them room.
import type {TerminalSize} from './layout.js';
import type {Message} from './view-state.js';

/** Lines of at most `width` characters: broken at spaces, words longer than a line cut where the line ends. */
export function wrapText(text: string, width: number): string[] {
	const size = Math.max(1, width);
	const lines: string[] = [];
	for (const paragraph of text.split('\n')) {
		let line = '';
		for (const word of paragraph.split(' ')) {
			if (line !== '' && [...line].length + 1 + [...word].length <= size) {
				line += ` ${word}`;
				continue;
			}

			if (line !== '') lines.push(line);
			let rest = [...word];
			while (rest.length > size) {
				lines.push(rest.slice(0, size).join(''));
				rest = rest.slice(size);
			}

			line = rest.join('');
		}

		lines.push(line);
	}

	return lines;
}

/** Lines the footer's message takes: all of it, up to a quarter of the screen. */
export function messageLines(message: Message | undefined, {columns, rows}: TerminalSize): number {
	if (!message) return 1;
	return Math.max(1, Math.min(wrapText(message.text, columns).length, Math.floor(rows / 4)));
}
