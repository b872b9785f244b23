import { describeNothingLost, type NothingLostReport } from './nothing-lost.ts';

/** What every suite hands back: its figures, the closing "nothing lost" check and what failed. */
export interface SuiteReport {
  readonly suite: string;
  readonly ok: boolean;
  readonly durationMs: number;
  /** The measured figures, printed and written to test/proof/results/<suite>.json. */
  readonly figures: Readonly<Record<string, unknown>>;
  readonly nothingLost: NothingLostReport;
  readonly failures: readonly string[];
}

export function suiteReport(
  suite: string,
  started: number,
  figures: Record<string, unknown>,
  nothingLost: NothingLostReport,
  failures: readonly string[],
): SuiteReport {
  const all = [...failures, ...nothingLost.failures];
  return {
    suite,
    ok: all.length === 0,
    durationMs: Math.round(performance.now() - started),
    figures,
    nothingLost,
    failures: all,
  };
}

export function printReport(
  report: SuiteReport,
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): void {
  write(`\n== ${report.suite}: ${report.ok ? 'OK' : 'FAILED'} (${(report.durationMs / 1000).toFixed(1)} s)`);
  for (const [name, value] of Object.entries(report.figures)) {
    write(`  ${name}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`);
  }
  write(`  nothing lost: ${describeNothingLost(report.nothingLost)}`);
  for (const failure of report.failures) write(`  FAIL ${failure}`);
}

/** Counts of a list of statuses, as `{ "201": 40, "409": 60 }`. */
export function tally(values: readonly (number | string)[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[String(value)] = (counts[String(value)] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}
