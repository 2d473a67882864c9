// Bundles source/ into dist/ with esbuild. One bundle keeps the CLI's start-up
// short (fewer module files to resolve and parse); the Ink UI is a separate
// chunk loaded with a dynamic import, so plain commands never parse React.
// Native modules stay external: they load their own .node binaries.
import {build} from 'esbuild';
import {rmSync} from 'node:fs';

const root = new URL('..', import.meta.url);
rmSync(new URL('dist', root), {recursive: true, force: true});

await build({
	absWorkingDir: root.pathname,
	entryPoints: {cli: 'source/cli.ts'},
	outdir: 'dist',
	bundle: true,
	splitting: true,
	format: 'esm',
	platform: 'node',
	target: 'node20',
	sourcemap: 'linked',
	minifyWhitespace: true,
	minifySyntax: true,
	jsx: 'automatic',
	// React's production build: without this the bundled React ran its development checks in every
	// user's UI, about half of each frame's time (npm run bench -- ui). Replaced in the bundle only, so
	// the environment tasks get from the UI is the user's own.
	define: {'process.env.NODE_ENV': '"production"'},
	external: ['better-sqlite3', 'node-pty', 'cbor-x', 'react-devtools-core'],
	// Bundled CommonJS dependencies call require(); give the ESM bundle one.
	banner: {
		js: "import {createRequire as __spoolCreateRequire} from 'node:module'; const require = __spoolCreateRequire(import.meta.url);",
	},
	logLevel: 'warning',
});
