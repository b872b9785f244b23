import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MELDCODE_ELEMENT_IDS } from '#events/values.ts';
import {
  apiCall,
  checkPage,
  screenshotOnFailure,
  signIn,
  startWebHarness,
  type WebHarness,
} from './support/web-harness.ts';

/**
 * A supervisor in Utrecht registers an organisation, submits a meldcode adopted in 2018 without an
 * afwegingskader, sees "nee" on the minimum requirements with the missing element named, submits a
 * revised meldcode and sees "ja". A wrong KvK-nummer shows the server's error at the field; a
 * concurrent change (412) is explained and the page refreshed.
 */

const GEMEENTE = 'GM0344';
const kvk = (): string => String(10_000_000 + Math.floor(Math.random() * 89_999_999));

/** Every element and step a Wmo provider's meldcode needs, except the afwegingskader. */
const ZONDER_AFWEGINGSKADER = MELDCODE_ELEMENT_IDS.filter((id) => id !== 'afwegingskader');

let harness: WebHarness;
let page: Page;
let errors: string[];

beforeAll(async () => {
  harness = await startWebHarness();
  ({ page, errors } = await harness.newPage());
});

afterEach(async (context) => {
  await screenshotOnFailure(page, context);
});

afterAll(async () => {
  await harness?.stop();
});

async function answerOf(vraag: string): Promise<string> {
  return ((await page.locator(`[data-antwoord="${vraag}"]`).textContent()) ?? '').trim();
}

describe('a supervisor registers an organisation and submits its meldcode', () => {
  let organisationUrl = '';
  const naam = `Stichting Welzijn Lombok ${Date.now()}`;
  const kvkNummer = kvk();

  it('signs in for a gemeente with a role', async () => {
    // Prepare / Act
    await signIn(page, harness.url, GEMEENTE, 'supervisor');
    // Assess
    await expect.poll(() => page.locator('#account').textContent()).toContain('Toezichthouder, gemeente Utrecht');
    await checkPage(page, 'overzicht-leeg');
  });

  it('shows a wrong KvK-nummer at the field, with the server’s reason', async () => {
    // Prepare
    await page.getByRole('link', { name: 'Organisatie registreren' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Organisatie registreren' }).waitFor();
    await page.getByLabel('Naam van de organisatie').fill(naam);
    await page.getByLabel('KvK-nummer').fill('1234');
    await page.getByLabel('Sector').selectOption('wmo');
    // Act
    await page.getByRole('button', { name: 'Registreren' }).click();
    // Assess: the input is marked invalid and described by an error message inside its own field
    const input = page.getByLabel('KvK-nummer');
    await expect.poll(() => input.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await input.getAttribute('aria-describedby')) ?? '';
    const errorId = describedBy.split(' ').find((id) => id.startsWith('fout'));
    expect(errorId).toBeTruthy();
    const message = page.locator(`#${errorId}`);
    await expect.poll(() => message.textContent()).toContain('8 cijfers');
    expect(await message.isVisible()).toBe(true);
    const sameField = await page.evaluate((id) => {
      const error = document.getElementById(id);
      const field = error?.closest('.utrecht-form-field');
      return !!field && field.querySelector('input[name="kvkNummer"]') !== null;
    }, errorId as string);
    expect(sameField).toBe(true);
    // ... and the summary above the form links to the field
    const summaryLink = page.locator('.app-error-summary a', { hasText: 'KvK-nummer' });
    await expect.poll(() => summaryLink.count()).toBe(1);
    // Nothing else was at fault
    expect(await page.locator('[aria-invalid="true"]').count()).toBe(1);
    await checkPage(page, 'registreren-fout');
  });

  it('registers the organisation once the KvK-nummer is right', async () => {
    // Act
    await page.getByLabel('KvK-nummer').fill(kvkNummer);
    await page.getByRole('button', { name: 'Registreren' }).click();
    // Assess
    await page.getByRole('heading', { level: 1, name: naam }).waitFor();
    await expect.poll(() => page.getByText('De organisatie is geregistreerd.').count()).toBe(1);
    expect(await page.getByText(kvkNummer, { exact: true }).count()).toBeGreaterThan(0);
    expect(await answerOf('meldcodeBeschikbaar')).toBe('onbekend');
    organisationUrl = page.url().split('?')[0] ?? '';
  });

  it('submits a 2018 meldcode without afwegingskader and sees “nee” with the missing element named', async () => {
    // Prepare
    await page.getByRole('link', { name: 'Meldcode indienen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Meldcode indienen' }).waitFor();
    await page.getByLabel('Versie van de meldcode').fill('2018-1');
    await page.getByLabel('Vastgesteld op').fill('2018-03-01');
    for (const id of ZONDER_AFWEGINGSKADER) await page.locator(`input[name="elementen"][value="${id}"]`).check();
    await page.getByLabel('Er is een aandachtsfunctionaris aangewezen').check();
    await page.getByRole('button', { name: 'Maatregel toevoegen' }).click();
    await page.getByLabel('Soort').selectOption('training');
    await page.getByLabel('Datum', { exact: true }).fill('2018-05-15');
    await page.getByLabel('Bereik in procenten (niet verplicht)').fill('80');
    await checkPage(page, 'meldcode-formulier');
    // Act
    await page.getByRole('button', { name: 'Meldcode indienen' }).click();
    // Assess
    await page.getByText('De meldcode is ingediend en beoordeeld.').waitFor();
    expect(await answerOf('meldcodeBeschikbaar')).toBe('ja');
    expect(await answerOf('voldoetAanMinimumeisen')).toBe('nee');
    const missing = page.locator('[data-ontbrekend="afwegingskader"]');
    await expect.poll(() => missing.textContent()).toContain('Afwegingskader');
    expect(await page.locator('[data-ontbrekend]').count()).toBe(1);
    // The element's row in the checklist says "ontbreekt", with its legal basis
    const row = page.locator('tr', { hasText: 'Afwegingskader' });
    expect(await row.textContent()).toContain('ontbreekt');
    expect(await row.textContent()).toContain('Stcrt. 2017, 46221');
    await checkPage(page, 'organisatie-q2-nee');
  });

  it('explains a concurrent change (412) and refreshes the page', async () => {
    // Prepare: the form is open; meanwhile someone else records a meldcode
    await page.getByRole('link', { name: 'Meldcode indienen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Meldcode indienen' }).waitFor();
    const id = organisationUrl.split('/').pop() ?? '';
    const token = await harness.token(GEMEENTE, 'supervisor');
    const other = await apiCall(harness.url, token, 'POST', `/v1/organisaties/${id}/meldcodes`, {
      versie: '2018-2',
      vastgesteldOp: '2018-09-01',
      elementen: ZONDER_AFWEGINGSKADER,
      aandachtsfunctionaris: true,
      maatregelen: [],
    });
    expect(other.status).toBe(201);
    await page.getByLabel('Versie van de meldcode').fill('2024-1');
    await page.getByLabel('Vastgesteld op').fill('2024-02-01');
    await page.locator('input[name="elementen"][value="afwegingskader"]').check();
    // Act
    await page.getByRole('button', { name: 'Meldcode indienen' }).click();
    // Assess: explained, the summary shows the newer version, the input is kept
    await page.getByRole('heading', { name: 'De organisatie is intussen gewijzigd' }).waitFor();
    await expect.poll(() => page.locator('.app-form-summary').textContent()).toContain('versie 2018-2');
    expect(await page.getByLabel('Versie van de meldcode').inputValue()).toBe('2024-1');
    expect(await page.locator('input[name="elementen"][value="afwegingskader"]').isChecked()).toBe(true);
    await checkPage(page, 'meldcode-conflict');
  });

  it('submits the revised meldcode with afwegingskader and sees “ja”', async () => {
    // Act: send again, now on the refreshed version
    await page.getByRole('button', { name: 'Meldcode indienen' }).click();
    // Assess
    await page.getByText('De meldcode is ingediend en beoordeeld.').waitFor();
    expect(await answerOf('voldoetAanMinimumeisen')).toBe('ja');
    expect(await page.locator('[data-ontbrekend]').count()).toBe(0);
    expect(await page.locator('.app-timeline').textContent()).toContain('Meldcode ingediend');
    await checkPage(page, 'organisatie-q2-ja');
    expect(errors).toEqual([]);
  });
});
