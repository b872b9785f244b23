import { describe, it } from 'vitest';
import {
  AMSTERDAM,
  activityChanged,
  agreementMade,
  meldcodeSubmitted,
  ROTTERDAM,
  registered,
  supervisionCompleted,
  supervisionScheduled,
  UTRECHT,
  ulid,
} from '../support/fixtures.ts';
import { givenEvents } from '../support/projection.ts';

describe('gemeente rows', () => {
  it('lists the organisation under each gemeente where it is active, with the three answers', () => {
    givenEvents(
      registered({ gemeenten: [AMSTERDAM, ROTTERDAM] }),
      meldcodeSubmitted(),
      supervisionScheduled({ campaignYear: 2025 }),
    )
      .asOf('2025-06-01')
      .thenRows([
        {
          gemeente: AMSTERDAM,
          gemeenteName: 'Amsterdam',
          name: 'Stichting Welzijn Noord',
          kvkNumber: '12345678',
          sector: 'wmo',
          answers: { q1: 'yes', q2: 'yes', q3: 'sufficient' },
          scheduledCampaignYears: [2025],
          dueThisYear: true,
          nextDueOn: '2025-12-31',
          coveredBy: null,
        },
        {
          gemeente: ROTTERDAM,
          gemeenteName: 'Rotterdam',
          scheduledCampaignYears: [],
          dueThisYear: false,
          nextDueOn: null,
        },
      ]);
  });

  it('is no longer due this year once a supervision that counts for it is done', () => {
    givenEvents(registered(), supervisionScheduled(), supervisionCompleted({ performedOn: '2025-05-01' }))
      .asOf('2025-06-01')
      .thenRows([
        {
          dueThisYear: false,
          scheduledCampaignYears: [2025],
          lastSupervision: { supervisionId: ulid(200) },
          verdict: 'compliant',
        },
      ]);
  });

  it("shows a party the lead's campaign entry and the agreement that covers it", () => {
    givenEvents(
      registered({ gemeenten: [AMSTERDAM, ROTTERDAM] }),
      agreementMade({ lead: AMSTERDAM }),
      supervisionScheduled(),
    )
      .asOf('2025-06-01')
      .thenRows([
        { gemeente: AMSTERDAM, dueThisYear: true, coveredBy: null },
        {
          gemeente: ROTTERDAM,
          dueThisYear: true,
          scheduledCampaignYears: [2025],
          coveredBy: { agreementId: ulid(300), lead: AMSTERDAM },
        },
      ]);
  });

  it('drops the row of a gemeente the organisation left', () => {
    givenEvents(
      registered({ gemeenten: [AMSTERDAM, ROTTERDAM] }),
      activityChanged({ added: [UTRECHT], removed: [AMSTERDAM] }),
    )
      .asOf('2025-06-01')
      .thenRows([
        { gemeente: ROTTERDAM, activeSince: '2010-01-01' },
        { gemeente: UTRECHT, activeSince: '2024-01-01' },
      ]);
  });
});
