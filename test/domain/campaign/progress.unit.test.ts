import { describe, expect, it } from 'vitest';
import { campaignProgress } from '#domain/campaign/progress.ts';
import { foldHistory } from '#domain/projections/organisation-history.ts';
import { supervisionStatus } from '#domain/projections/supervision-status.ts';
import type { DomainEvent } from '#events/catalogue.ts';
import {
  AMSTERDAM,
  agreementMade,
  ROTTERDAM,
  registered,
  supervisionCompleted,
  supervisionScheduled,
  UTRECHT,
  ulid,
} from '../support/fixtures.ts';
import { stamp } from '../support/projection.ts';

const organisation = (n: number, events: DomainEvent[]) =>
  supervisionStatus(
    foldHistory(
      stamp([registered({ organisationId: ulid(n), name: `Org ${n}`, gemeenten: [AMSTERDAM, ROTTERDAM] }), ...events]),
    ),
    '2025-06-01',
  )!;

describe('campaign progress', () => {
  it('counts due, done, overdue, open and covered by another gemeente', () => {
    // Prepare: five organisations in Amsterdam, one elsewhere
    const statuses = [
      organisation(1, [supervisionScheduled(), supervisionCompleted({ performedOn: '2025-04-01' })]),
      organisation(2, [supervisionScheduled({ dueOn: '2025-05-31' })]),
      organisation(3, [supervisionScheduled()]),
      organisation(4, [
        agreementMade({ lead: ROTTERDAM }),
        supervisionScheduled({ gemeente: ROTTERDAM, dueOn: '2025-03-31' }),
      ]),
      organisation(5, []),
      supervisionStatus(
        foldHistory(
          stamp([
            registered({ organisationId: ulid(6), gemeenten: [UTRECHT] }),
            supervisionScheduled({ gemeente: UTRECHT }),
          ]),
        ),
        '2025-06-01',
      ),
    ];

    // Act
    const progress = campaignProgress(
      { gemeente: AMSTERDAM, year: 2025, asOf: '2025-06-01' },
      statuses.filter((s) => s !== null),
    );

    // Assess
    expect(progress).toMatchObject({
      gemeente: AMSTERDAM,
      year: 2025,
      due: 3,
      done: 1,
      overdue: 1,
      open: 1,
      coveredByOther: 1,
    });
    expect(progress.entries.map((e) => [e.name, e.state, e.doneBy])).toEqual([
      ['Org 1', 'done', ulid(200)],
      ['Org 2', 'overdue', null],
      ['Org 3', 'open', null],
      ['Org 4', 'covered-by-other', null],
    ]);
    expect(progress.entries[3]?.coveredBy).toEqual({ agreementId: ulid(300), lead: ROTTERDAM, leadState: 'overdue' });
  });

  it('judges on the given day, not on the day the statuses were computed', () => {
    const statuses = [organisation(3, [supervisionScheduled()])];
    expect(campaignProgress({ gemeente: AMSTERDAM, year: 2025, asOf: '2026-01-01' }, statuses)).toMatchObject({
      overdue: 1,
      open: 0,
    });
  });

  it('shows a covered organisation whose lead has not scheduled it', () => {
    const progress = campaignProgress({ gemeente: AMSTERDAM, year: 2025, asOf: '2025-06-01' }, [
      organisation(4, [agreementMade({ lead: ROTTERDAM })]),
    ]);
    expect(progress.entries[0]).toMatchObject({
      state: 'covered-by-other',
      dueOn: null,
      coveredBy: { leadState: 'not-scheduled' },
    });
  });
});
