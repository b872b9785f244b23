import { describe, expect, it } from 'vitest';
import {
  DuplicateIdError,
  GemeenteNotActiveError,
  MeasureDateInFutureError,
  MeldcodeBeforeOrganisationExistedError,
  MeldcodeDateInFutureError,
  OrganisationNotFoundError,
  RoleMayNotWriteError,
} from '#domain/errors.ts';
import {
  AMSTERDAM,
  auditor,
  campaignWorker,
  commandFor,
  meldcodeSubmitted,
  ROTTERDAM,
  registered,
  supervisorOf,
  ulid,
  viewerOf,
} from '../support/fixtures.ts';
import { given } from '../support/given-when-then.ts';

describe('SubmitMeldcode', () => {
  it('records a meldcode', () => {
    given(registered()).when(commandFor(meldcodeSubmitted())).then([meldcodeSubmitted()]);
  });

  it('keeps history: a second version is recorded beside the first', () => {
    const second = meldcodeSubmitted({ meldcodeId: ulid(101), label: '2025-1', adoptedOn: '2025-05-01' });
    given(registered(), meldcodeSubmitted()).when(commandFor(second)).then([second]);
  });

  it('dedupes elements and leaves an unknown recommendation out of the event', () => {
    const { attentionOfficer: _unknown, ...data } = meldcodeSubmitted({
      elements: ['stappenplan', 'afwegingskader'],
    }).data;
    const command = commandFor({
      type: 'MeldcodeSubmitted',
      data: { ...data, elements: ['stappenplan', 'stappenplan', 'afwegingskader'], attentionOfficer: undefined },
    });
    const [event] = given(registered())
      .when(command)
      .then([{ type: 'MeldcodeSubmitted', data }]);
    expect(Object.keys(event?.data ?? {})).not.toContain('attentionOfficer');
  });

  it('accepts a meldcode adopted today, and one of a sector no gemeente supervises', () => {
    const event = meldcodeSubmitted({ adoptedOn: '2025-06-02' });
    given(registered({ sector: 'jeugdhulp' }))
      .when(commandFor(event))
      .then([event]);
  });

  it('refuses an adoption date in the future', () => {
    const error = given(registered())
      .when(commandFor(meldcodeSubmitted({ adoptedOn: '2025-06-03' })))
      .thenThrows(MeldcodeDateInFutureError, 'meldcode-date-in-future');
    expect(error.httpStatus).toBe(422);
    expect(error.details).toEqual({ field: 'adoptedOn', date: '2025-06-03', today: '2025-06-02' });
  });

  it('refuses a meldcode adopted before the organisation existed', () => {
    given(registered({ existsSince: '2015-03-01' }))
      .when(commandFor(meldcodeSubmitted({ adoptedOn: '2015-02-28' })))
      .thenThrows(MeldcodeBeforeOrganisationExistedError, 'meldcode-before-organisation-existed');
  });

  it('checks no founding date when the registration did not give one', () => {
    const { existsSince: _unknown, ...data } = registered().data;
    const old = meldcodeSubmitted({ adoptedOn: '1999-01-01' });
    given({ type: 'OrganisationRegistered', data }).when(commandFor(old)).then([old]);
  });

  it('refuses a promotion measure that has not happened yet', () => {
    given(registered())
      .when(commandFor(meldcodeSubmitted({ promotionMeasures: [{ kind: 'training', date: '2025-07-01' }] })))
      .thenThrows(MeasureDateInFutureError, 'measure-date-in-future');
  });

  it('refuses a meldcode id that is already recorded', () => {
    const error = given(registered(), meldcodeSubmitted())
      .when(commandFor(meldcodeSubmitted({ label: 'again' })))
      .thenThrows(DuplicateIdError, 'duplicate-id');
    expect(error.httpStatus).toBe(409);
  });

  it('refuses a gemeente where the organisation is not active', () => {
    given(registered())
      .when(commandFor(meldcodeSubmitted()), { actor: supervisorOf(ROTTERDAM) })
      .thenThrows(GemeenteNotActiveError);
  });

  it('refuses before registration', () => {
    given().when(commandFor(meldcodeSubmitted())).thenThrows(OrganisationNotFoundError);
  });

  it.each([viewerOf(AMSTERDAM), auditor, campaignWorker])('refuses a $role', (actor) => {
    given(registered()).when(commandFor(meldcodeSubmitted()), { actor }).thenThrows(RoleMayNotWriteError);
  });
});
