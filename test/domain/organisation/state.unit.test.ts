import { describe, expect, it } from 'vitest';
import { decide, organisationDecider } from '#domain/organisation/decider.ts';
import { evolve, foldState, initialState } from '#domain/organisation/state.ts';
import {
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

describe('evolve', () => {
  it('folds what decide needs, and nothing else', () => {
    const state = foldState([
      registered({ gemeenten: [AMSTERDAM, ROTTERDAM] }),
      activityChanged({ added: [UTRECHT], removed: [AMSTERDAM] }),
      meldcodeSubmitted(),
      supervisionScheduled({ gemeente: ROTTERDAM }),
      supervisionCompleted({ gemeente: ROTTERDAM }),
      agreementMade({ gemeenten: [ROTTERDAM, UTRECHT], lead: ROTTERDAM, supervisor: 'GGD Rotterdam' }),
      agreementEnded({ endedOn: '2025-05-01' }),
      agreementEnded({ endedOn: '2025-04-01' }),
    ]);
    expect(state).toEqual({
      status: 'registered',
      organisationId: ulid(1),
      sector: 'wmo',
      existsSince: '2010-01-01',
      gemeenten: [ROTTERDAM, UTRECHT],
      meldcodeIds: [ulid(100)],
      supervisionIds: [ulid(200)],
      scheduled: [`2025:${ROTTERDAM}`],
      agreements: [
        {
          agreementId: ulid(300),
          gemeenten: [ROTTERDAM, UTRECHT],
          lead: ROTTERDAM,
          supervisor: 'GGD Rotterdam',
          questions: ['Q1', 'Q2', 'Q3'],
          validFrom: '2025-01-01',
          validUntil: '2027-12-31',
          endedOn: '2025-05-01',
        },
      ],
    });
  });

  it('is total: events before a registration, and a second registration, change nothing', () => {
    expect(evolve(initialState, meldcodeSubmitted())).toBe(initialState);
    const once = foldState([registered()]);
    expect(evolve(once, registered({ name: 'Other', gemeenten: [UTRECHT] }))).toBe(once);
  });

  it('is exposed as one decider object', () => {
    expect(organisationDecider).toEqual({ decide, evolve, initialState });
  });
});
