/**
 * `npm run proof [-- SUITE ...] [--quick]`: the full proof suites of issue 7, each on a system of its
 * own (DynamoDB Local started here, the runtime in a child process, as a server), one after the
 * other. Suites: load, concurrency, delivery, crash, hostile (default: all), and `emulator`, a probe
 * of DynamoDB Local's own durability (run only when named). Prints each suite's
 * figures and its "nothing lost" check, writes `bench/results/proof-<suite>.json`, and exits 1 when
 * any check or target fails. `--quick` runs the smoke sizes (what `npm test` runs).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { type DynamoDbLocal, startDynamoDbLocal } from '#local/dynamodb-local.ts';
import { runConcurrency } from './suites/concurrency.ts';
import { runCrashFaults } from './suites/crash-faults.ts';
import { runDeliveryFaults } from './suites/delivery-faults.ts';
import { probeEmulatorDurability } from './suites/emulator-durability.ts';
import { runHostileInput } from './suites/hostile-input.ts';
import { printReport, type SuiteReport } from './support/report.ts';
import { type ChildSystem, startChildSystem } from './support/system.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
process.env.DDB_LOCAL_TELEMETRY ??= '0';

const SUITES = ['load', 'concurrency', 'delivery', 'crash', 'hostile'] as const;
/** Named on the command line only: it probes the emulator, not this system. */
const PROBES = ['emulator'] as const;
type Suite = (typeof SUITES)[number] | (typeof PROBES)[number];

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const chosen = args.filter((a) => !a.startsWith('--'));
const unknown = chosen.filter((a) => ![...SUITES, ...PROBES].includes(a as Suite));
if (unknown.length > 0) {
  process.stderr.write(`unknown suite(s) ${unknown.join(', ')}; choose from ${[...SUITES, ...PROBES].join(', ')}\n`);
  process.exit(2);
}
const suites: readonly Suite[] = chosen.length > 0 ? (chosen as Suite[]) : SUITES;
const write = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/** A fresh in-memory DynamoDB Local and a runtime process on it, for one suite. */
async function withSystem<T>(work: (system: ChildSystem) => Promise<T>): Promise<T> {
  let dynamodb: DynamoDbLocal | undefined;
  let system: ChildSystem | undefined;
  try {
    dynamodb = await startDynamoDbLocal();
    system = await startChildSystem({ dynamodbEndpoint: dynamodb.endpoint, tablePrefix: 'proof' });
    return await work(system);
  } finally {
    await system?.stop();
    await dynamodb?.stop();
  }
}

function save(report: SuiteReport): void {
  const dir = new URL('../../bench/results/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  writeFileSync(new URL(`proof-${report.suite}.json`, dir), `${JSON.stringify({ ...report, quick }, null, 2)}\n`);
}

const outcomes: { suite: string; ok: boolean; seconds: number }[] = [];
for (const suite of suites) {
  write(`\n### ${suite}${quick ? ' (quick)' : ''}`);
  const started = performance.now();
  let ok = false;
  try {
    if (suite === 'emulator') {
      // Ok when SIGTERM loses nothing: the crash suite stops DynamoDB Local that way.
      const rounds = quick ? 2 : 8;
      for (const signal of ['SIGKILL', 'SIGTERM'] as const) {
        const probe = await probeEmulatorDurability({ signal, rounds, concurrency: 20 });
        write(
          `  ${signal} x ${rounds}: acknowledged ${probe.acknowledged.put} puts, ${probe.acknowledged.transaction} transactions; missing after restart ${probe.missing.put} puts, ${probe.missing.transaction} transactions`,
        );
        if (signal === 'SIGTERM') ok = probe.missing.put + probe.missing.transaction === 0;
      }
    } else if (suite === 'load') {
      // The load benchmark is its own program (npm run bench -- load); its targets count here.
      const { run } = await import('../../bench/load.ts');
      const result = await run(quick ? ['--quick'] : []);
      ok =
        result.nothingLost.failures.length === 0 &&
        (quick || (result.targets.ratio && result.targets.lag && result.targets.overview));
      if (!ok) write(quick ? 'load: something was lost' : 'load: a target was missed or something was lost');
    } else {
      const report =
        suite === 'crash'
          ? // The crash suite owns its DynamoDB Local and runtime processes: it kills them.
            await runCrashFaults(
              quick
                ? { rate: 6, phaseSeconds: 2, outageSeconds: 3, runtimeKills: 1, dynamoDbRequestTimeoutMs: 500 }
                : { rate: 20, phaseSeconds: 8, outageSeconds: 5, runtimeKills: 3 },
            )
          : await withSystem((system) => {
              switch (suite) {
                case 'concurrency':
                  return runConcurrency(
                    system,
                    quick
                      ? { rounds: 1, ifMatchRounds: 1, registrationRaces: 1, raceConcurrency: 20 }
                      : { rounds: 10, ifMatchRounds: 3, registrationRaces: 3 },
                  );
                case 'delivery':
                  return runDeliveryFaults(system, { commands: quick ? 60 : 1500, concurrency: 8 });
                case 'hostile':
                  return runHostileInput(system, { requests: quick ? 200 : 3000 });
              }
            });
      printReport(report, write);
      save(report);
      ok = report.ok;
    }
  } catch (error) {
    write(`${suite}: ERROR ${(error as Error).stack ?? error}`);
  }
  outcomes.push({ suite, ok, seconds: Math.round((performance.now() - started) / 1000) });
}

write('\n### summary');
for (const outcome of outcomes) write(`  ${outcome.ok ? 'OK    ' : 'FAILED'} ${outcome.suite} (${outcome.seconds} s)`);
process.exitCode = outcomes.every((o) => o.ok) ? 0 : 1;
