// How the terminal's size is shared out between the table, the log and the side panel.
import {describe, expect, it} from 'vitest';
import {screenLayout} from '../../source/tui/layout.js';

const panes = {zoom: false, showSide: false};

describe('screen layout', () => {
	it('stacks the table over the log on a narrow terminal, one line short of its height', () => {
		expect(screenLayout({columns: 120, rows: 40}, panes)).toEqual({
			height: 39,
			bodyHeight: 35,
			wide: false,
			sideWidth: 0,
			mainWidth: 120,
			tableWidth: 120,
			tableHeight: 17,
			tableRows: 16,
			logWidth: 120,
			logHeight: 18,
		});
	});

	it('puts them side by side from 150 columns, with one column between', () => {
		const layout = screenLayout({columns: 150, rows: 40}, panes);
		expect(layout).toMatchObject({wide: true, tableWidth: 82, tableHeight: 35, logWidth: 67, logHeight: 35});
		expect(layout.tableWidth + 1 + layout.logWidth).toBe(layout.mainWidth);
		expect(screenLayout({columns: 149, rows: 40}, panes).wide).toBe(false);
	});

	it('gives the side panel a third of the width, at most 32 columns', () => {
		expect(screenLayout({columns: 60, rows: 24}, {zoom: false, showSide: true})).toMatchObject({sideWidth: 20, mainWidth: 40, tableWidth: 40, logWidth: 40});
		expect(screenLayout({columns: 200, rows: 24}, {zoom: false, showSide: true})).toMatchObject({sideWidth: 32, mainWidth: 168});
	});

	it('gives the whole body to the log when zoomed', () => {
		for (const columns of [80, 200]) {
			const layout = screenLayout({columns, rows: 24}, {zoom: true, showSide: false});
			expect(layout).toMatchObject({tableWidth: 0, tableHeight: 0, tableRows: 1, logWidth: columns, logHeight: 19});
		}
	});

	it('keeps a minimum height on a tiny terminal', () => {
		expect(screenLayout({columns: 40, rows: 3}, panes)).toMatchObject({height: 6, bodyHeight: 2, tableHeight: 4, tableRows: 3});
	});
});
