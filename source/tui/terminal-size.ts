// The terminal's size as React state, followed on resize: Ink 6 does not
// re-lay out on resize by itself.
import {useStdout} from 'ink';
import {useEffect, useState} from 'react';
import type {TerminalSize} from './layout.js';

/** `fixed` (tests) or the terminal's size. */
export function useTerminalSize(fixed: TerminalSize | undefined): TerminalSize {
	const {stdout} = useStdout();
	const read = () => fixed ?? {columns: stdout.columns || 80, rows: stdout.rows || 24};
	const [size, setSize] = useState(read);
	useEffect(() => {
		if (fixed) return;
		const onResize = () => setSize(read());
		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout, fixed]);
	return size;
}
