import {afterEach} from 'vitest';
import {TerminalBuffer, type StyledLine, type StyledSegment} from '../../../source/tui/log/terminal-buffer.js';

export function text(segments: readonly StyledSegment[]): string {
	return segments.map((segment) => segment.text).join('');
}

export function lineTexts(lines: readonly StyledLine[]): string[] {
	return lines.map((line) => text(line.segments));
}

/** A buffer with `data` written and parsed. */
export async function bufferWith(data: string | Uint8Array, options: {cols?: number; rows?: number; scrollback?: number} = {}): Promise<TerminalBuffer> {
	const {cols = 40, rows = 10, scrollback} = options;
	const buffer = new TerminalBuffer({cols, rows, scrollback});
	buffer.write(typeof data === 'string' ? Buffer.from(data) : data);
	await buffer.flush();
	return buffer;
}

export async function writeAll(buffer: TerminalBuffer, data: string): Promise<void> {
	buffer.write(Buffer.from(data));
	await buffer.flush();
}

export function numberedLines(from: number, to: number): string {
	let out = '';
	for (let i = from; i < to; i++) out += `line ${i}\n`;
	return out;
}

export function allTexts(buffer: TerminalBuffer): string[] {
	return lineTexts(buffer.getLines(0, buffer.lineCount));
}

/** `make(...)`: bufferWith, disposed after each test. */
export function buffersPerTest(): (...args: Parameters<typeof bufferWith>) => Promise<TerminalBuffer> {
	const buffers: TerminalBuffer[] = [];
	afterEach(() => {
		for (const buffer of buffers.splice(0)) buffer.dispose();
	});
	return async (...args) => {
		const buffer = await bufferWith(...args);
		buffers.push(buffer);
		return buffer;
	};
}
