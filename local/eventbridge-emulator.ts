import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LOCAL_REGION } from './dynamodb-local.ts';
import { openDeliveryJournal } from './eventbridge-journal.ts';
import { InFlight, readBody, sleep } from './idle.ts';
import { LOCAL_ACCOUNT } from './lambda.ts';

/** An EventBridge event as a rule's Lambda target receives it. */
export interface BusEvent {
  readonly version: '0';
  readonly id: string;
  readonly 'detail-type': string;
  readonly source: string;
  readonly account: string;
  readonly time: string;
  readonly region: string;
  readonly resources: readonly string[];
  readonly detail: unknown;
}

export interface BusRule {
  readonly ruleName: string;
  readonly source: string;
  readonly detailTypes: readonly string[];
  readonly target: (event: BusEvent) => Promise<unknown>;
}

/**
 * Faults and disorder, for tests and the proof suites. EventBridge promises at-least-once and no
 * order; these make the emulator deliver exactly that worst case on purpose.
 */
export interface DeliveryFaults {
  /** Deliver every event twice. */
  readonly duplicate?: boolean;
  /** Hold each delivery for a random time so deliveries overtake each other. */
  readonly shuffle?: boolean;
  /** Upper bound of the random hold in ms when shuffling (default 150). */
  readonly shuffleWindowMs?: number;
  /** Share (0..1) of deliveries whose first attempt is lost and must be retried. */
  readonly dropFirstAttemptRate?: number;
  /** Share (0..1) of PutEvents entries answered with an InternalFailure (partial failure). */
  readonly putEventsFailureRate?: number;
}

export interface DeadLetter {
  readonly ruleName: string;
  readonly event: BusEvent;
  readonly attempts: number;
  readonly error: string;
  readonly at: string;
}

export interface EventBridgeEmulatorOptions {
  readonly rules: readonly BusRule[];
  readonly faults?: DeliveryFaults;
  /** Attempts per delivery before it goes to the DLQ (EventBridge's default is 185 over 24 h). */
  readonly maxAttempts?: number;
  readonly retryBaseDelayMs?: number;
  /** Where dead letters are appended as NDJSON (persisted runtimes). */
  readonly deadLetterFile?: string;
  /**
   * Issue 7: where accepted, undelivered deliveries are journalled (persisted runtimes), so a
   * killed or stopped runtime delivers them after its restart (`resumeUnfinished`) instead of losing them.
   */
  readonly journalFile?: string;
  readonly log?: (message: string) => void;
}

export interface EventBridgeEmulator {
  readonly endpoint: string;
  readonly deadLetters: readonly DeadLetter[];
  /** Counters for tests and proofs. */
  readonly stats: { accepted: number; deliveries: number; failedAttempts: number; rejectedEntries: number };
  setFaults(faults: DeliveryFaults): void;
  /** Delivers what an earlier process accepted and never delivered (call once the targets are loaded). */
  resumeUnfinished(): number;
  whenIdle(): Promise<void>;
  stop(): Promise<void>;
}

interface PutEventsEntry {
  Source?: string;
  DetailType?: string;
  Detail?: string;
  EventBusName?: string;
  Resources?: string[];
  Time?: number | string;
}

/** `DUPLICATE_SHUFFLE` (or `EVENTBRIDGE_FAULTS=duplicate,shuffle`) switches the worst-case delivery on. */
export function faultsFromEnv(env: NodeJS.ProcessEnv = process.env): DeliveryFaults {
  const words = new Set(
    (env.EVENTBRIDGE_FAULTS ?? '')
      .split(',')
      .map((w) => w.trim())
      .filter(Boolean),
  );
  const both = env.EVENTBRIDGE_DUPLICATE_SHUFFLE === '1' || env.EVENTBRIDGE_DUPLICATE_SHUFFLE === 'true';
  return {
    duplicate: both || words.has('duplicate'),
    shuffle: both || words.has('shuffle'),
    dropFirstAttemptRate: Number(env.EVENTBRIDGE_DROP_FIRST_ATTEMPT_RATE ?? 0) || 0,
    putEventsFailureRate: Number(env.EVENTBRIDGE_PUT_FAILURE_RATE ?? 0) || 0,
  };
}

const toIso = (time: number | string | undefined): string => {
  if (time === undefined) return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const date = typeof time === 'number' ? new Date(time * 1000) : new Date(time);
  return Number.isNaN(date.getTime()) ? new Date().toISOString() : date.toISOString().replace(/\.\d{3}Z$/, 'Z');
};

/**
 * A small EventBridge on loopback: the real `EventBridgeClient` sends PutEvents here (endpoint
 * override, AWS JSON 1.1 protocol); each entry is matched against the manifest's rules (source and
 * detail-type) and delivered to the rule's target at least once, with retries and backoff, and to
 * the dead-letter list after `maxAttempts`. Deliveries run concurrently and in no promised order.
 */
export async function startEventBridgeEmulator(options: EventBridgeEmulatorOptions): Promise<EventBridgeEmulator> {
  let faults: DeliveryFaults = options.faults ?? {};
  const maxAttempts = options.maxAttempts ?? 8;
  const baseDelay = options.retryBaseDelayMs ?? 100;
  const inFlight = new InFlight();
  const deadLetters: DeadLetter[] = [];
  const stats = { accepted: 0, deliveries: 0, failedAttempts: 0, rejectedEntries: 0 };
  let stopped = false;
  const log = options.log ?? (() => undefined);
  const journal = options.journalFile ? openDeliveryJournal<BusEvent>(options.journalFile) : undefined;

  const deliver = async (rule: BusRule, event: BusEvent): Promise<void> => {
    inFlight.start();
    try {
      if (faults.shuffle) await sleep(Math.random() * (faults.shuffleWindowMs ?? 150));
      const dropFirst = Math.random() < (faults.dropFirstAttemptRate ?? 0);
      for (let attempt = 1; !stopped; attempt++) {
        try {
          if (attempt === 1 && dropFirst) throw new Error('first attempt dropped (fault injection)');
          stats.deliveries++;
          await rule.target(event);
          journal?.finished(rule.ruleName, event.id);
          return;
        } catch (error) {
          stats.failedAttempts++;
          if (attempt >= maxAttempts) {
            const letter: DeadLetter = {
              ruleName: rule.ruleName,
              event,
              attempts: attempt,
              error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
              at: new Date().toISOString(),
            };
            deadLetters.push(letter);
            if (options.deadLetterFile) appendFileSync(options.deadLetterFile, `${JSON.stringify(letter)}\n`);
            journal?.finished(rule.ruleName, event.id);
            log(
              `eventbridge: ${rule.ruleName} gave up on ${event['detail-type']} ${event.id} after ${attempt} attempts: ${letter.error}`,
            );
            return;
          }
          await sleep(Math.min(5000, baseDelay * 2 ** (attempt - 1)) * (0.5 + Math.random()));
        }
      }
    } finally {
      inFlight.end();
    }
  };

  const accept = (entry: PutEventsEntry): { EventId: string } | { ErrorCode: string; ErrorMessage: string } => {
    if (!entry.Source || !entry.DetailType || entry.Detail === undefined) {
      stats.rejectedEntries++;
      return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Source, DetailType and Detail are required' };
    }
    let detail: unknown;
    try {
      detail = JSON.parse(entry.Detail);
    } catch {
      stats.rejectedEntries++;
      return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
    }
    if (Buffer.byteLength(entry.Detail) > 256 * 1024) {
      stats.rejectedEntries++;
      return { ErrorCode: 'EntryTooLarge', ErrorMessage: 'Entry exceeds 256 KB' };
    }
    if (Math.random() < (faults.putEventsFailureRate ?? 0)) {
      stats.rejectedEntries++;
      return { ErrorCode: 'InternalFailure', ErrorMessage: 'Injected partial failure' };
    }
    const event: BusEvent = {
      version: '0',
      id: randomUUID(),
      'detail-type': entry.DetailType,
      source: entry.Source,
      account: LOCAL_ACCOUNT,
      time: toIso(entry.Time),
      region: LOCAL_REGION,
      resources: entry.Resources ?? [],
      detail,
    };
    stats.accepted++;
    for (const rule of options.rules) {
      if (rule.source !== event.source || !rule.detailTypes.includes(event['detail-type'])) continue;
      journal?.accepted(rule.ruleName, event);
      void deliver(rule, event);
      if (faults.duplicate) void deliver(rule, event);
    }
    return { EventId: event.id };
  };

  const server: Server = createServer(async (request, response) => {
    const { body } = await readBody(request, 1024 * 1024);
    const target = String(request.headers['x-amz-target'] ?? '');
    const reply = (status: number, payload: unknown): void => {
      response.writeHead(status, { 'Content-Type': 'application/x-amz-json-1.1', 'x-amzn-RequestId': randomUUID() });
      response.end(JSON.stringify(payload));
    };
    if (target !== 'AWSEvents.PutEvents') {
      reply(400, { __type: 'UnknownOperationException', message: `The emulator knows PutEvents only, not ${target}` });
      return;
    }
    let input: { Entries?: PutEventsEntry[] };
    try {
      input = JSON.parse(body.toString('utf8')) as { Entries?: PutEventsEntry[] };
    } catch {
      reply(400, { __type: 'SerializationException', message: 'Malformed request body' });
      return;
    }
    const entries = input.Entries ?? [];
    if (entries.length < 1 || entries.length > 10) {
      reply(400, { __type: 'ValidationException', message: 'Entries must hold 1 to 10 entries' });
      return;
    }
    const results = entries.map(accept);
    reply(200, { FailedEntryCount: results.filter((r) => 'ErrorCode' in r).length, Entries: results });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    deadLetters,
    stats,
    setFaults: (next) => {
      faults = next;
    },
    resumeUnfinished: () => {
      const unfinished = journal?.unfinished ?? [];
      for (const { ruleName, event } of unfinished) {
        const rule = options.rules.find((r) => r.ruleName === ruleName);
        if (rule) void deliver(rule, event);
      }
      if (unfinished.length > 0) log(`eventbridge: delivering ${unfinished.length} events accepted before the restart`);
      return unfinished.length;
    },
    whenIdle: () => inFlight.idle(),
    stop: async () => {
      stopped = true;
      journal?.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
