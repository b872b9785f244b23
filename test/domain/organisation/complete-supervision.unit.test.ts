import { describe, expect, it } from 'vitest';
import {
  ActingForOtherGemeenteError,
  DuplicateIdError,
  FollowUpDeadlineBeforeSupervisionError,
  GemeenteNotActiveError,
  NotAgreementLeadError,
  OrganisationNotFoundError,
  RoleMayNotWriteError,
  SectorNotSupervisedByGemeenteError,
  SupervisionBeforeOrganisationExistedError,
  SupervisionDateInFutureError,
} from '#domain/errors.ts';
import {
  AMSTERDAM,
  agreementEnded,
  agreementMade,
  auditor,
  campaignWorker,
  commandFor,
  ROTTERDAM,
  registered,
  supervisionCompleted,
  supervisorOf,
  UTRECHT,
  viewerOf,
} from '../support/fixtures.ts';
import { given } from '../support/given-when-then.ts';

const threeGemeenten = registered({ gemeenten: [AMSTERDAM, ROTTERDAM, UTRECHT] });
const rotterdam = { actor: supervisorOf(ROTTERDAM) };

describe('CompleteSupervision', () => {
  it('records a supervision with findings, verdict and follow-up deadline', () => {
    const event = supervisionCompleted({
      verdict: 'partially-compliant',
      findings: {
        q1: { answer: 'yes' },
        q2: { answer: 'no', elementsPresent: ['stappenplan'], note: 'geen afwegingskader' },
      },
      followUpDeadline: '2025-09-10',
    });
    given(registered()).when(commandFor(event)).then([event]);
  });

  it("trims the toezichthouder's name", () => {
    given(registered())
      .when(commandFor(supervisionCompleted({ supervisor: '  GGD Amsterdam ' })))
      .then([supervisionCompleted({ supervisor: 'GGD Amsterdam' })]);
  });

  it.each(['jeugdhulp', 'onderwijs', 'zorg', 'vrijwilligersorganisatie'] as const)('never for %s', (sector) => {
    given(registered({ sector }))
      .when(commandFor(supervisionCompleted()))
      .thenThrows(SectorNotSupervisedByGemeenteError, 'sector-not-supervised-by-gemeente');
  });

  it('refuses a supervision dated in the future', () => {
    given(registered())
      .when(commandFor(supervisionCompleted({ performedOn: '2025-06-03' })))
      .thenThrows(SupervisionDateInFutureError, 'supervision-date-in-future');
  });

  it('refuses a supervision before the organisation existed', () => {
    given(registered())
      .when(commandFor(supervisionCompleted({ performedOn: '2009-05-01' })))
      .thenThrows(SupervisionBeforeOrganisationExistedError, 'supervision-before-organisation-existed');
  });

  it.each(['2025-03-10', '2025-03-01'])(
    'refuses a follow-up deadline on or before the supervision (%s)',
    (deadline) => {
      given(registered())
        .when(commandFor(supervisionCompleted({ followUpDeadline: deadline })))
        .thenThrows(FollowUpDeadlineBeforeSupervisionError, 'follow-up-deadline-before-supervision');
    },
  );

  it('refuses a supervision id already recorded', () => {
    given(registered(), supervisionCompleted())
      .when(commandFor(supervisionCompleted({ performedOn: '2025-04-01' })))
      .thenThrows(DuplicateIdError, 'duplicate-id');
  });

  describe('under an agreement', () => {
    const agreement = agreementMade({
      gemeenten: [AMSTERDAM, ROTTERDAM],
      lead: AMSTERDAM,
      supervisor: 'GGD Amsterdam',
    });

    it('refuses a party that is not the lead, naming the agreement and its lead', () => {
      const error = given(threeGemeenten, agreement)
        .when(commandFor(supervisionCompleted({ gemeente: ROTTERDAM })), rotterdam)
        .thenThrows(NotAgreementLeadError, 'not-agreement-lead');
      expect(error.message).toBe(
        `Agreement ${agreement.data.agreementId} covers Q1, Q2, Q3: only its lead ${AMSTERDAM} supervises, not ${ROTTERDAM}`,
      );
      expect(error.details).toMatchObject({ agreementId: agreement.data.agreementId, lead: AMSTERDAM });
      expect(error.httpStatus).toBe(403);
    });

    it('refuses a non-lead whose findings touch one covered question', () => {
      given(threeGemeenten, agreementMade({ questions: ['Q2'] }))
        .when(
          commandFor(
            supervisionCompleted({ gemeente: ROTTERDAM, findings: { q1: { answer: 'yes' }, q2: { answer: 'yes' } } }),
          ),
          rotterdam,
        )
        .thenThrows(NotAgreementLeadError);
    });

    it('lets the lead supervise', () => {
      given(threeGemeenten, agreement).when(commandFor(supervisionCompleted())).then([supervisionCompleted()]);
    });

    it('lets the toezichthouder the agreement names supervise on behalf of any party', () => {
      const event = supervisionCompleted({ gemeente: ROTTERDAM, supervisor: 'ggd  amsterdam' });
      given(threeGemeenten, agreement).when(commandFor(event), rotterdam).then([event]);
    });

    it('lets a party answer a question the agreement does not cover', () => {
      const event = supervisionCompleted({ gemeente: ROTTERDAM, findings: { q3: { answer: 'sufficient' } } });
      given(threeGemeenten, agreementMade({ questions: ['Q1', 'Q2'] }))
        .when(commandFor(event), rotterdam)
        .then([event]);
    });

    it('does not bind a gemeente that is not a party', () => {
      const event = supervisionCompleted({ gemeente: UTRECHT });
      given(threeGemeenten, agreement)
        .when(commandFor(event), { actor: supervisorOf(UTRECHT) })
        .then([event]);
    });

    it('applies only on the days it is valid: before it started, and once ended, a party may supervise', () => {
      const before = supervisionCompleted({ gemeente: ROTTERDAM, performedOn: '2024-12-31' });
      given(threeGemeenten, agreement).when(commandFor(before), rotterdam).then([before]);
      const afterEnd = supervisionCompleted({ gemeente: ROTTERDAM, performedOn: '2025-06-01' });
      given(threeGemeenten, agreement, agreementEnded({ endedOn: '2025-06-01' }))
        .when(commandFor(afterEnd), rotterdam)
        .then([afterEnd]);
      const lastDay = supervisionCompleted({ gemeente: ROTTERDAM, performedOn: '2025-05-31' });
      given(threeGemeenten, agreement, agreementEnded({ endedOn: '2025-06-01' }))
        .when(commandFor(lastDay), rotterdam)
        .thenThrows(NotAgreementLeadError);
    });
  });

  it('refuses a supervisor recording on behalf of another gemeente', () => {
    given(threeGemeenten)
      .when(commandFor(supervisionCompleted({ gemeente: ROTTERDAM })))
      .thenThrows(ActingForOtherGemeenteError, 'acting-for-other-gemeente');
  });

  it('refuses a gemeente where the organisation is not active', () => {
    given(registered())
      .when(commandFor(supervisionCompleted({ gemeente: UTRECHT })), { actor: supervisorOf(UTRECHT) })
      .thenThrows(GemeenteNotActiveError);
  });

  it('refuses before registration', () => {
    given().when(commandFor(supervisionCompleted())).thenThrows(OrganisationNotFoundError);
  });

  it.each([viewerOf(AMSTERDAM), auditor, campaignWorker])(
    'refuses a $role: only supervisors record supervisions',
    (actor) => {
      given(registered()).when(commandFor(supervisionCompleted()), { actor }).thenThrows(RoleMayNotWriteError);
    },
  );
});
