// Fails loudly when a native module did not build or load (npm skips install
// scripts that package.json's allowScripts does not cover).
import {createRequire} from 'node:module';
import {describe, expect, it} from 'vitest';

const require = createRequire(import.meta.url);

describe('native modules', () => {
	it('better-sqlite3 loads and runs a query', () => {
		const Database = require('better-sqlite3') as typeof import('better-sqlite3');
		const db = new Database(':memory:');
		expect(db.prepare('select sqlite_version() as v').get()).toMatchObject({v: expect.any(String)});
		db.close();
	});

	it('node-pty loads its binding', () => {
		const pty = require('node-pty') as typeof import('node-pty');
		expect(typeof pty.spawn).toBe('function');
		const terminal = pty.spawn('sh', ['-c', 'exit 0'], {cols: 80, rows: 24});
		expect(terminal.pid).toBeGreaterThan(0);
		terminal.kill();
	});

	it('cbor-x has its native string extractor', async () => {
		const cbor = await import('cbor-x');
		expect(cbor.isNativeAccelerationEnabled).toBe(true);
	});
});
