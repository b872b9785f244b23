import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDomainError } from '#domain/errors.ts';
import type { CoordinationEntry } from '#domain/projections/coordination.ts';
import type { GemeenteRow } from '#domain/projections/gemeente-rows.ts';
import type { OrganisationHistory } from '#domain/projections/organisation-history.ts';
import { readLogPage } from '#functions/audit/event-table.ts';
import { auditExportFile } from '#functions/audit/export-file.ts';
import { type ReconstructedViews, ViewsBuilder } from '#functions/audit/reconstruction.ts';
import { auditEventTable } from '#functions/audit/table-audit.ts';
import { runCampaign } from '#functions/campaign/run-campaign.ts';
import { coordinationPartition } from '#functions/views/keys.ts';
import { type TestPipeline, testPipeline } from '#test/campaign/pipeline.ts';
import { generateHistory } from './history-generator.ts';

/**
 * Replay as of a date equals the live views of that date. A generated history (18 organisations
 * over four gemeenten of one region, 2021-2022, yearly campaigns by the campaign worker) is written
 * through the command path with the projector behind it, the clock moving day by day. At the end
 * of several days the live views are snapshotted: the projector's histories and the rows and
 * coordination entries it stored that day. Afterwards the log is exported page by page (as GET
 * /v1/audit/gebeurtenissen does) and every snapshot day is reconstructed from the export (as
 * `audit replay` does) and from the table (as GET /v1/audit/reconstructie does).
 */
const GEMEENTEN = ['GM0307', 'GM0308', 'GM0310', 'GM0312'];

interface Snapshot {
  readonly day: string;
  readonly histories: Map<string, OrganisationHistory>;
  /** Rows and coordination entries the projector wrote that day (so computed for that day). */
  readonly rowsWritten: GemeenteRow[];
  readonly coordinationWritten: CoordinationEntry[];
  readonly views: ReconstructedViews;
  readonly gemeenteViews: ReconstructedViews;
}

let pipeline: TestPipeline;
let dir: string;
let exportFile: string;
const snapshots: Snapshot[] = [];
let refused = 0;

async function snapshot(day: string, organisationIds: Iterable<string>): Promise<void> {
  const histories = new Map<string, OrganisationHistory>();
  for (const id of organisationIds) {
    const stored = await pipeline.views.getHistory(id);
    if (stored) histories.set(id, stored.history);
  }
  const views = new ViewsBuilder({ peildatum: day });
  const gemeenteViews = new ViewsBuilder({ peildatum: day, gemeente: GEMEENTEN[0]! });
  for (const history of histories.values()) {
    views.add(history);
    gemeenteViews.add(history);
  }
  const rowsWritten = (await Promise.all(GEMEENTEN.map((g) => pipeline.views.gemeenteRows(g))))
    .flat()
    .filter((r) => r.asOf === day);
  const coordinationWritten = (await pipeline.views.coordinationEntries(undefined)).filter((e) => e.asOf === day);
  snapshots.push({
    day,
    histories,
    rowsWritten,
    coordinationWritten,
    views: views.result(),
    gemeenteViews: gemeenteViews.result(),
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'replay-live-'));
  pipeline = await testPipeline(new Date('2021-01-04T00:00:00.000Z'));
  const steps = [
    ...generateHistory({
      organisations: 18,
      seed: 11,
      fromYear: 2021,
      toYear: 2022,
      gemeenten: GEMEENTEN,
      meldcodeUpdatesPerYear: 2,
    }),
  ];
  const days = [...new Set(steps.map((s) => s.at.slice(0, 10)))];
  // Four moments: end of days a quarter, half, three quarters through, and the very last.
  const snapshotDays = new Set(
    [0.25, 0.5, 0.75, 1].map((f) => days[Math.min(days.length - 1, Math.floor(f * days.length) - 1)]!),
  );
  const organisations = new Set<string>();
  for (const [index, step] of steps.entries()) {
    pipeline.now = new Date(step.at);
    if (step.kind === 'campaign') {
      for (const gemeente of GEMEENTEN) {
        await runCampaign(
          { year: step.year, gemeente, correlationId: `campagne-${step.year}` },
          {
            store: pipeline.projectingStore,
            organisationsIn: async (g) => (await pipeline.views.gemeenteRows(g)).map((row) => row.organisationId),
            clock: () => pipeline.now,
          },
        );
      }
    } else {
      organisations.add(step.organisationId);
      try {
        await pipeline.run(step.organisationId, step.command, step.actor, step.correlationId);
      } catch (error) {
        if (!isDomainError(error)) throw error;
        refused++;
      }
    }
    const day = step.at.slice(0, 10);
    const nextDay = steps[index + 1]?.at.slice(0, 10);
    if (snapshotDays.has(day) && nextDay !== day) await snapshot(day, organisations);
  }

  // The export, page by page, as the audit endpoint and `npm run audit -- export` read it.
  const lines: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await readLogPage(pipeline.db.documentClient, pipeline.db.tables.Events, {
      from: days[0]!,
      until: '2023-01-01',
      ...(cursor ? { cursor } : {}),
      maxEvents: 40,
      maxBytes: 1_000_000,
      deadline: Date.now() + 60_000,
    });
    lines.push(...page.lines);
    cursor = page.next;
    pages++;
  } while (cursor);
  const table = await auditEventTable(pipeline.db.documentClient, pipeline.db.tables.Events);
  expect(lines.length).toBe(table.verification.eventsChecked);
  expect(pages).toBeGreaterThan(3);
  exportFile = join(dir, 'export.ndjson');
  writeFileSync(exportFile, `${lines.join('\n')}\n`);
}, 300_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('replay as of a date', () => {
  it('wrote a history with campaigns, agreements and several moments to compare', () => {
    expect(refused).toBe(0);
    expect(snapshots.length).toBe(4);
    expect(snapshots.at(-1)!.views.organisations).toBe(18);
    expect(snapshots.at(-1)!.views.campaigns.some((p) => p.due > 0)).toBe(true);
    expect(snapshots.some((s) => s.rowsWritten.length > 0)).toBe(true);
  });

  it('gives, from the export, the live views of every snapshotted day', async () => {
    for (const live of snapshots) {
      const replayed = await auditExportFile(exportFile, { replay: { peildatum: live.day }, workers: 1 });
      expect(replayed.verification.brokenLinks).toEqual([]);
      expect({ day: live.day, views: replayed.views }).toEqual({ day: live.day, views: live.views });
      const forGemeente = await auditExportFile(exportFile, {
        replay: { peildatum: live.day, gemeente: GEMEENTEN[0]! },
      });
      expect({ day: live.day, views: forGemeente.views }).toEqual({ day: live.day, views: live.gemeenteViews });
    }
  });

  it('gives, from the table, the same views, and the projector’s own histories, rows and entries', async () => {
    for (const live of snapshots) {
      const replayed = await auditEventTable(pipeline.db.documentClient, pipeline.db.tables.Events, {
        peildatum: live.day,
      });
      expect({ day: live.day, views: replayed.views }).toEqual({ day: live.day, views: live.views });
      // What the projector stored that day, item for item.
      const rows = new Map(replayed.views!.rows.map((r) => [`${r.gemeente}:${r.organisationId}`, r]));
      const all = new ViewsBuilder({ peildatum: live.day });
      for (const history of live.histories.values()) all.add(history);
      for (const gemeente of GEMEENTEN) {
        const scoped = await auditEventTable(pipeline.db.documentClient, pipeline.db.tables.Events, {
          peildatum: live.day,
          gemeente,
        });
        for (const row of scoped.views!.rows) rows.set(`${row.gemeente}:${row.organisationId}`, row);
      }
      for (const written of live.rowsWritten)
        expect(rows.get(`${written.gemeente}:${written.organisationId}`)).toEqual(written);
      const entries = new Map(replayed.views!.coordination.map((e) => [e.organisationId, e]));
      for (const written of live.coordinationWritten) expect(entries.get(written.organisationId)).toEqual(written);
    }
    expect(coordinationPartition('alle')).toBe('afstemming#alle');
  });
});
