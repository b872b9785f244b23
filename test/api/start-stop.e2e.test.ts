import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { localIssuer } from '#local/issuer.ts';
import { eventually } from '#test/support/runtime.ts';

/**
 * `npm start` as a user runs it: a separate process with DynamoDB Local persisted in a data folder.
 * Ctrl-C (SIGINT) stops everything and leaves no process behind; a restart finds the data again.
 */
const root = resolve(import.meta.dirname, '../..');
const dataDir = mkdtempSync(join(tmpdir(), 'meldcode-start-'));
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(resolve(root, 'node_modules/.bin/tsx'), ['local/start.ts'], {
    cwd: root,
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, QUIET: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const url = await eventually(
    'npm start prints its URL',
    async () =>
      /draait op (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1] ?? (child.exitCode !== null ? 'exited' : undefined),
    90_000,
  );
  if (url === 'exited') throw new Error(`npm start exited: ${output}`);
  return { child, url };
}

async function interrupt(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  child.kill('SIGINT');
  return exited;
}

/** Processes whose command line mentions the data folder (DynamoDB Local's JVM does). */
const processesUsing = (folder: string): string[] =>
  execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes(folder) && !line.includes('ps -eo'));

describe('npm start', () => {
  it('serves the API, stops on Ctrl-C without leaving a process, and finds its data after a restart', async () => {
    // Prepare
    const issuer = await localIssuer(dataDir);
    const first = await start();
    const token = await issuer.mint({ gemeente: 'GM0363', rol: 'supervisor' });
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const created = await fetch(`${first.url}/v1/organisaties`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ naam: 'Stichting Blijvend', kvkNummer: '87654321', sector: 'wmo', gemeenten: ['GM0363'] }),
    });
    expect(created.status).toBe(201);
    const location = created.headers.get('location');
    await eventually('the organisation is in the views', async () =>
      (await fetch(`${first.url}${location}`, { headers })).status === 200 ? true : undefined,
    );
    expect(processesUsing(dataDir).length).toBeGreaterThan(0);

    // Act: Ctrl-C
    expect(await interrupt(first.child)).toBe(0);

    // Assess: nothing left running; a restart serves the same data
    expect(processesUsing(dataDir)).toEqual([]);
    const second = await start();
    const again = await fetch(`${second.url}${location}`, { headers });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { naam: string }).naam).toBe('Stichting Blijvend');
    expect(await interrupt(second.child)).toBe(0);
    expect(processesUsing(dataDir)).toEqual([]);
  });
});
