// The `:` palette in the UI: commands from the CLI's definitions, Tab
// completion, and errors shown whole (wrapped), never cut with "…".
import {afterEach, describe, expect, it} from 'vitest';
import {type Harness, keys, startHarness} from './app-harness.js';

let harness: Harness | undefined;
afterEach(async () => {
	await harness?.close();
	harness = undefined;
});

describe('the palette', () => {
	it('shows a long error whole, on as many lines as it takes, at 80 columns', async () => {
		harness = await startHarness({size: {columns: 80, rows: 24}});
		await harness.press(':');
		await harness.type('frob');
		await harness.press(keys.enter);
		const frame = await harness.waitForFrame((text) => text.includes('unknown command "frob"'), 'the error');
		// The message's lines, above the line of keys.
		const message = frame.slice(frame.indexOf('unknown command'), frame.lastIndexOf('\n'));
		// The list of commands ends with the last palette command, and nothing is cut.
		expect(message.replaceAll(/\s+/g, ' ')).toMatch(/parallel\b/);
		expect(message).not.toContain('…');
		expect(frame.split('\n').length).toBeLessThanOrEqual(23);
	});
});
