import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshKvk, meldcodeBody, startTestRuntime, type TestRuntime } from '#test/support/runtime.ts';

/**
 * The bad-input suite: at least 200 requests that are wrong in one way each (wrong types, missing
 * and unknown fields, invalid gemeentecode and KvK-nummer, dates in the future, 1 MB bodies, wrong
 * content type, malformed JSON, unknown routes, trailing slashes). Every answer must be a 4xx
 * problem+json naming the fields at fault, never a 5xx, and not one event may be written.
 */
interface Case {
  readonly name: string;
  readonly method: string;
  readonly path: string;
  /** An object is sent as JSON; a string is sent as is. */
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  readonly status: number;
  /** Field names that `invalidParams` must contain (for 400, 413, 415). */
  readonly fields?: readonly string[];
}

let rt: TestRuntime;
let token: string;
let id: string;
let eventsBefore: number;

const future = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
const WRONG_VALUES: readonly [string, unknown][] = [
  ['number', 12345678],
  ['boolean', true],
  ['null', null],
  ['array', ['x']],
  ['object', { a: 1 }],
];

const registration = (): Record<string, unknown> => ({
  naam: 'Stichting Fout',
  kvkNummer: freshKvk(),
  vestigingsnummer: '000012345678',
  lrkNummer: '123456789',
  sector: 'wmo',
  gemeenten: ['GM0363'],
  bestaatSinds: '2001-01-01',
});
const supervision = (): Record<string, unknown> => ({
  gemeente: 'GM0363',
  uitgevoerdOp: '2025-01-10',
  oordeel: 'voldoet',
  bevindingen: { meldcodeBeschikbaar: { antwoord: 'ja' } },
});
const agreement = (): Record<string, unknown> => ({
  gemeenten: ['GM0363', 'GM0344'],
  penvoerder: 'GM0363',
  vragen: ['Q1', 'Q2', 'Q3'],
  bevindingenDelen: true,
  geldigVanaf: '2024-01-01',
  geldigTot: '2026-12-31',
});

function bodyCases(
  label: string,
  method: string,
  path: () => string,
  valid: () => Record<string, unknown>,
  required: string[],
): Case[] {
  const cases: Case[] = [];
  for (const field of Object.keys(valid())) {
    for (const [kind, value] of WRONG_VALUES) {
      if (kind === 'array' && ['gemeenten', 'elementen', 'maatregelen', 'vragen'].includes(field)) continue;
      if (kind === 'object' && field === 'bevindingen') continue;
      if (kind === 'boolean' && ['aandachtsfunctionaris', 'bevindingenDelen', 'dossiervorming'].includes(field))
        continue;
      cases.push({
        name: `${label}: ${field} as ${kind}`,
        method,
        path: path(),
        body: { ...valid(), [field]: value },
        status: 400,
        fields: [field],
      });
    }
  }
  for (const field of required) {
    const body = valid();
    delete body[field];
    cases.push({ name: `${label}: ${field} missing`, method, path: path(), body, status: 400, fields: [field] });
  }
  for (const unknown of ['onbekend', 'Naam', 'constructor', 'id']) {
    cases.push({
      name: `${label}: unknown field ${unknown}`,
      method,
      path: path(),
      body: { ...valid(), [unknown]: 'x' },
      status: 400,
      fields: [unknown],
    });
  }
  const proto = JSON.stringify(valid()).replace(/^\{/, '{"__proto__":{"admin":true},');
  cases.push({
    name: `${label}: __proto__ key`,
    method,
    path: path(),
    body: proto,
    status: 400,
    fields: ['__proto__'],
  });
  cases.push({ name: `${label}: all fields missing`, method, path: path(), body: {}, status: 400, fields: required });
  return cases;
}

function transportCases(method: string, path: string, valid: () => Record<string, unknown>): Case[] {
  const json = JSON.stringify(valid());
  return [
    {
      name: `${path}: 1 MB body`,
      method,
      path,
      body: JSON.stringify({ ...valid(), naam: 'x'.repeat(1024 * 1024) }),
      status: 413,
      fields: ['body'],
    },
    {
      name: `${path}: text/plain`,
      method,
      path,
      body: json,
      headers: { 'content-type': 'text/plain' },
      status: 415,
      fields: ['Content-Type'],
    },
    {
      name: `${path}: form-urlencoded`,
      method,
      path,
      body: 'naam=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      status: 415,
      fields: ['Content-Type'],
    },
    {
      name: `${path}: application/xml`,
      method,
      path,
      body: '<naam>x</naam>',
      headers: { 'content-type': 'application/xml' },
      status: 415,
      fields: ['Content-Type'],
    },
    { name: `${path}: malformed {`, method, path, body: '{', status: 400, fields: ['body'] },
    { name: `${path}: malformed value`, method, path, body: '{"naam":}', status: 400, fields: ['body'] },
    { name: `${path}: single quotes`, method, path, body: "{'naam':'x'}", status: 400, fields: ['body'] },
    { name: `${path}: trailing comma`, method, path, body: '{"naam":"x",}', status: 400, fields: ['body'] },
    { name: `${path}: truncated`, method, path, body: json.slice(0, -5), status: 400, fields: ['body'] },
    { name: `${path}: JSON array`, method, path, body: '[1,2]', status: 400, fields: ['body'] },
    { name: `${path}: JSON string`, method, path, body: '"x"', status: 400, fields: ['body'] },
    { name: `${path}: JSON null`, method, path, body: 'null', status: 400, fields: ['body'] },
    { name: `${path}: empty body`, method, path, status: 400, fields: ['body'] },
    {
      name: `${path}: deeply nested`,
      method,
      path,
      body: `${'['.repeat(5000)}${']'.repeat(5000)}`,
      status: 400,
      fields: ['body'],
    },
    {
      name: `${path}: If-Match garbage`,
      method,
      path,
      body: valid(),
      headers: { 'if-match': 'abc' },
      status: 400,
      fields: ['If-Match'],
    },
    {
      name: `${path}: Idempotency-Key too long`,
      method,
      path,
      body: valid(),
      headers: { 'idempotency-key': 'k'.repeat(200) },
      status: 400,
      fields: ['Idempotency-Key'],
    },
  ];
}

function buildCases(): Case[] {
  const org = () => `/v1/organisaties/${id}`;
  const cases: Case[] = [];
  cases.push(
    ...bodyCases('registration', 'POST', () => '/v1/organisaties', registration, [
      'naam',
      'kvkNummer',
      'sector',
      'gemeenten',
    ]),
    ...['1234567', '123456789', 'abcdefgh', '1234 567', '', '１２３４５６７８'].map((kvk) => ({
      name: `registration: KvK ${JSON.stringify(kvk)}`,
      method: 'POST',
      path: '/v1/organisaties',
      body: { ...registration(), kvkNummer: kvk },
      status: 400,
      fields: ['kvkNummer'],
    })),
    ...['GM9999', 'gm0363', 'GM036', '0363', '', 'GM0363 ', 'GM0000'].map((code) => ({
      name: `registration: gemeentecode ${JSON.stringify(code)}`,
      method: 'POST',
      path: '/v1/organisaties',
      body: { ...registration(), gemeenten: [code] },
      status: 400,
      fields: ['gemeenten[0]'],
    })),
    {
      name: 'registration: vestigingsnummer 11 digits',
      method: 'POST',
      path: '/v1/organisaties',
      body: { ...registration(), vestigingsnummer: '12345678901' },
      status: 400,
      fields: ['vestigingsnummer'],
    },
    {
      name: 'registration: lrkNummer letters',
      method: 'POST',
      path: '/v1/organisaties',
      body: { ...registration(), lrkNummer: 'abcdefghi' },
      status: 400,
      fields: ['lrkNummer'],
    },
    {
      name: 'registration: sector unknown',
      method: 'POST',
      path: '/v1/organisaties',
      body: { ...registration(), sector: 'horeca' },
      status: 400,
      fields: ['sector'],
    },
    {
      name: 'registration: bestaatSinds in the future',
      method: 'POST',
      path: '/v1/organisaties',
      body: { ...registration(), bestaatSinds: future },
      status: 400,
      fields: ['bestaatSinds'],
    },
    {
      name: 'registration: bestaatSinds 2025-02-30',
      method: 'POST',
      path: '/v1/organisaties',
      body: { ...registration(), bestaatSinds: '2025-02-30' },
      status: 400,
      fields: ['bestaatSinds'],
    },
    {
      name: 'registration: gemeenten empty',
      method: 'POST',
      path: '/v1/organisaties',
      body: { ...registration(), gemeenten: [] },
      status: 400,
      fields: ['gemeenten'],
    },
    {
      name: 'registration: gemeenten twice the same',
      method: 'POST',
      path: '/v1/organisaties',
      body: { ...registration(), gemeenten: ['GM0363', 'GM0363'] },
      status: 400,
      fields: ['gemeenten'],
    },
    {
      name: 'registration: naam empty',
      method: 'POST',
      path: '/v1/organisaties',
      body: { ...registration(), naam: '   ' },
      status: 400,
      fields: ['naam'],
    },
    {
      name: 'registration: naam too long',
      method: 'POST',
      path: '/v1/organisaties',
      body: { ...registration(), naam: 'n'.repeat(201) },
      status: 400,
      fields: ['naam'],
    },
    {
      name: 'registration: several faults at once',
      method: 'POST',
      path: '/v1/organisaties',
      body: { naam: 1, kvkNummer: '1', sector: 'x', gemeenten: ['GM1'], extra: 1 },
      status: 400,
      fields: ['naam', 'kvkNummer', 'sector', 'gemeenten[0]', 'extra'],
    },
    ...transportCases('POST', '/v1/organisaties', registration),
  );
  cases.push(
    ...bodyCases(
      'meldcode',
      'POST',
      () => `${org()}/meldcodes`,
      () => meldcodeBody({ maatregelen: [{ soort: 'training', datum: '2025-01-01' }] }),
      ['versie', 'vastgesteldOp', 'elementen', 'aandachtsfunctionaris', 'maatregelen'],
    ),
    {
      name: 'meldcode: unknown element',
      method: 'POST',
      path: `${org()}/meldcodes`,
      body: meldcodeBody({ elementen: ['stappenplan', 'stap6'] }),
      status: 400,
      fields: ['elementen[1]'],
    },
    {
      name: 'meldcode: element twice',
      method: 'POST',
      path: `${org()}/meldcodes`,
      body: meldcodeBody({ elementen: ['stappenplan', 'stappenplan'] }),
      status: 400,
      fields: ['elementen'],
    },
    {
      name: 'meldcode: adopted in the future',
      method: 'POST',
      path: `${org()}/meldcodes`,
      body: meldcodeBody({ vastgesteldOp: future }),
      status: 400,
      fields: ['vastgesteldOp'],
    },
    {
      name: 'meldcode: measure in the future',
      method: 'POST',
      path: `${org()}/meldcodes`,
      body: meldcodeBody({ maatregelen: [{ soort: 'training', datum: future }] }),
      status: 400,
      fields: ['maatregelen[0].datum'],
    },
    {
      name: 'meldcode: reach 101',
      method: 'POST',
      path: `${org()}/meldcodes`,
      body: meldcodeBody({ maatregelen: [{ soort: 'training', datum: '2025-01-01', bereikPercentage: 101 }] }),
      status: 400,
      fields: ['maatregelen[0].bereikPercentage'],
    },
    {
      name: 'meldcode: reach -1',
      method: 'POST',
      path: `${org()}/meldcodes`,
      body: meldcodeBody({ maatregelen: [{ soort: 'training', datum: '2025-01-01', bereikPercentage: -1 }] }),
      status: 400,
      fields: ['maatregelen[0].bereikPercentage'],
    },
    {
      name: 'meldcode: reach as text',
      method: 'POST',
      path: `${org()}/meldcodes`,
      body: meldcodeBody({ maatregelen: [{ soort: 'training', datum: '2025-01-01', bereikPercentage: '80' }] }),
      status: 400,
      fields: ['maatregelen[0].bereikPercentage'],
    },
    {
      name: 'meldcode: measure kind unknown',
      method: 'POST',
      path: `${org()}/meldcodes`,
      body: meldcodeBody({ maatregelen: [{ soort: 'borrel', datum: '2025-01-01' }] }),
      status: 400,
      fields: ['maatregelen[0].soort'],
    },
    {
      name: 'meldcode: measure unknown field',
      method: 'POST',
      path: `${org()}/meldcodes`,
      body: meldcodeBody({ maatregelen: [{ soort: 'training', datum: '2025-01-01', bereik: 3 }] }),
      status: 400,
      fields: ['maatregelen[0].bereik'],
    },
    {
      name: 'meldcode: date with time',
      method: 'POST',
      path: `${org()}/meldcodes`,
      body: meldcodeBody({ vastgesteldOp: '2024-02-01T10:00:00Z' }),
      status: 400,
      fields: ['vastgesteldOp'],
    },
    ...transportCases('POST', `${org()}/meldcodes`, () => meldcodeBody()),
  );
  cases.push(
    ...bodyCases('supervision', 'POST', () => `${org()}/toezichtonderzoeken`, supervision, [
      'gemeente',
      'uitgevoerdOp',
      'oordeel',
      'bevindingen',
    ]),
    {
      name: 'supervision: oordeel unknown',
      method: 'POST',
      path: `${org()}/toezichtonderzoeken`,
      body: { ...supervision(), oordeel: 'prima' },
      status: 400,
      fields: ['oordeel'],
    },
    {
      name: 'supervision: gemeente unknown',
      method: 'POST',
      path: `${org()}/toezichtonderzoeken`,
      body: { ...supervision(), gemeente: 'GM9999' },
      status: 400,
      fields: ['gemeente'],
    },
    {
      name: 'supervision: in the future',
      method: 'POST',
      path: `${org()}/toezichtonderzoeken`,
      body: { ...supervision(), uitgevoerdOp: future },
      status: 400,
      fields: ['uitgevoerdOp'],
    },
    {
      name: 'supervision: herstelTermijn before',
      method: 'POST',
      path: `${org()}/toezichtonderzoeken`,
      body: { ...supervision(), herstelTermijn: '2024-01-01' },
      status: 400,
      fields: ['herstelTermijn'],
    },
    {
      name: 'supervision: answer unknown',
      method: 'POST',
      path: `${org()}/toezichtonderzoeken`,
      body: { ...supervision(), bevindingen: { meldcodeBeschikbaar: { antwoord: 'misschien' } } },
      status: 400,
      fields: ['bevindingen.meldcodeBeschikbaar.antwoord'],
    },
    {
      name: 'supervision: Q3 answered ja',
      method: 'POST',
      path: `${org()}/toezichtonderzoeken`,
      body: { ...supervision(), bevindingen: { bevorderingKennisEnGebruik: { antwoord: 'ja' } } },
      status: 400,
      fields: ['bevindingen.bevorderingKennisEnGebruik.antwoord'],
    },
    {
      name: 'supervision: unknown question',
      method: 'POST',
      path: `${org()}/toezichtonderzoeken`,
      body: { ...supervision(), bevindingen: { vraag4: { antwoord: 'ja' } } },
      status: 400,
      fields: ['bevindingen.vraag4'],
    },
    {
      name: 'supervision: unknown element found',
      method: 'POST',
      path: `${org()}/toezichtonderzoeken`,
      body: {
        ...supervision(),
        bevindingen: { voldoetAanMinimumeisen: { antwoord: 'nee', aanwezigeElementen: ['x'] } },
      },
      status: 400,
      fields: ['bevindingen.voldoetAanMinimumeisen.aanwezigeElementen[0]'],
    },
  );
  cases.push(
    ...bodyCases('agreement', 'POST', () => `${org()}/afspraken`, agreement, [
      'gemeenten',
      'penvoerder',
      'vragen',
      'bevindingenDelen',
      'geldigVanaf',
      'geldigTot',
    ]),
    {
      name: 'agreement: lead not among gemeenten',
      method: 'POST',
      path: `${org()}/afspraken`,
      body: { ...agreement(), penvoerder: 'GM0014' },
      status: 400,
      fields: ['penvoerder'],
    },
    {
      name: 'agreement: ends before it starts',
      method: 'POST',
      path: `${org()}/afspraken`,
      body: { ...agreement(), geldigTot: '2023-01-01' },
      status: 400,
      fields: ['geldigTot'],
    },
    {
      name: 'agreement: question Q4',
      method: 'POST',
      path: `${org()}/afspraken`,
      body: { ...agreement(), vragen: ['Q4'] },
      status: 400,
      fields: ['vragen[0]'],
    },
    {
      name: 'agreement: one gemeente',
      method: 'POST',
      path: `${org()}/afspraken`,
      body: { ...agreement(), gemeenten: ['GM0363'] },
      status: 400,
      fields: ['gemeenten'],
    },
    {
      name: 'agreement: no questions',
      method: 'POST',
      path: `${org()}/afspraken`,
      body: { ...agreement(), vragen: [] },
      status: 400,
      fields: ['vragen'],
    },
  );
  cases.push(
    {
      name: 'add gemeenten: empty',
      method: 'POST',
      path: `${org()}/gemeenten`,
      body: { gemeenten: [] },
      status: 400,
      fields: ['gemeenten'],
    },
    {
      name: 'add gemeenten: unknown code',
      method: 'POST',
      path: `${org()}/gemeenten`,
      body: { gemeenten: ['GM1234'] },
      status: 400,
      fields: ['gemeenten[0]'],
    },
    {
      name: 'add gemeenten: future date',
      method: 'POST',
      path: `${org()}/gemeenten`,
      body: { gemeenten: ['GM0344'], perDatum: future },
      status: 400,
      fields: ['perDatum'],
    },
    {
      name: 'add gemeenten: not a list',
      method: 'POST',
      path: `${org()}/gemeenten`,
      body: { gemeenten: 'GM0344' },
      status: 400,
      fields: ['gemeenten'],
    },
    {
      name: 'add gemeenten: unknown field',
      method: 'POST',
      path: `${org()}/gemeenten`,
      body: { gemeenten: ['GM0344'], sinds: '2020-01-01' },
      status: 400,
      fields: ['sinds'],
    },
  );
  // Path and query parameters
  for (const bad of [
    '01j9z8q4n6v7w8x9y0z1a2b3c4',
    'abc',
    '01J9Z8Q4N6V7W8X9Y0Z1A2B3CI',
    '1',
    '%00',
    `${'0'.repeat(27)}`,
  ]) {
    cases.push({
      name: `GET organisation id ${bad}`,
      method: 'GET',
      path: `/v1/organisaties/${bad}`,
      status: 400,
      fields: ['organisatieId'],
    });
    cases.push({
      name: `POST meldcode id ${bad}`,
      method: 'POST',
      path: `/v1/organisaties/${bad}/meldcodes`,
      body: meldcodeBody(),
      status: 400,
      fields: ['organisatieId'],
    });
  }
  for (const code of ['GM9999', 'gm0363', 'XX0363', 'GM03631']) {
    cases.push({
      name: `gemeente list ${code}`,
      method: 'GET',
      path: `/v1/gemeenten/${code}/organisaties`,
      status: 400,
      fields: ['gemeentecode'],
    });
    cases.push({
      name: `gemeente overview ${code}`,
      method: 'GET',
      path: `/v1/gemeenten/${code}/toezichtoverzicht`,
      status: 400,
      fields: ['gemeentecode'],
    });
    cases.push({
      name: `remove gemeente ${code}`,
      method: 'DELETE',
      path: `${org()}/gemeenten/${code}`,
      status: 400,
      fields: ['gemeentecode'],
    });
  }
  cases.push(
    {
      name: 'end agreement: bad id',
      method: 'DELETE',
      path: `${org()}/afspraken/xyz`,
      status: 400,
      fields: ['afspraakId'],
    },
    {
      name: 'end agreement: bad date',
      method: 'DELETE',
      path: `${org()}/afspraken/01J9Z8Q4N6V7W8X9Y0Z1A2B3C4?perDatum=morgen`,
      status: 400,
      fields: ['perDatum'],
    },
    {
      name: 'remove gemeente: future date',
      method: 'DELETE',
      path: `${org()}/gemeenten/GM0363?perDatum=${future}`,
      status: 400,
      fields: ['perDatum'],
    },
    {
      name: 'DELETE with a body',
      method: 'DELETE',
      path: `${org()}/gemeenten/GM0363`,
      body: { reden: 'x' },
      status: 400,
      fields: ['body'],
    },
    {
      name: 'list: unknown query key',
      method: 'GET',
      path: '/v1/gemeenten/GM0363/organisaties?sortering=naam',
      status: 400,
      fields: ['sortering'],
    },
    {
      name: 'list: paginaGrootte 0',
      method: 'GET',
      path: '/v1/gemeenten/GM0363/organisaties?paginaGrootte=0',
      status: 400,
      fields: ['paginaGrootte'],
    },
    {
      name: 'list: paginaGrootte 1000',
      method: 'GET',
      path: '/v1/gemeenten/GM0363/organisaties?paginaGrootte=1000',
      status: 400,
      fields: ['paginaGrootte'],
    },
    {
      name: 'list: pagina -1',
      method: 'GET',
      path: '/v1/gemeenten/GM0363/organisaties?pagina=-1',
      status: 400,
      fields: ['pagina'],
    },
    {
      name: 'list: sector unknown',
      method: 'GET',
      path: '/v1/gemeenten/GM0363/organisaties?sector=horeca',
      status: 400,
      fields: ['sector'],
    },
    {
      name: 'list: answer unknown',
      method: 'GET',
      path: '/v1/gemeenten/GM0363/organisaties?meldcodeBeschikbaar=misschien',
      status: 400,
      fields: ['meldcodeBeschikbaar'],
    },
    {
      name: 'list: two faults',
      method: 'GET',
      path: '/v1/gemeenten/GM0363/organisaties?teBeoordelen=soms&pagina=x',
      status: 400,
      fields: ['teBeoordelen', 'pagina'],
    },
    {
      name: 'organisation: unknown query key',
      method: 'GET',
      path: `${org()}?uitgebreid=ja`,
      status: 400,
      fields: ['uitgebreid'],
    },
    {
      name: 'overview: unknown query key',
      method: 'GET',
      path: '/v1/gemeenten/GM0363/toezichtoverzicht?jaar=2025',
      status: 400,
      fields: ['jaar'],
    },
    {
      name: 'afstemming: bad gemeente',
      method: 'GET',
      path: '/v1/afstemming?gemeente=GM1',
      status: 400,
      fields: ['gemeente'],
    },
    {
      name: 'afstemming: unknown key',
      method: 'GET',
      path: '/v1/afstemming?regio=VR13',
      status: 400,
      fields: ['regio'],
    },
  );
  // Unknown routes, wrong methods and trailing slashes: 404 problem+json naming the path.
  for (const [method, path] of [
    ['GET', '/v1/organisaties/'],
    ['POST', '/v1/organisaties/'],
    ['GET', `${org()}/`],
    ['GET', `${org()}/meldcodes/`],
    ['GET', '/v1/gemeenten/GM0363/organisaties/'],
    ['GET', '/v1/afstemming/'],
    ['GET', '/v1/openapi.json/'],
    ['GET', '/v1/onbekend'],
    ['GET', '/v2/organisaties'],
    ['GET', '/v1'],
    ['GET', '/v1/organisations'],
    ['PUT', '/v1/organisaties'],
    ['PATCH', org()],
    ['DELETE', org()],
    ['GET', '/v1/organisaties'],
    ['GET', '/v1/gemeenten/GM0363'],
    ['POST', '/v1/gemeenten/GM0363/organisaties'],
    ['GET', `${org()}/afspraken`],
  ] as const) {
    cases.push({ name: `route ${method} ${path}`, method, path, status: 404 });
  }
  return cases;
}

beforeAll(async () => {
  rt = await startTestRuntime();
  token = await rt.token({ gemeente: 'GM0363', rol: 'supervisor' });
  const created = await rt.request('POST', '/v1/organisaties', {
    token,
    body: {
      naam: 'Stichting Doelwit',
      kvkNummer: freshKvk(),
      sector: 'wmo',
      gemeenten: ['GM0363', 'GM0344'],
      bestaatSinds: '2000-01-01',
    },
  });
  expect(created.status).toBe(201);
  id = created.json.id as string;
  await rt.runtime.whenIdle();
  eventsBefore = await rt.eventCount();
});
afterAll(async () => rt?.stop());

describe('bad input', () => {
  it('answers each of at least 200 bad requests with a 4xx problem+json naming the fields at fault, and writes no event', async () => {
    // Prepare
    const cases = buildCases();
    expect(cases.length).toBeGreaterThanOrEqual(200);
    // Act
    const mismatches: string[] = [];
    for (const testCase of cases) {
      const response = await rt.request(testCase.method, testCase.path, {
        token,
        body: testCase.body,
        headers: testCase.headers,
      });
      const problem = response.json as {
        status?: number;
        title?: string;
        detail?: string;
        invalidParams?: { name: string }[];
      };
      const names = (problem.invalidParams ?? []).map((p) => p.name);
      const faults = [
        response.status !== testCase.status && `status ${response.status}, expected ${testCase.status}`,
        !response.headers.get('content-type')?.startsWith('application/problem+json') &&
          `content-type ${response.headers.get('content-type')}`,
        (problem.status !== response.status || !problem.title || !problem.detail) && 'status/title/detail missing',
        !response.headers.get('api-version') && 'no API-Version',
        (testCase.fields ?? []).some((field) => !names.includes(field)) &&
          `invalidParams ${JSON.stringify(names)}, expected ${JSON.stringify(testCase.fields)}`,
        testCase.status === 404 &&
          !problem.detail?.includes(testCase.path.split('?')[0] ?? '') &&
          'detail does not name the path',
      ].filter(Boolean);
      if (faults.length > 0)
        mismatches.push(`${testCase.name}: ${faults.join('; ')} -- ${response.text.slice(0, 300)}`);
    }
    await rt.runtime.whenIdle();
    // Assess
    expect(mismatches).toEqual([]);
    expect(await rt.eventCount()).toBe(eventsBefore);
  });
});
