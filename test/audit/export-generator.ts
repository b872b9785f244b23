import { createWriteStream, renameSync, statSync, writeFileSync } from 'node:fs';
import { amsterdamDateOf } from '#domain/dates.ts';
import { isDomainError } from '#domain/errors.ts';
import { decide } from '#domain/organisation/decider.ts';
import { evolve, initialState, type OrganisationState } from '#domain/organisation/state.ts';
import { applyEvent, emptyHistory, type OrganisationHistory } from '#domain/projections/organisation-history.ts';
import type { ProjectedEvent } from '#domain/projections/projected-event.ts';
import { supervisionStatus } from '#domain/projections/supervision-status.ts';
import type { DomainEvent } from '#events/catalogue.ts';
import { eventCatalogue } from '#events/catalogue.ts';
import { GENESIS_HASH, organisationStreamId, type StoredEvent } from '#events/envelope.ts';
import { exportLine } from '#functions/audit/canonical-json.ts';
import { campaignActor, campaignChoice } from '#functions/campaign/campaign-day.ts';
import { hashEvent } from '#functions/event-store/hash-chain.ts';
import { generateHistory, type HistoryOptions, mix, prng, ulidAt } from './history-generator.ts';

/**
 * Writes a generated history as an export (NDJSON, one stored event per line, as the audit export
 * writes it), without DynamoDB: every command decided by the organisation decider, every yearly
 * campaign selected by the campaign rules and scheduled as the system, hash chains built with the
 * event store's `hashEvent`, MeldcodeSubmitted recorded before 2022 stored at schema version 1 (so
 * replay goes through the upcaster). For the replay benchmark and the audit tests.
 */

export interface ExportMeta {
  readonly events: number;
  readonly organisations: number;
  readonly streams: number;
  readonly refused: number;
  readonly byType: Record<string, number>;
  readonly schemaV1: number;
  readonly firstRecordedAt: string;
  readonly lastRecordedAt: string;
  readonly bytes: number;
  readonly seconds: number;
}

/** An organisation as the generator keeps it: the decider's state, the folded history, the chain head. */
interface Organisation {
  state: OrganisationState;
  history: OrganisationHistory;
  version: number;
  lastHash: string;
}

/** Version 1 of MeldcodeSubmitted (before the schema change): `measures` with reach as a fraction. */
function asVersion1(data: Record<string, unknown>): Record<string, unknown> {
  const { promotionMeasures, ...rest } = data as { promotionMeasures: { reachPercentage?: number }[] };
  return {
    ...rest,
    measures: promotionMeasures.map(({ reachPercentage, ...measure }) =>
      reachPercentage === undefined ? measure : { ...measure, reach: reachPercentage / 100 },
    ),
  };
}

export interface GeneratedExportOptions extends HistoryOptions {
  /** Stop at exactly this many events (the history must be rich enough to reach it); default: all of it. */
  readonly events?: number;
}

/** Writes the generated history as an export to `path`, stopping at exactly `options.events` events. */
export async function generateExport(path: string, options: GeneratedExportOptions): Promise<ExportMeta> {
  const started = performance.now();
  const limit = options.events;
  const partial = `${path}.partial`;
  const out = createWriteStream(partial);
  let buffered: string[] = [];
  let bufferedBytes = 0;
  const flush = async (): Promise<void> => {
    if (buffered.length === 0) return;
    const chunk = buffered.join('');
    buffered = [];
    bufferedBytes = 0;
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', resolve));
  };

  const organisations = new Map<string, Organisation>();
  const byType: Record<string, number> = {};
  let events = 0;
  let refused = 0;
  let schemaV1 = 0;
  let lastRecordedMs = 0;
  let firstRecordedAt = '';
  let lastRecordedAt = '';
  const random = prng(mix(options.seed ?? 1, 99));

  const append = (
    organisationId: string,
    organisation: Organisation,
    event: DomainEvent,
    meta: StoredEvent['meta'],
    at: string,
  ) => {
    const recordedMs = Math.max(Date.parse(at) + 3, lastRecordedMs + 1);
    lastRecordedMs = recordedMs;
    const recordedAt = new Date(recordedMs).toISOString();
    const eventId = ulidAt(recordedMs, random);
    const v1 = event.type === 'MeldcodeSubmitted' && recordedAt < '2022-01-01';
    const data = JSON.parse(JSON.stringify(event.data)) as Record<string, unknown>;
    const withoutHash = {
      streamId: organisationStreamId(organisationId),
      version: organisation.version + 1,
      eventId,
      type: event.type,
      schemaVersion: v1 ? 1 : eventCatalogue[event.type].schemaVersion,
      data: v1 ? asVersion1(data) : data,
      meta: JSON.parse(JSON.stringify(meta)) as StoredEvent['meta'],
      occurredAt: at,
      recordedAt,
      logBucket: recordedAt.slice(0, 10),
      logKey: `${recordedAt}#${eventId}`,
      prevHash: organisation.lastHash,
    };
    const stored: StoredEvent = { ...withoutHash, hash: hashEvent(withoutHash) };
    organisation.version = stored.version;
    organisation.lastHash = stored.hash;
    organisation.state = evolve(organisation.state, event);
    const projected = {
      ...event,
      version: stored.version,
      occurredAt: at,
      recordedAt,
      meta: stored.meta,
    } as ProjectedEvent;
    organisation.history = applyEvent(organisation.history, projected);
    const line = `${exportLine(stored)}\n`;
    buffered.push(line);
    bufferedBytes += line.length;
    events++;
    if (v1) schemaV1++;
    byType[event.type] = (byType[event.type] ?? 0) + 1;
    firstRecordedAt ||= recordedAt;
    lastRecordedAt = recordedAt;
  };

  let lastReport = 0;
  for (const step of generateHistory(options)) {
    if (limit !== undefined && events >= limit) break;
    if (step.kind === 'campaign') {
      // The yearly campaign: every gemeente selects by the campaign rules and schedules as the system.
      const asOf = amsterdamDateOf(step.at);
      for (const [organisationId, organisation] of organisations) {
        const status = supervisionStatus(organisation.history, asOf);
        if (status === null) continue;
        for (const { gemeente } of status.gemeenten) {
          if (limit !== undefined && events >= limit) break;
          const { command } = campaignChoice(status, gemeente, step.year, asOf);
          if (!command) continue;
          const actor = campaignActor(gemeente);
          try {
            for (const event of decide(command, organisation.state, { now: step.at, actor })) {
              append(
                organisationId,
                organisation,
                event,
                { actor: actor.subject, gemeente, role: 'system', correlationId: `campaign-${step.year}` },
                step.at,
              );
            }
          } catch (error) {
            if (!isDomainError(error)) throw error;
            refused++;
          }
        }
      }
    } else {
      let organisation = organisations.get(step.organisationId);
      if (!organisation) {
        organisation = { state: initialState, history: emptyHistory, version: 0, lastHash: GENESIS_HASH };
        organisations.set(step.organisationId, organisation);
      }
      try {
        const decided = decide(step.command, organisation.state, { now: step.at, actor: step.actor });
        const meta = {
          actor: step.actor.subject,
          ...(step.actor.gemeente ? { gemeente: step.actor.gemeente } : {}),
          role: step.actor.role,
          correlationId: step.correlationId,
        } as StoredEvent['meta'];
        for (const event of decided) append(step.organisationId, organisation, event, meta, step.at);
      } catch (error) {
        if (!isDomainError(error)) throw error;
        refused++;
      }
    }
    if (bufferedBytes > 4 * 1024 * 1024) await flush();
    if (events - lastReport >= 100_000) {
      lastReport = events;
      process.stdout.write(`  generated ${events.toLocaleString('en')} events (${lastRecordedAt.slice(0, 10)})\n`);
    }
  }
  await flush();
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  if (limit !== undefined && events < limit)
    throw new Error(`The generated history has only ${events} events; raise its activity`);
  renameSync(partial, path);
  const meta: ExportMeta = {
    events,
    organisations: [...organisations.values()].filter((o) => o.state.status === 'registered').length,
    streams: organisations.size,
    refused,
    byType,
    schemaV1,
    firstRecordedAt,
    lastRecordedAt,
    bytes: statSync(path).size,
    seconds: Math.round(performance.now() - started) / 1000,
  };
  writeFileSync(`${path}.meta.json`, `${JSON.stringify(meta, null, 2)}\n`);
  return meta;
}
