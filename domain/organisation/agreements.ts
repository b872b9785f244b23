import type { AgreementEnded, AgreementMade } from '#events/catalogue.ts';
import { lastDayApplied, periodsOverlap, sharedQuestions } from '../agreement-period.ts';
import {
  ActorNotPartyToAgreementError,
  AgreementAlreadyEndedError,
  AgreementGemeenteNotActiveError,
  AgreementNeedsTwoGemeentenError,
  AgreementNotFoundError,
  AgreementOverlapError,
  AgreementPeriodInvalidError,
  DuplicateIdError,
  LeadNotInAgreementError,
} from '../errors.ts';
import type { DecideContext, EndAgreement, MakeAgreement } from './commands.ts';
import { actorGemeente, assertMayAct, assertSectorSupervisedByGemeente, unique } from './guards.ts';
import type { OrganisationState } from './state.ts';

/**
 * Records that gemeenten coordinate their supervision of this organisation: at least two gemeenten
 * where it is active, the acting gemeente among them, a lead among them, the questions covered, a
 * validity period. Two agreements that cover a common question on a common day are refused, so on
 * any day each question has at most one lead. Dates may lie in the past or the future: an
 * agreement is often recorded after it was signed, or before it starts.
 */
export function decideMakeAgreement(
  command: MakeAgreement,
  state: OrganisationState,
  context: DecideContext,
): AgreementMade[] {
  assertMayAct(state, command.type, context.actor);
  assertSectorSupervisedByGemeente(state.sector);
  const data = command.data;
  if (state.agreements.some((a) => a.agreementId === data.agreementId)) {
    throw new DuplicateIdError('agreement', data.agreementId);
  }
  const gemeenten = unique(data.gemeenten);
  if (gemeenten.length < 2) throw new AgreementNeedsTwoGemeentenError(gemeenten);
  if (!gemeenten.includes(data.lead)) throw new LeadNotInAgreementError(data.lead, gemeenten);
  const inactive = gemeenten.filter((g) => !state.gemeenten.includes(g));
  if (inactive.length > 0) throw new AgreementGemeenteNotActiveError(inactive, state.organisationId);
  const gemeente = actorGemeente(context.actor, command.type);
  if (!gemeenten.includes(gemeente)) throw new ActorNotPartyToAgreementError(gemeente, data.agreementId);
  if (data.validUntil < data.validFrom) throw new AgreementPeriodInvalidError(data.validFrom, data.validUntil);
  const questions = unique(data.questions);
  for (const existing of state.agreements) {
    const common = sharedQuestions(existing.questions, questions);
    const until = lastDayApplied(existing);
    if (common.length > 0 && periodsOverlap(existing.validFrom, until, data.validFrom, data.validUntil)) {
      throw new AgreementOverlapError(existing.agreementId, common, existing.validFrom, until);
    }
  }
  const supervisor = data.supervisor?.trim();
  return [
    {
      type: 'AgreementMade',
      data: {
        agreementId: data.agreementId,
        gemeenten,
        lead: data.lead,
        ...(supervisor === undefined ? {} : { supervisor }),
        questions,
        shareFindings: data.shareFindings,
        validFrom: data.validFrom,
        validUntil: data.validUntil,
      },
    },
  ];
}

/**
 * Ends an agreement early; any party may. `endedOn` is the first day it no longer applies, so a
 * successor may start that same day; an `endedOn` on or before `validFrom` cancels an agreement
 * that never started. Ending twice is refused (the first end stands).
 */
export function decideEndAgreement(
  command: EndAgreement,
  state: OrganisationState,
  context: DecideContext,
): AgreementEnded[] {
  assertMayAct(state, command.type, context.actor);
  const { agreementId, endedOn, reason } = command.data;
  const agreement = state.agreements.find((a) => a.agreementId === agreementId);
  if (!agreement) throw new AgreementNotFoundError(agreementId);
  const gemeente = actorGemeente(context.actor, command.type);
  if (!agreement.gemeenten.includes(gemeente)) throw new ActorNotPartyToAgreementError(gemeente, agreementId);
  if (agreement.endedOn !== null) throw new AgreementAlreadyEndedError(agreementId, agreement.endedOn);
  return [{ type: 'AgreementEnded', data: { agreementId, endedOn, ...(reason === undefined ? {} : { reason }) } }];
}
