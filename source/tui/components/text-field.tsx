// A line being edited, drawn in `width` cells: the cursor is the inverse
// cell on the character under it (a blank after the end), and a line wider
// than the field shows the part around the cursor with a dim … where it is
// cut (line-edit.ts decides which part).
import {Text} from 'ink';
import {type Line, lineView} from '../line-edit.js';

type Props = {line: Line; width: number};

export function TextField({line, width}: Props) {
	const {before, under, after, clippedStart, clippedEnd} = lineView(line, Math.max(1, width));
	return (
		<Text wrap="truncate-end">
			{clippedStart ? <Text dimColor>…</Text> : null}
			{before}
			<Text inverse>{under}</Text>
			{after}
			{clippedEnd ? <Text dimColor>…</Text> : null}
		</Text>
	);
}
