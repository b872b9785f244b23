import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { handler as corsPreflight } from '#functions/handlers/cors-preflight.ts';
import { handler as routeNotFound } from '#functions/handlers/route-not-found.ts';
import { ALLOWED_METHODS, ALLOWED_REQUEST_HEADERS } from '#functions/http/headers.ts';
import type { HttpEvent } from '#functions/http/http-function.ts';
import { corsPolicyOfPath } from '#functions/http/preflight.ts';
import type { HttpResponse } from '#functions/http/response.ts';
import { functionByName, functions, httpRoutes } from '#infra/wiring.ts';
import { type Gateway, startGateway } from '#local/gateway.ts';
import { localIssuer } from '#local/issuer.ts';
import type { LocalFunction } from '#local/lambda.ts';

/**
 * The `OPTIONS /{proxy+}` function of the stack (the API has no CORS configuration of its own):
 * it must answer preflight requests exactly as the local gateway does, from the same allow-list.
 */
const DASHBOARD = 'https://dashboard.example.org';
const STRANGER = 'https://elsewhere.example.com';
// Before the handlers' modules load: Powertools reads its settings when the logger is made.
const saved = vi.hoisted(() => {
  const before = { ...process.env };
  Object.assign(process.env, {
    CORS_ALLOWED_ORIGINS: 'https://dashboard.example.org,http://localhost:5173',
    POWERTOOLS_LOG_LEVEL: 'ERROR',
    POWERTOOLS_METRICS_DISABLED: 'true',
    POWERTOOLS_TRACE_ENABLED: 'false',
  });
  return before;
});

function optionsEvent(path: string, headers: Record<string, string>): HttpEvent {
  return {
    version: '2.0',
    routeKey: 'OPTIONS /{proxy+}',
    rawPath: path,
    rawQueryString: '',
    headers,
    requestContext: {
      accountId: '000000000000',
      apiId: 'test',
      domainName: 'api.example.org',
      domainPrefix: 'api',
      http: { method: 'OPTIONS', path, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'test' },
      requestId: 'request-1',
      routeKey: 'OPTIONS /{proxy+}',
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
    isBase64Encoded: false,
  };
}

const context = {
  callbackWaitsForEmptyEventLoop: true,
  functionName: 'cors-preflight',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:000000000000:function:cors-preflight',
  memoryLimitInMB: '512',
  awsRequestId: 'request-1',
  logGroupName: '/aws/lambda/cors-preflight',
  logStreamName: 'test',
  getRemainingTimeInMillis: () => 10_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
} satisfies Context;

const preflight = (path: string, headers: Record<string, string>): Promise<HttpResponse> =>
  corsPreflight(optionsEvent(path, headers), context);

/** The CORS part of an answer, names in lower case. */
const corsOf = (headers: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(headers)
      .map(([name, value]) => [name.toLowerCase(), String(value)] as const)
      .filter(([name]) => name.startsWith('access-control-'))
      .sort(([a], [b]) => a.localeCompare(b)),
  );

afterAll(() => {
  process.env = saved;
});

describe('cors-preflight (OPTIONS /{proxy+})', () => {
  it('is the manifest function of the httpPreflight trigger', () => {
    const spec = functionByName('cors-preflight');
    expect(spec.triggers).toEqual([{ kind: 'httpPreflight' }]);
    expect(functions.filter((f) => f.triggers.some((t) => t.kind === 'httpPreflight'))).toEqual([spec]);
  });

  it('allows an origin on the list: its own origin, the methods and headers the API takes', async () => {
    const response = await preflight('/v1/organisaties/01JABCDEFGHJKMNPQRSTVWXYZ0/meldcodes', {
      origin: DASHBOARD,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization, content-type, idempotency-key, if-match',
    });
    expect(response.statusCode).toBe(204);
    expect(response.body ?? '').toBe('');
    expect(response.headers).toMatchObject({
      'Access-Control-Allow-Origin': DASHBOARD,
      'Access-Control-Allow-Methods': ALLOWED_METHODS,
      'Access-Control-Allow-Headers': ALLOWED_REQUEST_HEADERS,
      'Access-Control-Max-Age': '600',
      Vary: 'Origin',
      'API-Version': '1.0.0',
      'X-Content-Type-Options': 'nosniff',
    });
  });

  it('allows nothing to an origin off the list, nor without Origin', async () => {
    for (const headers of [{ origin: STRANGER }, {}] as Record<string, string>[]) {
      const response = await preflight('/v1/afstemming', { ...headers, 'access-control-request-method': 'GET' });
      expect(response.statusCode).toBe(204);
      expect(corsOf(response.headers)).toEqual({});
      expect(response.headers.Vary).toBe('Origin');
    }
  });

  it('allows every origin for the OpenAPI document (the route without login), and only there', async () => {
    const open = await preflight('/v1/openapi.json', { origin: STRANGER, 'access-control-request-method': 'GET' });
    expect(open.statusCode).toBe(204);
    expect(open.headers['Access-Control-Allow-Origin']).toBe('*');
    expect(open.headers['Access-Control-Allow-Methods']).toBe(ALLOWED_METHODS);
    expect(corsPolicyOfPath('/v1/openapi.json')).toBe('open');
    for (const path of ['/v1/openapi.json/', '/v1/openapi', '/v1/organisaties', '/', '/v2/openapi.json']) {
      expect(corsPolicyOfPath(path), path).toBe('allow-list');
    }
    const noRoutesOpen = httpRoutes.filter((r) => r.auth === 'none').map((r) => r.path);
    expect(noRoutesOpen).toEqual(['/v1/openapi.json']);
  });

  it('answers an OPTIONS request that is no preflight as an unknown operation: 404 problem+json', async () => {
    const response = await preflight('/v1/afstemming', { origin: DASHBOARD });
    expect(response.statusCode).toBe(404);
    expect(response.headers['Content-Type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(response.body ?? '{}')).toMatchObject({ status: 404, code: 'niet-gevonden' });
    expect(response.headers['Access-Control-Allow-Origin']).toBe(DASHBOARD);
  });
});

describe('the same answers as the local gateway', () => {
  let gateway: Gateway;

  beforeAll(async () => {
    const asLocal = (name: string, fn: (event: HttpEvent, context: Context) => Promise<unknown>): LocalFunction => ({
      spec: functionByName(name),
      available: true,
      invoke: (event) => fn(event as HttpEvent, context),
    });
    const unreachable = (name: string): LocalFunction =>
      asLocal(name, async () => {
        throw new Error(`${name} must not be invoked by an OPTIONS request`);
      });
    gateway = await startGateway({
      port: 0,
      routes: httpRoutes.map((route) => ({
        method: route.method,
        path: route.path,
        auth: route.auth,
        fn: unreachable(route.fn.name),
      })),
      defaultRoute: asLocal('route-not-found', routeNotFound),
      issuer: await localIssuer(),
    });
  });
  afterAll(async () => gateway?.stop());

  it('status and every Access-Control-* header, for each kind of path, origin and request', async () => {
    const paths = [
      '/v1/openapi.json',
      '/v1/organisaties',
      '/v1/organisaties/01JABCDEFGHJKMNPQRSTVWXYZ0/gemeenten/GM0363',
      '/v1/gemeenten/GM0363/organisaties',
      '/v1/audit/gebeurtenissen',
      '/v1/bestaat-niet',
      '/v1/openapi.json/',
    ];
    const origins = [DASHBOARD, 'http://localhost:5173', STRANGER, undefined];
    const requests: Record<string, string>[] = [
      { 'access-control-request-method': 'DELETE', 'access-control-request-headers': 'if-match' },
      {},
    ];
    let compared = 0;
    for (const path of paths) {
      for (const origin of origins) {
        for (const extra of requests) {
          const headers: Record<string, string> = { ...extra, ...(origin ? { origin } : {}) };
          const local = await fetch(`${gateway.url}${path}`, { method: 'OPTIONS', headers });
          const aws = await preflight(path, headers);
          const label = `OPTIONS ${path} from ${origin ?? '(no origin)'}${extra['access-control-request-method'] ? ' (preflight)' : ''}`;
          expect(aws.statusCode, label).toBe(local.status);
          expect(corsOf(aws.headers), label).toEqual(corsOf(Object.fromEntries(local.headers)));
          compared++;
        }
      }
    }
    expect(compared).toBe(paths.length * origins.length * requests.length);
  });
});
