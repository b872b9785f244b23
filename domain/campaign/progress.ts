import type { CampaignReason, IsoDate, Sector } from '#events/values.ts';
import { QUESTIONS } from '#events/values.ts';
import { appliesOn } from '../agreement-period.ts';
import { type ScheduleState, scheduleState } from '../projections/supervision-rules.ts';
import type { SupervisionStatus } from '../projections/supervision-status.ts';

export type ProgressState = ScheduleState | 'covered-by-other';

export interface CampaignProgressEntry {
  readonly organisationId: string;
  readonly name: string;
  readonly sector: Sector;
  readonly state: ProgressState;
  readonly dueOn: IsoDate | null;
  readonly reasons: readonly CampaignReason[];
  readonly doneBy: string | null;
  /** For `covered-by-other`: the agreement, its lead, and how the lead's own entry stands. */
  readonly coveredBy: {
    readonly agreementId: string;
    readonly lead: string;
    readonly leadState: ScheduleState | 'not-scheduled';
  } | null;
}

export interface CampaignProgress {
  readonly gemeente: string;
  readonly year: number;
  readonly asOf: IsoDate;
  /** Scheduled for this gemeente this year; `done + overdue + open === due`. */
  readonly due: number;
  readonly done: number;
  readonly overdue: number;
  readonly open: number;
  /** Not on this gemeente's list because another gemeente leads under an agreement. */
  readonly coveredByOther: number;
  readonly entries: readonly CampaignProgressEntry[];
}

/**
 * How a gemeente's campaign for a year stands on `asOf`: every organisation active in the gemeente
 * that it scheduled for the year (done by a supervision that counts for it, overdue past the due
 * date, or open), and those covered by another gemeente's agreement, with how the lead is doing.
 */
export function campaignProgress(
  input: { readonly gemeente: string; readonly year: number; readonly asOf: IsoDate },
  statuses: readonly SupervisionStatus[],
): CampaignProgress {
  const { gemeente, year, asOf } = input;
  const entries: CampaignProgressEntry[] = [];
  for (const status of statuses) {
    if (!status.gemeenten.some((a) => a.gemeente === gemeente)) continue;
    const base = { organisationId: status.organisationId, name: status.name, sector: status.sector };
    const own = status.scheduled.find((e) => e.campaignYear === year && e.gemeente === gemeente);
    if (own) {
      const { state, doneBy } = scheduleState(own, status.supervisions, status.agreements, asOf);
      entries.push({ ...base, state, dueOn: own.dueOn, reasons: own.reasons, doneBy, coveredBy: null });
      continue;
    }
    const covering = status.agreements.find(
      (a) =>
        appliesOn(a, asOf) &&
        a.gemeenten.includes(gemeente) &&
        a.lead !== gemeente &&
        QUESTIONS.every((q) => a.questions.includes(q)),
    );
    if (!covering) continue;
    const leads = status.scheduled.find((e) => e.campaignYear === year && e.gemeente === covering.lead);
    const leadState = leads
      ? scheduleState(leads, status.supervisions, status.agreements, asOf).state
      : 'not-scheduled';
    entries.push({
      ...base,
      state: 'covered-by-other',
      dueOn: leads?.dueOn ?? null,
      reasons: leads?.reasons ?? [],
      doneBy: null,
      coveredBy: { agreementId: covering.agreementId, lead: covering.lead, leadState },
    });
  }
  const count = (state: ProgressState) => entries.filter((e) => e.state === state).length;
  const [done, overdue, open, coveredByOther] = [
    count('done'),
    count('overdue'),
    count('open'),
    count('covered-by-other'),
  ];
  return { gemeente, year, asOf, due: done + overdue + open, done, overdue, open, coveredByOther, entries };
}
