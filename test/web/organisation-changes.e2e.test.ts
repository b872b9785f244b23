import { describe, expect, it } from 'vitest';
import { apiCall, checkPage, signIn, useWebHarness } from './support/web-harness.ts';

/**
 * The commands on an organisation beyond the first four forms: a supervisor of Utrecht ends the
 * agreement with Amersfoort (after a confirmation step), adds a gemeente (a date in the future is
 * shown at its field, a concurrent change is explained) and removes Utrecht itself, after which
 * Amersfoort sees Utrecht under "Voorheen actief in". Only the roles that may act see the actions.
 */

const UTRECHT = 'GM0344';
const AMERSFOORT = 'GM0307';
const ZEIST = 'GM0355';
const BUNNIK = 'GM0312';

const ids: Record<string, string> = {};

interface OrganisatieUit {
  versie: number;
  gemeenten: { gemeentecode: string }[];
  voormaligeGemeenten: { gemeentecode: string; actiefTot: string | null }[];
  afspraken: { afspraakId: string; geldigVanaf: string; status: string; beeindigdOp: string | null }[];
  huidigeAfspraak: { afspraakId: string } | null;
}

const today = (): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(new Date())
    .slice(0, 10);
const inDutch = (date: string): string =>
  new Date(`${date}T12:00:00Z`).toLocaleDateString('nl-NL', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/Amsterdam',
  });
const kvk = (): string => String(40_000_000 + Math.floor(Math.random() * 49_999_999));

async function call<T = unknown>(gemeente: string, method: string, path: string, body?: unknown) {
  return apiCall<T>(web.harness.url, await web.harness.token(gemeente, 'supervisor'), method, path, body);
}

async function register(key: string, body: Record<string, unknown>): Promise<void> {
  const r = await call<{ id: string }>(UTRECHT, 'POST', '/v1/organisaties', {
    kvkNummer: kvk(),
    sector: 'wmo',
    ...body,
  });
  expect(r.status).toBe(201);
  ids[key] = r.data.id;
}

/** The organisation as the API shows it to a supervisor of `gemeente`. */
const organisatie = (key: string, gemeente = UTRECHT) =>
  call<OrganisatieUit>(gemeente, 'GET', `/v1/organisaties/${ids[key]}`);
const organisationUrl = (key: string): string => `${web.harness.url}/#/organisaties/${ids[key]}`;
const actionLink = (name: string) => web.page.getByRole('main').getByRole('link', { name, exact: true });

/** Seeded over the API before the page opens. */
async function seed(): Promise<void> {
  // A regional provider under an agreement between Utrecht and Amersfoort (Zeist takes no part) ...
  await register('regionaal', {
    naam: 'Thuiszorg De Heuvelrug',
    gemeenten: [UTRECHT, AMERSFOORT, ZEIST],
    bestaatSinds: '2001-01-01',
  });
  // ... in force until the end of 2027, and a successor from 2028
  for (const [geldigVanaf, geldigTot] of [
    ['2025-01-01', '2027-12-31'],
    ['2028-01-01', '2029-12-31'],
  ]) {
    const agreement = await call(UTRECHT, 'POST', `/v1/organisaties/${ids.regionaal}/afspraken`, {
      gemeenten: [UTRECHT, AMERSFOORT],
      penvoerder: UTRECHT,
      toezichthouder: 'GGD regio Utrecht',
      vragen: ['Q1', 'Q2', 'Q3'],
      bevindingenDelen: true,
      geldigVanaf,
      geldigTot,
    });
    expect(agreement.status).toBe(201);
  }
  // ... and a local one, active in Utrecht alone
  await register('lokaal', { naam: 'Buurthuis De Linde', gemeenten: [UTRECHT], bestaatSinds: '2010-01-01' });
}

const web = useWebHarness(seed);

describe('who sees the actions', () => {
  it('a viewer sees neither “Gemeenten wijzigen” nor “Afspraak beëindigen”', async () => {
    // Prepare
    await signIn(web.page, web.harness.url, UTRECHT, 'viewer');
    // Act
    await web.page.goto(organisationUrl('regionaal'));
    await web.page.getByRole('heading', { level: 1, name: 'Thuiszorg De Heuvelrug' }).waitFor();
    // Assess
    expect(await web.page.locator('main').textContent()).toContain('Penvoerder');
    expect(await actionLink('Gemeenten wijzigen').count()).toBe(0);
    expect(await actionLink('Afspraak beëindigen').count()).toBe(0);
    await web.page.getByRole('button', { name: 'Uitloggen' }).click();
  });

  it('a supervisor of a gemeente outside the agreement may change the gemeenten, not end the agreement', async () => {
    // Prepare
    await signIn(web.page, web.harness.url, ZEIST, 'supervisor');
    // Act
    await web.page.goto(organisationUrl('regionaal'));
    await web.page.getByRole('heading', { level: 1, name: 'Thuiszorg De Heuvelrug' }).waitFor();
    // Assess
    expect(await actionLink('Gemeenten wijzigen').count()).toBe(1);
    expect(await actionLink('Afspraak beëindigen').count()).toBe(0);
    // ... and the form's address, typed in, says why instead of offering the form
    const { huidigeAfspraak } = (await organisatie('regionaal')).data;
    await web.page.goto(`${organisationUrl('regionaal')}/afspraken/${huidigeAfspraak?.afspraakId}/beeindigen`);
    await web.page.getByText('Deze afspraak kunt u niet beëindigen').waitFor();
    expect(await web.page.locator('main form').count()).toBe(0);
    await web.page.getByRole('button', { name: 'Uitloggen' }).click();
  });
});

describe('a supervisor ends an agreement', () => {
  it('opens the form from the agreement in force', async () => {
    // Prepare
    await signIn(web.page, web.harness.url, UTRECHT, 'supervisor');
    await web.page.goto(organisationUrl('regionaal'));
    await web.page.getByRole('heading', { level: 1, name: 'Thuiszorg De Heuvelrug' }).waitFor();
    // Act
    await actionLink('Afspraak beëindigen').click();
    // Assess
    await web.page.getByRole('heading', { level: 1, name: 'Afspraak beëindigen' }).waitFor();
    expect(await web.page.locator('main dl').textContent()).toContain('GGD regio Utrecht');
    expect(await web.page.getByLabel('Geldt niet meer vanaf').inputValue()).toBe(today());
    await checkPage(web.page, 'afspraak-beeindigen');
  });

  it('asks to confirm first, and going back sends nothing', async () => {
    // Act
    await web.page.getByRole('button', { name: 'Afspraak beëindigen' }).click();
    // Assess: the consequences are spelled out, with the date
    const step = web.page.getByRole('group', { name: 'Weet u zeker dat u deze afspraak wilt beëindigen?' });
    await step.waitFor();
    expect(await step.textContent()).toContain(`geldt niet meer vanaf ${inDutch(today())}`);
    expect(await step.textContent()).toContain('Dit kan niet ongedaan worden gemaakt.');
    await checkPage(web.page, 'afspraak-beeindigen-bevestigen');
    // Going back restores the form's own button and records nothing
    await web.page.getByRole('button', { name: 'Nee, terug naar het formulier' }).click();
    expect(await step.count()).toBe(0);
    await web.page.getByRole('button', { name: 'Afspraak beëindigen' }).waitFor();
    expect((await organisatie('regionaal')).data.huidigeAfspraak).not.toBeNull();
  });

  it('ends it with If-Match and an Idempotency-Key, and the organisation page shows it ended', async () => {
    // Prepare
    const { versie } = (await organisatie('regionaal')).data;
    await web.page.getByRole('button', { name: 'Afspraak beëindigen' }).click();
    const sent = web.page.waitForRequest((r) => r.method() === 'DELETE');
    // Act
    await web.page.getByRole('button', { name: 'Ja, afspraak beëindigen' }).click();
    // Assess: the request carried the version the person saw
    const headers = (await sent).headers();
    expect(headers['if-match']).toBe(`"${versie}"`);
    expect(headers['idempotency-key']).toMatch(/^[\w-]{16,}$/);
    expect((await sent).url()).toContain(`perDatum=${today()}`);
    // ... the organisation page says so and shows the agreement as ended
    await web.page.getByText('De afspraak is beëindigd.').waitFor();
    await web.page.getByRole('heading', { level: 1, name: 'Thuiszorg De Heuvelrug' }).waitFor();
    const main = (await web.page.locator('main').textContent()) ?? '';
    expect(main).toContain('Er is geen geldige afspraak tussen de gemeenten.');
    expect(main).toContain(`beëindigd op ${inDutch(today())}`);
    expect(await web.page.locator('.app-timeline').textContent()).toContain('Afspraak beëindigd');
    expect(await actionLink('Afspraak beëindigen').count()).toBe(0);
    // The successor from 2028 may still be ended (cancelled) from its row
    expect(await actionLink('Beëindigen (afspraak vanaf 1 januari 2028)').count()).toBe(1);
    // ... and so does the API
    const after = (await organisatie('regionaal')).data;
    expect(after.huidigeAfspraak).toBeNull();
    expect(
      after.afspraken.map(({ geldigVanaf, status, beeindigdOp }) => ({ geldigVanaf, status, beeindigdOp })),
    ).toEqual(
      expect.arrayContaining([
        { geldigVanaf: '2025-01-01', status: 'beeindigd', beeindigdOp: today() },
        { geldigVanaf: '2028-01-01', status: 'toekomstig', beeindigdOp: null },
      ]),
    );
    expect(after.versie).toBe(versie + 1);
    await checkPage(web.page, 'organisatie-afspraak-beeindigd');
  });
});

describe('a supervisor changes the gemeenten', () => {
  it('shows the server’s refusal of a date in the future at the date field', async () => {
    // Prepare
    await web.page.goto(organisationUrl('lokaal'));
    await web.page.getByRole('heading', { level: 1, name: 'Buurthuis De Linde' }).waitFor();
    await actionLink('Gemeenten wijzigen').click();
    await web.page.getByRole('heading', { level: 1, name: 'Gemeenten wijzigen' }).waitFor();
    await web.page.getByRole('heading', { level: 2, name: 'Gemeenten toevoegen' }).waitFor();
    // Alone in Utrecht: there is nothing to remove yet
    expect(await web.page.locator('main').textContent()).toContain('De organisatie is alleen in Utrecht actief,');
    await checkPage(web.page, 'gemeenten');
    await web.page.getByLabel('Gemeenten', { exact: true }).fill('Amersfoort');
    await web.page.getByLabel('Actief sinds').fill('2099-01-01');
    // Act
    await web.page.getByRole('button', { name: 'Gemeenten toevoegen' }).click();
    // Assess: marked invalid, described by the server's reason inside its own field
    const input = web.page.getByLabel('Actief sinds');
    await expect.poll(() => input.getAttribute('aria-invalid')).toBe('true');
    const errorId = ((await input.getAttribute('aria-describedby')) ?? '')
      .split(' ')
      .find((id) => id.startsWith('fout'));
    expect(errorId).toBeTruthy();
    const message = web.page.locator(`#${errorId}`);
    expect(await message.textContent()).toContain('mag niet in de toekomst liggen');
    expect(
      await web.page.evaluate(
        (id) =>
          document.getElementById(id)?.closest('.utrecht-form-field')?.querySelector('input[name="perDatum"]') != null,
        errorId as string,
      ),
    ).toBe(true);
    expect(await web.page.locator('.app-error-summary a', { hasText: 'Actief sinds' }).count()).toBe(1);
    expect(await web.page.locator('[aria-invalid="true"]').count()).toBe(1);
    expect((await organisatie('lokaal')).data.gemeenten.map((g) => g.gemeentecode)).toEqual([UTRECHT]);
    await checkPage(web.page, 'gemeenten-fout');
  });

  it('explains a concurrent change (412), reloads the gemeenten and keeps the input', async () => {
    // Prepare: meanwhile someone else adds Bunnik
    const other = await call(UTRECHT, 'POST', `/v1/organisaties/${ids.lokaal}/gemeenten`, { gemeenten: [BUNNIK] });
    expect(other.status).toBe(200);
    await web.page.getByLabel('Actief sinds').fill(today());
    // Act
    await web.page.getByRole('button', { name: 'Gemeenten toevoegen' }).click();
    // Assess
    await web.page.getByRole('heading', { name: 'De organisatie is intussen gewijzigd' }).waitFor();
    await expect.poll(() => web.page.locator('main [data-gemeenten="actief"]').textContent()).toContain('Bunnik');
    expect(await web.page.getByLabel('Gemeenten', { exact: true }).inputValue()).toBe('Amersfoort');
    expect(await web.page.locator('main').textContent()).toContain('Versie van de gegevens: 2.');
    expect((await organisatie('lokaal')).data.gemeenten.map((g) => g.gemeentecode)).not.toContain(AMERSFOORT);
    await checkPage(web.page, 'gemeenten-conflict');
  });

  it('adds Amersfoort and returns to the organisation, which shows it', async () => {
    // Act: send again, now on the refreshed version
    await web.page.getByRole('button', { name: 'Gemeenten toevoegen' }).click();
    // Assess
    await web.page.getByText('De gemeenten zijn toegevoegd.').waitFor();
    await web.page.getByRole('heading', { level: 1, name: 'Buurthuis De Linde' }).waitFor();
    expect(await web.page.locator('main [data-gemeenten="actief"]').textContent()).toContain(
      `Amersfoort (${AMERSFOORT}), actief sinds ${inDutch(today())}`,
    );
    expect(await web.page.locator('.app-timeline').textContent()).toContain('erbij: Amersfoort');
    const after = (await organisatie('lokaal')).data;
    expect(after.gemeenten.map((g) => g.gemeentecode).sort()).toEqual([UTRECHT, BUNNIK, AMERSFOORT].sort());
  });

  it('removes Utrecht after confirming; the organisation is gone for Utrecht and Amersfoort sees the change', async () => {
    // Prepare
    await actionLink('Gemeenten wijzigen').click();
    await web.page.getByRole('heading', { level: 1, name: 'Gemeenten wijzigen' }).waitFor();
    await web.page.getByRole('heading', { level: 2, name: 'Niet meer actief in Utrecht' }).waitFor();
    await web.page.getByRole('button', { name: 'Verwijderen uit Utrecht' }).click();
    const step = web.page.getByRole('group', {
      name: /Weet u zeker dat de organisatie niet meer actief is in Utrecht/,
    });
    await step.waitFor();
    expect(await step.textContent()).toContain('U ziet de organisatie daarna niet meer.');
    await checkPage(web.page, 'gemeente-verwijderen-bevestigen');
    const sent = web.page.waitForRequest((r) => r.method() === 'DELETE');
    // Act
    await web.page.getByRole('button', { name: 'Ja, verwijderen uit Utrecht' }).click();
    // Assess: the page says what happened, since Utrecht can no longer open the organisation
    expect((await sent).url()).toContain(`/v1/organisaties/${ids.lokaal}/gemeenten/${UTRECHT}?perDatum=${today()}`);
    expect((await sent).headers()['if-match']).toMatch(/^"\d+"$/);
    await web.page.getByRole('heading', { level: 1, name: 'Gemeente verwijderd' }).waitFor();
    expect(await web.page.locator('main').textContent()).toContain('Buurthuis De Linde is niet meer actief in Utrecht');
    await checkPage(web.page, 'gemeente-verwijderd');
    await expect.poll(async () => (await organisatie('lokaal', UTRECHT)).status).toBe(404);
    const seenByAmersfoort = (await organisatie('lokaal', AMERSFOORT)).data;
    expect(seenByAmersfoort.gemeenten.map((g) => g.gemeentecode).sort()).toEqual([BUNNIK, AMERSFOORT].sort());
    expect(seenByAmersfoort.voormaligeGemeenten).toEqual([
      expect.objectContaining({ gemeentecode: UTRECHT, actiefTot: today() }),
    ]);
    // Amersfoort's supervisor finds Utrecht under "Voorheen actief in"
    await web.page.getByRole('button', { name: 'Uitloggen' }).click();
    await signIn(web.page, web.harness.url, AMERSFOORT, 'supervisor');
    await web.page.goto(organisationUrl('lokaal'));
    await web.page.getByRole('heading', { level: 1, name: 'Buurthuis De Linde' }).waitFor();
    expect(await web.page.locator('main [data-gemeenten="voorheen"]').textContent()).toContain('Utrecht');
    expect(await web.page.locator('main [data-gemeenten="actief"]').textContent()).not.toContain('Utrecht');
    expect(web.errors).toEqual([]);
  });
});
