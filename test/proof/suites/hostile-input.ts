import fc from 'fast-check';
import type { z } from 'zod';
import { gemeentenList } from '#events/gemeenten.ts';
import { operations } from '#functions/openapi/operations.ts';
import { httpRoutes } from '#infra/wiring.ts';
import type { TokenClaims } from '#local/issuer.ts';
import { isProblemJson, type Reply } from '../support/client.ts';
import {
  HOSTILE_BODIES,
  HOSTILE_CONTENT_TYPES,
  HOSTILE_IDEMPOTENCY_KEYS,
  HOSTILE_IF_MATCH,
  HOSTILE_KEYS,
  HOSTILE_NUMBER_LITERALS,
  HOSTILE_QUERIES,
  HOSTILE_SEGMENTS,
  HOSTILE_STRINGS,
  HOSTILE_VALUES,
} from '../support/corpus.ts';
import { Ledger } from '../support/ledger.ts';
import { checkNothingLost } from '../support/nothing-lost.ts';
import { type SuiteReport, suiteReport, tally } from '../support/report.ts';
import type { ProofSystem } from '../support/system.ts';
import { daysAgo, Markers, registerOrganisations } from '../support/workload.ts';
import { arbitraryOf, type Hint } from '../support/zod-arbitrary.ts';

export interface HostileInputOptions {
  /** Requests of the campaign (at least 2,000 for the full suite). */
  readonly requests: number;
  /** fast-check seed, printed in the report so a failing campaign can be replayed. */
  readonly seed?: number;
  readonly concurrency?: number;
  /** Heap growth after GC (MB) still counted as flat (default 24). */
  readonly flatHeapMb?: number;
}

type TokenKind =
  | 'supervisor'
  | 'viewer'
  | 'auditor'
  | 'other-gemeente'
  | 'unknown-gemeente'
  | 'expired'
  | 'forged-none'
  | 'garbage'
  | 'missing';

const MUTATIONS = [
  'none',
  'none',
  'none',
  'free-text',
  'free-text',
  'member-value',
  'member-value',
  'member-removed',
  'key-added',
  'raw-body',
  'number-literal',
  'path-segment',
  'query',
  'content-type',
  'if-match',
  'idempotency-key',
  'method',
  'path-shape',
] as const;
type Mutation = (typeof MUTATIONS)[number];

interface Generated {
  readonly route: string;
  readonly method: string;
  readonly template: string;
  readonly params: Record<string, string>;
  readonly query: Record<string, string>;
  readonly body: unknown;
  readonly hasBodySchema: boolean;
  readonly tokenKind: TokenKind;
  readonly mutation: Mutation;
  /** Picks for the mutation: which member, which hostile value. */
  readonly picks: readonly [number, number, number];
  readonly idempotencyKey: boolean;
}

interface Wire {
  readonly route: string;
  readonly mutation: Mutation;
  readonly tokenKind: TokenKind;
  readonly method: string;
  readonly path: string;
  readonly body?: string;
  readonly headers: Record<string, string>;
}

/** Members that take any text: a hostile string there passes validation and reaches the store. */
const FREE_TEXT = new Set(['naam', 'toezichthouder', 'versie', 'toelichting', 'zoek', 'reden']);
const KNOWN = gemeentenList().map((g) => g.code);
const HOME = 'GM0363';

/** Defines a member without invoking setters (a `__proto__` key stays a plain member). */
function defineMember(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The paths to every member of a JSON value (objects and arrays, depth first). */
function memberPaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return entries.flatMap(([key, child]) => [[...prefix, key], ...memberPaths(child, [...prefix, key])]);
}

function containerAt(root: unknown, path: readonly (string | number)[]): Record<string | number, unknown> | undefined {
  let current = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current !== null && typeof current === 'object' ? (current as Record<string | number, unknown>) : undefined;
}

const pickFrom = <T>(items: readonly T[], n: number): T => items[n % items.length] as T;

/** A forged token: alg none, any claims. */
function forgedNoneToken(): string {
  const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ sub: 'mallory', rol: 'supervisor', gemeente: HOME, exp: 4_102_444_800 })}.`;
}

/** Applies the request's mutation and renders it as it goes on the wire. */
function toWire(generated: Generated, tokens: Record<TokenKind, string | undefined>): Wire {
  const [a, b, c] = generated.picks;
  let method = generated.method;
  const params = { ...generated.params };
  const query = new URLSearchParams(generated.query);
  let extraQuery = '';
  let body: unknown = generated.body === undefined ? undefined : JSON.parse(JSON.stringify(generated.body));
  let rawBody: string | undefined;
  const headers: Record<string, string> = {};
  let contentType: string | undefined = generated.hasBodySchema ? 'application/json' : undefined;
  let pathShape = (path: string): string => path;

  switch (generated.mutation) {
    case 'none':
      break;
    case 'member-value': {
      const paths = memberPaths(body);
      const path = paths.length > 0 ? pickFrom(paths, a) : undefined;
      const parent = path ? containerAt(body, path.slice(0, -1)) : undefined;
      const replacement = b % 2 === 0 ? pickFrom(HOSTILE_STRINGS, c) : pickFrom(HOSTILE_VALUES, c);
      if (path && parent) parent[path.at(-1) as string] = replacement;
      else body = replacement;
      break;
    }
    case 'free-text': {
      // A valid request but for one free-text member, which gets a hostile string: it may be stored.
      const paths = memberPaths(body).filter((path) => FREE_TEXT.has(String(path.at(-1))));
      const path = paths.length > 0 ? pickFrom(paths, a) : undefined;
      const parent = path ? containerAt(body, path.slice(0, -1)) : undefined;
      if (path && parent) parent[path.at(-1) as string] = pickFrom(HOSTILE_STRINGS, c);
      break;
    }
    case 'member-removed': {
      const paths = memberPaths(body);
      const path = paths.length > 0 ? pickFrom(paths, a) : undefined;
      const parent = path ? containerAt(body, path.slice(0, -1)) : undefined;
      if (path && parent) {
        if (Array.isArray(parent)) parent.splice(Number(path.at(-1)), 1);
        else delete parent[path.at(-1) as string];
      }
      break;
    }
    case 'key-added': {
      const objects = [[], ...memberPaths(body)].filter((path) => {
        const target = path.length === 0 ? body : containerAt(body, path);
        return target !== null && typeof target === 'object' && !Array.isArray(target);
      });
      const path = objects.length > 0 ? pickFrom(objects, a) : undefined;
      const target = path === undefined ? undefined : path.length === 0 ? body : containerAt(body, path);
      const value = b % 3 === 0 ? { isAdmin: true, polluted: 'yes' } : pickFrom(HOSTILE_VALUES, c);
      if (target && typeof target === 'object')
        defineMember(target as Record<string, unknown>, pickFrom(HOSTILE_KEYS, b), value);
      else {
        const fresh: Record<string, unknown> = {};
        defineMember(fresh, pickFrom(HOSTILE_KEYS, b), value);
        body = fresh;
      }
      break;
    }
    case 'raw-body':
      rawBody = pickFrom(HOSTILE_BODIES, a);
      contentType = 'application/json';
      break;
    case 'number-literal': {
      const marker = '"__NUMBER_LITERAL__"';
      const paths = memberPaths(body);
      const path = paths.length > 0 ? pickFrom(paths, a) : undefined;
      const parent = path ? containerAt(body, path.slice(0, -1)) : undefined;
      if (path && parent) parent[path.at(-1) as string] = '__NUMBER_LITERAL__';
      else body = '__NUMBER_LITERAL__';
      rawBody = JSON.stringify(body).replace(marker, pickFrom(HOSTILE_NUMBER_LITERALS, b));
      contentType = 'application/json';
      break;
    }
    case 'path-segment': {
      const names = Object.keys(params);
      const segment = pickFrom(HOSTILE_SEGMENTS, b);
      if (names.length > 0) params[pickFrom(names, a)] = segment;
      else extraQuery = `x=${encodeURIComponent(segment)}`;
      break;
    }
    case 'query':
      extraQuery = pickFrom(HOSTILE_QUERIES, a);
      break;
    case 'content-type':
      contentType = pickFrom(HOSTILE_CONTENT_TYPES, a);
      if (body === undefined) body = {};
      break;
    case 'if-match':
      headers['if-match'] = pickFrom(HOSTILE_IF_MATCH, a);
      break;
    case 'idempotency-key':
      headers['idempotency-key'] = pickFrom(HOSTILE_IDEMPOTENCY_KEYS, a);
      break;
    case 'method':
      method = pickFrom(
        ['PUT', 'PATCH', 'HEAD', 'OPTIONS', 'DELETE', 'GET', 'POST'].filter((m) => m !== method),
        a,
      );
      break;
    case 'path-shape':
      pathShape = pickFrom(
        [
          (p: string) => `${p}/`,
          (p: string) => p.toUpperCase(),
          (p: string) => `/${p}`,
          (p: string) => p.replace('/v1/', '/v2/'),
          (p: string) => p.replace('/v1/', '/v1/../v1/'),
          (p: string) => `${p}/extra/segments`,
          (p: string) => `/${p.slice(1).replace(/\//g, '%2F')}`,
        ],
        a,
      );
      break;
  }

  let path = generated.template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
  path = pathShape(path);
  const queryString = [query.toString(), extraQuery].filter(Boolean).join('&');
  const token = tokens[generated.tokenKind];
  if (token) headers.authorization = `Bearer ${token}`;
  if (generated.idempotencyKey && !headers['idempotency-key'])
    headers['idempotency-key'] = `hostile-${a}-${b}-${c}-${Math.random()}`;
  const text = rawBody ?? (body === undefined ? undefined : JSON.stringify(body));
  if (text !== undefined && contentType !== undefined && contentType !== '') headers['content-type'] = contentType;
  return {
    route: generated.route,
    mutation: generated.mutation,
    tokenKind: generated.tokenKind,
    method,
    path: `${path}${queryString ? `?${queryString}` : ''}`,
    ...(text === undefined || method === 'GET' || method === 'HEAD' ? {} : { body: text }),
    headers,
  };
}

/**
 * Hostile input: a generated campaign over every route of the manifest (and routes that do not
 * exist), requests built by fast-check from the API's own zod request schemas and then broken by a
 * mutation from the hand-written corpus (injection strings, unicode edge cases, deeply nested JSON,
 * huge number literals, `__proto__`/`constructor` keys, hostile paths, queries, headers, tokens and
 * methods). No answer may be a 5xx; every refusal is problem+json (except the gateway's own 401 and
 * 413, as API Gateway answers); a rejected request writes no event; the runtime's heap after GC
 * stays flat from the warm-up to the end.
 */
export async function runHostileInput(system: ProofSystem, options: HostileInputOptions): Promise<SuiteReport> {
  const started = performance.now();
  const seed = options.seed ?? Date.now() % 2_147_483_647;
  const ledger = new Ledger(() => system.url);
  const markers = new Markers();
  const failures: string[] = [];

  // Fixtures: organisations to aim at, some in two gemeenten with an agreement.
  const local = await registerOrganisations(system, ledger, markers, 12, { gemeenten: [HOME], concurrency: 4 });
  const elsewhere = await registerOrganisations(system, ledger, markers, 4, { gemeenten: ['GM0344'], concurrency: 4 });
  const supervisor = await system.token({ gemeente: HOME, rol: 'supervisor', sub: 'hostile-supervisor' });
  const agreementIds: string[] = [];
  for (const organisation of local.slice(0, 4)) {
    await ledger.send('POST', `/v1/organisaties/${organisation.id}/gemeenten`, {
      token: supervisor,
      body: { gemeenten: ['GM0344'] },
      route: 'fixture',
    });
    const agreement = await ledger.send('POST', `/v1/organisaties/${organisation.id}/afspraken`, {
      token: supervisor,
      body: {
        gemeenten: [HOME, 'GM0344'],
        penvoerder: HOME,
        vragen: ['Q1', 'Q2', 'Q3'],
        bevindingenDelen: true,
        geldigVanaf: daysAgo(10),
        geldigTot: daysAgo(-300),
      },
      route: 'fixture',
    });
    if (typeof agreement.json?.id === 'string') agreementIds.push(agreement.json.id);
  }
  const organisationIds = [...local, ...elsewhere].map((o) => o.id);

  const tokenOf = (claims: TokenClaims): Promise<string> => system.token(claims);
  const tokens: Record<TokenKind, string | undefined> = {
    supervisor,
    viewer: await tokenOf({ gemeente: HOME, rol: 'viewer', sub: 'hostile-viewer' }),
    auditor: await tokenOf({ rol: 'auditor', sub: 'hostile-auditor' }),
    'other-gemeente': await tokenOf({ gemeente: 'GM0599', rol: 'supervisor', sub: 'hostile-other' }),
    'unknown-gemeente': await tokenOf({ gemeente: 'GM9999', rol: 'supervisor', sub: 'hostile-unknown' }),
    expired: await tokenOf({ gemeente: HOME, rol: 'supervisor', sub: 'hostile-expired', expiresInSeconds: -120 }),
    'forged-none': forgedNoneToken(),
    garbage: 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl',
    missing: undefined,
  };

  // Values the schemas cannot know: real gemeentecodes, organisations and agreements that exist.
  const hint: Hint = (name, node) => {
    if (node.pattern === '^GM\\d{4}$') {
      return fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom(HOME, 'GM0344') },
        { weight: 3, arbitrary: fc.constantFrom(...KNOWN) },
        { weight: 1, arbitrary: fc.stringMatching(/^GM\d{4}$/) },
      );
    }
    if (name === 'organisatieId') {
      return fc.oneof(
        { weight: 8, arbitrary: fc.constantFrom(...organisationIds) },
        { weight: 2, arbitrary: fc.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/) },
      );
    }
    if (name === 'afspraakId' && agreementIds.length > 0) {
      return fc.oneof(
        { weight: 5, arbitrary: fc.constantFrom(...agreementIds) },
        { weight: 5, arbitrary: fc.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/) },
      );
    }
    if (name === 'kvkNummer') return fc.integer({ min: 10_000_000, max: 99_999_999 }).map(String);
    if (name === 'jaar') return fc.integer({ min: 2019, max: 2031 }).map(String);
    return undefined;
  };

  const routeArbitraries = httpRoutes.map((route) => {
    const doc = operations[route.fn.name];
    const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
    const fallbackParams = fc.record(
      Object.fromEntries(names.map((n) => [n, hint(n, {}) ?? fc.string({ minLength: 1, maxLength: 12 })])),
    );
    const params = doc?.path ? arbitraryOf(doc.path, hint) : fallbackParams;
    const query: fc.Arbitrary<unknown> = doc?.query ? arbitraryOf(doc.query as z.ZodType, hint) : fc.constant({});
    const body: fc.Arbitrary<unknown> = doc?.body
      ? arbitraryOf(doc.body, hint)
      : route.method === 'POST'
        ? fc.record({ jaar: fc.integer({ min: 2019, max: 2031 }) }, { requiredKeys: [] })
        : fc.constant(undefined);
    return fc.record({
      route: fc.constant(`${route.method} ${route.path}`),
      method: fc.constant(route.method as string),
      template: fc.constant(route.path),
      params: params as fc.Arbitrary<Record<string, string>>,
      query: query.map((q) =>
        Object.fromEntries(Object.entries((q ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)])),
      ),
      body,
      hasBodySchema: fc.constant(doc?.body !== undefined || route.method === 'POST'),
    });
  });
  const unknownRoute = fc.record({
    route: fc.constant('(unknown route)'),
    method: fc.constantFrom('GET', 'POST', 'DELETE', 'PUT'),
    template: fc.oneof(
      fc.constantFrom(
        '/v1/organisatie',
        '/v1/gemeenten',
        '/v1',
        '/',
        '/v1/audit',
        '/v1/openapi.yaml',
        '/v1/organisaties/{organisatieId}/onbekend',
      ),
      fc.stringMatching(/^\/v1\/[a-z0-9-]{1,20}(\/[a-z0-9-]{1,20}){0,2}$/),
    ),
    params: fc.record({ organisatieId: fc.constantFrom(...organisationIds) }),
    query: fc.constant({}),
    body: fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined }),
    hasBodySchema: fc.boolean(),
  });
  const generator: fc.Arbitrary<Generated> = fc
    .record({
      base: fc.oneof(...routeArbitraries.map((arbitrary) => ({ weight: 4, arbitrary })), {
        weight: 2,
        arbitrary: unknownRoute,
      }),
      tokenKind: fc.oneof(
        { weight: 14, arbitrary: fc.constant<TokenKind>('supervisor') },
        {
          weight: 6,
          arbitrary: fc.constantFrom<TokenKind>(
            'viewer',
            'auditor',
            'other-gemeente',
            'unknown-gemeente',
            'expired',
            'forged-none',
            'garbage',
            'missing',
          ),
        },
      ),
      mutation: fc.constantFrom(...MUTATIONS),
      picks: fc.tuple(fc.nat(), fc.nat(), fc.nat()),
      idempotencyKey: fc.boolean(),
    })
    .map(({ base, ...rest }) => ({
      ...(base as Omit<Generated, 'tokenKind' | 'mutation' | 'picks' | 'idempotencyKey'>),
      ...rest,
    }));

  const warmup = Math.min(200, Math.floor(options.requests / 5));
  const all = fc.sample(generator, { numRuns: warmup + options.requests, seed }).map((g) => toWire(g, tokens));

  const byRoute: Record<string, Record<string, number>> = {};
  const notBuilt = new Set<string>();
  const check = (wire: Wire, reply: Reply): void => {
    const label = `${wire.method} ${wire.path.slice(0, 120)} [${wire.route}, ${wire.mutation}, ${wire.tokenKind}]`;
    const counts = byRoute[wire.route] ?? {};
    byRoute[wire.route] = counts;
    const key = String(reply.status || reply.failure);
    counts[key] = (counts[key] ?? 0) + 1;
    if (reply.status === 501 && reply.json?.message === 'Not Implemented') {
      notBuilt.add(wire.route);
      return;
    }
    if (reply.status >= 500) failures.push(`${label} -> ${reply.status}: ${reply.text.slice(0, 300)}`);
    else if (reply.status === 0 && reply.failure !== 'not-sent') failures.push(`${label} -> no answer: ${reply.error}`);
    else if (reply.status >= 400 && wire.method !== 'HEAD') {
      const gatewayOwn = (reply.status === 401 || reply.status === 413) && typeof reply.json?.message === 'string';
      if (!gatewayOwn && !isProblemJson(reply))
        failures.push(
          `${label} -> ${reply.status} without problem+json: ${reply.contentType} ${reply.text.slice(0, 120)}`,
        );
    }
  };
  const send = async (wires: readonly Wire[]): Promise<void> => {
    let next = 0;
    await Promise.all(
      Array.from({ length: options.concurrency ?? 8 }, async () => {
        while (next < wires.length) {
          const wire = wires[next++] as Wire;
          const reply = await ledger.send(wire.method, wire.path, {
            headers: wire.headers,
            ...(wire.body === undefined ? {} : { body: wire.body }),
            route: `${wire.route} (${wire.mutation})`,
            timeoutMs: 60_000,
          });
          check(wire, reply);
        }
      }),
    );
  };

  await send(all.slice(0, warmup));
  await system.whenIdle();
  const before = await system.memory();
  await send(all.slice(warmup));
  await system.whenIdle();
  const after = await system.memory();
  const mb = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;
  const heapGrowth = mb(after.heapUsed - before.heapUsed);
  const flat = options.flatHeapMb ?? 24;
  if (heapGrowth > flat)
    failures.push(`heap grew by ${heapGrowth} MB over the campaign (flat means at most ${flat} MB)`);

  const nothingLost = await checkNothingLost(system, ledger.records, { allowCampaignEvents: true });
  const sent = ledger.records.length;
  const replies = all.length;
  return suiteReport(
    'hostile-input',
    started,
    {
      seed,
      requests: replies,
      measuredRequests: options.requests,
      routesCovered: `${httpRoutes.filter((r) => byRoute[`${r.method} ${r.path}`]).length} of ${httpRoutes.length} routes of the manifest, and unknown routes`,
      routesNotBuiltYet: [...notBuilt],
      commandsRecorded: sent,
      statuses: tally(
        Object.values(byRoute).flatMap((counts) =>
          Object.entries(counts).flatMap(([status, n]) => Array<string>(n).fill(status)),
        ),
      ),
      mutations: tally(all.map((w) => w.mutation)),
      memoryMb: {
        heapBefore: mb(before.heapUsed),
        heapAfter: mb(after.heapUsed),
        heapGrowth,
        rssBefore: mb(before.rss),
        rssAfter: mb(after.rss),
      },
      byRoute,
    },
    nothingLost,
    failures,
  );
}
