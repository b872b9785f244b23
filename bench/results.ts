import { mkdirSync, writeFileSync } from 'node:fs';

/** Writes `bench/results/NAME.json` as `{name, metrics, ratio}` (the folder is git-ignored). */
export function writeResult(name: string, metrics: Record<string, unknown>, ratio: number): void {
  const dir = new URL('./results/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  const path = new URL(`${name}.json`, dir);
  writeFileSync(path, `${JSON.stringify({ name, metrics, ratio }, null, 2)}\n`);
  console.log(`\nwrote ${path.pathname}`);
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export const round = (value: number, digits = 1): number => Number(value.toFixed(digits));
