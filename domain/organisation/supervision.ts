import type { SupervisionCompleted, SupervisionFindings, SupervisionScheduled } from '#events/catalogue.ts';
import { QUESTIONS, type Question } from '#events/values.ts';
import { agreementsCovering, isDoneByLead, sharedQuestions } from '../agreement-period.ts';
import {
  DuplicateIdError,
  FollowUpDeadlineBeforeSupervisionError,
  NotAgreementLeadError,
  SupervisionBeforeOrganisationExistedError,
  SupervisionDateInFutureError,
} from '../errors.ts';
import type { CompleteSupervision, DecideContext, ScheduleSupervision } from './commands.ts';
import { assertMayAct, assertNotAfter, assertSectorSupervisedByGemeente, today, unique } from './guards.ts';
import { type OrganisationState, scheduleKey } from './state.ts';

/** The questions a supervision answers: those it has findings for, or all three when it has none. */
export function questionsOf(findings: SupervisionFindings): Question[] {
  const answered = QUESTIONS.filter((q) => findings[q.toLowerCase() as 'q1' | 'q2' | 'q3'] !== undefined);
  return answered.length > 0 ? answered : [...QUESTIONS];
}

/**
 * Puts an organisation on a gemeente's campaign list for a year. Scheduling the same year twice for
 * the same gemeente emits nothing (a rerun or a redelivered message is harmless). Never for a
 * sector the gemeente does not supervise. Under an agreement that applies today and covers all
 * three questions only its lead schedules; a party that is not the lead is refused (its campaign
 * reports the organisation as covered). The system role (campaign worker) may schedule for any
 * gemeente where the organisation is active.
 */
export function decideScheduleSupervision(
  command: ScheduleSupervision,
  state: OrganisationState,
  context: DecideContext,
): SupervisionScheduled[] {
  const data = command.data;
  assertMayAct(state, command.type, context.actor, data.gemeente);
  assertSectorSupervisedByGemeente(state.sector);
  if (state.scheduled.includes(scheduleKey(data.campaignYear, data.gemeente))) return [];
  const day = today(context);
  for (const agreement of agreementsCovering(state.agreements, day, QUESTIONS)) {
    const coversAll = QUESTIONS.every((q) => agreement.questions.includes(q));
    if (coversAll && agreement.gemeenten.includes(data.gemeente) && data.gemeente !== agreement.lead) {
      throw new NotAgreementLeadError(data.gemeente, agreement.agreementId, agreement.lead, agreement.questions);
    }
  }
  return [
    {
      type: 'SupervisionScheduled',
      data: {
        campaignYear: data.campaignYear,
        gemeente: data.gemeente,
        reasons: unique(data.reasons),
        dueOn: data.dueOn,
      },
    },
  ];
}

/**
 * Records a completed supervision and its verdict, on behalf of the supervisor's own gemeente.
 * Never for a sector the gemeente does not supervise; not in the future or before the organisation
 * existed; a follow-up deadline lies after the supervision. While an agreement applies on the day
 * of the supervision and covers a question it answers, only the agreement's lead (or the
 * toezichthouder the agreement names) may record it: other parties are refused with the agreement
 * and its lead. A gemeente that is not a party is not bound by the agreement (the coordination
 * view reports it as a gap instead).
 */
export function decideCompleteSupervision(
  command: CompleteSupervision,
  state: OrganisationState,
  context: DecideContext,
): SupervisionCompleted[] {
  const data = command.data;
  assertMayAct(state, command.type, context.actor, data.gemeente);
  assertSectorSupervisedByGemeente(state.sector);
  if (state.supervisionIds.includes(data.supervisionId)) throw new DuplicateIdError('supervision', data.supervisionId);
  assertNotAfter(SupervisionDateInFutureError, 'performedOn', data.performedOn, today(context));
  if (state.existsSince !== null && data.performedOn < state.existsSince) {
    throw new SupervisionBeforeOrganisationExistedError('performedOn', data.performedOn, state.existsSince);
  }
  if (data.followUpDeadline !== undefined && data.followUpDeadline <= data.performedOn) {
    throw new FollowUpDeadlineBeforeSupervisionError(data.followUpDeadline, data.performedOn);
  }
  const questions = questionsOf(data.findings);
  const supervisor = data.supervisor?.trim() ?? null;
  for (const agreement of agreementsCovering(state.agreements, data.performedOn, questions)) {
    if (agreement.gemeenten.includes(data.gemeente) && !isDoneByLead(agreement, data.gemeente, supervisor)) {
      const covered = sharedQuestions(agreement.questions, questions);
      throw new NotAgreementLeadError(data.gemeente, agreement.agreementId, agreement.lead, covered);
    }
  }
  return [
    {
      type: 'SupervisionCompleted',
      data: {
        supervisionId: data.supervisionId,
        gemeente: data.gemeente,
        ...(supervisor === null ? {} : { supervisor }),
        performedOn: data.performedOn,
        verdict: data.verdict,
        findings: data.findings,
        ...(data.followUpDeadline === undefined ? {} : { followUpDeadline: data.followUpDeadline }),
      },
    },
  ];
}
