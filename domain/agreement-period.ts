import type { IsoDate, Question } from '#events/values.ts';
import { addDays, minDate } from './dates.ts';

/** What the period rules need of an agreement, as the decider and the projections both hold it. */
export interface AgreementPeriod {
  readonly agreementId: string;
  readonly gemeenten: readonly string[];
  readonly lead: string;
  readonly supervisor: string | null;
  readonly questions: readonly Question[];
  readonly validFrom: IsoDate;
  /** Last day the agreement applies (inclusive). */
  readonly validUntil: IsoDate;
  /** First day the agreement no longer applies, once ended; null while not ended. */
  readonly endedOn: IsoDate | null;
}

/**
 * The last day an agreement applies: `validUntil`, or the day before `endedOn` when it was ended
 * earlier. `endedOn` is exclusive so that a new agreement may start on the day the old one ends.
 * Before `validFrom` when it was ended before it began (it never applied).
 */
export function lastDayApplied(agreement: AgreementPeriod): IsoDate {
  return agreement.endedOn === null
    ? agreement.validUntil
    : minDate(agreement.validUntil, addDays(agreement.endedOn, -1));
}

/** Whether the agreement applies on a date. */
export function appliesOn(agreement: AgreementPeriod, date: IsoDate): boolean {
  return agreement.validFrom <= date && date <= lastDayApplied(agreement);
}

/** The questions two agreements both cover. */
export function sharedQuestions(a: readonly Question[], b: readonly Question[]): Question[] {
  return a.filter((q) => b.includes(q));
}

/** Whether two inclusive periods have a day in common. */
export function periodsOverlap(aFrom: IsoDate, aUntil: IsoDate, bFrom: IsoDate, bUntil: IsoDate): boolean {
  return aFrom <= bUntil && bFrom <= aUntil && aFrom <= aUntil && bFrom <= bUntil;
}

/** The agreements that apply on a date and cover at least one of `questions`. */
export function agreementsCovering<A extends AgreementPeriod>(
  agreements: readonly A[],
  date: IsoDate,
  questions: readonly Question[],
): A[] {
  return agreements.filter((a) => appliesOn(a, date) && sharedQuestions(a.questions, questions).length > 0);
}

/**
 * Whether a supervision on behalf of `gemeente` by `supervisor` is the agreement's own: done by its
 * lead, or by the regional toezichthouder the agreement names (it acts for every party).
 */
export function isDoneByLead(agreement: AgreementPeriod, gemeente: string, supervisor: string | null): boolean {
  if (gemeente === agreement.lead) return true;
  return (
    agreement.supervisor !== null &&
    supervisor !== null &&
    normalise(agreement.supervisor) === normalise(supervisor) &&
    agreement.gemeenten.includes(gemeente)
  );
}

function normalise(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}
