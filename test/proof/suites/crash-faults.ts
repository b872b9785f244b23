import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { functionConfig } from '#functions/config.ts';
import { type DynamoDbLocal, freePort, startDynamoDbLocal } from '#local/dynamodb-local.ts';
import { isProblemJson } from '../support/client.ts';
import { type CommandRecord, Ledger, outcomeOf } from '../support/ledger.ts';
import { checkNothingLost } from '../support/nothing-lost.ts';
import { type SuiteReport, suiteReport, tally } from '../support/report.ts';
import { type ChildSystem, type ProofSystem, startChildSystem } from '../support/system.ts';
import { Markers, openLoopWhile, RichMix } from '../support/workload.ts';

export interface CrashFaultsOptions {
  /** Commands per second of the rich mix while faults happen. */
  readonly rate: number;
  /** Seconds of load in each phase: before, during and after each fault. */
  readonly phaseSeconds: number;
  /** Seconds DynamoDB Local stays dead (killed) and frozen (SIGSTOP). */
  readonly outageSeconds: number;
  /** How often the runtime is killed with SIGKILL and restarted. */
  readonly runtimeKills: number;
  /**
   * How DynamoDB Local is killed (default SIGTERM: the JVM ends at once, in the middle of the
   * load, but through its own shutdown). With SIGKILL, DynamoDB Local itself loses about one
   * transaction it had acknowledged per kill, with bare SDK writes and none of our code: see
   * `emulator-durability.ts` (`npm run proof -- emulator`). AWS DynamoDB acknowledges only durable
   * writes, so SIGKILL would test the emulator, not this system; it stays available for that probe.
   */
  readonly dynamoDbKillSignal?: 'SIGKILL' | 'SIGTERM';
  /** Keep the temporary folder (for a post-mortem). */
  readonly keepData?: boolean;
  /**
   * The functions' DynamoDB request timeout (ms; default: the runtime's own, 3000). A frozen
   * DynamoDB answers 503 only once it exceeds this, so short smoke runs set it lower.
   */
  readonly dynamoDbRequestTimeoutMs?: number;
}

interface Window {
  readonly fault: string;
  readonly from: number;
  to: number;
}

function timeline(records: readonly CommandRecord[]): string {
  const buckets: { ok: number; unavailable: number; none: number; other: number }[] = [];
  for (const record of records) {
    const index = Math.floor(record.sentAt / 2000);
    for (let i = buckets.length; i <= index; i++) buckets.push({ ok: 0, unavailable: 0, none: 0, other: 0 });
    const bucket = buckets[index]!;
    if (outcomeOf(record.reply) === 'accepted') bucket.ok++;
    else if (record.reply.status === 503) bucket.unavailable++;
    else if (record.reply.status === 0) bucket.none++;
    else bucket.other++;
  }
  return buckets.map((b, i) => `${i * 2}s:${b.ok}/${b.unavailable}/${b.none}${b.other ? `/${b.other}` : ''}`).join(' ');
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Crash faults, on a persisted system (DynamoDB Local with a data folder, the runtime with its
 * `.data`-like folder for stream checkpoints, DLQ and keys), under an open-loop load:
 * 1. DynamoDB Local is killed (SIGTERM by default, see `dynamoDbKillSignal`) and restarted on the same port and folder;
 * 2. DynamoDB Local is frozen (SIGSTOP) and thawed: the case where requests hang, not fail;
 * 3. the runtime's process is killed (SIGKILL) and restarted with the same folder, `runtimeKills` times.
 * While DynamoDB is away every command answers 503 problem+json, never a 500, never later than the
 * configured DynamoDB timeouts allow; afterwards the publisher resumes from its checkpoint, nothing
 * acknowledged is lost, nothing is applied twice, and the views equal a rebuild.
 */
export async function runCrashFaults(options: CrashFaultsOptions): Promise<SuiteReport> {
  const started = performance.now();
  const folder = mkdtempSync(join(tmpdir(), 'proof-crash-'));
  const dynamoPort = await freePort();
  const runtimePort = await freePort();
  const failures: string[] = [];
  const windows: Window[] = [];
  let dynamodb: DynamoDbLocal | undefined;
  let system: ChildSystem | undefined;
  const runtimeEnv: Record<string, string> = options.dynamoDbRequestTimeoutMs
    ? { DYNAMODB_REQUEST_TIMEOUT_MS: String(options.dynamoDbRequestTimeoutMs) }
    : {};
  const startRuntime = async (): Promise<ChildSystem> =>
    startChildSystem(
      {
        dynamodbEndpoint: `http://127.0.0.1:${dynamoPort}`,
        dataDir: join(folder, 'runtime'),
        tablePrefix: 'proof',
        port: runtimePort,
      },
      runtimeEnv,
    );
  try {
    dynamodb = await startDynamoDbLocal({ port: dynamoPort, dataDir: join(folder, 'dynamodb') });
    system = await startRuntime();
    const runtimeStarts: number[] = [];
    // The suites talk to whichever runtime process is alive now.
    const live: Pick<ProofSystem, 'token'> = { token: (claims) => (system as ChildSystem).token(claims) };
    const ledger = new Ledger(() => `http://127.0.0.1:${runtimePort}`);
    const mix = new RichMix(live, ledger, new Markers());
    const began = performance.now();
    const now = (): number => performance.now() - began;
    await mix.run(20, 4);

    // Load runs in the background until the last fault is over and one more phase has passed.
    let loading = true;
    const background = openLoopWhile(
      options.rate,
      () => loading,
      () => mix.next({ timeoutMs: 60_000 }),
    );
    const phase = options.phaseSeconds;
    const outage = options.outageSeconds;

    // 1. DynamoDB Local killed and restarted on the same port and data folder.
    await sleep(phase * 1000);
    const killed: Window = { fault: 'dynamodb-killed', from: now(), to: Number.POSITIVE_INFINITY };
    windows.push(killed);
    dynamodb.process.kill(options.dynamoDbKillSignal ?? 'SIGTERM');
    await new Promise<void>((resolve) => (dynamodb as DynamoDbLocal).process.once('exit', () => resolve()));
    await sleep(outage * 1000);
    killed.to = now();
    dynamodb = await startDynamoDbLocal({ port: dynamoPort, dataDir: join(folder, 'dynamodb') });
    const restartedAfter = now() - killed.to;

    // 2. DynamoDB Local frozen (it accepts connections and never answers) and thawed.
    await sleep(phase * 1000);
    const frozen: Window = { fault: 'dynamodb-frozen', from: now(), to: Number.POSITIVE_INFINITY };
    windows.push(frozen);
    dynamodb.process.kill('SIGSTOP');
    await sleep(outage * 1000);
    frozen.to = now();
    dynamodb.process.kill('SIGCONT');

    // 3. The runtime killed with SIGKILL and restarted with the same folder.
    for (let kill = 0; kill < options.runtimeKills; kill++) {
      await sleep(phase * 1000);
      const window: Window = { fault: 'runtime-killed', from: now(), to: Number.POSITIVE_INFINITY };
      windows.push(window);
      await system.kill();
      const restarting = performance.now();
      system = await startRuntime();
      runtimeStarts.push(Math.round(performance.now() - restarting));
      window.to = now();
    }
    await sleep(phase * 1000);
    loading = false;
    await background;

    // What clients saw while DynamoDB was away: 503 problem+json, in bounded time, never a 500.
    const config = functionConfig({ ...process.env, ...runtimeEnv });
    const boundMs =
      config.dynamoDbMaxAttempts * (config.dynamoDbConnectTimeoutMs + config.dynamoDbRequestTimeoutMs) + 2000;
    const inWindow = (record: CommandRecord, window: Window): boolean =>
      record.sentAt >= window.from && record.sentAt < window.to;
    const dynamoWindows = windows.filter((w) => w.fault.startsWith('dynamodb'));
    const byWindow: Record<string, { sent: number; statuses: Record<string, number>; maxMs: number }> = {};
    for (const window of windows) {
      const records = ledger.records.filter((r) => inWindow(r, window));
      byWindow[window.fault] = {
        sent: records.length,
        statuses: tally(records.map((r) => r.reply.status || r.reply.failure || 'none')),
        maxMs: Math.round(Math.max(0, ...records.map((r) => r.reply.ms))),
      };
    }
    for (const record of ledger.records) {
      const during = dynamoWindows.find((w) => inWindow(record, w));
      const reply = record.reply;
      if (reply.status >= 500 && reply.status !== 503)
        failures.push(`${record.route} answered ${reply.status}: ${reply.text.slice(0, 200)}`);
      if (reply.status === 503 && !isProblemJson(reply)) failures.push(`${record.route}: 503 without problem+json`);
      if (reply.ms > boundMs)
        failures.push(`${record.route} took ${Math.round(reply.ms)} ms, beyond the configured bound of ${boundMs} ms`);
      // Sent and answered while DynamoDB was away: it cannot have succeeded.
      const answeredAt = record.sentAt + reply.ms;
      if (during && record.sentAt > during.from + 500 && answeredAt < during.to && outcomeOf(reply) === 'accepted') {
        failures.push(
          `${record.route} sent ${Math.round(record.sentAt - during.from)} ms into ${during.fault} answered ${reply.status}`,
        );
      }
      const overlapsRuntimeKill = windows.some(
        (w) => w.fault === 'runtime-killed' && record.sentAt < w.to && answeredAt >= w.from - 50,
      );
      if (!during && reply.failure && !overlapsRuntimeKill) {
        failures.push(
          `${record.route} sent at ${Math.round(record.sentAt)} ms got no answer outside any fault window: ${reply.error}`,
        );
      }
    }
    for (const window of dynamoWindows) {
      // A frozen DynamoDB accepts connections and never answers: a request gives up after its attempts' timeouts.
      const givesUpAfterMs = config.dynamoDbMaxAttempts * config.dynamoDbRequestTimeoutMs + 500;
      if (window.fault === 'dynamodb-frozen' && outage * 1000 <= givesUpAfterMs) continue;
      const answered503 = byWindow[window.fault]?.statuses['503'] ?? 0;
      if (answered503 === 0) failures.push(`no command answered 503 while ${window.fault}: the fault did not bite`);
    }

    const nothingLost = await checkNothingLost(system, ledger.records, {
      deadLetterFiles: [join(folder, 'runtime', 'eventbridge-dlq.ndjson')],
    });
    const stats = await system.stats();
    return suiteReport(
      'crash-faults',
      started,
      {
        commands: ledger.records.length,
        statuses: tally(ledger.records.map((r) => r.reply.status || r.reply.failure || 'none')),
        rate: options.rate,
        windows: windows.map((w) => ({
          fault: w.fault,
          fromS: Number((w.from / 1000).toFixed(1)),
          toS: Number((w.to / 1000).toFixed(1)),
        })),
        byWindow,
        dynamodbRestartMs: Math.round(restartedAfter),
        runtimeRestartMs: runtimeStarts,
        boundMs,
        // Per 2 s of the run: accepted/503/no-answer, to see the faults and the recovery.
        timeline: timeline(ledger.records),
        projectorAfterLastRestart: stats.functions.projector ?? null,
        eventBridgeAfterLastRestart: stats.eventBridge,
      },
      nothingLost,
      failures,
    );
  } finally {
    try {
      dynamodb?.process.kill('SIGCONT');
    } catch {
      // already gone
    }
    await system?.stop().catch(() => undefined);
    await dynamodb?.stop().catch(() => undefined);
    if (!options.keepData) rmSync(folder, { recursive: true, force: true });
  }
}
