import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpRoutes } from '#infra/wiring.ts';
import { startTestRuntime, type TestRuntime } from '#test/support/runtime.ts';

const root = resolve(import.meta.dirname, '../..');
const ruleset = resolve(root, '../shared/standards/nl-api-design-rules.spectral.yaml');
let rt: TestRuntime;

beforeAll(async () => {
  rt = await startTestRuntime();
});
afterAll(async () => rt?.stop());

describe('GET /v1/openapi.json', () => {
  it('is served without login, CORS open, with API-Version', async () => {
    const response = await rt.request('GET', '/v1/openapi.json', { headers: { origin: 'https://elders.example' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('api-version')).toBe('1.0.0');
    expect(response.json.openapi).toBe('3.0.3');
    expect((response.json.info as { contact: Record<string, string> }).contact.email).toBeTruthy();
  });

  it('passes the NL API Design Rules ruleset with no errors (Spectral)', async () => {
    const response = await rt.request('GET', '/v1/openapi.json');
    const file = join(mkdtempSync(join(tmpdir(), 'openapi-')), 'openapi.json');
    writeFileSync(file, response.text);
    const spectral = resolve(root, 'node_modules/.bin/spectral');
    const { stdout } = await promisify(execFile)(spectral, ['lint', '-r', ruleset, '-f', 'json', '--quiet', file], {
      cwd: root,
      maxBuffer: 10 * 1024 * 1024,
    }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '[]' }));
    const results = JSON.parse(stdout || '[]') as { severity: number; code: string; message: string; path: string[] }[];
    const errors = results.filter((r) => r.severity === 0).map((r) => `${r.code} at ${r.path.join('.')}: ${r.message}`);
    expect(errors).toEqual([]);
  });

  it('documents every route of the public API with a 400 and problem+json errors', async () => {
    const doc = (await rt.request('GET', '/v1/openapi.json')).json as {
      paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>>;
    };
    // Every route of the manifest, the campaign and audit routes included.
    const missing = httpRoutes.filter(
      (route) => !doc.paths[route.path.replace(/^\/v1/, '')]?.[route.method.toLowerCase()],
    );
    expect(missing.map((route) => `${route.method} ${route.path}`)).toEqual([]);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/toezichtcampagnes', '/toezichtcampagnes/{jaar}', '/audit/gebeurtenissen']),
    );
    for (const operations of Object.values(doc.paths)) {
      for (const operation of Object.values(operations)) {
        expect(operation.responses['400']?.content?.['application/problem+json']).toBeDefined();
      }
    }
  });
});
