// --json output: one JSON document on stdout. Byte strings become base64 text
// so the output stays valid JSON.
export function printJson(value: unknown): void {
	process.stdout.write(`${JSON.stringify(value, (_key, item: unknown) => (item instanceof Uint8Array ? Buffer.from(item).toString('base64') : item), 2)}\n`);
}
