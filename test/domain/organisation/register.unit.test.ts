import { describe, expect, it } from 'vitest';
import {
  ActorGemeenteMissingError,
  ExistsSinceInFutureError,
  GemeenteNotActiveError,
  OrganisationAlreadyRegisteredError,
  RoleMayNotWriteError,
} from '#domain/errors.ts';
import {
  AMSTERDAM,
  auditor,
  campaignWorker,
  commandFor,
  ROTTERDAM,
  registered,
  supervisorOf,
  viewerOf,
} from '../support/fixtures.ts';
import { given } from '../support/given-when-then.ts';

describe('RegisterOrganisation', () => {
  it('registers an organisation in the acting gemeente and others', () => {
    const event = registered({ gemeenten: [AMSTERDAM, ROTTERDAM], branchNumber: '000012345678' });
    given().when(commandFor(event)).then([event]);
  });

  it('dedupes gemeenten and trims the name', () => {
    given()
      .when(commandFor(registered({ name: '  Buurtwerk  ', gemeenten: [AMSTERDAM, ROTTERDAM, AMSTERDAM] })))
      .then([registered({ name: 'Buurtwerk', gemeenten: [AMSTERDAM, ROTTERDAM] })]);
  });

  it.each(['jeugdhulp', 'onderwijs', 'zorg', 'vrijwilligersorganisatie'] as const)(
    'registers a %s organisation for the record, though no gemeente supervises it',
    (sector) => {
      given()
        .when(commandFor(registered({ sector })))
        .then([registered({ sector })]);
    },
  );

  it('takes "today" as the Dutch date: at 00:30 on 1 January in Amsterdam, 1 January exists', () => {
    const event = registered({ existsSince: '2025-01-01' });
    given().when(commandFor(event), { now: '2024-12-31T23:30:00Z' }).then([event]);
  });

  it('refuses an organisation that exists only from tomorrow', () => {
    given()
      .when(commandFor(registered({ existsSince: '2025-06-03' })))
      .thenThrows(ExistsSinceInFutureError, 'exists-since-in-future');
  });

  it('refuses a second registration in the same stream', () => {
    given(registered())
      .when(commandFor(registered()))
      .thenThrows(OrganisationAlreadyRegisteredError, 'organisation-already-registered');
  });

  it("refuses when the acting gemeente is not among the organisation's gemeenten", () => {
    const error = given()
      .when(commandFor(registered({ gemeenten: [ROTTERDAM] })), { actor: supervisorOf(AMSTERDAM) })
      .thenThrows(GemeenteNotActiveError, 'gemeente-not-active');
    expect(error.httpStatus).toBe(403);
    expect(error.details).toMatchObject({ gemeente: AMSTERDAM });
  });

  it.each([
    ['viewer', viewerOf(AMSTERDAM)],
    ['auditor', auditor],
    ['system', campaignWorker],
  ])('refuses a %s: only supervisors register', (_role, actor) => {
    const error = given()
      .when(commandFor(registered()), { actor })
      .thenThrows(RoleMayNotWriteError, 'role-may-not-write');
    expect(error.httpStatus).toBe(403);
  });

  it('refuses a supervisor that acts for no gemeente', () => {
    given()
      .when(commandFor(registered()), { actor: { subject: 'x', role: 'supervisor' } })
      .thenThrows(ActorGemeenteMissingError, 'actor-gemeente-missing');
  });
});
