import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functions } from '#infra/wiring.ts';
import { localIssuer } from '#local/issuer.ts';
import { freshKvk, meldcodeBody, startTestRuntime, type TestRuntime } from '#test/support/runtime.ts';

/**
 * Every route x role x (own gemeente / other gemeente) -> the expected status, and 401 for no
 * token, an expired token and a forged one. "Own" is GM0363, where the organisations are active;
 * "other" is GM0014, where they are not (so they do not exist for it: 404).
 */
const OWN = 'GM0363';
const OTHER = 'GM0014';
const PARTNER = 'GM0344';

type Caller =
  | 'supervisor-own'
  | 'supervisor-other'
  | 'viewer-own'
  | 'viewer-other'
  | 'auditor'
  | 'auditor-with-gemeente';
const CALLERS: readonly Caller[] = [
  'supervisor-own',
  'supervisor-other',
  'viewer-own',
  'viewer-other',
  'auditor',
  'auditor-with-gemeente',
];

interface Fixture {
  readonly organisationId: string;
  readonly agreementId: string;
}

interface RouteCase {
  readonly route: string;
  /** Builds the request for a caller; `fresh` gives a new organisation (active in OWN and PARTNER) for writes. */
  readonly request: (
    caller: Caller,
    fixture: () => Promise<Fixture>,
  ) => Promise<{ method: string; path: string; body?: unknown }>;
  readonly expected: Record<Caller, number>;
}

const callerGemeente = (caller: Caller): string =>
  caller.endsWith('other') || caller === 'auditor-with-gemeente' ? OTHER : OWN;
const reads = {
  'supervisor-own': 200,
  'supervisor-other': 404,
  'viewer-own': 200,
  'viewer-other': 404,
  auditor: 200,
  'auditor-with-gemeente': 200,
};
const gemeenteReads = {
  'supervisor-own': 200,
  'supervisor-other': 403,
  'viewer-own': 200,
  'viewer-other': 403,
  auditor: 200,
  'auditor-with-gemeente': 200,
};
const writes = (ok: number) => ({
  'supervisor-own': ok,
  'supervisor-other': 404,
  'viewer-own': 403,
  'viewer-other': 404,
  auditor: 403,
  'auditor-with-gemeente': 403,
});

let rt: TestRuntime;
let setupToken: string;
let shared: Fixture;
const tokens = new Map<Caller, string>();

async function newFixture(): Promise<Fixture> {
  const created = await rt.request('POST', '/v1/organisaties', {
    token: setupToken,
    body: {
      naam: 'Stichting Matrix',
      kvkNummer: freshKvk(),
      sector: 'wmo',
      gemeenten: [OWN, PARTNER],
      bestaatSinds: '2000-01-01',
    },
  });
  const organisationId = created.json.id as string;
  const agreement = await rt.request('POST', `/v1/organisaties/${organisationId}/afspraken`, {
    token: setupToken,
    body: {
      gemeenten: [OWN, PARTNER],
      penvoerder: OWN,
      vragen: ['Q3'],
      bevindingenDelen: false,
      geldigVanaf: '2020-01-01',
      geldigTot: '2020-12-31',
    },
  });
  if (created.status !== 201 || agreement.status !== 201) throw new Error('fixture failed');
  return { organisationId, agreementId: agreement.json.id as string };
}

const routeCases: RouteCase[] = [
  {
    route: 'POST /v1/organisaties',
    request: async () => ({
      method: 'POST',
      path: '/v1/organisaties',
      body: { naam: 'Stichting Nieuw', kvkNummer: freshKvk(), sector: 'wmo', gemeenten: [OWN] },
    }),
    expected: {
      'supervisor-own': 201,
      'supervisor-other': 403,
      'viewer-own': 403,
      'viewer-other': 403,
      auditor: 403,
      'auditor-with-gemeente': 403,
    },
  },
  {
    route: 'GET /v1/organisaties/{id}',
    request: async () => ({ method: 'GET', path: `/v1/organisaties/${shared.organisationId}` }),
    expected: reads,
  },
  {
    route: 'POST /v1/organisaties/{id}/gemeenten',
    request: async (_c, fresh) => ({
      method: 'POST',
      path: `/v1/organisaties/${(await fresh()).organisationId}/gemeenten`,
      body: { gemeenten: ['GM0518'] },
    }),
    expected: writes(200),
  },
  {
    route: 'DELETE /v1/organisaties/{id}/gemeenten/{gemeentecode}',
    request: async (caller, fresh) => ({
      method: 'DELETE',
      path: `/v1/organisaties/${(await fresh()).organisationId}/gemeenten/${callerGemeente(caller)}`,
    }),
    expected: writes(204),
  },
  {
    route: 'POST /v1/organisaties/{id}/meldcodes',
    request: async (_c, fresh) => ({
      method: 'POST',
      path: `/v1/organisaties/${(await fresh()).organisationId}/meldcodes`,
      body: meldcodeBody(),
    }),
    expected: writes(201),
  },
  {
    route: 'GET /v1/organisaties/{id}/meldcodes',
    request: async () => ({ method: 'GET', path: `/v1/organisaties/${shared.organisationId}/meldcodes` }),
    expected: reads,
  },
  {
    route: 'POST /v1/organisaties/{id}/toezichtonderzoeken',
    request: async (caller, fresh) => ({
      method: 'POST',
      path: `/v1/organisaties/${(await fresh()).organisationId}/toezichtonderzoeken`,
      body: { gemeente: callerGemeente(caller), uitgevoerdOp: '2025-01-10', oordeel: 'voldoet', bevindingen: {} },
    }),
    expected: writes(201),
  },
  {
    route: 'GET /v1/organisaties/{id}/toezichtonderzoeken',
    request: async () => ({ method: 'GET', path: `/v1/organisaties/${shared.organisationId}/toezichtonderzoeken` }),
    expected: reads,
  },
  {
    route: 'POST /v1/organisaties/{id}/afspraken',
    request: async (_c, fresh) => ({
      method: 'POST',
      path: `/v1/organisaties/${(await fresh()).organisationId}/afspraken`,
      body: {
        gemeenten: [OWN, PARTNER],
        penvoerder: OWN,
        vragen: ['Q1', 'Q2'],
        bevindingenDelen: true,
        geldigVanaf: '2024-01-01',
        geldigTot: '2027-12-31',
      },
    }),
    expected: writes(201),
  },
  {
    route: 'DELETE /v1/organisaties/{id}/afspraken/{afspraakId}',
    request: async (_c, fresh) => {
      const fixture = await fresh();
      return { method: 'DELETE', path: `/v1/organisaties/${fixture.organisationId}/afspraken/${fixture.agreementId}` };
    },
    expected: writes(204),
  },
  {
    route: 'GET /v1/organisaties/{id}/gebeurtenissen',
    request: async () => ({ method: 'GET', path: `/v1/organisaties/${shared.organisationId}/gebeurtenissen` }),
    expected: reads,
  },
  {
    route: 'GET /v1/gemeenten/{gemeentecode}/organisaties',
    request: async () => ({ method: 'GET', path: `/v1/gemeenten/${OWN}/organisaties` }),
    expected: gemeenteReads,
  },
  {
    route: 'GET /v1/gemeenten/{gemeentecode}/toezichtoverzicht',
    request: async () => ({ method: 'GET', path: `/v1/gemeenten/${OWN}/toezichtoverzicht` }),
    expected: gemeenteReads,
  },
  {
    route: 'GET /v1/afstemming',
    request: async () => ({ method: 'GET', path: `/v1/afstemming?gemeente=${OWN}` }),
    expected: gemeenteReads,
  },
  {
    route: 'GET /v1/openapi.json',
    request: async () => ({ method: 'GET', path: '/v1/openapi.json' }),
    expected: {
      'supervisor-own': 200,
      'supervisor-other': 200,
      'viewer-own': 200,
      'viewer-other': 200,
      auditor: 200,
      'auditor-with-gemeente': 200,
    },
  },
];

beforeAll(async () => {
  rt = await startTestRuntime();
  setupToken = await rt.token({ gemeente: OWN, rol: 'supervisor', sub: 'setup' });
  tokens.set('supervisor-own', await rt.token({ gemeente: OWN, rol: 'supervisor' }));
  tokens.set('supervisor-other', await rt.token({ gemeente: OTHER, rol: 'supervisor' }));
  tokens.set('viewer-own', await rt.token({ gemeente: OWN, rol: 'viewer' }));
  tokens.set('viewer-other', await rt.token({ gemeente: OTHER, rol: 'viewer' }));
  tokens.set('auditor', await rt.token({ rol: 'auditor' }));
  tokens.set('auditor-with-gemeente', await rt.token({ gemeente: OTHER, rol: 'auditor' }));
  shared = await newFixture();
  await rt.runtime.whenIdle();
});
afterAll(async () => rt?.stop());

describe('access matrix', () => {
  it('covers every route of the API functions in the manifest', () => {
    const manifestRoutes = functions
      .filter((fn) => !fn.name.startsWith('audit-') && !fn.name.includes('campaign'))
      .flatMap((fn) => fn.triggers.flatMap((t) => (t.kind === 'http' ? [`${t.method} ${t.path}`] : [])))
      .map((route) => route.replace(/\{organisatieId\}/, '{id}'));
    expect(routeCases.map((c) => c.route).sort()).toEqual(manifestRoutes.sort());
  });

  it('answers every route x role x own/other gemeente as expected', async () => {
    const mismatches: string[] = [];
    let checked = 0;
    for (const routeCase of routeCases) {
      for (const caller of CALLERS) {
        const request = await routeCase.request(caller, newFixture);
        const response = await rt.request(request.method, request.path, {
          token: tokens.get(caller),
          body: request.body,
        });
        checked++;
        if (response.status !== routeCase.expected[caller]) {
          mismatches.push(
            `${routeCase.route} as ${caller}: ${response.status}, expected ${routeCase.expected[caller]} -- ${response.text.slice(0, 200)}`,
          );
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBe(routeCases.length * CALLERS.length);
  });

  it('answers 401 on every route with login for no token, an expired token, a forged token and a malformed header', async () => {
    const expired = await rt.token({ gemeente: OWN, rol: 'supervisor', expiresInSeconds: -120 });
    const forged = await (await localIssuer()).mint({ gemeente: OWN, rol: 'supervisor' });
    const valid = tokens.get('supervisor-own') ?? '';
    const tampered = `${valid.slice(0, valid.lastIndexOf('.'))}.${'A'.repeat(86)}`;
    const headers: Record<string, Record<string, string>> = {
      none: {},
      expired: { authorization: `Bearer ${expired}` },
      forged: { authorization: `Bearer ${forged}` },
      tampered: { authorization: `Bearer ${tampered}` },
      malformed: { authorization: 'Bearer abc.def' },
      basic: { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` },
    };
    const mismatches: string[] = [];
    for (const routeCase of routeCases.filter((c) => c.route !== 'GET /v1/openapi.json')) {
      const request = await routeCase.request('supervisor-own', async () => shared);
      for (const [kind, header] of Object.entries(headers)) {
        const response = await rt.request(request.method, request.path, { body: request.body, headers: header });
        if (response.status !== 401) mismatches.push(`${routeCase.route} with ${kind}: ${response.status}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
