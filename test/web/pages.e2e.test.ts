import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkPage, screenshotOnFailure, signIn, startWebHarness, type WebHarness } from './support/web-harness.ts';
import { HOME, type SeededData, seedWebData } from './support/web-seed.ts';

/**
 * Every page of the dashboard, with data: an axe-core scan (WCAG 2.1 A and AA) with zero
 * violations, and screenshots at 1280 and 390 px wide without horizontal scrolling or overlapping
 * controls (`checkPage`), plus what each page must show.
 */

let harness: WebHarness;
let page: Page;
let errors: string[];
let data: SeededData;

beforeAll(async () => {
  harness = await startWebHarness();
  data = await seedWebData(harness.url, (gemeente) => harness.token(gemeente, 'supervisor'));
  await harness.runtime.whenIdle();
  ({ page, errors } = await harness.newPage());
});

afterEach(async (context) => {
  await screenshotOnFailure(page, context);
});

afterAll(async () => {
  await harness?.stop();
});

const organisation = (key: string): string => `${harness.url}/#/organisaties/${data.ids[key]}`;

describe('the pages of a supervisor', () => {
  it('Inloggen: pick a gemeente and a role', async () => {
    await page.goto(`${harness.url}/#/inloggen`);
    await page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();
    expect(await page.locator('select[name="gemeente"] option').count()).toBe(343); // 342 + "geen"
    await checkPage(page, 'inloggen');
    await signIn(page, harness.url, HOME, 'supervisor');
  });

  it('Overzicht: counts, chart, filters, search and paging', async () => {
    await page.goto(`${harness.url}/#/`);
    await page.getByRole('heading', { level: 1, name: 'Overzicht Utrecht' }).waitFor();
    // On a freshly loaded page the first Tab reaches the skip link, which shows itself and jumps to the content
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Overzicht Utrecht' }).waitFor();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Naar de inhoud' });
    expect(await skip.evaluate((el) => el === document.activeElement && el.getBoundingClientRect().height >= 24)).toBe(
      true,
    );
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('inhoud');
    expect(page.url()).toMatch(/#\/$/);
    // The three answers as counts
    const q2 = page.locator('.app-card', { hasText: 'Q2 Voldoet aan minimumeisen' });
    await expect.poll(() => q2.textContent()).toMatch(/3\s*ja\s*1\s*nee/);
    // The chart names every sector with its counts in text
    const chart = page.locator('figure.app-chart');
    expect(await chart.textContent()).toContain('Kindercentrum');
    expect(await chart.locator('svg[role="img"]').first().getAttribute('aria-label')).toMatch(/%/);
    // Paging: 28 organisations, 25 a page
    expect(await page.locator('nav[aria-label="Paginering"]').textContent()).toContain('2');
    await checkPage(page, 'overzicht');

    // Filter on an answer
    await page.getByRole('search').getByLabel('Q2 Voldoet aan minimumeisen').selectOption('nee');
    await page.getByRole('button', { name: 'Filter toepassen' }).click();
    await expect.poll(() => page.locator('main table tbody tr').count()).toBe(1);
    expect(await page.locator('main table tbody').textContent()).toContain('Kinderdagverblijf De Vlinder');
    await checkPage(page, 'overzicht-gefilterd');

    // Search by name
    await page.goto(`${harness.url}/#/?zoek=Thuiszorg`);
    await expect.poll(() => page.locator('main table tbody tr').count()).toBe(1);
    expect(await page.locator('main table tbody').textContent()).toContain('Regionale Thuiszorg Midden-Nederland');

    // Search by KvK-nummer, typed in the search box
    await page
      .getByRole('search')
      .getByLabel('Zoek op naam of KvK-nummer')
      .fill(data.kvkNummers.vlinder ?? '');
    await page.getByRole('search').getByLabel('Q2 Voldoet aan minimumeisen').selectOption('');
    await page.getByRole('button', { name: 'Filter toepassen' }).click();
    await expect.poll(() => page.locator('main table tbody').textContent()).toContain('Kinderdagverblijf De Vlinder');
    expect(await page.locator('main table tbody tr').count()).toBe(1);

    // Page 2
    await page.goto(`${harness.url}/#/?pagina=2`);
    await expect.poll(() => page.locator('main table caption').textContent()).toContain('26 tot en met 28 van 28');
  });

  it('Organisatie: the three questions with evidence, gemeenten, agreement, supervisions and timeline', async () => {
    await page.goto(organisation('thuiszorg'));
    await page.getByRole('heading', { level: 1, name: 'Regionale Thuiszorg Midden-Nederland' }).waitFor();
    const main = await page.locator('main').textContent();
    expect(main).toContain('Q1. Is er binnen de organisatie een meldcode beschikbaar?');
    expect(main).toContain('Q2. Voldoet deze meldcode aan de minimumeisen van de wet en de AMvB?');
    expect(main).toContain('Q3. Wat doet de organisatie concreet om kennis en gebruik van de meldcode te bevorderen?');
    expect(main).toContain('Wettelijke grondslag');
    expect(main).toContain('Amersfoort');
    expect(main).toContain('Penvoerder');
    expect(main).toContain('Afspraak gemaakt');
    await checkPage(page, 'organisatie');

    await page.goto(organisation('buurtteams'));
    await page.getByRole('heading', { level: 1, name: 'Stichting Buurtteams Utrecht' }).waitFor();
    const withSupervision = await page.locator('main').textContent();
    expect(withSupervision).toContain('bevinding van het toezicht');
    expect(withSupervision).toContain('GGD regio Utrecht');
    await checkPage(page, 'organisatie-met-toezicht');
  });

  it('Registreren: the empty form', async () => {
    await page.goto(`${harness.url}/#/organisaties/nieuw`);
    await page.getByRole('heading', { level: 1, name: 'Organisatie registreren' }).waitFor();
    await checkPage(page, 'registreren');
  });

  it('Toezichtonderzoek: errors at the fields, then recorded', async () => {
    await page.goto(`${organisation('vlinder')}/toezichtonderzoek`);
    await page.getByRole('heading', { level: 1, name: 'Toezichtonderzoek vastleggen' }).waitFor();
    await checkPage(page, 'toezichtonderzoek-formulier');
    // A date in the future and no verdict: both named at their fields
    await page.getByLabel('Uitgevoerd op').fill('2099-01-01');
    await page.getByRole('button', { name: 'Toezichtonderzoek vastleggen' }).click();
    await page.locator('.app-error-summary[role="alert"]').waitFor();
    expect(await page.getByLabel('Uitgevoerd op').getAttribute('aria-invalid')).toBe('true');
    expect(
      await page.locator('fieldset', { hasText: 'Eindoordeel' }).locator('.app-field-error').textContent(),
    ).not.toBe('');
    await checkPage(page, 'toezichtonderzoek-fout');

    await page.getByLabel('Uitgevoerd op').fill('2026-10-01');
    await page.getByLabel('Voldoet niet', { exact: true }).check();
    await page.locator('input[name="bevindingen.voldoetAanMinimumeisen.antwoord"][value="nee"]').check();
    await page.getByLabel('Hersteltermijn (niet verplicht)').fill('2027-04-01');
    await page.getByRole('button', { name: 'Toezichtonderzoek vastleggen' }).click();
    await page.getByText('Het toezichtonderzoek is vastgelegd.').waitFor();
    expect(await page.locator('main').textContent()).toContain('voldoet niet');
  });

  it('Afspraak: the form, then recorded', async () => {
    await page.goto(`${organisation('welzijn')}/afspraak`);
    await page.getByRole('heading', { level: 1, name: 'Afspraak maken' }).waitFor();
    await page.getByLabel('Geldig tot en met').fill('2027-12-31');
    await checkPage(page, 'afspraak-formulier');
    await page.getByRole('button', { name: 'Afspraak vastleggen' }).click();
    await page.getByText('De afspraak is vastgelegd.').waitFor();
    expect(await page.locator('main').textContent()).toContain('Penvoerder');
  });

  it('Afstemming: multi-gemeente organisations by veiligheidsregio, gaps highlighted', async () => {
    await page.goto(`${harness.url}/#/afstemming`);
    await page.getByRole('heading', { level: 1, name: 'Afstemming tussen gemeenten' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Veiligheidsregio Utrecht' }).waitFor();
    const gap = page.locator('tr.app-missing', { hasText: 'Regionale Thuiszorg Midden-Nederland' });
    expect(await gap.textContent()).toContain('doet niet mee aan de afspraak (Amersfoort)');
    await checkPage(page, 'afstemming');
  });

  it('Campagne: starts this year’s campaign and shows its progress', async () => {
    await page.goto(`${harness.url}/#/campagne`);
    await page.getByRole('heading', { level: 1, name: /Toezichtcampagne \d{4} Utrecht/ }).waitFor();
    await page.getByRole('button', { name: /Campagne \d{4} starten/ }).click();
    await page.getByText(/De campagne \d{4} is gestart/).waitFor();
    await harness.runtime.whenIdle();
    await page.getByRole('link', { name: 'Voortgang opnieuw bekijken' }).click();
    await expect
      .poll(() => page.locator('main').textContent())
      .toContain('geplande toezichtonderzoeken zijn uitgevoerd');
    expect(await page.locator('main table').textContent()).toContain('Afdeling Leerplicht gemeente Utrecht');
    await checkPage(page, 'campagne');
  });

  it('a page that does not exist', async () => {
    await page.goto(`${harness.url}/#/bestaat-niet`);
    await page.getByRole('heading', { level: 1, name: 'Pagina niet gevonden' }).waitFor();
    await checkPage(page, 'niet-gevonden');
  });
});

describe('the pages of an auditor', () => {
  it('Overzicht: chooses a gemeente', async () => {
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await signIn(page, harness.url, undefined, 'auditor');
    await page.goto(`${harness.url}/#/?gemeente=${HOME}`);
    await page.getByRole('heading', { level: 1, name: 'Overzicht Utrecht' }).waitFor();
    await checkPage(page, 'overzicht-auditor');
  });

  it('Audit: runs the integrity check and reconstructs the views on a date', async () => {
    await page.getByRole('link', { name: 'Audit' }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit' }).waitFor();
    await checkPage(page, 'audit');
    await page.getByRole('button', { name: 'Integriteit controleren' }).click();
    await page.getByText('De keten is intact').waitFor();
    // The peildatum defaults to today: everything recorded so far, replayed
    await page.getByLabel('Gemeente (niet verplicht)').selectOption(HOME);
    await page.getByRole('button', { name: 'Reconstrueren' }).click();
    await page.getByText(/^Reconstructie op .* in Utrecht$/).waitFor();
    expect(await page.locator('.app-result table').last().textContent()).toContain('Stichting Buurtteams Utrecht');
    await checkPage(page, 'audit-resultaat');
    // A date before anything was recorded: nothing was known yet
    await page.getByLabel('Peildatum').fill('2020-01-01');
    await page.getByRole('button', { name: 'Reconstrueren' }).click();
    await page.getByText('Reconstructie op 1 januari 2020 in Utrecht').waitFor();
    expect(await page.getByText('Op die dag was hier nog geen organisatie geregistreerd.').count()).toBe(1);
    expect(errors).toEqual([]);
  });
});
