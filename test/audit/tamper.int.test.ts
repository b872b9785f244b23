import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDomainError } from '#domain/errors.ts';
import type { StoredEvent } from '#events/envelope.ts';
import { handler as auditEvents } from '#functions/handlers/audit-events.ts';
import { handler as auditIntegrity } from '#functions/handlers/audit-integrity.ts';
import { handler as auditReconstruction } from '#functions/handlers/audit-reconstruction.ts';
import { type TestPipeline, testPipeline } from '#test/campaign/pipeline.ts';
import { generateHistory } from './history-generator.ts';
import { functionEnvironment, invokeHttp } from './http-invoke.ts';

/**
 * Tampering with one stored event, by changing a field directly in DynamoDB, makes GET
 * /v1/audit/integriteit and `npm run audit -- verify` (on the log exported through GET
 * /v1/audit/gebeurtenissen) report exactly that stream and version; and only auditors may ask.
 */
const root = resolve(import.meta.dirname, '../..');
const auditor = { sub: 'rekenkamer', rol: 'auditor' };
let pipeline: TestPipeline;
let dir: string;
let target: StoredEvent;
let targetGemeente: string;

/** Follows the NDJSON pages of the audit log endpoint into one export file. */
async function exportLog(file: string): Promise<number> {
  let query: Record<string, string> = { vanaf: '2021-01-01', tot: '2022-01-01' };
  let body = '';
  let pages = 0;
  for (;;) {
    const response = await invokeHttp(auditEvents, { path: '/v1/audit/gebeurtenissen', query, claims: auditor });
    expect(response.statusCode).toBe(200);
    expect(response.headers['Content-Type']).toBe('application/x-ndjson; charset=utf-8');
    body += response.body as string;
    pages++;
    const next = /<([^>]+)>;\s*rel="next"/.exec(response.headers.Link ?? '')?.[1];
    if (!next) break;
    query = Object.fromEntries(new URL(next, 'http://localhost').searchParams);
  }
  writeFileSync(file, body);
  return pages;
}

const verifyCli = (file: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'local/audit-cli.ts', 'verify', file, '--json'], {
    cwd: root,
    encoding: 'utf8',
  });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tamper-'));
  pipeline = await testPipeline(new Date('2021-01-04T00:00:00.000Z'));
  functionEnvironment(pipeline.db);
  for (const step of generateHistory({
    organisations: 12,
    seed: 5,
    fromYear: 2021,
    toYear: 2021,
    gemeenten: ['GM0307', 'GM0308'],
    meldcodeUpdatesPerYear: 2,
  })) {
    if (step.kind !== 'command') continue;
    pipeline.now = new Date(step.at);
    try {
      await pipeline.run(step.organisationId, step.command, step.actor);
    } catch (error) {
      if (!isDomainError(error)) throw error;
    }
  }
  const events: StoredEvent[] = [];
  for await (const event of pipeline.store.readLog('2021-01-01', '2021-12-31')) events.push(event);
  target = events.find((e) => e.type === 'MeldcodeSubmitted' && e.version > 1)!;
  const [registration] = await pipeline.store.readStream(target.streamId);
  targetGemeente = (registration!.data.gemeenten as string[])[0]!;
}, 120_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('tampering with one stored event', () => {
  it('finds everything intact before, on the endpoint and in the exported log', async () => {
    const response = await invokeHttp(auditIntegrity, { path: '/v1/audit/integriteit', claims: auditor });
    expect(response.statusCode).toBe(200);
    const report = JSON.parse(response.body as string) as {
      intact: boolean;
      gebeurtenissenGecontroleerd: number;
      gebrokenSchakels: unknown[];
    };
    expect(report).toMatchObject({ intact: true, gebrokenSchakels: [] });
    expect(report.gebeurtenissenGecontroleerd).toBeGreaterThan(20);
    const file = join(dir, 'before.ndjson');
    await exportLog(file);
    expect(verifyCli(file).status).toBe(0);
  });

  it('makes the integrity check and audit verify name exactly that stream and version', async () => {
    // Act: change one field of one stored event, behind the event store's back.
    await pipeline.db.documentClient.send(
      new UpdateCommand({
        TableName: pipeline.db.tables.Events,
        Key: { streamId: target.streamId, version: target.version },
        UpdateExpression: 'SET #data.#label = :forged',
        ExpressionAttributeNames: { '#data': 'data', '#label': 'label' },
        ExpressionAttributeValues: { ':forged': 'vervalst' },
      }),
    );
    const expected = [{ stroom: target.streamId, versie: target.version, reden: 'inhoud-gewijzigd' }];

    // Assess: the endpoint.
    const response = await invokeHttp(auditIntegrity, { path: '/v1/audit/integriteit', claims: auditor });
    const report = JSON.parse(response.body as string) as {
      intact: boolean;
      gebrokenSchakels: { stroom: string; versie: number; reden: string; details: string }[];
    };
    expect(report.intact).toBe(false);
    expect(report.gebrokenSchakels.map(({ stroom, versie, reden }) => ({ stroom, versie, reden }))).toEqual(expected);
    expect(report.gebrokenSchakels[0]!.details).toContain(target.hash);

    // Assess: the CLI on the log exported through the API.
    const file = join(dir, 'after.ndjson');
    await exportLog(file);
    const cli = verifyCli(file);
    expect(cli.status).toBe(1);
    const cliReport = JSON.parse(cli.stdout) as typeof report;
    expect(cliReport.gebrokenSchakels.map(({ stroom, versie, reden }) => ({ stroom, versie, reden }))).toEqual(
      expected,
    );
  });

  it('reconstructs the altered organisation only up to the version before the break', async () => {
    const response = await invokeHttp(auditReconstruction, {
      path: '/v1/audit/reconstructie',
      query: { peildatum: '2021-12-31', gemeente: targetGemeente },
      claims: auditor,
    });
    expect(response.statusCode).toBe(200);
    const body = JSON.parse(response.body as string) as {
      integriteit: { intact: boolean };
      organisaties: { organisatieId: string; versie: number }[];
    };
    expect(body.integriteit.intact).toBe(false);
    const altered = body.organisaties.find((o) => `organisation#${o.organisatieId}` === target.streamId);
    expect(altered?.versie).toBe(target.version - 1);
  });

  it('answers 403 to every role but the auditor', async () => {
    for (const claims of [
      { sub: 'a', rol: 'supervisor', gemeente: 'GM0307' },
      { sub: 'b', rol: 'viewer', gemeente: 'GM0307' },
    ]) {
      for (const [handler, path, query] of [
        [auditIntegrity, '/v1/audit/integriteit', {}],
        [auditEvents, '/v1/audit/gebeurtenissen', { vanaf: '2021-01-01' }],
        [auditReconstruction, '/v1/audit/reconstructie', { peildatum: '2021-06-30' }],
      ] as const) {
        const response = await invokeHttp(handler, { path, query, claims });
        expect({ path, rol: claims.rol, status: response.statusCode }).toEqual({ path, rol: claims.rol, status: 403 });
      }
    }
  });
});
