// The log of one task: a header line (task, follow state, search) and exactly
// height - 1 rows of its terminal buffer. It renders only the visible rows and
// holds no bytes: the parent owns the TerminalBuffer, writes to it, and bumps
// `version` after a flush (coalesced, ~15 fps) to make this pane re-render.
import {memo} from 'react';
import {Box, Text} from 'ink';
import type {CellStyle, StyledSegment} from './cell-style.js';
import {layoutLogRows, type LogRowSource} from './log-layout.js';
import {logViewport, newLineCount, type LogViewState} from './log-view-state.js';

export type LogPaneSource = LogRowSource & {readonly alternateScreen?: boolean};

export type LogPaneProps = {
	/** Usually a TerminalBuffer. */
	buffer: LogPaneSource;
	view: LogViewState;
	width: number;
	/** Total rows, header included; the pane never renders more. */
	height: number;
	title?: string;
	focused?: boolean;
	/** Bumped by the parent after new output was parsed; only used to re-render. */
	version?: number;
	/**
	 * `live` (default): output may still come, so the header says FOLLOW or how
	 * many lines came while scrolled up. `ended`: the task is done, nothing more
	 * will come. `stale`: not connected to the daemon, nothing comes for now.
	 */
	state?: LogState;
};

export type LogState = 'live' | 'ended' | 'stale';

// Matches of the search query are shown like this in every visible row.
const matchStyle: CellStyle = {fg: 'black', bg: 'yellow'};

function escapeRegExp(text: string): string {
	return text.replaceAll(/[.*+?^${}()|[\]\\]/g, String.raw`\$&`);
}

/** Splits segments so that every match of `pattern` in the row's text gets the match style. */
export function highlightMatches(segments: StyledSegment[], pattern: RegExp | undefined): StyledSegment[] {
	if (!pattern || segments.length === 0) return segments;
	const text = segments.map((segment) => segment.text).join('');
	const ranges: Array<[number, number]> = [];
	for (const match of text.matchAll(pattern)) {
		if (match[0].length > 0) ranges.push([match.index, match.index + match[0].length]);
	}

	if (ranges.length === 0) return segments;
	const result: StyledSegment[] = [];
	let offset = 0;
	let r = 0;
	for (const segment of segments) {
		const start = offset;
		const end = offset + segment.text.length;
		let cursor = start;
		while (cursor < end) {
			while (r < ranges.length && (ranges[r]?.[1] ?? 0) <= cursor) r++;
			const range = ranges[r];
			if (!range || range[0] >= end) {
				result.push({text: segment.text.slice(cursor - start), style: segment.style});
				break;
			}

			if (range[0] > cursor) {
				result.push({text: segment.text.slice(cursor - start, range[0] - start), style: segment.style});
				cursor = range[0];
			}

			const stop = Math.min(range[1], end);
			const style = {...segment.style, ...matchStyle, inverse: undefined};
			result.push({text: segment.text.slice(cursor - start, stop - start), style});
			cursor = stop;
		}

		offset = end;
	}

	return result;
}

function Segment({segment}: {segment: StyledSegment}) {
	const {style} = segment;
	return (
		<Text
			color={style.fg}
			backgroundColor={style.bg}
			bold={style.bold}
			dimColor={style.dim}
			italic={style.italic}
			underline={style.underline}
			inverse={style.inverse}
			strikethrough={style.strikethrough}
		>
			{segment.text}
		</Text>
	);
}

function searchStatus(view: LogViewState): string | undefined {
	const search = view.search;
	if (!search) return undefined;
	if (search.matches.length === 0) return `/${search.query}: no match`;
	return `/${search.query} ${search.index + 1}/${search.matches.length}`;
}

export type StatusPart = {text: string; color?: string; dim?: boolean};

/**
 * The right side of the header, shortened to leave the title some room on
 * narrow panes: the follow state matters most, then search, then the flags.
 */
export function headerStatus(view: LogViewState, fresh: number, options: {width: number; title: string; alternateScreen?: boolean; state?: LogState}): StatusPart[] {
	const search = searchStatus(view);
	const flags = [options.alternateScreen ? 'full-screen' : undefined, view.wrap ? undefined : view.left > 0 ? `nowrap +${view.left}` : 'nowrap'].filter(Boolean).join(' ');
	const searchPart: StatusPart | undefined = search ? {text: search, color: 'cyan'} : undefined;
	const flagsPart: StatusPart | undefined = flags ? {text: flags, dim: true} : undefined;
	const [follow, shortFollow] = followParts(view, fresh, options.state ?? 'live');
	const room = options.width - Math.min(options.title.length, 12) - 1;
	const candidates = [
		[searchPart, flagsPart, follow],
		[searchPart, flagsPart, shortFollow],
		[searchPart, shortFollow],
	].map((parts) => parts.filter((part): part is StatusPart => part !== undefined));
	const length = (parts: StatusPart[]) => parts.reduce((sum, part) => sum + 1 + part.text.length, 0);
	return candidates.find((parts) => length(parts) <= room) ?? [shortFollow];
}

/** Where the view is against the output: following it, or scrolled up (and what came meanwhile); long and short forms. */
function followParts(view: LogViewState, fresh: number, state: LogState): [StatusPart, StatusPart] {
	if (state === 'stale')
		return [
			{text: 'stale: not connected', color: 'yellow'},
			{text: 'stale', color: 'yellow'},
		];
	if (state === 'ended') {
		// Nothing more will come: no FOLLOW, no count of new lines.
		if (view.follow)
			return [
				{text: 'end of log', dim: true},
				{text: 'end', dim: true},
			];
		return [
			{text: 'scrolled up (End: bottom)', color: 'yellow'},
			{text: 'scrolled', color: 'yellow'},
		];
	}

	if (view.follow)
		return [
			{text: 'FOLLOW', color: 'green'},
			{text: 'FOLLOW', color: 'green'},
		];
	return [
		{text: `paused — ${fresh} new line${fresh === 1 ? '' : 's'} (End to follow)`, color: 'yellow'},
		{text: `paused +${fresh}`, color: 'yellow'},
	];
}

function LogPaneComponent({buffer, view, width, height, title, focused, state}: LogPaneProps) {
	if (height <= 0 || width <= 0) return null;
	const viewport = logViewport(width, height);
	const rows = layoutLogRows(buffer, view, viewport);
	const fresh = newLineCount(view, buffer);
	const label = title ?? 'log';
	const status = headerStatus(view, fresh, {width, title: label, alternateScreen: buffer.alternateScreen, state});
	const pattern = view.search?.query ? new RegExp(escapeRegExp(view.search.query), 'giu') : undefined;
	const blank = Math.max(0, viewport.height - rows.length);

	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<Box width={width} height={1} overflow="hidden">
				<Box flexGrow={1} flexShrink={1} overflow="hidden">
					<Text wrap="truncate-end" bold={focused} dimColor={!focused}>
						{label}
					</Text>
				</Box>
				<Box flexShrink={0} overflow="hidden">
					<Text wrap="truncate-end">
						{status.map((part) => (
							<Text key={part.text} color={part.color} dimColor={part.dim}>
								{` ${part.text}`}
							</Text>
						))}
					</Text>
				</Box>
			</Box>
			{rows.map((row) => (
				<Box key={`${row.position.line}:${row.position.sub}`} width={width} height={1} overflow="hidden">
					<Text wrap="truncate-end">
						{row.segments.length === 0
							? ' '
							: highlightMatches(row.segments, pattern).map((segment, index) => (
									// biome-ignore lint/suspicious/noArrayIndexKey: a row's segments are positional and rebuilt with the row, never reordered
									<Segment key={index} segment={segment} />
								))}
					</Text>
				</Box>
			))}
			{blank > 0 ? <Box height={blank} /> : null}
		</Box>
	);
}

/** Re-renders only when a prop changes: a new view state, size, or `version`. */
export const LogPane = memo(LogPaneComponent);
