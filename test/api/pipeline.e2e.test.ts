import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiResponse,
  eventually,
  freshKvk,
  meldcodeBody,
  startTestRuntime,
  type TestRuntime,
} from '#test/support/runtime.ts';

/**
 * The vertical slice through `npm start`'s runtime: each command is visible in the views within
 * 5 s (stream -> publisher -> EventBridge emulator -> projector -> views), and the three answers
 * change as the law says.
 */
let rt: TestRuntime;
let supervisor: string;
let utrechtSupervisor: string;

beforeAll(async () => {
  rt = await startTestRuntime();
  supervisor = await rt.token({ gemeente: 'GM0363', rol: 'supervisor' });
  utrechtSupervisor = await rt.token({ gemeente: 'GM0344', rol: 'supervisor' });
});
afterAll(async () => rt?.stop());

const organisation = async (id: string, token = supervisor): Promise<ApiResponse> =>
  rt.request('GET', `/v1/organisaties/${id}`, { token });
type Status = Record<string, { antwoord: string; bron: string; zelfverklaring: Record<string, unknown> }>;
const statusOf = (response: ApiResponse): Status => response.json.toezichtstatus as Status;

/** Waits until the organisation's view has caught up with `version`. */
const visibleAt = (id: string, version: number): Promise<ApiResponse> =>
  eventually(`organisation ${id} at version ${version}`, async () => {
    const response = await organisation(id);
    return response.status === 200 && (response.json.versie as number) >= version ? response : undefined;
  });

describe('register, meldcode, supervision, agreement: each visible in the views within 5 s', () => {
  let id = '';

  it('registers an organisation: 201 with Location and ETag, then GET shows it with three unknown answers', async () => {
    // Act
    const created = await rt.request('POST', '/v1/organisaties', {
      token: supervisor,
      body: {
        naam: 'Stichting De Brug',
        kvkNummer: freshKvk(),
        sector: 'wmo',
        gemeenten: ['GM0363', 'GM0344'],
        bestaatSinds: '2005-04-01',
      },
    });
    // Assess
    expect(created.status).toBe(201);
    id = created.json.id as string;
    expect(created.headers.get('location')).toBe(`/v1/organisaties/${id}`);
    expect(created.headers.get('etag')).toBe('"1"');
    expect(created.headers.get('api-version')).toBe('1.0.0');
    const view = await visibleAt(id, 1);
    expect(view.json.naam).toBe('Stichting De Brug');
    expect(statusOf(view).meldcodeBeschikbaar?.antwoord).toBe('onbekend');
    expect(statusOf(view).voldoetAanMinimumeisen?.antwoord).toBe('onbekend');
    expect(statusOf(view).bevorderingKennisEnGebruik?.antwoord).toBe('onbekend');
    const list = await eventually('the gemeente overview lists it', async () => {
      const response = await rt.request('GET', '/v1/gemeenten/GM0344/organisaties', { token: utrechtSupervisor });
      const rows = response.json.organisaties as { organisatieId: string }[];
      return rows.some((row) => row.organisatieId === id) ? rows : undefined;
    });
    expect(list.length).toBeGreaterThan(0);
  });

  it('a 2018 meldcode without afwegingskader: meldcode available ja, minimum requirements nee, naming afwegingskader', async () => {
    const elementen = (meldcodeBody().elementen as string[]).filter((e) => e !== 'afwegingskader');
    const submitted = await rt.request('POST', `/v1/organisaties/${id}/meldcodes`, {
      token: supervisor,
      body: meldcodeBody({ versie: '2018-1', vastgesteldOp: '2018-03-01', elementen }),
    });
    expect(submitted.status).toBe(201);
    expect(submitted.headers.get('etag')).toBe('"2"');
    const view = await visibleAt(id, 2);
    const status = statusOf(view);
    expect(status.meldcodeBeschikbaar?.antwoord).toBe('ja');
    expect(status.voldoetAanMinimumeisen?.antwoord).toBe('nee');
    expect(status.voldoetAanMinimumeisen?.zelfverklaring.ontbrekend).toEqual(['afwegingskader']);
    const element = (
      (status.voldoetAanMinimumeisen?.zelfverklaring.elementen ?? []) as {
        element: string;
        status: string;
        grondslag: string;
      }[]
    ).find((e) => e.element === 'afwegingskader');
    expect(element?.status).toBe('ontbreekt');
    expect(element?.grondslag).toMatch(/art\. 2/);
  });

  it('a revised meldcode with afwegingskader and a recent training: ja and voldoende', async () => {
    const recent = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    const submitted = await rt.request('POST', `/v1/organisaties/${id}/meldcodes`, {
      token: supervisor,
      body: meldcodeBody({
        versie: '2024-1',
        vastgesteldOp: '2024-02-01',
        maatregelen: [{ soort: 'training', datum: recent, bereikPercentage: 85 }],
      }),
    });
    expect(submitted.status).toBe(201);
    const status = statusOf(await visibleAt(id, 3));
    expect(status.voldoetAanMinimumeisen?.antwoord).toBe('ja');
    expect(status.bevorderingKennisEnGebruik?.antwoord).toBe('voldoende');
    const history = await rt.request('GET', `/v1/organisaties/${id}/meldcodes`, { token: supervisor });
    expect((history.json.meldcodes as { versie: string; huidig: boolean }[]).map((m) => [m.versie, m.huidig])).toEqual([
      ['2018-1', false],
      ['2024-1', true],
    ]);
  });

  it('a completed supervision overrides the self-declared answer and shows in the list', async () => {
    const performed = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
    const deadline = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    const completed = await rt.request('POST', `/v1/organisaties/${id}/toezichtonderzoeken`, {
      token: supervisor,
      body: {
        gemeente: 'GM0363',
        uitgevoerdOp: performed,
        oordeel: 'voldoet-deels',
        bevindingen: {
          bevorderingKennisEnGebruik: { antwoord: 'onvoldoende', toelichting: 'Nieuwe medewerkers niet geschoold' },
        },
        herstelTermijn: deadline,
      },
    });
    expect(completed.status).toBe(201);
    const view = await visibleAt(id, 4);
    const status = statusOf(view);
    expect(status.bevorderingKennisEnGebruik?.antwoord).toBe('onvoldoende');
    expect(status.bevorderingKennisEnGebruik?.bron).toBe('toezichtonderzoek');
    expect(status.bevorderingKennisEnGebruik?.zelfverklaring.antwoord).toBe('voldoende');
    expect(view.json.oordeel).toBe('voldoet-deels');
    expect(view.json.herstelTermijn).toBe(deadline);
    const list = await rt.request('GET', `/v1/organisaties/${id}/toezichtonderzoeken`, { token: supervisor });
    expect((list.json.toezichtonderzoeken as { oordeel: string }[]).map((s) => s.oordeel)).toEqual(['voldoet-deels']);
  });

  it('an agreement closes the coordination gap; ending it opens it again', async () => {
    const before = await rt.request('GET', '/v1/afstemming?gemeente=GM0363', { token: supervisor });
    const entry = (before.json.organisaties as { organisatieId: string; tekortkomingen: { code: string }[] }[]).find(
      (o) => o.organisatieId === id,
    );
    expect(entry?.tekortkomingen.map((g) => g.code)).toEqual(['geen-afspraak']);

    const made = await rt.request('POST', `/v1/organisaties/${id}/afspraken`, {
      token: supervisor,
      body: {
        gemeenten: ['GM0363', 'GM0344'],
        penvoerder: 'GM0363',
        vragen: ['Q1', 'Q2', 'Q3'],
        bevindingenDelen: true,
        geldigVanaf: '2024-01-01',
        geldigTot: '2030-12-31',
      },
    });
    expect(made.status).toBe(201);
    const agreementId = made.json.id as string;
    const view = await visibleAt(id, 5);
    expect((view.json.huidigeAfspraak as { penvoerder: string }).penvoerder).toBe('GM0363');
    const covered = await eventually('the coordination view shows the agreement', async () => {
      const response = await rt.request('GET', '/v1/afstemming', { token: utrechtSupervisor });
      const found = (
        response.json.organisaties as { organisatieId: string; afspraak: unknown; tekortkomingen: unknown[] }[]
      ).find((o) => o.organisatieId === id);
      return found?.afspraak ? found : undefined;
    });
    expect(covered.tekortkomingen).toEqual([]);
    // Under the agreement, Utrecht (not the lead) may not record a supervision.
    const refused = await rt.request('POST', `/v1/organisaties/${id}/toezichtonderzoeken`, {
      token: utrechtSupervisor,
      body: { gemeente: 'GM0344', uitgevoerdOp: '2025-01-10', oordeel: 'voldoet', bevindingen: {} },
    });
    expect(refused.status).toBe(403);
    expect(refused.json.code).toBe('not-agreement-lead');

    const ended = await rt.request('DELETE', `/v1/organisaties/${id}/afspraken/${agreementId}`, { token: supervisor });
    expect(ended.status).toBe(204);
    const reopened = await eventually('the gap is back', async () => {
      const response = await rt.request('GET', '/v1/afstemming', { token: supervisor });
      const found = (
        response.json.organisaties as { organisatieId: string; tekortkomingen: { code: string }[] }[]
      ).find((o) => o.organisatieId === id);
      return found && found.tekortkomingen.length > 0 ? found : undefined;
    });
    expect(reopened.tekortkomingen.map((g) => g.code)).toEqual(['geen-afspraak']);
  });

  it('lists the events oldest first, in English as stored', async () => {
    const events = await rt.request('GET', `/v1/organisaties/${id}/gebeurtenissen`, { token: supervisor });
    expect((events.json.gebeurtenissen as { type: string }[]).map((e) => e.type)).toEqual([
      'OrganisationRegistered',
      'MeldcodeSubmitted',
      'MeldcodeSubmitted',
      'SupervisionCompleted',
      'AgreementMade',
      'AgreementEnded',
    ]);
  });
});

describe('commands: uniqueness, idempotency, optimistic concurrency', () => {
  it('the same KvK-nummer and vestigingsnummer twice, also racing: exactly one 201, the others 409', async () => {
    const body = {
      naam: 'Kinderopvang Race',
      kvkNummer: freshKvk(),
      vestigingsnummer: '000011112222',
      sector: 'kinderopvang-kindercentrum',
      gemeenten: ['GM0363'],
    };
    const before = await rt.eventCount();
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => rt.request('POST', '/v1/organisaties', { token: supervisor, body })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409]);
    expect(answers.find((a) => a.status === 409)?.json.code).toBe('organisatie-bestaat-al');
    expect(await rt.eventCount()).toBe(before + 1);
    const later = await rt.request('POST', '/v1/organisaties', { token: supervisor, body });
    expect(later.status).toBe(409);
  });

  it('a retried POST with the same Idempotency-Key appends nothing new and returns the first response', async () => {
    const body = { naam: 'Stichting Eenmaal', kvkNummer: freshKvk(), sector: 'wmo', gemeenten: ['GM0363'] };
    const headers = { 'idempotency-key': `test-${freshKvk()}` };
    const before = await rt.eventCount();
    const first = await rt.request('POST', '/v1/organisaties', { token: supervisor, body, headers });
    const second = await rt.request('POST', '/v1/organisaties', { token: supervisor, body, headers });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.json).toEqual(first.json);
    expect(second.headers.get('location')).toBe(first.headers.get('location'));
    expect(second.headers.get('api-version')).toBe('1.0.0');
    expect(await rt.eventCount()).toBe(before + 1);
    const reused = await rt.request('POST', '/v1/organisaties', {
      token: supervisor,
      body: { ...body, naam: 'Anders' },
      headers,
    });
    expect(reused.status).toBe(422);
  });

  it('a retried DELETE with the same Idempotency-Key must repeat its query string too', async () => {
    const created = await rt.request('POST', '/v1/organisaties', {
      token: supervisor,
      body: { naam: 'Stichting Tweemaal', kvkNummer: freshKvk(), sector: 'wmo', gemeenten: ['GM0363', 'GM0344'] },
    });
    const path = `/v1/organisaties/${created.json.id as string}/gemeenten/GM0363`;
    const headers = { 'idempotency-key': `test-${freshKvk()}` };
    const today = new Date().toISOString().slice(0, 10);
    const before = await rt.eventCount();
    const first = await rt.request('DELETE', `${path}?perDatum=${today}`, { token: supervisor, headers });
    const retried = await rt.request('DELETE', `${path}?perDatum=${today}`, { token: supervisor, headers });
    const otherDate = await rt.request('DELETE', `${path}?perDatum=2020-01-01`, { token: supervisor, headers });
    expect(first.status).toBeLessThan(300);
    expect(retried.status).toBe(first.status);
    expect(otherDate.status).toBe(422);
    expect(await rt.eventCount()).toBe(before + 1);
  });

  it('If-Match with an old version is 412 and appends nothing; with the current version it goes through', async () => {
    const created = await rt.request('POST', '/v1/organisaties', {
      token: supervisor,
      body: { naam: 'Stichting Versie', kvkNummer: freshKvk(), sector: 'wmo', gemeenten: ['GM0363'] },
    });
    const id = created.json.id as string;
    const before = await rt.eventCount();
    const stale = await rt.request('POST', `/v1/organisaties/${id}/meldcodes`, {
      token: supervisor,
      body: meldcodeBody(),
      headers: { 'if-match': '"0"' },
    });
    expect(stale.status).toBe(412);
    expect(stale.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(await rt.eventCount()).toBe(before);
    const current = await rt.request('POST', `/v1/organisaties/${id}/meldcodes`, {
      token: supervisor,
      body: meldcodeBody(),
      headers: { 'if-match': created.headers.get('etag') ?? '' },
    });
    expect(current.status).toBe(201);
    expect(current.headers.get('etag')).toBe('"2"');
  });

  it('concurrent commands on one organisation all succeed after retries, with contiguous versions', async () => {
    const created = await rt.request('POST', '/v1/organisaties', {
      token: supervisor,
      body: { naam: 'Stichting Druk', kvkNummer: freshKvk(), sector: 'wmo', gemeenten: ['GM0363'] },
    });
    const id = created.json.id as string;
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, n) =>
        rt.request('POST', `/v1/organisaties/${id}/meldcodes`, {
          token: supervisor,
          body: meldcodeBody({ versie: `v${n}` }),
        }),
      ),
    );
    const ok = answers.filter((a) => a.status === 201);
    expect(ok.length + answers.filter((a) => a.status === 409).length).toBe(6);
    const versions = ok.map((a) => a.json.versie as number).sort((a, b) => a - b);
    expect(new Set(versions).size).toBe(ok.length);
    const events = await rt.request('GET', `/v1/organisaties/${id}/gebeurtenissen`, { token: supervisor });
    expect((events.json.gebeurtenissen as { versie: number }[]).map((e) => e.versie)).toEqual(
      Array.from({ length: 1 + ok.length }, (_, i) => i + 1),
    );
  });
});
