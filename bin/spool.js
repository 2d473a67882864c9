#!/usr/bin/env node
// The installed entry point: everything lives in the bundle that `npm install`
// (the `prepare` script) builds into dist/.
import {existsSync} from 'node:fs';

const bundle = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(bundle)) {
	process.stderr.write(
		'spool: dist/cli.js is missing, so spool has not been built.\n' +
			'Run `npm install` (or `npm run build`) in the spool package directory, then try again.\n',
	);
	process.exit(70);
}

await import(bundle.href);
