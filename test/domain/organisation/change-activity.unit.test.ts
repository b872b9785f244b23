import { describe, expect, it } from 'vitest';
import {
  ActivityBeforeOrganisationExistedError,
  ActivityDateInFutureError,
  ContradictoryActivityChangeError,
  GemeenteNotActiveError,
  LastGemeenteRemovedError,
  OrganisationNotFoundError,
  RoleMayNotWriteError,
} from '#domain/errors.ts';
import {
  AMSTERDAM,
  activityChanged,
  auditor,
  commandFor,
  ROTTERDAM,
  registered,
  supervisorOf,
  UTRECHT,
  viewerOf,
} from '../support/fixtures.ts';
import { given } from '../support/given-when-then.ts';

const change = (added: string[], removed: string[], effectiveOn = '2025-05-01') =>
  commandFor(activityChanged({ added, removed, effectiveOn }));

describe('ChangeActivity', () => {
  it('adds a gemeente', () => {
    given(registered())
      .when(change([ROTTERDAM], []))
      .then([activityChanged({ added: [ROTTERDAM], removed: [], effectiveOn: '2025-05-01' })]);
  });

  it('removes a gemeente while another remains', () => {
    given(registered({ gemeenten: [AMSTERDAM, ROTTERDAM] }))
      .when(change([], [ROTTERDAM]))
      .then([activityChanged({ added: [], removed: [ROTTERDAM], effectiveOn: '2025-05-01' })]);
  });

  it('moves: adds one and removes the only other in one change', () => {
    given(registered())
      .when(change([UTRECHT], [AMSTERDAM]))
      .then([activityChanged({ added: [UTRECHT], removed: [AMSTERDAM], effectiveOn: '2025-05-01' })]);
  });

  it('drops what is already true from the change (adding an active gemeente is a no-op)', () => {
    given(registered({ gemeenten: [AMSTERDAM, ROTTERDAM] }))
      .when(change([ROTTERDAM, UTRECHT, UTRECHT], [AMSTERDAM, 'GM0518']))
      .then([activityChanged({ added: [UTRECHT], removed: [AMSTERDAM], effectiveOn: '2025-05-01' })]);
  });

  it('emits nothing when the change is already true (a retried request)', () => {
    given(registered({ gemeenten: [AMSTERDAM, ROTTERDAM] }))
      .when(change([ROTTERDAM], [UTRECHT]))
      .thenNothingHappened();
  });

  it('refuses removing the last gemeente', () => {
    const error = given(registered())
      .when(change([], [AMSTERDAM]))
      .thenThrows(LastGemeenteRemovedError, 'last-gemeente-removed');
    expect(error.httpStatus).toBe(422);
  });

  it('refuses adding and removing the same gemeente', () => {
    given(registered())
      .when(change([ROTTERDAM], [ROTTERDAM]))
      .thenThrows(ContradictoryActivityChangeError, 'activity-change-contradictory');
  });

  it('refuses a change dated in the future', () => {
    given(registered())
      .when(change([ROTTERDAM], [], '2025-06-03'))
      .thenThrows(ActivityDateInFutureError, 'activity-date-in-future');
  });

  it('refuses a change dated before the organisation existed', () => {
    given(registered())
      .when(change([ROTTERDAM], [], '2009-12-31'))
      .thenThrows(ActivityBeforeOrganisationExistedError, 'activity-before-organisation-existed');
  });

  it('refuses a gemeente where the organisation is not active', () => {
    given(registered())
      .when(change([ROTTERDAM], []), { actor: supervisorOf(UTRECHT) })
      .thenThrows(GemeenteNotActiveError, 'gemeente-not-active');
  });

  it('refuses before registration', () => {
    const error = given()
      .when(change([ROTTERDAM], []))
      .thenThrows(OrganisationNotFoundError, 'organisation-not-found');
    expect(error.httpStatus).toBe(404);
  });

  it.each([viewerOf(AMSTERDAM), auditor])('refuses a $role', (actor) => {
    given(registered())
      .when(change([ROTTERDAM], []), { actor })
      .thenThrows(RoleMayNotWriteError);
  });
});
