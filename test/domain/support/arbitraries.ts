import fc from 'fast-check';
import { addDays } from '#domain/dates.ts';
import { isDomainError } from '#domain/errors.ts';
import type { Actor, OrganisationCommand } from '#domain/organisation/commands.ts';
import { decide } from '#domain/organisation/decider.ts';
import { evolve, initialState, type OrganisationState } from '#domain/organisation/state.ts';
import type { DomainEvent } from '#events/catalogue.ts';
import {
  CAMPAIGN_REASONS,
  MELDCODE_ELEMENT_IDS,
  PROMOTION_MEASURE_KINDS,
  QUESTIONS,
  VERDICTS,
} from '#events/values.ts';
import {
  AMSTERDAM,
  ARNHEM,
  campaignWorker,
  DEN_HAAG,
  ORGANISATION_ID,
  ROTTERDAM,
  supervisorOf,
  UTRECHT,
  ulid,
} from './fixtures.ts';

/**
 * Random valid histories: random commands run through the decider, keeping what it accepts, so
 * every history is one the event store could hold. A step picks its gemeenten and agreements by
 * index among those the organisation has at that moment, so most steps are accepted and the
 * histories are long and varied; refusals are covered by the decider's own tests.
 */
const POOL = [AMSTERDAM, ROTTERDAM, UTRECHT, DEN_HAAG, ARNHEM] as const;
const NOW = '2025-06-02T10:00:00Z';

type Step = (state: OrganisationState) => { command: OrganisationCommand; actor: Actor };

const activeOf = (state: OrganisationState): readonly string[] =>
  state.status === 'registered' && state.gemeenten.length > 0 ? state.gemeenten : [AMSTERDAM];
const pick = <T>(list: readonly T[], n: number): T => list[n % list.length]!;
const picks = <T>(list: readonly T[], ns: readonly number[]): T[] => [...new Set(ns.map((n) => pick(list, n)))];

/** A day between 2014-01-01 and 2025-06-01 (after every `existsSince`, before "now"). */
const day = fc.integer({ min: 0, max: 4169 }).map((n) => addDays('2014-01-01', n));
const index = fc.nat({ max: 99 });
const small = (n: number) => fc.integer({ min: 1, max: n });

const changeActivity: fc.Arbitrary<Step> = fc
  .record({ added: fc.subarray([...POOL]), removed: fc.array(index, { maxLength: 2 }), effectiveOn: day, by: index })
  .map(({ added, removed, effectiveOn, by }) => (state) => {
    const active = activeOf(state);
    return {
      command: { type: 'ChangeActivity', data: { added, removed: picks(active, removed), effectiveOn } },
      actor: supervisorOf(pick(active, by)),
    };
  });

const submitMeldcode: fc.Arbitrary<Step> = fc
  .record({
    meldcodeId: small(20).map((n) => ulid(100 + n)),
    adoptedOn: day,
    elements: fc.subarray([...MELDCODE_ELEMENT_IDS]),
    attentionOfficer: fc.option(fc.boolean(), { nil: undefined }),
    promotionMeasures: fc.array(
      fc.record(
        {
          kind: fc.constantFrom(...PROMOTION_MEASURE_KINDS),
          date: day,
          reachPercentage: fc.integer({ min: 0, max: 100 }),
        },
        { requiredKeys: ['kind', 'date'] },
      ),
      { maxLength: 3 },
    ),
    by: index,
  })
  .map(({ by, attentionOfficer, ...data }) => (state) => ({
    command: {
      type: 'SubmitMeldcode',
      data: { ...data, label: 'v', ...(attentionOfficer === undefined ? {} : { attentionOfficer }) },
    },
    actor: supervisorOf(pick(activeOf(state), by)),
  }));

const scheduleSupervision: fc.Arbitrary<Step> = fc
  .record({
    campaignYear: fc.integer({ min: 2023, max: 2026 }),
    by: index,
    reasons: fc.subarray([...CAMPAIGN_REASONS], { minLength: 1 }),
    system: fc.boolean(),
  })
  .map(({ by, system, ...data }) => (state) => {
    const gemeente = pick(activeOf(state), by);
    return {
      command: { type: 'ScheduleSupervision', data: { ...data, gemeente, dueOn: `${data.campaignYear}-12-31` } },
      actor: system ? campaignWorker : supervisorOf(gemeente),
    };
  });

const completeSupervision: fc.Arbitrary<Step> = fc
  .record({
    supervisionId: small(20).map((n) => ulid(200 + n)),
    by: index,
    performedOn: day,
    verdict: fc.constantFrom(...VERDICTS),
    q1: fc.option(fc.constantFrom('yes', 'no'), { nil: undefined }),
    q2: fc.option(fc.constantFrom('yes', 'no'), { nil: undefined }),
    q3: fc.option(fc.constantFrom('sufficient', 'insufficient'), { nil: undefined }),
    followUpDays: fc.option(fc.integer({ min: 1, max: 200 }), { nil: undefined }),
    supervisor: fc.option(fc.constant('GGD Regio'), { nil: undefined }),
  })
  .map(({ by, q1, q2, q3, followUpDays, supervisor, ...data }) => (state) => {
    const gemeente = pick(activeOf(state), by);
    return {
      command: {
        type: 'CompleteSupervision',
        data: {
          ...data,
          gemeente,
          ...(supervisor === undefined ? {} : { supervisor }),
          findings: {
            ...(q1 === undefined ? {} : { q1: { answer: q1 } }),
            ...(q2 === undefined ? {} : { q2: { answer: q2, elementsPresent: ['stappenplan' as const] } }),
            ...(q3 === undefined ? {} : { q3: { answer: q3 } }),
          },
          ...(followUpDays === undefined ? {} : { followUpDeadline: addDays(data.performedOn, followUpDays) }),
        },
      },
      actor: supervisorOf(gemeente),
    };
  });

const makeAgreement: fc.Arbitrary<Step> = fc
  .record({
    agreementId: small(6).map((n) => ulid(300 + n)),
    parties: fc.array(index, { minLength: 2, maxLength: 4 }),
    lead: index,
    questions: fc.subarray([...QUESTIONS], { minLength: 1 }),
    shareFindings: fc.boolean(),
    validFrom: day,
    days: fc.integer({ min: 0, max: 1500 }),
    supervisor: fc.option(fc.constant('GGD Regio'), { nil: undefined }),
  })
  .map(({ parties, lead, days, supervisor, ...data }) => (state) => {
    const gemeenten = picks(activeOf(state), parties);
    const leadGemeente = pick(gemeenten, lead);
    return {
      command: {
        type: 'MakeAgreement',
        data: {
          ...data,
          gemeenten,
          lead: leadGemeente,
          ...(supervisor === undefined ? {} : { supervisor }),
          validUntil: addDays(data.validFrom, days),
        },
      },
      actor: supervisorOf(leadGemeente),
    };
  });

const endAgreement: fc.Arbitrary<Step> = fc
  .record({ which: index, endedOn: day, by: index })
  .map(({ which, endedOn, by }) => (state) => {
    const agreements = state.status === 'registered' ? state.agreements : [];
    const agreement = agreements.length > 0 ? pick(agreements, which) : undefined;
    return {
      command: { type: 'EndAgreement', data: { agreementId: agreement?.agreementId ?? ulid(399), endedOn } },
      actor: supervisorOf(agreement ? pick(agreement.gemeenten, by) : AMSTERDAM),
    };
  });

const registration: fc.Arbitrary<Step> = fc
  .record({
    gemeenten: fc.subarray([...POOL], { minLength: 1 }),
    sector: fc.oneof(
      {
        weight: 6,
        arbitrary: fc.constantFrom('wmo', 'kinderopvang-kindercentrum', 'gastouderopvang', 'gemeentelijke-dienst'),
      },
      { weight: 1, arbitrary: fc.constantFrom('jeugdhulp', 'onderwijs', 'zorg', 'vrijwilligersorganisatie') },
    ),
    existsSince: fc.integer({ min: 0, max: 3000 }).map((n) => addDays('2005-01-01', n)),
  })
  .map(({ gemeenten, sector, existsSince }) => () => ({
    command: {
      type: 'RegisterOrganisation',
      data: { organisationId: ORGANISATION_ID, name: 'Org', kvkNumber: '12345678', sector, gemeenten, existsSince },
    },
    actor: supervisorOf(gemeenten[0]!),
  }));

const step = fc.oneof(
  { weight: 1, arbitrary: changeActivity },
  { weight: 3, arbitrary: submitMeldcode },
  { weight: 3, arbitrary: scheduleSupervision },
  { weight: 3, arbitrary: completeSupervision },
  { weight: 2, arbitrary: makeAgreement },
  { weight: 1, arbitrary: endAgreement },
);

/** Runs steps through the decider; refusals are skipped, anything else thrown is a bug. */
export function acceptedEvents(steps: readonly Step[]): DomainEvent[] {
  let state = initialState;
  const events: DomainEvent[] = [];
  for (const next of steps) {
    const { command, actor } = next(state);
    try {
      for (const event of decide(command, state, { now: NOW, actor })) {
        events.push(event);
        state = evolve(state, event);
      }
    } catch (error) {
      if (!isDomainError(error)) throw error;
    }
  }
  return events;
}

/** A random valid history of one organisation: its registration, then up to `maxSteps` commands. */
export function validHistory(maxSteps = 30): fc.Arbitrary<DomainEvent[]> {
  return fc
    .tuple(registration, fc.array(step, { maxLength: maxSteps, size: 'max' }))
    .map(([first, rest]) => acceptedEvents([first, ...rest]));
}
