// What `npm run build` puts in dist/: the UI's chunk carries React's
// production build, not its development checks (they cost about half of
// each frame at 100,000 tasks; docs/performance.md).
import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';

const dist = path.resolve(import.meta.dirname, '..', 'dist');

describe('dist/', () => {
	it('bundles React without its development build', () => {
		const chunks = readdirSync(dist).filter((file) => file.endsWith('.js'));
		expect(chunks.length).toBeGreaterThan(0);
		// A warning only React's development reconciler holds.
		const withDevelopmentReact = chunks.filter((file) => readFileSync(path.join(dist, file), 'utf8').includes('Each child in a list should have a unique'));
		expect(withDevelopmentReact).toEqual([]);
	});
});
