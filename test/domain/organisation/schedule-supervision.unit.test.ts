import { describe, expect, it } from 'vitest';
import {
  ActingForOtherGemeenteError,
  ActorGemeenteMissingError,
  GemeenteNotActiveError,
  NotAgreementLeadError,
  OrganisationNotFoundError,
  RoleMayNotWriteError,
  SectorNotSupervisedByGemeenteError,
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
  supervisionScheduled,
  supervisorOf,
  UTRECHT,
  viewerOf,
} from '../support/fixtures.ts';
import { given } from '../support/given-when-then.ts';

const twoGemeenten = registered({ gemeenten: [AMSTERDAM, ROTTERDAM] });

describe('ScheduleSupervision', () => {
  it("schedules for the supervisor's own gemeente", () => {
    given(registered()).when(commandFor(supervisionScheduled())).then([supervisionScheduled()]);
  });

  it('lets the campaign worker (system role) schedule for a gemeente where the organisation is active', () => {
    const event = supervisionScheduled({
      gemeente: ROTTERDAM,
      reasons: ['no-meldcode', 'no-meldcode', 'never-supervised'],
    });
    given(twoGemeenten)
      .when(commandFor(event), { actor: campaignWorker })
      .then([supervisionScheduled({ gemeente: ROTTERDAM, reasons: ['no-meldcode', 'never-supervised'] })]);
  });

  it('is a no-op the second time for the same year and gemeente', () => {
    given(registered(), supervisionScheduled())
      .when(commandFor(supervisionScheduled({ reasons: ['interval-elapsed'], dueOn: '2025-10-01' })))
      .thenNothingHappened();
  });

  it('schedules the same year again for another gemeente, and another year for the same one', () => {
    given(twoGemeenten, supervisionScheduled())
      .when(commandFor(supervisionScheduled({ gemeente: ROTTERDAM })), { actor: supervisorOf(ROTTERDAM) })
      .then([supervisionScheduled({ gemeente: ROTTERDAM })]);
    given(registered(), supervisionScheduled())
      .when(commandFor(supervisionScheduled({ campaignYear: 2026, dueOn: '2026-12-31' })))
      .then([supervisionScheduled({ campaignYear: 2026, dueOn: '2026-12-31' })]);
  });

  it.each([
    ['jeugdhulp', 'Inspectie Gezondheidszorg en Jeugd'],
    ['onderwijs', 'Inspectie van het Onderwijs'],
    ['zorg', 'Inspectie Gezondheidszorg en Jeugd'],
    ['vrijwilligersorganisatie', 'none'],
  ] as const)('never schedules %s (supervised by %s)', (sector, supervisedBy) => {
    const error = given(registered({ sector }))
      .when(commandFor(supervisionScheduled()), { actor: campaignWorker })
      .thenThrows(SectorNotSupervisedByGemeenteError, 'sector-not-supervised-by-gemeente');
    expect(error.details).toEqual({ sector, supervisedBy });
  });

  it('under an agreement covering all questions, refuses a party that is not the lead', () => {
    const error = given(twoGemeenten, agreementMade({ lead: AMSTERDAM }))
      .when(commandFor(supervisionScheduled({ gemeente: ROTTERDAM })), { actor: campaignWorker })
      .thenThrows(NotAgreementLeadError, 'not-agreement-lead');
    expect(error.message).toContain(agreementMade().data.agreementId);
    expect(error.message).toContain(`lead ${AMSTERDAM}`);
  });

  it('lets the lead schedule under its agreement', () => {
    given(twoGemeenten, agreementMade({ lead: AMSTERDAM }))
      .when(commandFor(supervisionScheduled()), { actor: campaignWorker })
      .then([supervisionScheduled()]);
  });

  it('lets a party schedule when the agreement covers only some questions, or has ended', () => {
    const rotterdam = supervisionScheduled({ gemeente: ROTTERDAM });
    given(twoGemeenten, agreementMade({ questions: ['Q1', 'Q2'] }))
      .when(commandFor(rotterdam), { actor: campaignWorker })
      .then([rotterdam]);
    given(twoGemeenten, agreementMade(), agreementEnded({ endedOn: '2025-06-01' }))
      .when(commandFor(rotterdam), { actor: campaignWorker })
      .then([rotterdam]);
  });

  it('refuses a supervisor scheduling on behalf of another gemeente', () => {
    given(twoGemeenten)
      .when(commandFor(supervisionScheduled({ gemeente: ROTTERDAM })), { actor: supervisorOf(AMSTERDAM) })
      .thenThrows(ActingForOtherGemeenteError, 'acting-for-other-gemeente');
  });

  it('refuses a system actor bound to one gemeente scheduling for another', () => {
    given(twoGemeenten)
      .when(commandFor(supervisionScheduled({ gemeente: ROTTERDAM })), {
        actor: { ...campaignWorker, gemeente: AMSTERDAM },
      })
      .thenThrows(ActingForOtherGemeenteError);
  });

  it('refuses a gemeente where the organisation is not active, also for the system', () => {
    given(registered())
      .when(commandFor(supervisionScheduled({ gemeente: UTRECHT })), { actor: campaignWorker })
      .thenThrows(GemeenteNotActiveError, 'gemeente-not-active');
  });

  it('refuses before registration', () => {
    given().when(commandFor(supervisionScheduled()), { actor: campaignWorker }).thenThrows(OrganisationNotFoundError);
  });

  it.each([viewerOf(AMSTERDAM), auditor])('refuses a $role', (actor) => {
    given(registered()).when(commandFor(supervisionScheduled()), { actor }).thenThrows(RoleMayNotWriteError);
  });

  it('refuses a supervisor without a gemeente', () => {
    given(registered())
      .when(commandFor(supervisionScheduled()), { actor: { subject: 'x', role: 'supervisor' } })
      .thenThrows(ActorGemeenteMissingError);
  });
});
