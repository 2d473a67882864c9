// `npm run bench [-- name ...]`: bundles bench/<name>.ts with esbuild into a
// temp directory and runs each with node, one after the other. Benchmarks are
// never part of `npm test`.
import {spawnSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, readdirSync, rmSync} from 'node:fs';
import path from 'node:path';
import {build} from 'esbuild';

const root = path.resolve(new URL('..', import.meta.url).pathname);
const available = readdirSync(path.join(root, 'bench'))
	.filter((file) => file.endsWith('.ts'))
	.map((file) => file.slice(0, -3))
	.sort();
const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !available.includes(name));
if (unknown.length > 0) {
	console.error(`unknown benchmark ${unknown.join(', ')}; available: ${available.join(', ')}`);
	process.exit(2);
}

if (spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], {stdio: 'inherit'}).status !== 0) process.exit(1);
// Inside the package, so the bundles resolve dependencies from node_modules.
const cache = path.join(root, 'node_modules', '.cache');
mkdirSync(cache, {recursive: true});
const out = mkdtempSync(path.join(cache, 'spool-bench-'));
try {
	const names = wanted.length > 0 ? wanted : available;
	await build({
		absWorkingDir: root,
		entryPoints: names.map((name) => `bench/${name}.ts`),
		outdir: out,
		bundle: true,
		format: 'esm',
		platform: 'node',
		target: 'node20',
		packages: 'external',
		logLevel: 'warning',
	});
	for (const name of names) {
		console.log(`\n## ${name}\n`);
		// NODE_ENV=production: the bundles load React from node_modules, and users run its production
		// build (scripts/build.mjs replaces NODE_ENV in dist/), so that is what is measured.
		const result = spawnSync(process.execPath, [path.join(out, `${name}.js`)], {stdio: 'inherit', cwd: root, env: {...process.env, SPOOL_ROOT: root, NODE_ENV: 'production'}});
		if (result.status !== 0) {
			console.error(`benchmark ${name} failed (exit ${result.status})`);
			process.exitCode = 1;
		}
	}
} finally {
	rmSync(out, {recursive: true, force: true});
}
