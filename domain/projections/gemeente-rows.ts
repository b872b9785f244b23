import { findGemeente } from '#events/gemeenten.ts';
import type { IsoDate, Question, Sector, Verdict } from '#events/values.ts';
import { compareIso, yearOf } from '../dates.ts';
import type { SufficientAnswer } from '../meldcode/knowledge-and-use.ts';
import type { YesNoUnknown } from '../meldcode/minimum-requirements.ts';
import type { ScheduledEntry, SupervisionStatus, SupervisionSummary } from './supervision-status.ts';

/** One line of a gemeente's overview: what it lists, filters and counts per organisation. */
export interface GemeenteRow {
  readonly gemeente: string;
  readonly gemeenteName: string | null;
  readonly organisationId: string;
  readonly name: string;
  readonly kvkNumber: string;
  readonly branchNumber: string | null;
  readonly lrkNumber: string | null;
  readonly sector: Sector;
  readonly supervisedByGemeente: boolean;
  readonly activeSince: IsoDate;
  readonly answers: { readonly q1: YesNoUnknown; readonly q2: YesNoUnknown; readonly q3: SufficientAnswer };
  /** Campaign years with an entry that counts for this gemeente (its own, or its agreement lead's). */
  readonly scheduledCampaignYears: readonly number[];
  /** An entry for the year of `asOf` that counts for this gemeente and is not done. */
  readonly dueThisYear: boolean;
  readonly nextDueOn: IsoDate | null;
  readonly lastSupervision: SupervisionSummary | null;
  readonly verdict: Verdict | null;
  readonly followUpDeadline: IsoDate | null;
  /** The current agreement under which another gemeente leads for this one. */
  readonly coveredBy: {
    readonly agreementId: string;
    readonly lead: string;
    readonly questions: readonly Question[];
  } | null;
  readonly asOf: IsoDate;
  readonly appliedVersion: number;
}

/** Whether a campaign entry counts for a gemeente: its own, or its current agreement lead's. */
function countsFor(entry: ScheduledEntry, gemeente: string, status: SupervisionStatus): boolean {
  if (entry.gemeente === gemeente) return true;
  return status.currentAgreements.some((a) => a.gemeenten.includes(gemeente) && a.lead === entry.gemeente);
}

/**
 * One row per gemeente where the organisation is active now, from its status. The projector
 * writes these under each gemeente's partition and deletes rows of `formerGemeenten`.
 */
export function gemeenteRows(status: SupervisionStatus): GemeenteRow[] {
  const year = yearOf(status.asOf);
  return status.gemeenten.map(({ gemeente, since }): GemeenteRow => {
    const entries = status.scheduled.filter((e) => countsFor(e, gemeente, status));
    const pending = entries.filter((e) => e.state !== 'done').sort((a, b) => compareIso(a.dueOn, b.dueOn));
    const covering = status.currentAgreements.find((a) => a.gemeenten.includes(gemeente) && a.lead !== gemeente);
    return {
      gemeente,
      gemeenteName: findGemeente(gemeente)?.name ?? null,
      organisationId: status.organisationId,
      name: status.name,
      kvkNumber: status.kvkNumber,
      branchNumber: status.branchNumber,
      lrkNumber: status.lrkNumber,
      sector: status.sector,
      supervisedByGemeente: status.supervisedByGemeente,
      activeSince: since,
      answers: { q1: status.q1.answer, q2: status.q2.answer, q3: status.q3.answer },
      scheduledCampaignYears: [...new Set(entries.map((e) => e.campaignYear))].sort((a, b) => a - b),
      dueThisYear: pending.some((e) => e.campaignYear === year),
      nextDueOn: pending[0]?.dueOn ?? null,
      lastSupervision: status.lastSupervision,
      verdict: status.verdict,
      followUpDeadline: status.followUpDeadline,
      coveredBy: covering
        ? { agreementId: covering.agreementId, lead: covering.lead, questions: covering.questions }
        : null,
      asOf: status.asOf,
      appliedVersion: status.appliedVersion,
    };
  });
}
