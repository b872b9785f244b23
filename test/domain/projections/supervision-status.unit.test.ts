import { describe, expect, it } from 'vitest';
import { foldHistory } from '#domain/projections/organisation-history.ts';
import { toProjectedEvent } from '#domain/projections/projected-event.ts';
import { supervisionStatus } from '#domain/projections/supervision-status.ts';
import {
  ALL_ELEMENTS,
  AMSTERDAM,
  activityChanged,
  agreementEnded,
  agreementMade,
  meldcodeSubmitted,
  ROTTERDAM,
  registered,
  supervisionCompleted,
  supervisionScheduled,
  UTRECHT,
  ulid,
} from '../support/fixtures.ts';
import { givenEvents, stamp } from '../support/projection.ts';

const without = (id: string) => ALL_ELEMENTS.filter((e) => e !== id);
const meldcode2018 = meldcodeSubmitted({
  adoptedOn: '2018-03-01',
  elements: without('afwegingskader'),
  promotionMeasures: [],
});

describe('supervision status', () => {
  it('is null until the organisation is registered', () => {
    givenEvents().asOf('2025-06-01').thenNoStatus();
  });

  it('knows nothing of a newly registered organisation', () => {
    givenEvents(registered())
      .asOf('2025-06-01')
      .thenStatus({
        name: 'Stichting Welzijn Noord',
        supervisedBy: 'gemeente',
        q1: { answer: 'unknown', source: 'none', legalBasis: 'Wmo 2015 art. 3.3' },
        q2: { answer: 'unknown', source: 'none' },
        q3: { answer: 'unknown', source: 'none', selfDeclared: { reason: 'no-measures-known' } },
        lastSupervision: null,
        verdict: null,
        meldcode: null,
        nextSupervision: null,
        currentAgreement: null,
      });
  });

  it('answers from the self-declared meldcode: a 2018 meldcode without afwegingskader fails Q2 today', () => {
    const status = givenEvents(registered(), meldcode2018)
      .asOf('2025-06-01')
      .thenStatus({
        q1: { answer: 'yes', source: 'self-declared' },
        q2: {
          answer: 'no',
          source: 'self-declared',
          selfDeclared: { missing: ['afwegingskader'], asOf: '2025-06-01' },
        },
      });
    expect(status.q2.selfDeclared.elements.find((e) => e.id === 'afwegingskader')?.legalBasis).toContain('2019');
    // The same history, as it stood on the last day of 2018, passed.
    givenEvents(registered(), meldcode2018)
      .asOf('2018-12-31')
      .thenStatus({ q2: { answer: 'yes' } });
  });

  it('lets a current supervision override the self-declared answers, and shows both', () => {
    const status = givenEvents(registered(), meldcode2018)
      .when(
        supervisionCompleted({
          performedOn: '2025-03-10',
          verdict: 'partially-compliant',
          findings: {
            q1: { answer: 'yes' },
            q2: { answer: 'yes', elementsPresent: [...ALL_ELEMENTS], note: 'afwegingskader in bijlage' },
            q3: { answer: 'insufficient' },
          },
          followUpDeadline: '2025-05-01',
        }),
      )
      .asOf('2025-06-01')
      .thenStatus({
        q2: {
          answer: 'yes',
          source: 'supervision',
          selfDeclared: { answer: 'no' },
          supervision: { answer: 'yes', current: true, note: 'afwegingskader in bijlage', check: { answer: 'yes' } },
        },
        q3: { answer: 'insufficient', source: 'supervision', selfDeclared: { answer: 'unknown' } },
        verdict: 'partially-compliant',
        followUpDeadline: '2025-05-01',
        followUpDeadlinePassed: true,
        meldcodeChangedSinceLastSupervision: false,
      });
    expect(status.lastSupervision).toMatchObject({ supervisionId: ulid(200), questions: ['Q1', 'Q2', 'Q3'] });
  });

  it('lets a supervisor say no to Q1', () => {
    givenEvents(
      registered(),
      supervisionCompleted({ verdict: 'non-compliant', findings: { q1: { answer: 'no', note: 'niet aanwezig' } } }),
    )
      .asOf('2025-06-01')
      .thenStatus({ q1: { answer: 'no', source: 'supervision', selfDeclared: { answer: 'unknown' } } });
  });

  it('returns to the self-declared answer once a meldcode is submitted after the supervision', () => {
    givenEvents(
      registered(),
      meldcode2018,
      supervisionCompleted({ verdict: 'non-compliant', findings: { q2: { answer: 'no' } } }),
      meldcodeSubmitted({ meldcodeId: ulid(101), adoptedOn: '2025-04-01' }),
    )
      .asOf('2025-06-01')
      .thenStatus({
        meldcode: { meldcodeId: ulid(101) },
        q2: { answer: 'yes', source: 'self-declared', supervision: { answer: 'no', current: false } },
        meldcodeChangedSinceLastSupervision: true,
      });
  });

  it('keeps the meldcode adopted last as current when an older one is submitted for the record', () => {
    const status = givenEvents(
      registered(),
      meldcodeSubmitted({ meldcodeId: ulid(101), adoptedOn: '2024-01-01' }),
      meldcodeSubmitted({ meldcodeId: ulid(102), adoptedOn: '2016-01-01', elements: ['stappenplan'] }),
    )
      .asOf('2025-06-01')
      .thenStatus({
        meldcode: { meldcodeId: ulid(101) },
        q2: { answer: 'yes', selfDeclared: { meldcodeId: ulid(101) } },
      });
    expect(status.meldcodes.map((m) => m.meldcodeId)).toEqual([ulid(101), ulid(102)]);
  });

  it('judges Q3 on every measure ever reported, as of the reference date', () => {
    const events = [
      registered(),
      meldcodeSubmitted({ promotionMeasures: [{ kind: 'training', date: '2024-09-01', reachPercentage: 70 }] }),
      meldcodeSubmitted({ meldcodeId: ulid(101), promotionMeasures: [{ kind: 'voorlichting', date: '2023-01-01' }] }),
    ];
    const status = givenEvents(...events)
      .asOf('2025-06-01')
      .thenStatus({ q3: { answer: 'sufficient', selfDeclared: { bestRecentReach: 70 } } });
    expect(status.q3.selfDeclared.measures).toHaveLength(2);
    givenEvents(...events)
      .asOf('2025-09-02')
      .thenStatus({ q3: { answer: 'insufficient', source: 'self-declared' } });
  });

  it('takes the last supervision by the day performed, not by the order recorded', () => {
    givenEvents(
      registered(),
      supervisionCompleted({ supervisionId: ulid(201), performedOn: '2025-03-01', verdict: 'non-compliant' }),
      supervisionCompleted({ supervisionId: ulid(202), performedOn: '2024-11-01', verdict: 'compliant' }),
    )
      .asOf('2025-06-01')
      .thenStatus({ lastSupervision: { supervisionId: ulid(201) }, verdict: 'non-compliant' });
  });

  it('tracks campaign entries: done by a later supervision in the year, overdue past the due date, else open', () => {
    const status = givenEvents(
      registered(),
      supervisionScheduled({ campaignYear: 2024, dueOn: '2024-12-31' }),
      supervisionScheduled({ campaignYear: 2025, dueOn: '2025-12-31' }),
      supervisionCompleted({ performedOn: '2024-05-01' }),
    )
      .asOf('2025-06-01')
      .thenStatus({ nextSupervision: { campaignYear: 2025, state: 'open' } });
    expect(status.scheduled.map((e) => [e.campaignYear, e.state, e.doneBy])).toEqual([
      [2024, 'done', ulid(200)],
      [2025, 'open', null],
    ]);
    const overdue = givenEvents(registered(), supervisionScheduled({ dueOn: '2025-03-31' }))
      .asOf('2025-06-01')
      .status();
    expect(overdue.scheduled[0]?.state).toBe('overdue');
  });

  it('does not count the supervision that led to the scheduling as doing it', () => {
    const status = givenEvents(
      registered(),
      supervisionCompleted({ performedOn: '2025-02-01', verdict: 'non-compliant' }),
      supervisionScheduled({ reasons: ['last-verdict-not-compliant'] }),
    )
      .asOf('2025-06-01')
      .status();
    expect(status.scheduled[0]?.state).toBe('open');
  });

  it('gives each agreement its state on the reference date', () => {
    const status = givenEvents(
      registered({ gemeenten: [AMSTERDAM, ROTTERDAM] }),
      agreementMade({ agreementId: ulid(301), questions: ['Q1'], validFrom: '2020-01-01', validUntil: '2024-12-31' }),
      agreementMade({ agreementId: ulid(302), questions: ['Q1'], validFrom: '2025-01-01', validUntil: '2026-12-31' }),
      agreementMade({ agreementId: ulid(303), questions: ['Q2'], validFrom: '2025-01-01', validUntil: '2026-12-31' }),
      agreementEnded({ agreementId: ulid(303), endedOn: '2025-05-01' }),
      agreementMade({ agreementId: ulid(304), questions: ['Q3'], validFrom: '2026-01-01', validUntil: '2026-12-31' }),
    )
      .asOf('2025-06-01')
      .thenStatus({ currentAgreement: { agreementId: ulid(302) } });
    expect(status.agreements.map((a) => [a.agreementId, a.state])).toEqual([
      [ulid(301), 'expired'],
      [ulid(302), 'valid'],
      [ulid(303), 'ended'],
      [ulid(304), 'upcoming'],
    ]);
  });

  it('follows where the organisation is active', () => {
    givenEvents(
      registered({ gemeenten: [AMSTERDAM, ROTTERDAM] }),
      activityChanged({ added: [UTRECHT], removed: [AMSTERDAM], effectiveOn: '2024-07-01' }),
    )
      .asOf('2025-06-01')
      .thenStatus({
        gemeenten: [
          { gemeente: ROTTERDAM, since: '2010-01-01', until: null },
          { gemeente: UTRECHT, since: '2024-07-01', until: null },
        ],
        formerGemeenten: [{ gemeente: AMSTERDAM, since: '2010-01-01', until: '2024-07-01' }],
      });
  });
});

describe('the history as a stored object', () => {
  it('survives JSON unchanged, and so does the status computed from it', () => {
    // Prepare: a history with every kind of event, optional fields absent and present
    const history = givenEvents(
      registered({ gemeenten: [AMSTERDAM, ROTTERDAM], lrkNumber: '123456789' }),
      meldcodeSubmitted({ attentionOfficer: undefined }),
      supervisionScheduled(),
      supervisionCompleted({ findings: { q2: { answer: 'yes', note: undefined } }, supervisor: undefined }),
      agreementMade({ supervisor: 'GGD Amsterdam' }),
      agreementEnded({ reason: 'opgeheven' }),
      activityChanged({ added: [UTRECHT] }),
    ).history();

    // Act
    const stored = JSON.parse(JSON.stringify(history));

    // Assess: strict equality, so no property is undefined in memory and absent once stored
    expect(stored).toStrictEqual(history);
    const status = supervisionStatus(history, '2025-06-01');
    expect(JSON.parse(JSON.stringify(status))).toStrictEqual(status);
  });

  it('folds stored events of an older schema version through the upcasters', () => {
    // Prepare: a v1 MeldcodeSubmitted, whose measures were called `measures` with reach 0..1
    const [registration] = stamp([registered()]);
    const meta = { actor: 'user', gemeente: AMSTERDAM, role: 'supervisor' as const, correlationId: 'c1' };
    const v1 = {
      version: 2,
      type: 'MeldcodeSubmitted',
      schemaVersion: 1,
      data: {
        ...meldcodeSubmitted().data,
        promotionMeasures: undefined,
        measures: [{ kind: 'training', date: '2025-01-10', reach: 0.75 }],
      },
      occurredAt: '2025-02-01T10:00:00.000Z',
      recordedAt: '2025-02-01T10:00:00.000Z',
      meta,
    };
    delete (v1.data as { promotionMeasures?: unknown }).promotionMeasures;

    // Act
    const history = foldHistory([registration!, toProjectedEvent(v1)]);

    // Assess
    expect(history.meldcodes[0]?.promotionMeasures).toEqual([
      { kind: 'training', date: '2025-01-10', reachPercentage: 75 },
    ]);
    expect(supervisionStatus(history, '2025-06-01')?.q3.answer).toBe('sufficient');
  });
});
