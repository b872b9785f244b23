import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EVENT_TYPES, eventCatalogue, parseDomainEvent } from '#events/catalogue.ts';
import { findGemeente, gemeentecodeSchema, gemeentenList } from '#events/gemeenten.ts';
import { upcast } from '#events/upcasters.ts';

/** Splits one CSV line, honouring double quotes ("Nuenen, Gerwen en Nederwetten"). */
function csvFields(line: string): string[] {
  const fields: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) {
      fields.push(current);
      current = '';
    } else current += ch;
  }
  fields.push(current);
  return fields;
}

describe('gemeenten', () => {
  it('ships exactly the 342 gemeenten of the 2025 CBS list in data/', () => {
    const [header, ...lines] = readFileSync(new URL('../../data/gemeenten-2025.csv', import.meta.url), 'utf8')
      .trim()
      .split(/\r?\n/);
    const columns = csvFields(header!);
    const fromCsv = lines.map((line) => Object.fromEntries(csvFields(line).map((v, i) => [columns[i], v])));
    expect(gemeentenList(2025)).toEqual(fromCsv);
    expect(gemeentenList(2025)).toHaveLength(342);
    expect(findGemeente('GM0820')?.name).toBe('Nuenen, Gerwen en Nederwetten');
  });

  it.each([
    ['GM0363', true],
    ['GM0014', true],
    ['GM9999', false],
    ['GM036', false],
    ['gm0363', false],
    ['0363', false],
  ])('gemeentecode %s valid: %s', (code, valid) => {
    expect(gemeentecodeSchema.safeParse(code).success).toBe(valid);
  });

  it('refuses a year without a list instead of guessing', () => {
    expect(() => gemeentenList(1999)).toThrow(RangeError);
  });
});

describe('catalogue', () => {
  it('has a schema version for every event type', () => {
    expect(EVENT_TYPES.sort()).toEqual(
      [
        'AgreementEnded',
        'AgreementMade',
        'MeldcodeSubmitted',
        'OrganisationActivityChanged',
        'OrganisationRegistered',
        'SupervisionCompleted',
        'SupervisionScheduled',
      ].sort(),
    );
    for (const type of EVENT_TYPES) expect(eventCatalogue[type].schemaVersion).toBeGreaterThanOrEqual(1);
  });

  const valid = {
    organisationId: '01JQ7Z0000000000000000000A',
    name: 'Kinderopvang De Vlinder',
    kvkNumber: '87654321',
    lrkNumber: '123456789',
    sector: 'kinderopvang-kindercentrum',
    gemeenten: ['GM0599', 'GM0363'],
    existsSince: '2015-04-01',
  };

  it('accepts a valid registration', () => {
    expect(parseDomainEvent({ type: 'OrganisationRegistered', data: valid }).type).toBe('OrganisationRegistered');
  });

  it.each([
    ['a 7-digit KvK-nummer', { kvkNumber: '1234567' }],
    ['a KvK-nummer with letters', { kvkNumber: '1234567a' }],
    ['an unknown gemeentecode', { gemeenten: ['GM0000'] }],
    ['no gemeenten', { gemeenten: [] }],
    ['an unknown sector', { sector: 'horeca' }],
    ['a date that does not exist', { existsSince: '2015-02-30' }],
    ['an unknown field', { extra: true }],
  ])('refuses %s', (_label, change) => {
    expect(() => parseDomainEvent({ type: 'OrganisationRegistered', data: { ...valid, ...change } })).toThrow();
  });

  it('refuses an unknown Q2 element id', () => {
    const meldcode = {
      meldcodeId: '01JQ7Z0000000000000000000B',
      label: '1',
      adoptedOn: '2020-01-01',
      elements: ['stappenplan', 'no-such-element'],
      promotionMeasures: [],
    };
    expect(() => parseDomainEvent({ type: 'MeldcodeSubmitted', data: meldcode })).toThrow(/elements/);
  });
});

describe('upcasters', () => {
  it('reads a version-1 MeldcodeSubmitted as the current version', () => {
    // Prepare: as stored before measures were renamed and reach became a percentage.
    const v1 = {
      meldcodeId: '01JQ7Z0000000000000000000C',
      label: '2017',
      adoptedOn: '2017-06-01',
      elements: ['stappenplan', 'responsibilities'],
      measures: [
        { kind: 'scholing', date: '2017-09-01', reach: 0.8 },
        { kind: 'voorlichting', date: '2017-10-01' },
      ],
    };
    // Act
    const event = upcast('MeldcodeSubmitted', 1, v1);
    // Assess
    expect(event.type).toBe('MeldcodeSubmitted');
    expect(event.data).toEqual({
      meldcodeId: v1.meldcodeId,
      label: '2017',
      adoptedOn: '2017-06-01',
      elements: ['stappenplan', 'responsibilities'],
      promotionMeasures: [
        { kind: 'scholing', date: '2017-09-01', reachPercentage: 80 },
        { kind: 'voorlichting', date: '2017-10-01' },
      ],
    });
  });

  it('passes current versions through unchanged and refuses unknown types and future versions', () => {
    const data = { agreementId: '01JQ7Z0000000000000000000D', endedOn: '2025-01-01' };
    expect(upcast('AgreementEnded', 1, data).data).toEqual(data);
    expect(() => upcast('NoSuchEvent', 1, {})).toThrow(/Unknown event type/);
    expect(() => upcast('AgreementEnded', 2, data)).toThrow(/newer/);
  });
});
