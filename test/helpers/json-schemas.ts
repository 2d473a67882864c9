// The --json schemas of docs/json-schema/, loaded into Ajv (JSON Schema
// 2020-12) for tests. The files are open (unknown fields allowed, so a newer
// spool still validates against an older schema); here every object schema
// is closed, so a field the docs do not list fails the test.
import {readdirSync, readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {Ajv2020, type ValidateFunction} from 'ajv/dist/2020.js';

export const schemaDir = fileURLToPath(new URL('../../docs/json-schema/', import.meta.url));

const isoTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

type Schema = Record<string, unknown>;

/** A copy with additionalProperties: false on every object that lists its properties and says nothing else. */
function closed(schema: unknown): unknown {
	if (Array.isArray(schema)) return schema.map((item) => closed(item));
	if (schema === null || typeof schema !== 'object') return schema;
	const copy: Schema = Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, closed(value)]));
	if ('properties' in copy && !('additionalProperties' in copy)) copy.additionalProperties = false;
	return copy;
}

const readSchema = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Schema;

/** The command schemas' names (`status` for status.json), without the shared objects. */
export const commandSchemaNames = readdirSync(schemaDir)
	.filter((name) => name.endsWith('.json'))
	.map((name) => name.replace(/\.json$/, ''));

export function loadSchemas(): {validator: (name: string) => ValidateFunction; strictValidator: (name: string) => ValidateFunction} {
	const make = (transform: (schema: unknown) => unknown) => {
		const ajv = new Ajv2020({strict: true, allErrors: true, allowUnionTypes: true});
		ajv.addFormat('date-time', {type: 'string', validate: (text: string) => isoTime.test(text) && !Number.isNaN(Date.parse(text))});
		for (const name of readdirSync(`${schemaDir}objects`)) ajv.addSchema(transform(readSchema(`${schemaDir}objects/${name}`)) as Schema);
		for (const name of commandSchemaNames) ajv.addSchema(transform(readSchema(`${schemaDir}${name}.json`)) as Schema);
		return (name: string) => {
			const validate = ajv.getSchema(`${name}.json`);
			if (!validate) throw new Error(`no schema ${name}.json in docs/json-schema/`);
			return validate;
		};
	};

	return {validator: make((schema) => schema), strictValidator: make(closed)};
}
