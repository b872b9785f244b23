import { describe, expect, it } from 'vitest';
import { type ContextKey, readStackConfig } from '#infra/config.ts';
import { manifestProblems } from '#infra/manifest-checks.ts';
import { wiringManifest } from '#infra/stack.ts';
import type { FunctionSpec } from '#infra/wiring.ts';

const read = (context: Partial<Record<ContextKey, unknown>>) => readStackConfig((key) => context[key]);

describe('stack settings from CDK context', () => {
  it('defaults: dev, Cognito, no e-mail, stage throttling, bundled code, cdk-nag on', () => {
    expect(read({})).toEqual({
      stage: 'dev',
      alarmEmail: undefined,
      oidc: undefined,
      corsOrigins: [],
      apiThrottle: { rateLimit: 50, burstLimit: 100 },
      cognitoDomainPrefix: undefined,
      functionCode: 'bundle',
      nag: true,
    });
  });

  it('reads command-line strings and cdk.json values alike', () => {
    const fromCli = read({
      stage: 'prod',
      alarmEmail: 'ops@example.org',
      oidcIssuer: 'https://idp.example.org/realms/x',
      oidcAudience: 'api, dashboard',
      corsOrigins: 'https://a.example.org,http://localhost:5173',
      apiRateLimit: '20',
      apiBurstLimit: '40',
      nag: 'false',
    });
    const fromJson = read({
      stage: 'prod',
      alarmEmail: 'ops@example.org',
      oidcIssuer: 'https://idp.example.org/realms/x',
      oidcAudience: ['api', 'dashboard'],
      corsOrigins: ['https://a.example.org', 'http://localhost:5173'],
      apiRateLimit: 20,
      apiBurstLimit: 40,
      nag: false,
    });
    expect(fromCli).toEqual(fromJson);
    expect(fromCli.oidc).toEqual({ issuer: 'https://idp.example.org/realms/x', audience: ['api', 'dashboard'] });
  });

  it.each([
    [{ stage: 'test' }, /stage/],
    [{ alarmEmail: 'not-an-address' }, /alarmEmail/],
    [{ oidcIssuer: 'http://idp.example.org' }, /oidcIssuer.*https/],
    [{ oidcIssuer: 'https://idp.example.org' }, /oidcAudience.*required/],
    [{ oidcAudience: 'api' }, /oidcAudience.*without oidcIssuer/],
    [{ corsOrigins: '*' }, /corsOrigins/],
    [{ corsOrigins: 'https://a.example.org/' }, /corsOrigins/],
    [{ corsOrigins: 'http://a.example.org' }, /corsOrigins/],
    [{ apiRateLimit: '-1' }, /apiRateLimit/],
    [{ functionCode: 'docker' }, /functionCode/],
    [{ cognitoDomainPrefix: 'Meldcode_Dev' }, /cognitoDomainPrefix/],
  ])('refuses %o', (context, message) => {
    expect(() => read(context as Partial<Record<ContextKey, unknown>>)).toThrow(message);
  });
});

describe('the wiring manifest, as the stack checks it', () => {
  it('is consistent', () => {
    expect(manifestProblems(wiringManifest)).toEqual([]);
  });

  const base = wiringManifest.functions.find((f) => f.name === 'get-organisation')!;
  const withFunctions = (...extra: FunctionSpec[]) => ({
    ...wiringManifest,
    functions: [...wiringManifest.functions, ...extra],
  });

  it('refuses a route, rule or schedule written twice, and triggers or grants on things that do not exist', () => {
    expect(manifestProblems(withFunctions({ ...base, name: 'copy' }))).toEqual([
      'copy: route GET /v1/organisaties/{organisatieId} defined twice',
    ]);
    const projector = wiringManifest.functions.find((f) => f.name === 'projector')!;
    expect(manifestProblems(withFunctions({ ...projector, name: 'projector-2' })).join('\n')).toMatch(
      /rule to-projector defined twice/,
    );
    const planner = wiringManifest.functions.find((f) => f.name === 'campaign-planner')!;
    expect(manifestProblems(withFunctions({ ...planner, name: 'planner-2' })).join('\n')).toMatch(
      /schedule yearly-campaign defined twice/,
    );
    expect(
      manifestProblems(
        withFunctions({
          ...base,
          name: 'broken',
          triggers: [{ kind: 'queue', queue: 'nope' as 'campaign', batchSize: 1 }],
          tables: { Nope: 'read' } as unknown as FunctionSpec['tables'],
          sendsTo: ['nope' as 'campaign'],
        }),
      ),
    ).toEqual([
      'broken: unknown table Nope',
      'broken: sends to unknown queue nope',
      'broken: consumes unknown queue nope',
    ]);
  });

  it('refuses a second $default or OPTIONS /{proxy+} function', () => {
    const notFound = wiringManifest.functions.find((f) => f.name === 'route-not-found')!;
    const preflight = wiringManifest.functions.find((f) => f.name === 'cors-preflight')!;
    expect(
      manifestProblems(withFunctions({ ...notFound, name: 'not-found-2' }, { ...preflight, name: 'preflight-2' })),
    ).toEqual([
      "not-found-2: the $default route is already route-not-found's",
      "preflight-2: the OPTIONS /{proxy+} route is already cors-preflight's",
    ]);
  });

  it('refuses an HTTP function slower than the API allows, and a trailing slash', () => {
    expect(
      manifestProblems(
        withFunctions({
          ...base,
          name: 'slow',
          timeoutSeconds: 60,
          triggers: [{ kind: 'http', method: 'GET', path: '/v1/slow/', auth: 'jwt' }],
        }),
      ),
    ).toEqual([
      'slow: route path /v1/slow/ must start with / and not end with /',
      "slow: timeout 60s exceeds the API's 29s",
    ]);
  });
});
