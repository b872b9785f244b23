import { existsSync, readFileSync } from 'node:fs';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import type { StoredEvent } from '#events/envelope.ts';
import { DynamoDbEventStore } from '#functions/event-store/dynamodb-event-store.ts';
import { verifyStream } from '#functions/event-store/hash-chain.ts';
import { organisationKey } from '#functions/views/keys.ts';
import { rebuildViews } from '#functions/views/rebuild.ts';
import { ViewStore } from '#functions/views/view-store.ts';
import { createMissingTables, tableNames } from '#local/create-tables.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '#local/dynamodb-local.ts';
import { documentClientFor } from '#local/runtime.ts';
import { type CommandRecord, type Outcome, outcomeOf, streamOfRecord } from './ledger.ts';
import type { ProofSystem } from './system.ts';

/**
 * "Nothing lost", the check every suite ends with: the event store against what every client was
 * told, and the views against a rebuild from the event store.
 *
 * - every stream has versions 1..N without a gap and its hash chain verifies;
 * - every 2xx answer has exactly its events, at the versions and of the types it named (and,
 *   where the command carried a marker, the event carries that marker);
 * - no event belongs to a rejected command (4xx, refused connection); an event of a command whose
 *   outcome the client could not know (5xx, broken connection) is allowed once;
 * - no event was written twice for one command, and every KvK reservation has its registration
 *   and vice versa (no partial write);
 * - every view is at its stream's last version, and the Views table equals one rebuilt from the
 *   event store with the projectors' own functions;
 * - nothing sits in a dead-letter queue.
 */
export interface NothingLostReport {
  readonly streams: number;
  readonly events: number;
  readonly commands: Readonly<Record<Outcome, number>>;
  /** Events named by a 2xx answer. */
  readonly acknowledgedEvents: number;
  /** Events of commands whose outcome the client could not know (no answer, 5xx): allowed, once. */
  readonly unknownWithEvent: number;
  /** SupervisionScheduled events appended by campaigns (when allowed). */
  readonly campaignEvents: number;
  /** 2xx answers that were a first answer replayed (same request, same Idempotency-Key). */
  readonly idempotentReplays: number;
  readonly chain: { readonly streams: number; readonly events: number; readonly broken: number };
  readonly views: { readonly items: number; readonly equalToRebuild: boolean; readonly behind: number };
  readonly deadLetters: number;
  readonly failures: readonly string[];
}

export interface NothingLostOptions {
  /** Campaigns append SupervisionScheduled without a command answer naming it. */
  readonly allowCampaignEvents?: boolean;
  /** At most this many failures are listed (default 20). */
  readonly maxListed?: number;
  /** Dead-letter files of persisted runtimes (NDJSON), counted with the in-memory DLQ. */
  readonly deadLetterFiles?: readonly string[];
}

/** A marker commands carry in a free-text field (name, label, supervisor): `pm-<run>-<n>`. */
export const MARKER_PATTERN = /\bpm-[a-z0-9]+-\d+\b/;

export function markerOf(event: StoredEvent): string | undefined {
  return MARKER_PATTERN.exec(JSON.stringify(event.data))?.[0];
}

export async function scanAll(client: DynamoDBDocumentClient, table: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({ TableName: table, ExclusiveStartKey: startKey, ConsistentRead: true }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/** Every organisation stream of the Events table, oldest event first, and the unique-key reservations. */
export async function readEventStore(
  client: DynamoDBDocumentClient,
  eventsTable: string,
): Promise<{ streams: Map<string, StoredEvent[]>; reservations: Record<string, unknown>[] }> {
  const streams = new Map<string, StoredEvent[]>();
  const reservations: Record<string, unknown>[] = [];
  for (const item of await scanAll(client, eventsTable)) {
    const streamId = String(item.streamId);
    if (item.version === 0 && streamId.startsWith('unique#')) {
      reservations.push(item);
      continue;
    }
    const list = streams.get(streamId) ?? [];
    list.push(item as unknown as StoredEvent);
    streams.set(streamId, list);
  }
  for (const list of streams.values()) list.sort((a, b) => a.version - b.version);
  return { streams, reservations };
}

/** Rebuilds every view into a fresh table and compares it with the live one, item by item. */
export async function compareWithRebuild(
  endpoint: string,
  tables: { Events: string; Views: string },
): Promise<{ items: number; differences: string[] }> {
  const raw = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  const client = documentClientFor(endpoint);
  const fresh = tableNames(`rebuild${ulid().toLowerCase()}`);
  try {
    await createMissingTables(raw, fresh);
    await rebuildViews({
      client,
      eventsTable: tables.Events,
      events: new DynamoDbEventStore({ client, tableName: tables.Events }),
      views: new ViewStore(client, fresh.Views),
    });
    const key = (item: Record<string, unknown>): string => `${item.pk}|${item.sk}`;
    const live = new Map((await scanAll(client, tables.Views)).map((item) => [key(item), item]));
    const rebuilt = new Map((await scanAll(client, fresh.Views)).map((item) => [key(item), item]));
    const differences: string[] = [];
    for (const [k, item] of live) {
      const other = rebuilt.get(k);
      if (!other) differences.push(`${k}: in the live views, not in the rebuild`);
      else if (canonical(item) !== canonical(other)) {
        differences.push(
          `${k}: live appliedVersion ${item.appliedVersion}, rebuilt ${other.appliedVersion}; contents differ`,
        );
      }
    }
    for (const k of rebuilt.keys())
      if (!live.has(k)) differences.push(`${k}: in the rebuild, missing from the live views`);
    return { items: live.size, differences };
  } finally {
    for (const table of Object.values(fresh))
      await raw.send(new DeleteTableCommand({ TableName: table })).catch(() => undefined);
    raw.destroy();
    client.destroy();
  }
}

/** The version in a 2xx answer's ETag (`"7"`), for answers without a body. */
function etagVersion(record: CommandRecord): number | undefined {
  const match = /^"(\d+)"$/.exec(record.reply.headers?.get('etag') ?? '');
  return match?.[1] && record.reply.json === undefined ? Number(match[1]) : undefined;
}

const canonical = (item: Record<string, unknown>): string =>
  JSON.stringify(Object.fromEntries(Object.entries(item).sort(([a], [b]) => a.localeCompare(b))));

export async function checkNothingLost(
  system: Pick<ProofSystem, 'whenIdle' | 'stats' | 'dynamodbEndpoint' | 'tables'>,
  records: readonly CommandRecord[],
  options: NothingLostOptions = {},
): Promise<NothingLostReport> {
  await system.whenIdle();
  const failures: string[] = [];
  const fail = (message: string): void => {
    failures.push(message);
  };
  const client = documentClientFor(system.dynamodbEndpoint);
  try {
    const { streams, reservations } = await readEventStore(client, system.tables.Events);

    // Versions without gaps and hash chains that verify.
    let eventCount = 0;
    let broken = 0;
    for (const [streamId, events] of streams) {
      eventCount += events.length;
      events.forEach((event, index) => {
        if (event.version !== index + 1) fail(`${streamId}: version ${event.version} at position ${index + 1} (a gap)`);
      });
      const verified = verifyStream(streamId, events);
      if (!verified.ok) {
        broken++;
        fail(
          `${streamId}: hash chain broken at version ${verified.brokenLink.version} (${verified.brokenLink.reason})`,
        );
      }
    }

    // Every acknowledged command has exactly its events.
    const claimed = new Map<string, CommandRecord>();
    const byMarker = new Map<string, CommandRecord>();
    for (const record of records) if (record.marker) byMarker.set(record.marker, record);
    let acknowledgedEvents = 0;
    const looseOnStream = new Map<string, number>();
    let looseRegistrations = 0;
    const deferred: CommandRecord[] = [];
    const firstAnswers = new Map<string, CommandRecord>();
    let replays = 0;
    for (const record of records) {
      const outcome = outcomeOf(record.reply);
      if (record.idempotentRequest && outcome === 'accepted') {
        // The same request with the same Idempotency-Key: the first answer again, not a second command.
        const first = firstAnswers.get(record.idempotentRequest);
        if (first) {
          replays++;
          if (first.reply.text !== record.reply.text)
            fail(`${record.route}: a retry with the same Idempotency-Key got another answer`);
          continue;
        }
        firstAnswers.set(record.idempotentRequest, record);
      }
      const streamId = streamOfRecord(record);
      const versie = record.reply.json?.versie;
      const types = record.reply.json?.gebeurtenissen;
      if (outcome === 'accepted' && typeof versie === 'number' && Array.isArray(types) && streamId) {
        const events = streams.get(streamId) ?? [];
        types.forEach((type, index) => {
          const version = versie - types.length + 1 + index;
          const event = events[version - 1];
          const key = `${streamId}@${version}`;
          if (!event) fail(`${record.route} answered ${record.reply.status} naming ${key}, which is not stored (lost)`);
          else if (event.type !== type) fail(`${record.route} answered ${type} at ${key}, stored is ${event.type}`);
          else if (claimed.has(key))
            fail(`${key} is named by two answers (${claimed.get(key)?.route} and ${record.route})`);
          else {
            claimed.set(key, record);
            acknowledgedEvents++;
            const marker = markerOf(event);
            if (record.marker && marker !== undefined && marker !== record.marker) {
              fail(`${record.route} (${record.marker}) answered with ${key}, which belongs to ${marker}`);
            }
          }
        });
      } else if (outcome === 'accepted' && streamId && etagVersion(record) !== undefined) {
        // 204 with an ETag (DELETE): its one event is at that version, unless another answer named it.
        deferred.push(record);
      } else if (outcome === 'unknown' || outcome === 'accepted') {
        // An answer that names no version (or no answer at all): its events may be anywhere on its stream.
        if (streamId) looseOnStream.set(streamId, (looseOnStream.get(streamId) ?? 0) + 1);
        else if (record.path.split('?')[0] === '/v1/organisaties') looseRegistrations++;
      }
    }

    for (const record of deferred) {
      const streamId = streamOfRecord(record) ?? '';
      const version = etagVersion(record) ?? 0;
      const key = `${streamId}@${version}`;
      const event = streams.get(streamId)?.[version - 1];
      if (!event)
        fail(`${record.route} answered ${record.reply.status} with ETag ${version}, which is not stored (lost)`);
      else if (claimed.has(key) || event.type !== 'OrganisationActivityChanged') {
        looseOnStream.set(streamId, (looseOnStream.get(streamId) ?? 0) + 1);
      } else {
        claimed.set(key, record);
        acknowledgedEvents++;
      }
    }

    // Every other event belongs to a command whose outcome the client could not know, once.
    let unknownWithEvent = 0;
    let campaignEvents = 0;
    const markersSeen = new Map<string, string>();
    for (const [streamId, events] of streams) {
      for (const event of events) {
        const key = `${streamId}@${event.version}`;
        const marker = markerOf(event);
        if (marker) {
          const first = markersSeen.get(marker);
          if (first) fail(`one command, two events: ${marker} at ${first} and ${key}`);
          markersSeen.set(marker, key);
        }
        if (claimed.has(key)) continue;
        const owner = marker ? byMarker.get(marker) : undefined;
        if (owner) {
          const outcome = outcomeOf(owner.reply);
          if (outcome === 'rejected') {
            fail(
              `${key} (${event.type}) was written by a rejected command: ${owner.route} answered ${owner.reply.status || owner.reply.failure}`,
            );
          } else if (outcome === 'accepted' && typeof owner.reply.json?.versie === 'number') {
            fail(`${key} (${event.type}) belongs to ${owner.route}, whose answer named another version`);
          } else unknownWithEvent++;
          continue;
        }
        if (event.type === 'SupervisionScheduled' && options.allowCampaignEvents) {
          campaignEvents++;
          continue;
        }
        const loose = looseOnStream.get(streamId) ?? 0;
        if (loose > 0) {
          looseOnStream.set(streamId, loose - 1);
          unknownWithEvent++;
          continue;
        }
        if (event.version === 1 && event.type === 'OrganisationRegistered' && looseRegistrations > 0) {
          looseRegistrations--;
          unknownWithEvent++;
          continue;
        }
        fail(`${key} (${event.type}) is stored, but no answer named it and no command of unknown outcome can own it`);
      }
    }

    // A registration and its KvK reservation are written together or not at all.
    const reservationOwners = new Map(reservations.map((r) => [String(r.streamId), String(r.ownerStreamId)]));
    for (const [streamId, events] of streams) {
      const first = events[0];
      if (first?.type !== 'OrganisationRegistered') continue;
      const data = first.data as { kvkNumber?: string; branchNumber?: string };
      const key = `unique#kvk#${data.kvkNumber}#${data.branchNumber ?? '-'}`;
      if (reservationOwners.get(key) !== streamId) fail(`${streamId}: registered without its reservation ${key}`);
    }
    for (const [key, owner] of reservationOwners) {
      if (streams.get(owner)?.[0]?.type !== 'OrganisationRegistered')
        fail(`${key}: reserved for ${owner}, which has no registration (a partial write)`);
    }

    // Every view at its stream's version, and the views equal a rebuild.
    let behind = 0;
    const views = new ViewStore(client, system.tables.Views);
    for (const [streamId, events] of streams) {
      const organisationId = streamId.replace(/^organisation#/, '');
      const stored = await views.getHistory(organisationId);
      const last = events.at(-1)?.version ?? 0;
      if ((stored?.appliedVersion ?? 0) !== last) {
        behind++;
        fail(
          `${streamId}: view at version ${stored?.appliedVersion ?? 0}, stream at ${last} (${JSON.stringify(organisationKey(organisationId))})`,
        );
      }
    }
    const compared = await compareWithRebuild(system.dynamodbEndpoint, system.tables);
    for (const difference of compared.differences) fail(`views differ from a rebuild: ${difference}`);

    const stats = await system.stats();
    for (const letter of stats.deadLetters)
      fail(`dead letter: ${letter.ruleName} ${letter.detailType}: ${letter.error}`);
    let filedLetters = 0;
    for (const file of options.deadLetterFiles ?? []) {
      if (!existsSync(file)) continue;
      for (const line of readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
        filedLetters++;
        const letter = JSON.parse(line) as { ruleName?: string; event?: { 'detail-type'?: string }; error?: string };
        fail(`dead letter in ${file}: ${letter.ruleName} ${letter.event?.['detail-type']}: ${letter.error}`);
      }
    }

    const counts: Record<Outcome, number> = { accepted: 0, rejected: 0, unknown: 0 };
    for (const record of records) counts[outcomeOf(record.reply)]++;
    const maxListed = options.maxListed ?? 20;
    return {
      streams: streams.size,
      events: eventCount,
      commands: counts,
      acknowledgedEvents,
      unknownWithEvent,
      campaignEvents,
      idempotentReplays: replays,
      chain: { streams: streams.size, events: eventCount, broken },
      views: { items: compared.items, equalToRebuild: compared.differences.length === 0, behind },
      deadLetters: Math.max(stats.deadLetters.length, filedLetters),
      failures:
        failures.length > maxListed
          ? [...failures.slice(0, maxListed), `... and ${failures.length - maxListed} more`]
          : failures,
    };
  } finally {
    client.destroy();
  }
}

/** One line for reports: "nothing lost: 1234 commands acknowledged = 1234 events, views = rebuild". */
export function describeNothingLost(report: NothingLostReport): string {
  return [
    `${report.commands.accepted} acknowledged, ${report.commands.rejected} rejected, ${report.commands.unknown} of unknown outcome;`,
    `${report.events} events in ${report.streams} streams (${report.acknowledgedEvents} named by 2xx answers, ${report.unknownWithEvent} of commands whose answer named no version${report.campaignEvents ? `, ${report.campaignEvents} scheduled by campaigns` : ''});`,
    `hash chains ${report.chain.broken === 0 ? 'verify' : `BROKEN in ${report.chain.broken} streams`};`,
    `views ${report.views.equalToRebuild ? '= rebuild' : '!= rebuild'} (${report.views.items} items, ${report.views.behind} behind); DLQ ${report.deadLetters}`,
  ].join(' ');
}
