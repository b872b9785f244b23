import { describe, expect, it } from 'vitest';
import {
  AMSTERDAM,
  activityChanged,
  agreementEnded,
  agreementMade,
  ROTTERDAM,
  registered,
  supervisionCompleted,
  supervisionScheduled,
  UTRECHT,
  ulid,
} from '../support/fixtures.ts';
import { givenEvents } from '../support/projection.ts';

const twoGemeenten = registered({ gemeenten: [AMSTERDAM, ROTTERDAM] });
const gapCodes = (entry: { gaps: readonly { code: string }[] } | null) => entry?.gaps.map((g) => g.code);

describe('coordination entry', () => {
  it('exists only for organisations active in more than one gemeente', () => {
    givenEvents(registered()).asOf('2025-06-01').thenCoordination(null);
  });

  it('leaves out sectors no gemeente supervises: there is nothing to coordinate', () => {
    givenEvents(registered({ sector: 'jeugdhulp', gemeenten: [AMSTERDAM, ROTTERDAM] }))
      .asOf('2025-06-01')
      .thenCoordination(null);
  });

  it('geen-afspraak: no agreement at all', () => {
    givenEvents(twoGemeenten)
      .asOf('2025-06-01')
      .thenCoordination({
        gemeenten: [AMSTERDAM, ROTTERDAM],
        agreement: null,
        gaps: [{ code: 'geen-afspraak', agreementId: null }],
      });
  });

  it('geen-afspraak: the agreement was ended, or has not started yet', () => {
    givenEvents(twoGemeenten, agreementMade(), agreementEnded({ endedOn: '2025-05-01' }))
      .asOf('2025-06-01')
      .thenCoordination({ gaps: [{ code: 'geen-afspraak' }] });
    givenEvents(twoGemeenten, agreementMade({ validFrom: '2025-07-01' }))
      .asOf('2025-06-01')
      .thenCoordination({ gaps: [{ code: 'geen-afspraak' }] });
  });

  it('afspraak-verlopen: the last agreement ran out', () => {
    givenEvents(twoGemeenten, agreementMade({ validFrom: '2022-01-01', validUntil: '2024-12-31' }))
      .asOf('2025-06-01')
      .thenCoordination({ agreement: null, gaps: [{ code: 'afspraak-verlopen', agreementId: ulid(300) }] });
  });

  it('no gaps under a valid agreement of all gemeenten, with the lead supervising', () => {
    const entry = givenEvents(twoGemeenten, agreementMade(), supervisionCompleted({ performedOn: '2025-03-01' }))
      .asOf('2025-06-01')
      .thenCoordination({ agreement: { agreementId: ulid(300), lead: AMSTERDAM, state: 'valid' } });
    expect(entry?.gaps).toEqual([]);
  });

  it('gemeente-niet-in-afspraak: the organisation is active in a gemeente that is no party', () => {
    givenEvents(twoGemeenten, agreementMade(), activityChanged({ added: [UTRECHT], effectiveOn: '2025-02-01' }))
      .asOf('2025-06-01')
      .thenCoordination({ gaps: [{ code: 'gemeente-niet-in-afspraak', gemeente: UTRECHT, agreementId: ulid(300) }] });
  });

  it('toezicht-door-niet-penvoerder: a gemeente outside the agreement supervised a covered question', () => {
    const entry = givenEvents(
      registered({ gemeenten: [AMSTERDAM, ROTTERDAM, UTRECHT] }),
      agreementMade(),
      supervisionCompleted({ gemeente: UTRECHT, performedOn: '2025-04-01' }),
    )
      .asOf('2025-06-01')
      .thenCoordination({});
    expect(entry?.gaps).toEqual([
      {
        code: 'gemeente-niet-in-afspraak',
        agreementId: ulid(300),
        gemeente: UTRECHT,
        supervisionId: null,
        campaignYear: null,
      },
      {
        code: 'toezicht-door-niet-penvoerder',
        agreementId: ulid(300),
        gemeente: UTRECHT,
        supervisionId: ulid(200),
        campaignYear: null,
      },
    ]);
  });

  it('toezicht-door-niet-penvoerder: not for supervisions before the agreement, nor of questions it does not cover', () => {
    const entry = givenEvents(
      registered({ gemeenten: [AMSTERDAM, ROTTERDAM, UTRECHT] }),
      supervisionCompleted({ supervisionId: ulid(201), gemeente: ROTTERDAM, performedOn: '2024-06-01' }),
      agreementMade({ gemeenten: [AMSTERDAM, ROTTERDAM, UTRECHT], questions: ['Q1', 'Q2'] }),
      supervisionCompleted({
        supervisionId: ulid(202),
        gemeente: UTRECHT,
        performedOn: '2025-04-01',
        findings: { q3: { answer: 'sufficient' } },
      }),
    )
      .asOf('2025-06-01')
      .thenCoordination({});
    expect(entry?.gaps).toEqual([]);
  });

  it("penvoerder-niet-toegezien-in-campagnejaar: the lead's campaign entry passed its due date without its supervision", () => {
    const history = [
      twoGemeenten,
      agreementMade(),
      supervisionScheduled({ campaignYear: 2025, dueOn: '2025-04-30' }),
    ] as const;
    givenEvents(...history)
      .asOf('2025-06-01')
      .thenCoordination({
        gaps: [
          {
            code: 'penvoerder-niet-toegezien-in-campagnejaar',
            gemeente: AMSTERDAM,
            campaignYear: 2025,
            agreementId: ulid(300),
          },
        ],
      });
    expect(
      gapCodes(
        givenEvents(...history)
          .asOf('2025-04-30')
          .thenCoordination({}),
      ),
    ).toEqual([]);
    expect(
      gapCodes(
        givenEvents(...history, supervisionCompleted({ performedOn: '2025-05-10' }))
          .asOf('2025-06-01')
          .thenCoordination({}),
      ),
    ).toEqual([]);
  });
});
