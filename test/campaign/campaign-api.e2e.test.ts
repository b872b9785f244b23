import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '#local/runtime.ts';
import { freshKvk, meldcodeBody, startTestRuntime, type TestRuntime } from '#test/support/runtime.ts';

/**
 * Campaigns and the audit tools through `npm start`'s runtime: POST /v1/toezichtcampagnes goes
 * through the campaign queue to the worker and shows in GET /v1/toezichtcampagnes/{jaar}; a rerun
 * appends nothing; only a supervisor starts, for its own gemeente; the yearly schedule plans every
 * gemeente; `npm run campaign` and `npm run audit -- export` / `verify` work against the runtime.
 */
const root = resolve(import.meta.dirname, '../..');
const OWN = 'GM0363';
const OTHER = 'GM0014';
const YEAR = new Date().getUTCFullYear() + 1;
let harness: TestRuntime;
let runtime: LocalRuntime;
let dataDir: string;
const ids: Record<string, string> = {};

/** A request as the caller with these claims (a fresh local token). */
async function request(
  method: string,
  path: string,
  claims: { gemeente?: string; rol: 'supervisor' | 'viewer' | 'auditor' },
  body?: unknown,
) {
  return harness.request(method, path, { token: await harness.token(claims), body });
}

const eventCount = (): Promise<number> => harness.eventCount();

/** Runs a CLI as a child process without blocking this one: the runtime it talks to lives here. */
function cli(script: string, ...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: root });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once('error', reject);
    child.once('exit', (status) => resolvePromise({ status, stdout, stderr }));
  });
}

type Progress = {
  gemeenten: {
    gemeente: { gemeentecode: string };
    gepland: number;
    gedektDoorAfspraak: number;
    organisaties?: { organisatieId: string; status: string; redenen: string[] }[];
  }[];
};

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'campaign-e2e-'));
  harness = await startTestRuntime({ dataDir });
  runtime = harness.runtime;
  const register = async (name: string, sector: string, gemeenten: string[]) => {
    const created = await request(
      'POST',
      '/v1/organisaties',
      { gemeente: gemeenten[0]!, rol: 'supervisor' },
      { naam: name, kvkNummer: freshKvk(), sector, gemeenten, bestaatSinds: '2010-01-01' },
    );
    expect(created.status).toBe(201);
    return created.json.id as string;
  };
  ids.wmo = await register('Stichting Welzijn Noord', 'wmo', [OWN]);
  ids.jeugdhulp = await register('Jeugdhulp Oost', 'jeugdhulp', [OWN]);
  ids.elsewhere = await register('Buurtwerk Groningen', 'wmo', [OTHER]);
  expect(
    (
      await request(
        'POST',
        `/v1/organisaties/${ids.wmo}/meldcodes`,
        { gemeente: OWN, rol: 'supervisor' },
        meldcodeBody(),
      )
    ).status,
  ).toBe(201);
  await runtime.whenIdle();
}, 120_000);

afterAll(async () => {
  await harness?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('POST /v1/toezichtcampagnes and GET /v1/toezichtcampagnes/{jaar}', () => {
  it('plans the caller’s gemeente through the queue and the worker; the progress shows it', async () => {
    const started = await request(
      'POST',
      '/v1/toezichtcampagnes',
      { gemeente: OWN, rol: 'supervisor' },
      { jaar: YEAR },
    );
    expect(started.status).toBe(202);
    expect(started.headers.get('location')).toBe(`/v1/toezichtcampagnes/${YEAR}?gemeente=${OWN}`);
    await runtime.whenIdle();
    const progress = await request('GET', `/v1/toezichtcampagnes/${YEAR}`, { gemeente: OWN, rol: 'viewer' });
    expect(progress.status).toBe(200);
    const [own] = (progress.json as unknown as Progress).gemeenten;
    expect(own).toMatchObject({ gemeente: { gemeentecode: OWN }, gepland: 1 });
    expect(own!.organisaties).toEqual([
      expect.objectContaining({ organisatieId: ids.wmo, status: 'open', redenen: ['never-supervised'] }),
    ]);
  });

  it('appends nothing when started again', async () => {
    const before = await eventCount();
    expect(
      (await request('POST', '/v1/toezichtcampagnes', { gemeente: OWN, rol: 'supervisor' }, { jaar: YEAR })).status,
    ).toBe(202);
    await runtime.whenIdle();
    expect(await eventCount()).toBe(before);
  });

  it('lets only a supervisor start, for its own gemeente; viewers read their own; auditors read all', async () => {
    expect(
      (await request('POST', '/v1/toezichtcampagnes', { gemeente: OWN, rol: 'viewer' }, { jaar: YEAR })).status,
    ).toBe(403);
    expect((await request('POST', '/v1/toezichtcampagnes', { rol: 'auditor' }, { jaar: YEAR })).status).toBe(403);
    expect(
      (await request('POST', '/v1/toezichtcampagnes', { gemeente: OWN, rol: 'supervisor' }, { jaar: YEAR + 5 })).status,
    ).toBe(400);
    expect(
      (await request('GET', `/v1/toezichtcampagnes/${YEAR}?gemeente=${OTHER}`, { gemeente: OWN, rol: 'supervisor' }))
        .status,
    ).toBe(403);
    const all = await request('GET', `/v1/toezichtcampagnes/${YEAR}`, { rol: 'auditor' });
    expect(all.status).toBe(200);
    const gemeenten = (all.json as unknown as Progress).gemeenten;
    expect(gemeenten).toHaveLength(342);
    expect(gemeenten.find((g) => g.gemeente.gemeentecode === OWN)).toMatchObject({ gepland: 1 });
    expect(gemeenten.every((g) => g.organisaties === undefined)).toBe(true);
  });

  it('plans every gemeente on the yearly schedule (the planner), scheduling what is due and nothing twice', async () => {
    const before = await eventCount();
    await runtime.runSchedule('yearly-campaign', new Date(`${YEAR}-01-02T05:00:00.000Z`));
    await runtime.whenIdle();
    // OTHER's organisation is due now; OWN's was planned already; jeugdhulp (IGJ) never.
    expect(await eventCount()).toBe(before + 1);
    const other = await request('GET', `/v1/toezichtcampagnes/${YEAR}?gemeente=${OTHER}`, {
      gemeente: OTHER,
      rol: 'viewer',
    });
    expect((other.json as unknown as Progress).gemeenten[0]).toMatchObject({ gepland: 1 });
  });
});

describe('the command-line tools against the runtime', () => {
  it('npm run campaign runs the year for the given gemeenten, with nothing left to plan', async () => {
    const run = await cli(
      'local/campaign.ts',
      '--jaar',
      String(YEAR),
      '--gemeente',
      OWN,
      '--gemeente',
      OTHER,
      '--url',
      runtime.url,
    );
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('2 van 2 gemeenten afgerond');
    expect(run.stdout).toMatch(/nu gepland:\s+0/);
    expect(run.stdout).toMatch(/al gepland \(eerdere run\):\s+2/);
  });

  it('npm run audit -- export writes the whole log, and verify finds it intact', async () => {
    const file = join(dataDir, 'export.ndjson');
    const exported = await cli(
      'local/audit-cli.ts',
      'export',
      '--out',
      file,
      '--url',
      runtime.url,
      '--data',
      dataDir,
      '--vanaf',
      new Date().toISOString().slice(0, 10),
    );
    expect(exported.status).toBe(0);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(await eventCount());
    const verified = await cli('local/audit-cli.ts', 'verify', file);
    expect(verified.status).toBe(0);
    expect(verified.stdout).toContain('alle ketens zijn intact');
  });
});
