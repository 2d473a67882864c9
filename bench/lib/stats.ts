// Medians and the table every benchmark prints.
import {accessSync, constants} from 'node:fs';
export type Row = {what: string; command: string; samples: number[]; unit: string; ratio?: string};

export function median(values: readonly number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function percentile(values: readonly number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

const format = (value: number) => (value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2));

/** Ratio of medians of paired samples a[i]/b[i], computed pair by pair. */
export function pairedRatio(a: readonly number[], b: readonly number[]): string {
	const ratios = a.map((value, index) => value / b[index]!);
	return `${format(median(ratios))}x`;
}

export function printTable(rows: readonly Row[]): void {
	const lines = [
		['what', 'command', 'runs', 'median (min–max)', 'ratio'],
		...rows.map((row) => [
			row.what,
			row.command,
			String(row.samples.length),
			row.samples.length === 0 ? 'n/a' : `${format(median(row.samples))} ${row.unit} (${format(Math.min(...row.samples))}–${format(Math.max(...row.samples))})`,
			row.ratio ?? '',
		]),
	];
	const widths = lines[0]!.map((_cell, column) => Math.max(...lines.map((line) => line[column]!.length)));
	const render = (line: string[]) => `| ${line.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
	console.log(render(lines[0]!));
	console.log(`| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`);
	for (const line of lines.slice(1)) console.log(render(line));
}

export function which(command: string): string | undefined {
	for (const dir of (process.env.PATH ?? '').split(':')) {
		const candidate = `${dir}/${command}`;
		try {
			accessSync(candidate, constants.X_OK);
			return candidate;
		} catch {}
	}

	return undefined;
}
