import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import type { StoredEvent } from '#events/envelope.ts';
import { createMissingTables, tableNames } from '#local/create-tables.ts';
import { type DynamoDbLocal, LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoDbLocal } from '#local/dynamodb-local.ts';
import { documentClientFor } from '#local/runtime.ts';
import { type Reply, request } from '#test/proof/support/client.ts';
import { type CommandRecord, Ledger, streamOfRecord } from '#test/proof/support/ledger.ts';
import { checkNothingLost, type NothingLostReport } from '#test/proof/support/nothing-lost.ts';
import { type ProofSystem, startChildSystem } from '#test/proof/support/system.ts';
import {
  Markers,
  type MixCommand,
  type Organisation,
  openLoop,
  registerOrganisations,
  sendMixCommand,
} from '#test/proof/support/workload.ts';
import { percentile, round, writeResult } from './results.ts';

/**
 * Issue 7's load benchmark: the local runtime (in a process of its own, as a server) driven over
 * HTTP by an open-loop client with a realistic mix at rising rates: commands (registrations,
 * meldcode submissions, supervisions) and as many reads (organisation status, gemeente overview
 * counts, overview list pages). Per stage: throughput, p50/p95/p99 per route, errors, and the
 * end-to-end projection lag (command accepted -> its version visible in GET /organisaties/{id}).
 * Then the same writes as bare TransactWriteItems on the same DynamoDB Local at the sustained rate,
 * the ratio of the p99s, and the overview of a gemeente with 2,000 organisations.
 * Targets (issue 7): at 50 commands/s for 60 s, command p99 <= 3 x bare p99 and lag p99 < 2 s;
 * overview of 2,000 organisations p50 < 100 ms.
 */
export interface LoadOptions {
  /** [commands per second, seconds] per stage; the last is the sustained stage the targets apply to. */
  readonly stages: readonly (readonly [number, number])[];
  readonly warmupSeconds: number;
  /** Organisations registered before the load (the commands' targets). */
  readonly poolSize: number;
  /** Share of commands whose projection lag is measured by polling their view. */
  readonly lagSampleRate: number;
  readonly lagPollMs: number;
  /** Organisations of the big gemeente whose overview is timed. */
  readonly overviewOrganisations: number;
  readonly overviewRequests: number;
  /** Seconds of the bare TransactWriteItems replay (at the sustained rate). */
  readonly bareSeconds: number;
  readonly log?: (line: string) => void;
  /** Processes whose CPU is measured per stage (Linux /proc): the runtime and DynamoDB Local. */
  readonly processes?: Readonly<Record<string, number | undefined>>;
}

export const FULL_LOAD: LoadOptions = {
  stages: [
    [10, 20],
    [25, 20],
    [50, 60],
  ],
  warmupSeconds: 10,
  poolSize: 200,
  lagSampleRate: 0.1,
  lagPollMs: 50,
  overviewOrganisations: 2000,
  overviewRequests: 100,
  bareSeconds: 60,
};

export const QUICK_LOAD: LoadOptions = {
  stages: [
    [5, 4],
    [10, 6],
  ],
  warmupSeconds: 2,
  poolSize: 20,
  lagSampleRate: 0.5,
  lagPollMs: 50,
  overviewOrganisations: 60,
  overviewRequests: 10,
  bareSeconds: 4,
};

export interface LatencySummary {
  readonly count: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

export interface StageResult {
  readonly rate: number;
  readonly seconds: number;
  readonly commandsPerSecond: number;
  readonly readsPerSecond: number;
  readonly commands: LatencySummary;
  readonly routes: Readonly<Record<string, LatencySummary & { errors: number }>>;
  readonly errors: Readonly<Record<string, number>>;
  readonly lag: LatencySummary & { notVisible: number; polls: number };
  /**
   * CPU during the stage in % of one core: each measured process, this client, and the whole
   * machine (so what other programs took is visible: the figures are only as quiet as the machine).
   */
  readonly cpu?: Readonly<Record<string, number>>;
  /** Delay of the runtime's event loop (ms): every function of the local runtime shares that one thread. */
  readonly eventLoop?: { readonly p50: number; readonly p99: number; readonly max: number };
  /** Delay of this client's event loop (ms; sampled every 10 ms, so 10 is no delay): what the client adds. */
  readonly clientEventLoop?: { readonly p50: number; readonly p99: number; readonly max: number };
  /** The slowest requests of the stage (sent `atS` seconds into it): clustered in time or spread out. */
  readonly slowest?: readonly { route: string; atS: number; ms: number; status: number | string }[];
}

export interface LoadResult {
  readonly stages: readonly StageResult[];
  readonly bare: LatencySummary & { rate: number; transactions: number; errors: number; cpu?: Record<string, number> };
  /** Bare writes at 5/s during the sustained stage: DynamoDB Local's own latency under that load. */
  readonly bareUnderLoad?: LatencySummary & { rate: number; transactions: number; errors: number };
  readonly sustained: {
    readonly rate: number;
    readonly seconds: number;
    readonly commandP99: number;
    readonly bareP99: number;
    readonly ratio: number;
    readonly lagP99: number;
  };
  readonly overview: {
    readonly organisations: number;
    readonly summary: LatencySummary;
    readonly listPage: LatencySummary;
  };
  readonly targets: { readonly ratio: boolean; readonly lag: boolean; readonly overview: boolean };
  readonly nothingLost: NothingLostReport;
  readonly machine: { readonly cpus: number; readonly loadBefore: number; readonly loadAfter: number };
}

export function summarise(values: readonly number[]): LatencySummary {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.at(-1) ?? Number.NaN),
  };
}

/** CPU use per process and of the whole machine between two readings of /proc (Linux). */
function cpuMeter(processes: Readonly<Record<string, number | undefined>>): () => Record<string, number> | undefined {
  if (!existsSync('/proc/stat')) return () => undefined;
  const hz = 100; // USER_HZ on Linux
  const ticksOf = (pid: number): number => {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      return Number(fields[11]) + Number(fields[12]);
    } catch {
      return Number.NaN;
    }
  };
  const machine = (): number => {
    const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').split(/\s+/).slice(1).map(Number);
    return fields.reduce((sum, v) => sum + v, 0) - (fields[3] ?? 0) - (fields[4] ?? 0);
  };
  const all = { ...processes, client: process.pid };
  const read = (): Record<string, number> => ({
    ...Object.fromEntries(Object.entries(all).flatMap(([name, pid]) => (pid ? [[name, ticksOf(pid)]] : []))),
    machine: machine(),
  });
  let last = read();
  let at = performance.now();
  return () => {
    const now = read();
    const seconds = (performance.now() - at) / 1000;
    const usage = Object.fromEntries(
      Object.entries(now).map(([name, ticks]) => [
        name,
        Math.round(((ticks - (last[name] ?? ticks)) / hz / seconds) * 100),
      ]),
    );
    last = now;
    at = performance.now();
    return usage;
  };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)] as T;

/** The command of the mix: a fifth registrations, the rest meldcodes and supervisions. */
function nextCommand(): MixCommand {
  const roll = Math.random();
  return roll < 0.2 ? 'registreren' : roll < 0.65 ? 'meldcode' : 'toezichtonderzoek';
}

/** Drives the running system with the load mix and measures it (also used by the smoke test). */
export async function runLoad(system: ProofSystem, options: LoadOptions): Promise<LoadResult> {
  const log = options.log ?? (() => undefined);
  const loadBefore = loadavg()[0] ?? 0;
  const ledger = new Ledger(() => system.url);
  const markers = new Markers();
  log(`registering ${options.poolSize} organisations ...`);
  const pool: Organisation[] = await registerOrganisations(system, ledger, markers, options.poolSize, {
    concurrency: 8,
  });
  await system.whenIdle();

  /** Organisations the reads may pick: registered and visible in the views. */
  const readable: Organisation[] = [...pool];
  const tokenFor = (gemeente: string): Promise<string> =>
    system.token({ gemeente, rol: 'supervisor', sub: `proof-${gemeente}` });

  /** One stage: commands and reads at `rate` each, in an open loop; lag polled for a sample. */
  const stage = async (
    rate: number,
    seconds: number,
  ): Promise<{ result: StageResult; records: typeof ledger.records }> => {
    const firstRecord = ledger.records.length;
    const latencies = new Map<string, number[]>();
    const errors: Record<string, number> = {};
    const commandLatencies: number[] = [];
    const lags: number[] = [];
    let notVisible = 0;
    let polls = 0;
    let completedCommands = 0;
    let completedReads = 0;
    const answered: { route: string; atS: number; ms: number; status: number | string }[] = [];
    const note = (route: string, reply: Reply): void => {
      const list = latencies.get(route) ?? [];
      list.push(reply.ms);
      const atS = (performance.now() - reply.ms - started) / 1000;
      answered.push({ route, atS: round(atS), ms: round(reply.ms), status: reply.status || reply.failure || 'none' });
      latencies.set(route, list);
      if (reply.status < 200 || reply.status >= 300) {
        const key = `${route} ${reply.status || reply.failure}`;
        errors[key] = (errors[key] ?? 0) + 1;
      }
    };
    const lagPolls: Promise<void>[] = [];
    const pollLag = async (organisation: Organisation, version: number, acceptedAt: number): Promise<void> => {
      const token = await tokenFor(organisation.home);
      const deadline = acceptedAt + 30_000;
      for (;;) {
        polls++;
        const reply = await request(system.url, 'GET', `/v1/organisaties/${organisation.id}`, { token });
        const seen = typeof reply.json?.versie === 'number' ? reply.json.versie : 0;
        if (seen >= version) {
          lags.push(performance.now() - acceptedAt);
          return;
        }
        if (performance.now() > deadline) {
          notVisible++;
          return;
        }
        await sleep(options.lagPollMs);
      }
    };

    const started = performance.now();
    const meter = cpuMeter(options.processes ?? {});
    await system.eventLoop?.();
    const clientLoop = monitorEventLoopDelay({ resolution: 10 });
    clientLoop.enable();
    const commands = openLoop(rate, seconds * 1000, async () => {
      const sent = await sendMixCommand(nextCommand(), system, ledger, markers, pool, { timeoutMs: 30_000 });
      const acceptedAt = performance.now();
      note(sent.kind, sent.reply);
      if (sent.reply.status >= 200 && sent.reply.status < 300) {
        completedCommands++;
        commandLatencies.push(sent.reply.ms);
      }
      if (sent.kind === 'registreren' && sent.organisation) pool.push(sent.organisation);
      const version = sent.reply.json?.versie;
      // The reads use a new organisation once it is visible in the views (a GET before that is a
      // 404, as eventual consistency has it, not an error of the load): when its lag poll saw it,
      // or else 5 s after its registration.
      const registered = sent.kind === 'registreren' ? sent.organisation : undefined;
      if (sent.organisation && typeof version === 'number' && Math.random() < options.lagSampleRate) {
        const poll = pollLag(sent.organisation, version, acceptedAt).then(() => {
          if (registered) readable.push(registered);
        });
        lagPolls.push(poll);
        await poll;
      } else if (registered) {
        setTimeout(() => readable.push(registered), 5000).unref();
      }
    });
    const reads = openLoop(rate, seconds * 1000, async () => {
      const roll = Math.random();
      const organisation = pick(readable);
      const token = await tokenFor(organisation.home);
      const [route, path] =
        roll < 0.6
          ? ['status', `/v1/organisaties/${organisation.id}`]
          : roll < 0.85
            ? ['overzicht', `/v1/gemeenten/${organisation.home}/toezichtoverzicht`]
            : ['lijst', `/v1/gemeenten/${organisation.home}/organisaties?paginaGrootte=50`];
      const reply = await request(system.url, 'GET', path, { token, timeoutMs: 30_000 });
      note(route, reply);
      if (reply.status === 200) completedReads++;
    });
    await Promise.all([commands, reads, ...lagPolls]);
    const cpu = meter();
    const eventLoop = await system.eventLoop?.();
    clientLoop.disable();
    const ms = (ns: number): number => Math.round(ns / 1e5) / 10;
    const clientEventLoop = {
      p50: ms(clientLoop.percentile(50)),
      p99: ms(clientLoop.percentile(99)),
      max: ms(clientLoop.max),
    };
    const elapsed = (performance.now() - started) / 1000;
    const routes: Record<string, LatencySummary & { errors: number }> = {};
    for (const [route, values] of latencies) {
      routes[route] = {
        ...summarise(values),
        errors: Object.entries(errors)
          .filter(([k]) => k.startsWith(`${route} `))
          .reduce((s, [, n]) => s + n, 0),
      };
    }
    return {
      result: {
        rate,
        seconds,
        commandsPerSecond: round(completedCommands / elapsed),
        readsPerSecond: round(completedReads / elapsed),
        commands: summarise(commandLatencies),
        routes,
        errors,
        lag: { ...summarise(lags), notVisible, polls },
        ...(cpu ? { cpu } : {}),
        ...(eventLoop ? { eventLoop } : {}),
        clientEventLoop,
        slowest: answered.sort((a, b) => b.ms - a.ms).slice(0, 10),
      },
      records: ledger.records.slice(firstRecord),
    };
  };

  if (options.warmupSeconds > 0) {
    log(`warm-up: 10 commands/s for ${options.warmupSeconds} s`);
    await stage(10, options.warmupSeconds);
    await system.whenIdle();
  }
  const stages: StageResult[] = [];
  let sustainedRecords: typeof ledger.records = [];
  let probe: LoadResult['bareUnderLoad'];
  for (const [index, [rate, seconds]] of options.stages.entries()) {
    log(`stage: ${rate} commands/s and ${rate} reads/s for ${seconds} s ...`);
    // In the sustained stage, a few bare writes (5/s) of earlier items run alongside: how DynamoDB
    // Local itself answers under the same load (for the analysis; the target uses the bare run alone).
    const prober = index === options.stages.length - 1 ? await bareWriter(system, ledger.records.slice()) : undefined;
    const [{ result, records }, probed] = await Promise.all([stage(rate, seconds), prober?.run(5, seconds)]);
    prober?.close();
    if (probed) probe = probed;
    stages.push(result);
    sustainedRecords = records;
    log(
      `  ${result.commandsPerSecond} commands/s, command p50/p95/p99 ${result.commands.p50}/${result.commands.p95}/${result.commands.p99} ms, lag p99 ${result.lag.p99} ms`,
    );
    await system.whenIdle();
  }

  // The same writes as bare TransactWriteItems of the same items, on the same DynamoDB Local.
  const [sustainedRate, sustainedSeconds] = options.stages.at(-1) ?? [10, 10];
  log(`bare TransactWriteItems of the same items at ${sustainedRate}/s ...`);
  const bareMeter = cpuMeter(options.processes ?? {});
  const writer = await bareWriter(system, sustainedRecords);
  const bareResult = await writer.run(sustainedRate, options.bareSeconds);
  writer.close();
  const bareCpu = bareMeter();
  const bare = { ...bareResult, ...(bareCpu ? { cpu: bareCpu } : {}) };

  // The overview of a gemeente with many organisations.
  const big = 'GM0034';
  log(`registering ${options.overviewOrganisations} organisations in ${big} ...`);
  await registerOrganisations(system, ledger, markers, options.overviewOrganisations, {
    gemeenten: [big],
    concurrency: 12,
  });
  await system.whenIdle();
  const bigToken = await tokenFor(big);
  const overview: number[] = [];
  const listPage: number[] = [];
  for (let i = 0; i < options.overviewRequests + 5; i++) {
    const counts = await request(system.url, 'GET', `/v1/gemeenten/${big}/toezichtoverzicht`, { token: bigToken });
    const page = await request(system.url, 'GET', `/v1/gemeenten/${big}/organisaties?paginaGrootte=50`, {
      token: bigToken,
    });
    if (counts.status !== 200 || (counts.json?.totaal as number) < options.overviewOrganisations) {
      throw new Error(`overview of ${big}: ${counts.status} ${counts.text.slice(0, 200)}`);
    }
    if (i >= 5) {
      overview.push(counts.ms);
      listPage.push(page.ms);
    }
  }

  log('checking that nothing was lost ...');
  const nothingLost = await checkNothingLost(system, ledger.records);
  const sustained = stages.at(-1) as StageResult;
  const ratio = round(sustained.commands.p99 / bare.p99, 2);
  const overviewSummary = summarise(overview);
  return {
    stages,
    bare,
    ...(probe ? { bareUnderLoad: probe } : {}),
    sustained: {
      rate: sustainedRate,
      seconds: sustainedSeconds,
      commandP99: sustained.commands.p99,
      bareP99: bare.p99,
      ratio,
      lagP99: sustained.lag.p99,
    },
    overview: { organisations: options.overviewOrganisations, summary: overviewSummary, listPage: summarise(listPage) },
    targets: { ratio: ratio <= 3, lag: sustained.lag.p99 < 2000, overview: overviewSummary.p50 < 100 },
    nothingLost,
    machine: { cpus: cpus().length, loadBefore: round(loadBefore, 2), loadAfter: round(loadavg()[0] ?? 0, 2) },
  };
}

/**
 * Bare writes of the items acknowledged commands wrote (each event, and the KvK reservation of each
 * registration), again, into fresh tables of the same definitions on the same DynamoDB Local: one
 * TransactWriteItems per command with the same conditions. `run` replays them at a given rate.
 */
async function bareWriter(
  system: ProofSystem,
  records: readonly CommandRecord[],
): Promise<{ run(rate: number, seconds: number): Promise<LoadResult['bare']>; close(): void }> {
  const raw = new DynamoDBClient({
    endpoint: system.dynamodbEndpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  const client: DynamoDBDocumentClient = documentClientFor(system.dynamodbEndpoint);
  const bareTables = tableNames(`bare${ulid().toLowerCase()}`);
  await createMissingTables(raw, bareTables);
  const keys = records.flatMap((record) => {
    const streamId = streamOfRecord(record);
    const versie = record.reply.json?.versie;
    return streamId && typeof versie === 'number' && record.reply.status < 300 ? [{ streamId, version: versie }] : [];
  });
  const events: StoredEvent[] = [];
  for (let start = 0; start < keys.length; start += 100) {
    const result = await client.send(
      new BatchGetCommand({ RequestItems: { [system.tables.Events]: { Keys: keys.slice(start, start + 100) } } }),
    );
    events.push(...((result.Responses?.[system.tables.Events] ?? []) as StoredEvent[]));
  }
  if (events.length === 0) throw new Error('no events to replay for the bare baseline');
  type Items = NonNullable<TransactWriteCommandInput['TransactItems']>;
  const transactions: Items[] = events.map((event) => {
    const items: Items = [];
    if (event.type === 'OrganisationRegistered') {
      const data = event.data as { kvkNumber?: string; branchNumber?: string };
      items.push({
        Put: {
          TableName: bareTables.Events,
          Item: {
            streamId: `unique#kvk#${data.kvkNumber}#${data.branchNumber ?? '-'}`,
            version: 0,
            ownerStreamId: event.streamId,
            recordedAt: event.recordedAt,
          },
          ConditionExpression: 'attribute_not_exists(streamId)',
        },
      });
    }
    items.push({
      Put: { TableName: bareTables.Events, Item: event, ConditionExpression: 'attribute_not_exists(version)' },
    });
    return items;
  });
  let next = 0;
  return {
    run: async (rate, seconds) => {
      const latencies: number[] = [];
      let errors = 0;
      const total = Math.min(transactions.length - next, Math.floor(rate * seconds));
      await openLoop(rate, (total / rate) * 1000, async () => {
        const items = transactions[next++] as Items;
        const started = performance.now();
        try {
          await client.send(new TransactWriteCommand({ TransactItems: items }));
          latencies.push(performance.now() - started);
        } catch {
          errors++;
        }
      });
      return { ...summarise(latencies), rate, transactions: latencies.length, errors };
    },
    close: () => {
      raw.destroy();
      client.destroy();
    },
  };
}

function printResult(result: LoadResult, write: (line: string) => void): void {
  write('\nload: open loop over HTTP, runtime in its own process, DynamoDB Local in memory');
  write(
    `machine: ${result.machine.cpus} CPUs, load average ${result.machine.loadBefore} before, ${result.machine.loadAfter} after`,
  );
  for (const stage of result.stages) {
    write(
      `\n${stage.rate} commands/s + ${stage.rate} reads/s for ${stage.seconds} s: ${stage.commandsPerSecond} commands/s, ${stage.readsPerSecond} reads/s done`,
    );
    write('  route              count    p50 ms   p95 ms   p99 ms   errors');
    for (const [route, s] of Object.entries(stage.routes)) {
      write(
        `  ${route.padEnd(18)} ${String(s.count).padStart(5)} ${String(s.p50).padStart(9)} ${String(s.p95).padStart(8)} ${String(s.p99).padStart(8)} ${String(s.errors).padStart(8)}`,
      );
    }
    write(`  all commands (2xx) p50/p95/p99: ${stage.commands.p50}/${stage.commands.p95}/${stage.commands.p99} ms`);
    write(
      `  projection lag (accepted -> visible in GET, ${stage.lag.count} samples, ${stage.lag.polls} polls): p50 ${stage.lag.p50} ms, p95 ${stage.lag.p95} ms, p99 ${stage.lag.p99} ms, max ${stage.lag.max} ms, never visible ${stage.lag.notVisible}`,
    );
    if (Object.keys(stage.errors).length > 0) write(`  errors: ${JSON.stringify(stage.errors)}`);
    if (stage.eventLoop) {
      write(
        `  event-loop delay (sampled every 10 ms): runtime p50 ${stage.eventLoop.p50} ms, p99 ${stage.eventLoop.p99} ms, max ${stage.eventLoop.max} ms; client p50 ${stage.clientEventLoop?.p50} ms, p99 ${stage.clientEventLoop?.p99} ms, max ${stage.clientEventLoop?.max} ms`,
      );
    }
    if (stage.slowest?.length) {
      write(`  slowest: ${stage.slowest.map((r) => `${r.route} ${r.ms} ms at ${r.atS} s`).join('; ')}`);
    }
    if (stage.cpu) {
      write(
        `  CPU (% of one core; the machine has ${result.machine.cpus * 100}): ${Object.entries(stage.cpu)
          .map(([name, value]) => `${name} ${value}`)
          .join(', ')}`,
      );
    }
  }
  const s = result.sustained;
  write(
    `\nbare TransactWriteItems of the same items, ${result.bare.rate}/s, ${result.bare.transactions} transactions: p50 ${result.bare.p50} ms, p95 ${result.bare.p95} ms, p99 ${result.bare.p99} ms, errors ${result.bare.errors}${
      result.bare.cpu
        ? `; CPU ${Object.entries(result.bare.cpu)
            .map(([n, v]) => `${n} ${v}`)
            .join(', ')}`
        : ''
    }`,
  );
  const u = result.bareUnderLoad;
  if (u) {
    write(
      `bare TransactWriteItems at ${u.rate}/s during the sustained stage (DynamoDB Local under the same load): p50 ${u.p50} ms, p95 ${u.p95} ms, p99 ${u.p99} ms (command p99 / this p99 = ${round(s.commandP99 / u.p99, 2)})`,
    );
  }
  write(
    `sustained ${s.rate}/s for ${s.seconds} s: command p99 ${s.commandP99} ms / bare p99 ${s.bareP99} ms = ratio ${s.ratio} (target <= 3) ${result.targets.ratio ? 'met' : 'MISSED'}`,
  );
  write(`projection lag p99 ${s.lagP99} ms (target < 2000) ${result.targets.lag ? 'met' : 'MISSED'}`);
  write(
    `overview of a gemeente with ${result.overview.organisations} organisations: p50 ${result.overview.summary.p50} ms, p95 ${result.overview.summary.p95} ms, p99 ${result.overview.summary.p99} ms (target p50 < 100) ${result.targets.overview ? 'met' : 'MISSED'}; list page of 50: p50 ${result.overview.listPage.p50} ms`,
  );
  const n = result.nothingLost;
  write(
    `nothing lost: ${n.commands.accepted} commands acknowledged, ${n.acknowledgedEvents} events named by their answers, ${n.events} events stored; views ${n.views.equalToRebuild ? '= rebuild' : '!= rebuild'}; ${n.failures.length === 0 ? 'OK' : `FAILED: ${n.failures.slice(0, 5).join('; ')}`}`,
  );
}

/** `npm run bench -- load [--quick]`. */
export async function run(args: string[] = []): Promise<LoadResult> {
  const options = args.includes('--quick') ? QUICK_LOAD : FULL_LOAD;
  const write = (line: string): void => {
    process.stdout.write(`${line}\n`);
  };
  let dynamodb: DynamoDbLocal | undefined;
  let system: Awaited<ReturnType<typeof startChildSystem>> | undefined;
  try {
    dynamodb = await startDynamoDbLocal();
    system = await startChildSystem({ dynamodbEndpoint: dynamodb.endpoint, tablePrefix: 'load' });
    const result = await runLoad(system, {
      ...options,
      log: write,
      processes: { runtime: system.pid, dynamodb: dynamodb.process.pid },
    });
    printResult(result, write);
    writeResult(
      'load',
      {
        sustained: result.sustained,
        targets: result.targets,
        stages: result.stages,
        bare: result.bare,
        bareUnderLoad: result.bareUnderLoad ?? null,
        overview: result.overview,
        nothingLost: { ...result.nothingLost, failures: result.nothingLost.failures.slice(0, 10) },
        machine: result.machine,
        quick: args.includes('--quick'),
      },
      result.sustained.ratio,
    );
    return result;
  } finally {
    await system?.stop();
    await dynamodb?.stop();
  }
}
