import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldHistory } from '#domain/projections/organisation-history.ts';
import { toProjectedEvent } from '#domain/projections/projected-event.ts';
import type { StoredEvent } from '#events/envelope.ts';
import { exportLine } from '#functions/audit/canonical-json.ts';
import { auditExportFile } from '#functions/audit/export-file.ts';
import { shareOf } from '#functions/audit/export-line.ts';
import { ViewsBuilder } from '#functions/audit/reconstruction.ts';
import { hashEvent } from '#functions/event-store/hash-chain.ts';
import { type ExportMeta, generateExport } from './export-generator.ts';

/**
 * `audit verify` and `audit replay` on an export, without DynamoDB: a generated history of 40
 * organisations over three years (decided by the decider, campaigns by the campaign rules, old
 * meldcodes at schema version 1), written as the export writes it.
 */
const root = resolve(import.meta.dirname, '../..');
let dir: string;
let path: string;
let meta: ExportMeta;
let lines: string[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'audit-export-'));
  path = join(dir, 'export.ndjson');
  meta = await generateExport(path, {
    organisations: 40,
    seed: 8,
    fromYear: 2021,
    toYear: 2023,
    meldcodeUpdatesPerYear: 1,
  });
  lines = readFileSync(path, 'utf8').trimEnd().split('\n');
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Writes a variant of the export with `change` applied to the lines. */
function variant(name: string, change: (lines: string[]) => string[]): string {
  const file = join(dir, name);
  writeFileSync(file, `${change([...lines]).join('\n')}\n`);
  return file;
}

const parsed = (line: string): StoredEvent => JSON.parse(line) as StoredEvent;

describe('audit verify on an export', () => {
  it('finds every chain intact in an untouched export, each line hashing as the event store hashed it', async () => {
    expect(meta.events).toBe(lines.length);
    expect(meta.refused).toBe(0);
    expect(meta.schemaV1).toBeGreaterThan(0);
    for (const line of lines.slice(0, 50)) expect(hashEvent(parsed(line))).toBe(parsed(line).hash);
    const result = await auditExportFile(path);
    expect(result.verification).toEqual({ streamsChecked: meta.streams, eventsChecked: meta.events, brokenLinks: [] });
  });

  it('names exactly the stream and version of an event whose content was changed', async () => {
    const index = Math.floor(lines.length / 2);
    const target = parsed(lines[index]!);
    const file = variant('changed.ndjson', (all) => {
      const event = parsed(all[index]!);
      all[index] = exportLine({ ...event, occurredAt: '2020-01-01T00:00:00.000Z' });
      return all;
    });
    const { verification } = await auditExportFile(file);
    expect(verification.brokenLinks).toEqual([
      expect.objectContaining({ streamId: target.streamId, version: target.version, reason: 'hash-mismatch' }),
    ]);
  });

  it('names the missing version when an event is left out, and a rehashed forgery by its successor', async () => {
    const index = lines.findIndex(
      (line, i) =>
        i > 10 &&
        parsed(line).version > 1 &&
        lines.slice(i + 1).some((l) => parsed(l).streamId === parsed(line).streamId),
    );
    const target = parsed(lines[index]!);
    const removed = await auditExportFile(variant('removed.ndjson', (all) => all.filter((_, i) => i !== index)));
    expect(removed.verification.brokenLinks).toEqual([
      expect.objectContaining({ streamId: target.streamId, version: target.version, reason: 'version-gap' }),
    ]);
    // A forger who recomputes the changed event's own hash still breaks the next link.
    const forged = await auditExportFile(
      variant('forged.ndjson', (all) => {
        const event = parsed(all[index]!);
        const { hash: _old, ...rest } = { ...event, occurredAt: '2020-01-01T00:00:00.000Z' };
        all[index] = exportLine({ ...rest, hash: hashEvent(rest) });
        return all;
      }),
    );
    expect(forged.verification.brokenLinks).toEqual([
      expect.objectContaining({ streamId: target.streamId, version: target.version + 1, reason: 'prev-hash-mismatch' }),
    ]);
  });

  it('the CLI reports the altered stream and version and exits with 1; an intact export exits with 0', () => {
    const index = 7;
    const target = parsed(lines[index]!);
    const file = variant('cli.ndjson', (all) => {
      const event = parsed(all[index]!);
      all[index] = exportLine({ ...event, data: { ...event.data, injected: true } });
      return all;
    });
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'local/audit-cli.ts', ...args], { cwd: root, encoding: 'utf8' });
    const broken = cli('verify', file, '--json');
    expect(broken.status).toBe(1);
    const report = JSON.parse(broken.stdout) as {
      intact: boolean;
      gebrokenSchakels: { stroom: string; versie: number; reden: string }[];
    };
    expect(report.intact).toBe(false);
    expect(report.gebrokenSchakels).toEqual([
      expect.objectContaining({ stroom: target.streamId, versie: target.version, reden: 'inhoud-gewijzigd' }),
    ]);
    const intact = cli('verify', path);
    expect(intact.status).toBe(0);
    expect(intact.stdout).toContain('alle ketens zijn intact');
  });
});

describe('threads and passes', () => {
  it('give the same verification and views as one thread, also when the stream hint of a line is wrong', async () => {
    // Lines re-serialised by another tool (member order changed) whose data was given the
    // `streamId` of another stream, so the quick stream hint points to another thread: once to a
    // later pass (the line waits for its own), once to an earlier one (the audit starts again in one pass).
    const events = lines.map(parsed);
    const partitionOf = (streamId: string) => shareOf(streamId, 3);
    const pick = (wantLater: boolean): [number, string] => {
      for (const [index, event] of events.entries()) {
        if (index < 20 || event.version < 3) continue;
        const other = events.find((e) =>
          wantLater
            ? partitionOf(e.streamId) > partitionOf(event.streamId)
            : partitionOf(e.streamId) < partitionOf(event.streamId),
        );
        if (other) return [index, other.streamId];
      }
      throw new Error('no such line');
    };
    const misleading = [pick(true), pick(false)];
    const file = variant('misleading.ndjson', (all) => {
      for (const [index, other] of misleading) {
        const { streamId, data, ...rest } = parsed(all[index]!);
        all[index] = JSON.stringify({ streamId, ...rest, data: { ...data, streamId: other } });
      }
      return all;
    });
    const scope = { peildatum: '2023-12-31' };
    const single = await auditExportFile(file, { replay: scope });
    expect(single.verification.brokenLinks.map((l) => [l.streamId, l.version, l.reason]).sort()).toEqual(
      misleading.map(([index]) => [events[index]!.streamId, events[index]!.version, 'hash-mismatch']).sort(),
    );
    for (const [workers, passes] of [
      [2, 1],
      [1, 3],
    ] as const) {
      const threaded = await auditExportFile(file, { replay: scope, workers, passes });
      expect({ workers, passes, verification: threaded.verification }).toEqual({
        workers,
        passes,
        verification: single.verification,
      });
      expect(threaded.views).toEqual(single.views);
      expect(threaded.eventsReplayed).toBe(single.eventsReplayed);
    }
  }, 60_000);

  it('split an intact export over passes without changing a thing', async () => {
    const scope = { peildatum: '2099-12-31', gemeente: parsed(lines[0]!).meta.gemeente! };
    const single = await auditExportFile(path, { replay: scope });
    const passes = await auditExportFile(path, { replay: scope, workers: 2, passes: 2 });
    expect(passes).toEqual(single);
  }, 60_000);
});

describe('audit replay on an export', () => {
  it('builds the views from each stream folded by the projections, on this thread and on replay threads alike', async () => {
    const peildatum = '2022-09-30';
    const here = await auditExportFile(path, { replay: { peildatum } });
    const threaded = await auditExportFile(path, { replay: { peildatum }, workers: 2, passes: 1 });
    expect(threaded.views).toEqual(here.views);
    expect(threaded.eventsReplayed).toBe(here.eventsReplayed);

    // The same views, built straight from each stream's events recorded up to the day.
    const byStream = new Map<string, StoredEvent[]>();
    for (const event of lines.map(parsed)) {
      if (event.recordedAt.slice(0, 10) > peildatum) continue;
      byStream.set(event.streamId, [...(byStream.get(event.streamId) ?? []), event]);
    }
    const builder = new ViewsBuilder({ peildatum });
    for (const events of byStream.values()) builder.add(foldHistory(events.map(toProjectedEvent)));
    expect(here.views).toEqual(builder.result());
    expect(here.eventsReplayed).toBe([...byStream.values()].reduce((n, events) => n + events.length, 0));
    expect(here.views?.organisations).toBeGreaterThan(20);
    expect(here.views?.campaigns.length).toBeGreaterThan(0);
  }, 60_000);

  it('replays a stream only up to a broken link, and reports it', async () => {
    const index = lines.length - 5;
    const target = parsed(lines[index]!);
    const file = variant('replay-broken.ndjson', (all) => {
      all[index] = exportLine({ ...parsed(all[index]!), recordedAt: '2021-01-01T00:00:00.000Z' });
      return all;
    });
    const result = await auditExportFile(file, { replay: { peildatum: '2099-12-31' } });
    expect(result.verification.brokenLinks.map((l) => [l.streamId, l.version])).toEqual([
      [target.streamId, target.version],
    ]);
    const intact = await auditExportFile(path, { replay: { peildatum: '2099-12-31' } });
    const streamEvents = lines.map(parsed).filter((e) => e.streamId === target.streamId);
    const dropped = streamEvents.filter((e) => e.version >= target.version).length;
    expect(result.eventsReplayed).toBe(intact.eventsReplayed - dropped);
  });
});
