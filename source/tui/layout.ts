// How the terminal's size is shared out: header and footer, the task table,
// the log pane and the side panel. Plain arithmetic, kept apart from the
// components so every size can be checked without rendering anything.

export type TerminalSize = {columns: number; rows: number};

export type ScreenLayout = {
	/** Lines the UI draws: one less than the terminal (a frame as tall as the terminal makes Ink 6 redraw everything). */
	height: number;
	/** Lines between the header and the footer. */
	bodyHeight: number;
	/** Table and log side by side (wide terminals) rather than one above the other. */
	wide: boolean;
	/** 0 when the side panel is hidden. */
	sideWidth: number;
	/** Width left for the table and the log. */
	mainWidth: number;
	/** 0 while the log is zoomed. */
	tableWidth: number;
	tableHeight: number;
	/** Task rows the table shows (its height without the title row). */
	tableRows: number;
	logWidth: number;
	logHeight: number;
};

/** Kept for the header, two lines. */
const headerLines = 2;
/** From this width on the table and the log sit side by side. */
const wideColumns = 150;

/** `footerLines`: the message (wrap-text.ts, messageLines) and the line of keys. */
export function screenLayout({columns, rows}: TerminalSize, {zoom, showSide}: {zoom: boolean; showSide: boolean}, footerLines = 2): ScreenLayout {
	const height = Math.max(6, rows - 1);
	const bodyHeight = Math.max(1, height - headerLines - footerLines);
	const wide = columns >= wideColumns;
	const sideWidth = showSide ? Math.min(32, Math.floor(columns / 3)) : 0;
	const mainWidth = columns - sideWidth;
	const tableWidth = zoom ? 0 : wide ? Math.floor(mainWidth * 0.55) : mainWidth;
	const tableHeight = zoom ? 0 : wide ? bodyHeight : Math.max(4, Math.floor(bodyHeight * 0.5));
	// In a wide layout one column separates the table from the log.
	const logWidth = zoom ? mainWidth : wide ? mainWidth - tableWidth - 1 : mainWidth;
	const logHeight = zoom ? bodyHeight : wide ? bodyHeight : bodyHeight - tableHeight;
	const tableRows = Math.max(1, tableHeight - 1);
	return {height, bodyHeight, wide, sideWidth, mainWidth, tableWidth, tableHeight, tableRows, logWidth, logHeight};
}
