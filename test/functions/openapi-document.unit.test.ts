import { describe, expect, it } from 'vitest';
import { auditOperations } from '#functions/audit/api.ts';
import { campaignOperations } from '#functions/campaign/api.ts';
import { openApiDocument } from '#functions/openapi/document.ts';
import { operations } from '#functions/openapi/operations.ts';
import { httpRoutes } from '#infra/wiring.ts';

type Operation = {
  operationId: string;
  tags: string[];
  responses: Record<string, { headers?: Record<string, unknown>; content?: Record<string, { schema?: unknown }> }>;
};
type Document = {
  paths: Record<string, Record<string, Operation>>;
  tags: { name: string }[];
  components: { schemas: Record<string, unknown> };
};

const doc = openApiDocument() as unknown as Document;
const camel = (name: string): string => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
const routeKey = (method: string, path: string): string => `${method.toUpperCase()} ${path}`;

describe('the OpenAPI document covers the wiring manifest', () => {
  it('has an operation for every HTTP route of the manifest, campaigns and audit included', () => {
    const missing = httpRoutes
      .filter((route) => {
        const operation = doc.paths[route.path.replace(/^\/v1/, '')]?.[route.method.toLowerCase()];
        return operation?.operationId !== camel(route.fn.name);
      })
      .map((route) => `${routeKey(route.method, route.path)} (${route.fn.name})`);
    expect(missing).toEqual([]);
    // The routes this check was written for: they must not drop out of the manifest or the document.
    for (const name of [
      'start-campaign',
      'get-campaign-progress',
      'audit-events',
      'audit-integrity',
      'audit-reconstruction',
    ]) {
      expect(
        httpRoutes.some((route) => route.fn.name === name),
        name,
      ).toBe(true);
    }
  });

  it('documents nothing the manifest does not route', () => {
    const routed = new Set(httpRoutes.map((route) => routeKey(route.method, route.path)));
    const documented = Object.entries(doc.paths).flatMap(([path, byMethod]) =>
      Object.keys(byMethod).map((method) => routeKey(method, `/v1${path}`)),
    );
    expect(documented.filter((key) => !routed.has(key))).toEqual([]);
    expect(documented).toHaveLength(httpRoutes.length);
  });

  it('keeps no operation entry without a route, and no name twice', () => {
    const routedNames = new Set(httpRoutes.map((route) => route.fn.name));
    expect(Object.keys(operations).filter((name) => !routedNames.has(name))).toEqual([]);
    const campaign = Object.keys(campaignOperations);
    const audit = Object.keys(auditOperations);
    expect(campaign.filter((name) => audit.includes(name))).toEqual([]);
    for (const name of [...campaign, ...audit])
      expect(operations[name], name).toBe(campaignOperations[name] ?? auditOperations[name]);
  });

  it('lists each tag an operation uses, once', () => {
    const used = new Set(
      Object.values(doc.paths).flatMap((byMethod) => Object.values(byMethod).flatMap((op) => op.tags)),
    );
    expect(doc.tags.map((tag) => tag.name).sort()).toEqual([...used].sort());
  });

  it('documents the 202 of a campaign start with its Location, and the audit log as NDJSON with its Link', () => {
    const start = doc.paths['/toezichtcampagnes']?.post;
    expect(Object.keys(start?.responses ?? {}).filter((status) => status.startsWith('2'))).toEqual(['202']);
    expect(start?.responses['202']?.headers).toHaveProperty('Location');
    expect(start?.responses['202']?.content?.['application/json']?.schema).toEqual({
      $ref: '#/components/schemas/CampagneGestart',
    });

    const log = doc.paths['/audit/gebeurtenissen']?.get?.responses['200'];
    expect(Object.keys(log?.content ?? {})).toEqual(['application/x-ndjson']);
    expect(log?.content?.['application/x-ndjson']?.schema).toEqual({ $ref: '#/components/schemas/Logregel' });
    expect(log?.headers).toHaveProperty('Link');
    expect(log?.headers).toHaveProperty('X-Aantal-Gebeurtenissen');
  });

  it('has every $ref point at a component that exists', () => {
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(0);
    expect([...new Set(refs)].filter((id) => !(id in doc.components.schemas))).toEqual([]);
  });
});
