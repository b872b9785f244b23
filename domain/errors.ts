/**
 * Every refusal of the domain is a class with a stable `code` (what clients and tests match on),
 * an `httpStatus` hint for the problem+json mapper (422 a rule is broken, 403 this role or
 * gemeente may not, 404 not found, 409 conflicts with what is recorded) and `details` with the
 * facts behind the message. Messages are English (code and logs); the HTTP layer may translate.
 */
export type DomainErrorStatus = 403 | 404 | 409 | 422;

export abstract class DomainError extends Error {
  abstract readonly code: string;
  abstract readonly httpStatus: DomainErrorStatus;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(message: string, details?: Record<string, unknown>, options?: { cause?: unknown }) {
    super(message, options);
    this.details = details;
  }
}

/** Anything thrown by `decide` that is a refusal, not a bug. */
export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

// --- who may act (403) ---

export class RoleMayNotWriteError extends DomainError {
  override readonly name = 'RoleMayNotWriteError';
  readonly code = 'role-may-not-write';
  readonly httpStatus = 403;
  constructor(role: string, command: string) {
    super(`Role ${role} may not ${command}`, { role, command });
  }
}

export class ActorGemeenteMissingError extends DomainError {
  override readonly name = 'ActorGemeenteMissingError';
  readonly code = 'actor-gemeente-missing';
  readonly httpStatus = 403;
  constructor(command: string) {
    super(`${command} needs an actor acting for a gemeente`, { command });
  }
}

export class ActingForOtherGemeenteError extends DomainError {
  override readonly name = 'ActingForOtherGemeenteError';
  readonly code = 'acting-for-other-gemeente';
  readonly httpStatus = 403;
  constructor(actorGemeente: string, gemeente: string) {
    super(`An actor of ${actorGemeente} may not act on behalf of ${gemeente}`, { actorGemeente, gemeente });
  }
}

export class GemeenteNotActiveError extends DomainError {
  override readonly name = 'GemeenteNotActiveError';
  readonly code = 'gemeente-not-active';
  readonly httpStatus = 403;
  constructor(gemeente: string, organisationId: string) {
    super(`Organisation ${organisationId} is not active in gemeente ${gemeente}`, { gemeente, organisationId });
  }
}

export class NotAgreementLeadError extends DomainError {
  override readonly name = 'NotAgreementLeadError';
  readonly code = 'not-agreement-lead';
  readonly httpStatus = 403;
  constructor(gemeente: string, agreementId: string, lead: string, questions: readonly string[]) {
    super(
      `Agreement ${agreementId} covers ${questions.join(', ')}: only its lead ${lead} supervises, not ${gemeente}`,
      { gemeente, agreementId, lead, questions },
    );
  }
}

export class ActorNotPartyToAgreementError extends DomainError {
  override readonly name = 'ActorNotPartyToAgreementError';
  readonly code = 'actor-not-party-to-agreement';
  readonly httpStatus = 403;
  constructor(gemeente: string, agreementId: string) {
    super(`Gemeente ${gemeente} is not a party to agreement ${agreementId}`, { gemeente, agreementId });
  }
}

// --- not found (404) ---

export class OrganisationNotFoundError extends DomainError {
  override readonly name = 'OrganisationNotFoundError';
  readonly code = 'organisation-not-found';
  readonly httpStatus = 404;
  constructor(command: string) {
    super(`${command}: no organisation is registered in this stream`, { command });
  }
}

export class AgreementNotFoundError extends DomainError {
  override readonly name = 'AgreementNotFoundError';
  readonly code = 'agreement-not-found';
  readonly httpStatus = 404;
  constructor(agreementId: string) {
    super(`No agreement ${agreementId} for this organisation`, { agreementId });
  }
}

// --- conflicts with what is recorded (409) ---

export class OrganisationAlreadyRegisteredError extends DomainError {
  override readonly name = 'OrganisationAlreadyRegisteredError';
  readonly code = 'organisation-already-registered';
  readonly httpStatus = 409;
  constructor(organisationId: string) {
    super(`Organisation ${organisationId} is already registered`, { organisationId });
  }
}

export class DuplicateIdError extends DomainError {
  override readonly name = 'DuplicateIdError';
  readonly code = 'duplicate-id';
  readonly httpStatus = 409;
  constructor(kind: 'meldcode' | 'supervision' | 'agreement', id: string) {
    super(`A ${kind} with id ${id} is already recorded for this organisation`, { kind, id });
  }
}

export class AgreementOverlapError extends DomainError {
  override readonly name = 'AgreementOverlapError';
  readonly code = 'agreement-overlap';
  readonly httpStatus = 409;
  constructor(existingAgreementId: string, questions: readonly string[], from: string, until: string) {
    super(`Agreement ${existingAgreementId} already covers ${questions.join(', ')} between ${from} and ${until}`, {
      existingAgreementId,
      questions,
      from,
      until,
    });
  }
}

export class AgreementAlreadyEndedError extends DomainError {
  override readonly name = 'AgreementAlreadyEndedError';
  readonly code = 'agreement-already-ended';
  readonly httpStatus = 409;
  constructor(agreementId: string, endedOn: string) {
    super(`Agreement ${agreementId} was already ended on ${endedOn}`, { agreementId, endedOn });
  }
}

// --- rules of the law and of the register (422) ---

export class SectorNotSupervisedByGemeenteError extends DomainError {
  override readonly name = 'SectorNotSupervisedByGemeenteError';
  readonly code = 'sector-not-supervised-by-gemeente';
  readonly httpStatus = 422;
  constructor(sector: string, supervisedBy: string) {
    super(`Sector ${sector} is not supervised by a gemeente (supervisor: ${supervisedBy})`, { sector, supervisedBy });
  }
}

export class DateInFutureError extends DomainError {
  override readonly name: string = 'DateInFutureError';
  readonly code: string = 'date-in-future';
  readonly httpStatus = 422;
  constructor(field: string, date: string, today: string) {
    super(`${field} ${date} is after today (${today})`, { field, date, today });
  }
}

export class ExistsSinceInFutureError extends DateInFutureError {
  override readonly name = 'ExistsSinceInFutureError';
  override readonly code = 'exists-since-in-future';
}

export class MeldcodeDateInFutureError extends DateInFutureError {
  override readonly name = 'MeldcodeDateInFutureError';
  override readonly code = 'meldcode-date-in-future';
}

export class MeasureDateInFutureError extends DateInFutureError {
  override readonly name = 'MeasureDateInFutureError';
  override readonly code = 'measure-date-in-future';
}

export class SupervisionDateInFutureError extends DateInFutureError {
  override readonly name = 'SupervisionDateInFutureError';
  override readonly code = 'supervision-date-in-future';
}

export class ActivityDateInFutureError extends DateInFutureError {
  override readonly name = 'ActivityDateInFutureError';
  override readonly code = 'activity-date-in-future';
}

export class BeforeOrganisationExistedError extends DomainError {
  override readonly name: string = 'BeforeOrganisationExistedError';
  readonly code: string = 'before-organisation-existed';
  readonly httpStatus = 422;
  constructor(field: string, date: string, existsSince: string) {
    super(`${field} ${date} is before the organisation existed (${existsSince})`, { field, date, existsSince });
  }
}

export class MeldcodeBeforeOrganisationExistedError extends BeforeOrganisationExistedError {
  override readonly name = 'MeldcodeBeforeOrganisationExistedError';
  override readonly code = 'meldcode-before-organisation-existed';
}

export class SupervisionBeforeOrganisationExistedError extends BeforeOrganisationExistedError {
  override readonly name = 'SupervisionBeforeOrganisationExistedError';
  override readonly code = 'supervision-before-organisation-existed';
}

export class ActivityBeforeOrganisationExistedError extends BeforeOrganisationExistedError {
  override readonly name = 'ActivityBeforeOrganisationExistedError';
  override readonly code = 'activity-before-organisation-existed';
}

export class ContradictoryActivityChangeError extends DomainError {
  override readonly name = 'ContradictoryActivityChangeError';
  readonly code = 'activity-change-contradictory';
  readonly httpStatus = 422;
  constructor(gemeenten: readonly string[]) {
    super(`Gemeenten both added and removed: ${gemeenten.join(', ')}`, { gemeenten });
  }
}

export class LastGemeenteRemovedError extends DomainError {
  override readonly name = 'LastGemeenteRemovedError';
  readonly code = 'last-gemeente-removed';
  readonly httpStatus = 422;
  constructor(organisationId: string, removed: readonly string[]) {
    super(
      `Removing ${removed.join(', ')} would leave organisation ${organisationId} active in no gemeente; ` +
        'add the new gemeente first',
      { organisationId, removed },
    );
  }
}

export class FollowUpDeadlineBeforeSupervisionError extends DomainError {
  override readonly name = 'FollowUpDeadlineBeforeSupervisionError';
  readonly code = 'follow-up-deadline-before-supervision';
  readonly httpStatus = 422;
  constructor(followUpDeadline: string, performedOn: string) {
    super(`Follow-up deadline ${followUpDeadline} is not after the supervision (${performedOn})`, {
      followUpDeadline,
      performedOn,
    });
  }
}

export class AgreementNeedsTwoGemeentenError extends DomainError {
  override readonly name = 'AgreementNeedsTwoGemeentenError';
  readonly code = 'agreement-needs-two-gemeenten';
  readonly httpStatus = 422;
  constructor(gemeenten: readonly string[]) {
    super(`An agreement needs at least two different gemeenten, got ${gemeenten.join(', ') || 'none'}`, {
      gemeenten,
    });
  }
}

export class AgreementGemeenteNotActiveError extends DomainError {
  override readonly name = 'AgreementGemeenteNotActiveError';
  readonly code = 'agreement-gemeente-not-active';
  readonly httpStatus = 422;
  constructor(gemeenten: readonly string[], organisationId: string) {
    super(`Organisation ${organisationId} is not active in ${gemeenten.join(', ')}`, { gemeenten, organisationId });
  }
}

export class LeadNotInAgreementError extends DomainError {
  override readonly name = 'LeadNotInAgreementError';
  readonly code = 'lead-not-in-agreement';
  readonly httpStatus = 422;
  constructor(lead: string, gemeenten: readonly string[]) {
    super(`The lead ${lead} is not among the agreement's gemeenten (${gemeenten.join(', ')})`, { lead, gemeenten });
  }
}

export class AgreementPeriodInvalidError extends DomainError {
  override readonly name = 'AgreementPeriodInvalidError';
  readonly code = 'agreement-period-invalid';
  readonly httpStatus = 422;
  constructor(validFrom: string, validUntil: string) {
    super(`An agreement valid from ${validFrom} cannot end before that (${validUntil})`, { validFrom, validUntil });
  }
}
