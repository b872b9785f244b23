import type { IsoDate } from '#events/values.ts';
import { type AgreementPeriod, appliesOn, isDoneByLead, lastDayApplied } from '../agreement-period.ts';
import { yearOf } from '../dates.ts';
import type { MeldcodeFacts, ScheduleFacts, SupervisionFacts } from './organisation-history.ts';

/**
 * Shared readings of the facts that the status, the gemeente rows, the coordination view and the
 * campaign rules must agree on. One place, so that "done", "current" and "relevant" mean the same
 * everywhere.
 */

/** Latest first by the day performed, then by stream order (a correction recorded later wins). */
export function latestSupervision<S extends Pick<SupervisionFacts, 'performedOn' | 'version'>>(
  supervisions: readonly S[],
): S | null {
  let latest: S | null = null;
  for (const s of supervisions) {
    if (
      latest === null ||
      s.performedOn > latest.performedOn ||
      (s.performedOn === latest.performedOn && s.version > latest.version)
    ) {
      latest = s;
    }
  }
  return latest;
}

/**
 * The meldcode in force: the one adopted last; of two adopted the same day, the one submitted
 * later. A meldcode submitted late for the record (adopted before the current one) stays history.
 */
export function currentMeldcode<M extends Pick<MeldcodeFacts, 'adoptedOn' | 'version'>>(
  meldcodes: readonly M[],
): M | null {
  let current: M | null = null;
  for (const m of meldcodes) {
    if (
      current === null ||
      m.adoptedOn > current.adoptedOn ||
      (m.adoptedOn === current.adoptedOn && m.version > current.version)
    ) {
      current = m;
    }
  }
  return current;
}

/**
 * Whether a supervisor's findings still speak for the organisation: no meldcode was submitted
 * after the supervision was recorded. A later submission is something the supervisor has not
 * seen; from then on the self-declared answer counts again (and the campaign reports
 * `meldcode-changed`), while the supervision stays visible beside it.
 */
export function isSupervisionCurrent(
  supervision: Pick<SupervisionFacts, 'version'>,
  meldcodes: readonly Pick<MeldcodeFacts, 'version'>[],
): boolean {
  return !meldcodes.some((m) => m.version > supervision.version);
}

/**
 * Whether a supervision counts for a gemeente: done on its behalf, or done by the lead (or the
 * named toezichthouder) of an agreement the gemeente is party to, applying on the day performed.
 */
export function isRelevantFor(
  supervision: Pick<SupervisionFacts, 'gemeente' | 'supervisor' | 'performedOn'>,
  gemeente: string,
  agreements: readonly AgreementPeriod[],
): boolean {
  if (supervision.gemeente === gemeente) return true;
  return agreements.some(
    (a) =>
      a.gemeenten.includes(gemeente) &&
      appliesOn(a, supervision.performedOn) &&
      isDoneByLead(a, supervision.gemeente, supervision.supervisor),
  );
}

export type ScheduleState = 'open' | 'done' | 'overdue';

/**
 * Whether a campaign entry is done: a supervision that counts for the entry's gemeente, performed
 * in the campaign year and recorded after the entry (a supervision that led to the scheduling does
 * not also complete it). Not done and past its due date: overdue.
 */
export function scheduleState(
  schedule: Pick<ScheduleFacts, 'version' | 'campaignYear' | 'gemeente' | 'dueOn'>,
  supervisions: readonly Pick<
    SupervisionFacts,
    'version' | 'supervisionId' | 'gemeente' | 'supervisor' | 'performedOn'
  >[],
  agreements: readonly AgreementPeriod[],
  asOf: IsoDate,
): { state: ScheduleState; doneBy: string | null } {
  const done = supervisions.find(
    (s) =>
      s.version > schedule.version &&
      yearOf(s.performedOn) === schedule.campaignYear &&
      isRelevantFor(s, schedule.gemeente, agreements),
  );
  if (done) return { state: 'done', doneBy: done.supervisionId };
  return { state: schedule.dueOn < asOf ? 'overdue' : 'open', doneBy: null };
}

export type AgreementState = 'valid' | 'upcoming' | 'expired' | 'ended';

/** An agreement on a date: applying, not yet started, run out (`validUntil`), or ended early. */
export function agreementState(agreement: AgreementPeriod, asOf: IsoDate): AgreementState {
  if (appliesOn(agreement, asOf)) return 'valid';
  const lastDay = lastDayApplied(agreement);
  if (agreement.endedOn !== null && (agreement.endedOn <= asOf || lastDay < agreement.validFrom)) return 'ended';
  return asOf < agreement.validFrom ? 'upcoming' : 'expired';
}
