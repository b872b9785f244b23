import { describe, expect, it } from 'vitest';
import { campaignPolicy, DEFAULT_CAMPAIGN_POLICY } from '#domain/campaign/policy.ts';
import { type CampaignDecision, scheduleCommandFor, selectForCampaign } from '#domain/campaign/selection.ts';
import { foldHistory } from '#domain/projections/organisation-history.ts';
import { type SupervisionStatus, supervisionStatus } from '#domain/projections/supervision-status.ts';
import type { DomainEvent } from '#events/catalogue.ts';
import type { CampaignReason, Sector } from '#events/values.ts';
import {
  AMSTERDAM,
  agreementMade,
  campaignWorker,
  meldcodeSubmitted,
  ROTTERDAM,
  registered,
  supervisionCompleted,
  supervisionScheduled,
  UTRECHT,
  ulid,
} from '../support/fixtures.ts';
import { given } from '../support/given-when-then.ts';
import { stamp } from '../support/projection.ts';

const statusOf = (events: DomainEvent[], asOf = '2027-01-01'): SupervisionStatus =>
  supervisionStatus(foldHistory(stamp(events)), asOf)!;
const decideFor = (events: DomainEvent[], gemeente = AMSTERDAM, year = 2027): CampaignDecision =>
  selectForCampaign({ gemeente, year }, [statusOf(events)])[0]!;
const meldcode = meldcodeSubmitted({ adoptedOn: '2020-01-01' });
const supervised = (performedOn: string, more: Partial<Parameters<typeof supervisionCompleted>[0]> = {}) =>
  supervisionCompleted({ performedOn, ...more });

describe('campaign selection: why an organisation is due', () => {
  const table: [string, DomainEvent[], CampaignReason[]][] = [
    ['nothing on record', [registered()], ['no-meldcode', 'never-supervised']],
    ['a meldcode, never supervised', [registered(), meldcode], ['never-supervised']],
    ['supervised last year, compliant', [registered(), meldcode, supervised('2026-05-01')], []],
    [
      'last verdict partially compliant',
      [registered(), meldcode, supervised('2026-05-01', { verdict: 'partially-compliant' })],
      ['last-verdict-not-compliant'],
    ],
    [
      'last verdict non-compliant',
      [registered(), meldcode, supervised('2026-05-01', { verdict: 'non-compliant' })],
      ['last-verdict-not-compliant'],
    ],
    [
      'follow-up deadline passed',
      [registered(), meldcode, supervised('2026-05-01', { followUpDeadline: '2026-12-31' })],
      ['follow-up-deadline-passed'],
    ],
    [
      'follow-up deadline still ahead',
      [registered(), meldcode, supervised('2026-05-01', { followUpDeadline: '2027-01-01' })],
      [],
    ],
    ['meldcode changed since', [registered(), supervised('2026-05-01'), meldcode], ['meldcode-changed']],
    [
      'supervised three years ago (wmo: every 3 years)',
      [registered(), meldcode, supervised('2024-12-31')],
      ['interval-elapsed'],
    ],
    ['supervised two years ago', [registered(), meldcode, supervised('2025-01-01')], []],
    [
      'a supervisor found no meldcode',
      [registered(), supervised('2026-05-01', { verdict: 'non-compliant', findings: { q1: { answer: 'no' } } })],
      ['no-meldcode', 'last-verdict-not-compliant'],
    ],
    [
      'only another gemeente supervised, without agreement',
      [registered({ gemeenten: [AMSTERDAM, ROTTERDAM] }), meldcode, supervised('2026-05-01', { gemeente: ROTTERDAM })],
      ['never-supervised'],
    ],
  ];

  it.each(table)('%s: %j', (_case, events, reasons) => {
    const decision = decideFor(events);
    if (reasons.length === 0) expect(decision).toMatchObject({ outcome: 'not-due' });
    else
      expect(decision).toEqual({
        outcome: 'due',
        organisationId: ulid(1),
        reasons,
        dueOn: '2027-12-31',
        alreadyScheduled: false,
        partlyCoveredBy: null,
      });
  });

  it.each([
    ['kinderopvang-kindercentrum', ['interval-elapsed']],
    ['kinderopvang-gastouderbureau', ['interval-elapsed']],
    ['gastouderopvang', ['interval-elapsed']],
    ['wmo', []],
    ['gemeentelijke-dienst', []],
  ] as [Sector, CampaignReason[]][])('%s supervised last year: %j (default interval)', (sector, reasons) => {
    const decision = decideFor([registered({ sector }), meldcode, supervised('2026-05-01')]);
    expect(decision.outcome === 'due' ? decision.reasons : []).toEqual(reasons);
  });

  it("follows a gemeente's own policy", () => {
    const policy = campaignPolicy({ intervalYears: { wmo: 2 }, dueMonthDay: '06-30' });
    const [decision] = selectForCampaign({ gemeente: AMSTERDAM, year: 2027, policy }, [
      statusOf([registered(), meldcode, supervised('2025-05-01')]),
    ]);
    expect(decision).toMatchObject({ outcome: 'due', reasons: ['interval-elapsed'], dueOn: '2027-06-30' });
    expect(DEFAULT_CAMPAIGN_POLICY.intervalYears.wmo).toBe(3);
    expect(() => campaignPolicy({ dueMonthDay: '02-29' })).toThrow(RangeError);
    expect(() => campaignPolicy({ intervalYears: { wmo: -1 } })).toThrow(RangeError);
  });

  it('judges follow-up deadlines on the day the campaign runs', () => {
    const status = statusOf([registered(), meldcode, supervised('2026-05-01', { followUpDeadline: '2027-03-01' })]);
    expect(selectForCampaign({ gemeente: AMSTERDAM, year: 2027, asOf: '2027-03-02' }, [status])[0]).toMatchObject({
      reasons: ['follow-up-deadline-passed'],
    });
  });

  it('marks an organisation already on the list for the year', () => {
    expect(decideFor([registered(), supervisionScheduled({ campaignYear: 2027, dueOn: '2027-12-31' })])).toMatchObject({
      outcome: 'due',
      alreadyScheduled: true,
    });
  });
});

describe('campaign selection: who schedules', () => {
  it.each([
    ['jeugdhulp', 'Inspectie Gezondheidszorg en Jeugd'],
    ['onderwijs', 'Inspectie van het Onderwijs'],
    ['zorg', 'Inspectie Gezondheidszorg en Jeugd'],
    ['vrijwilligersorganisatie', 'none'],
  ] as const)('never %s (supervised by %s)', (sector, supervisedBy) => {
    expect(decideFor([registered({ sector })])).toEqual({
      outcome: 'not-supervised-by-gemeente',
      organisationId: ulid(1),
      supervisedBy,
    });
  });

  it('never an organisation not active in the gemeente', () => {
    expect(decideFor([registered()], UTRECHT)).toEqual({ outcome: 'not-active-in-gemeente', organisationId: ulid(1) });
  });

  it('under an agreement covering all questions, only the lead; the other party is covered', () => {
    const events = [
      registered({ gemeenten: [AMSTERDAM, ROTTERDAM, UTRECHT] }),
      agreementMade({ lead: ROTTERDAM, validUntil: '2028-12-31' }),
    ];
    expect(decideFor(events, ROTTERDAM)).toMatchObject({
      outcome: 'due',
      reasons: ['no-meldcode', 'never-supervised'],
    });
    expect(decideFor(events, AMSTERDAM)).toEqual({
      outcome: 'covered',
      organisationId: ulid(1),
      coveredBy: { agreementId: ulid(300), lead: ROTTERDAM, supervisor: null, questions: ['Q1', 'Q2', 'Q3'] },
    });
    // a gemeente that is no party decides for itself
    expect(decideFor(events, UTRECHT)).toMatchObject({ outcome: 'due' });
  });

  it("counts the lead's supervision for the parties, and leaves a partly covered party due for the rest", () => {
    const events = [
      registered({ gemeenten: [AMSTERDAM, ROTTERDAM] }),
      meldcode,
      agreementMade({ lead: ROTTERDAM, questions: ['Q1', 'Q2'], validUntil: '2028-12-31' }),
      supervised('2026-05-01', {
        gemeente: ROTTERDAM,
        verdict: 'partially-compliant',
        findings: { q1: { answer: 'yes' } },
      }),
    ];
    expect(decideFor(events, AMSTERDAM)).toMatchObject({
      outcome: 'due',
      reasons: ['last-verdict-not-compliant'],
      partlyCoveredBy: { agreementId: ulid(300), lead: ROTTERDAM, questions: ['Q1', 'Q2'] },
    });
  });

  it('issues commands the decider accepts once: a rerun appends nothing', () => {
    // Prepare
    const events = [registered(), meldcode];
    const [decision] = selectForCampaign({ gemeente: AMSTERDAM, year: 2027 }, [statusOf(events)]);
    if (decision?.outcome !== 'due') throw new Error('expected due');

    // Act
    const command = scheduleCommandFor(decision, AMSTERDAM, 2027);

    // Assess
    const scheduled = supervisionScheduled({ campaignYear: 2027, reasons: ['never-supervised'], dueOn: '2027-12-31' });
    given(...events)
      .when(command, { actor: campaignWorker, now: '2027-01-01T05:00:00Z' })
      .then([scheduled]);
    given(...events, scheduled)
      .when(command, { actor: campaignWorker, now: '2027-01-01T05:00:00Z' })
      .thenNothingHappened();
  });
});
