import { describe, expect, it } from 'vitest';
import { checkMinimumRequirements, type ElementStatus } from '#domain/meldcode/minimum-requirements.ts';
import { ELEMENT_REQUIREMENTS } from '#domain/meldcode/requirements.ts';
import type { MeldcodeElementId, Sector } from '#events/values.ts';
import { SECTORS } from '#events/values.ts';
import { ALL_ELEMENTS } from '../support/fixtures.ts';

const without = (...ids: MeldcodeElementId[]) => ALL_ELEMENTS.filter((e) => !ids.includes(e));
const statusOf = (check: ReturnType<typeof checkMinimumRequirements>, id: MeldcodeElementId) =>
  check.elements.find((e) => e.id === id)?.status;

describe('Q2 per sector variant', () => {
  // sector, verwijsindex, kindcheck, where the legal basis comes from
  const table: [Sector, ElementStatus, ElementStatus, string][] = [
    ['wmo', 'missing', 'missing', 'Besluit verplichte meldcode huiselijk geweld en kindermishandeling'],
    [
      'gemeentelijke-dienst',
      'missing',
      'missing',
      'Besluit verplichte meldcode huiselijk geweld en kindermishandeling',
    ],
    ['jeugdhulp', 'missing', 'not-applicable', 'Besluit verplichte meldcode huiselijk geweld en kindermishandeling'],
    ['onderwijs', 'missing', 'not-applicable', 'Besluit verplichte meldcode huiselijk geweld en kindermishandeling'],
    ['zorg', 'missing', 'missing', 'Besluit verplichte meldcode huiselijk geweld en kindermishandeling'],
    [
      'vrijwilligersorganisatie',
      'not-applicable',
      'missing',
      'Besluit verplichte meldcode huiselijk geweld en kindermishandeling',
    ],
    ['kinderopvang-kindercentrum', 'not-applicable', 'not-applicable', 'Besluit kwaliteit kinderopvang art. 2a'],
    ['kinderopvang-gastouderbureau', 'not-applicable', 'not-applicable', 'Besluit kwaliteit kinderopvang art. 8'],
    ['gastouderopvang', 'not-applicable', 'not-applicable', 'Besluit kwaliteit kinderopvang art. 8'],
  ];

  it('covers every sector', () => {
    expect(table.map(([sector]) => sector).sort()).toEqual([...SECTORS].sort());
  });

  it.each(table)('%s: verwijsindex %s, kindcheck %s, basis %s', (sector, verwijsindex, kindcheck, basis) => {
    // Prepare: a meldcode with everything except the two sector-dependent elements
    const meldcode = { adoptedOn: '2020-01-01', elements: without('verwijsindex', 'kindcheck') };

    // Act
    const check = checkMinimumRequirements(meldcode, { sector, asOf: '2025-06-01' });

    // Assess
    expect(statusOf(check, 'verwijsindex')).toBe(verwijsindex);
    expect(statusOf(check, 'kindcheck')).toBe(kindcheck);
    const expectedMissing = [
      ...(verwijsindex === 'missing' ? ['verwijsindex'] : []),
      ...(kindcheck === 'missing' ? ['kindcheck'] : []),
    ];
    expect(check.missing).toEqual(expectedMissing);
    expect(check.answer).toBe(expectedMissing.length === 0 ? 'yes' : 'no');
    expect(check.elements).toHaveLength(12);
    for (const element of check.elements) expect(element.legalBasis).toContain(basis);
  });

  it.each(SECTORS)('%s: the full list of elements and steps passes', (sector) => {
    const check = checkMinimumRequirements(
      { adoptedOn: '2020-01-01', elements: [...ALL_ELEMENTS] },
      { sector, asOf: '2025-06-01' },
    );
    expect(check.answer).toBe('yes');
    expect(check.elements.every((e) => e.status !== 'missing')).toBe(true);
  });

  it.each(SECTORS)('%s: each of the five steps is required', (sector) => {
    for (const step of ['step1MapSignals', 'step2Consult', 'step3Conversation', 'step4Weigh', 'step5Decide'] as const) {
      const check = checkMinimumRequirements(
        { adoptedOn: '2020-01-01', elements: without(step) },
        { sector, asOf: '2025-06-01' },
      );
      expect(check.missing).toEqual([step]);
      expect(check.elements.find((e) => e.id === step)?.legalBasis).toMatch(/art\. 2 lid 2|kinderopvang/);
    }
  });

  it('words step 3 for kinderopvang as the conversation with the parents and the child', () => {
    const forSector = (sector: Sector) =>
      checkMinimumRequirements(
        { adoptedOn: '2020-01-01', elements: [...ALL_ELEMENTS] },
        { sector, asOf: '2025-06-01' },
      ).elements.find((e) => e.id === 'step3Conversation')?.title;
    expect(forSector('kinderopvang-kindercentrum')).toBe('Stap 3: gesprek met de ouders en, indien mogelijk, het kind');
    expect(forSector('wmo')).toBe('Stap 3: gesprek met de cliënt');
  });
});

describe('Q2 afwegingskader, required from 2019-01-01', () => {
  const table: [string, boolean, string, 'yes' | 'no', ElementStatus][] = [
    // adoptedOn, has afwegingskader, asOf, answer, afwegingskader status
    ['2018-06-01', false, '2018-12-31', 'yes', 'not-applicable'],
    ['2018-06-01', false, '2019-01-01', 'no', 'missing'],
    ['2018-12-31', false, '2019-01-01', 'no', 'missing'],
    ['2018-06-01', true, '2018-12-31', 'yes', 'not-applicable'],
    ['2018-06-01', true, '2019-01-01', 'yes', 'present'],
    ['2019-01-01', true, '2019-01-01', 'yes', 'present'],
    ['2019-01-01', false, '2019-01-01', 'no', 'missing'],
    // never judged before its adoption: in force from 2019-01-01, so the afwegingskader is due
    ['2019-01-01', false, '2018-12-31', 'no', 'missing'],
  ];

  describe.each(['wmo', 'kinderopvang-kindercentrum', 'gastouderopvang'] as const)('%s', (sector) => {
    it.each(table)('adopted %s, afwegingskader %s, judged %s: %s (%s)', (adoptedOn, has, asOf, answer, status) => {
      const elements = has ? [...ALL_ELEMENTS] : without('afwegingskader');
      const check = checkMinimumRequirements({ adoptedOn, elements }, { sector, asOf });
      expect(check.answer).toBe(answer);
      expect(statusOf(check, 'afwegingskader')).toBe(status);
    });
  });

  it('says why the afwegingskader did not apply, and that it was present anyway', () => {
    const check = checkMinimumRequirements(
      { adoptedOn: '2018-06-01', elements: [...ALL_ELEMENTS] },
      { sector: 'wmo', asOf: '2018-12-31' },
    );
    expect(check.elements.find((e) => e.id === 'afwegingskader')).toMatchObject({
      status: 'not-applicable',
      note: 'aanwezig, niet vereist: vereist vanaf 2019-01-01',
      legalBasis: expect.stringContaining('Stcrt. 2017, 46221'),
    });
  });
});

describe('Q2 conditional elements and options', () => {
  it('lets a supervisor judge "indien van toepassing" elements not applicable, but never a required one', () => {
    const check = checkMinimumRequirements(
      { adoptedOn: '2020-01-01', elements: without('specialForms', 'stappenplan') },
      { sector: 'wmo', asOf: '2025-06-01', notApplicable: ['specialForms', 'stappenplan'] },
    );
    expect(statusOf(check, 'specialForms')).toBe('not-applicable');
    expect(check.missing).toEqual(['stappenplan']);
  });

  it('follows the Jeugdwet entitlement where it is known, over the sector default', () => {
    const meldcode = { adoptedOn: '2020-01-01', elements: without('verwijsindex') };
    expect(
      checkMinimumRequirements(meldcode, { sector: 'wmo', asOf: '2025-06-01', jeugdwetEntitled: false }).answer,
    ).toBe('yes');
    expect(
      checkMinimumRequirements(meldcode, {
        sector: 'kinderopvang-kindercentrum',
        asOf: '2025-06-01',
        jeugdwetEntitled: true,
      }).missing,
    ).toEqual(['verwijsindex']);
  });

  it('answers unknown when there is no meldcode to check', () => {
    expect(checkMinimumRequirements(null, { sector: 'wmo', asOf: '2025-06-01' })).toMatchObject({
      answer: 'unknown',
      elements: [],
      missing: [],
    });
  });

  it('reports recommendations as advice that never changes the answer', () => {
    const check = checkMinimumRequirements(
      { adoptedOn: '2020-01-01', elements: [...ALL_ELEMENTS], attentionOfficer: false, recordsKept: null },
      { sector: 'kinderopvang-kindercentrum', asOf: '2025-06-01' },
    );
    expect(check.answer).toBe('yes');
    expect(check.advice.map((a) => [a.id, a.status])).toEqual([
      ['aandachtsfunctionaris', 'absent'],
      ['vastleggen', 'unknown'],
      ['bijzondere-vormen-benoemd', 'unknown'],
      ['meldplicht-medewerker', 'unknown'],
    ]);
    const wmo = checkMinimumRequirements(
      { adoptedOn: '2020-01-01', elements: [...ALL_ELEMENTS], attentionOfficer: true, recordsKept: true },
      { sector: 'wmo', asOf: '2025-06-01' },
    );
    expect(wmo.advice.map((a) => [a.id, a.status])).toEqual([
      ['aandachtsfunctionaris', 'present'],
      ['vastleggen', 'present'],
      ['bijzondere-vormen-benoemd', 'unknown'],
    ]);
  });

  it('takes an amended checklist as data, without a code change', () => {
    const amended = ELEMENT_REQUIREMENTS.map((r) => (r.id === 'kindcheck' ? { ...r, appliesTo: [] } : r));
    const check = checkMinimumRequirements(
      { adoptedOn: '2020-01-01', elements: without('kindcheck') },
      { sector: 'wmo', asOf: '2025-06-01', requirements: amended },
    );
    expect(check.answer).toBe('yes');
    expect(statusOf(check, 'kindcheck')).toBe('not-applicable');
  });
});
