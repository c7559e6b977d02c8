// What every benchmark prints and keeps: percentiles, a fixed-width table of figures beside their targets, the
// machine it ran on, and bench/results/<name>.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';

export function quantile(values: number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export const isQuick = process.argv.includes('--quick');

/** The machine and its load when the run started: the figures mean little without it. */
export function machine() {
  const [one, five] = os.loadavg();
  return {
    cpus: `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'unknown'}`,
    memoryGB: Math.round(os.totalmem() / 2 ** 30),
    loadAverage1m: Number(one!.toFixed(2)),
    loadAverage5m: Number(five!.toFixed(2)),
    node: process.version,
  };
}

export function printMachine(): void {
  const m = machine();
  console.info(`machine: ${m.cpus}, ${m.memoryGB} GB, load ${m.loadAverage1m} (1 min) ${m.loadAverage5m} (5 min), node ${m.node}`);
}

/** Left-aligned first column, the rest right-aligned. */
export function printTable(header: string[], rows: (string | number)[][]): void {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.info(line(header));
  console.info(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of cells.slice(1)) console.info(line(r));
}

export function writeResults(name: string, data: Record<string, unknown>): void {
  mkdirSync('bench/results', { recursive: true });
  const file = `bench/results/${name}${isQuick ? '-quick' : ''}.json`;
  writeFileSync(file, `${JSON.stringify({ at: new Date().toISOString(), quick: isQuick, machine: machine(), ...data }, null, 2)}\n`);
  console.info(`wrote ${file}`);
}

export const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '-');
