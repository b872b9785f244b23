import { CAMPAIGN_REASONS, type CampaignReason, type IsoDate, QUESTIONS, type Question } from '#events/values.ts';
import { appliesOn } from '../agreement-period.ts';
import { firstDayOfYear, yearOf } from '../dates.ts';
import type { ScheduleSupervision } from '../organisation/commands.ts';
import { isRelevantFor, latestSupervision } from '../projections/supervision-rules.ts';
import type { AgreementSummary, SupervisionStatus } from '../projections/supervision-status.ts';
import type { SupervisingAuthority } from '../sectors.ts';
import { type CampaignPolicy, DEFAULT_CAMPAIGN_POLICY, dueOnFor } from './policy.ts';

export interface CampaignSelectionInput {
  readonly gemeente: string;
  readonly year: number;
  /** The day the campaign runs: follow-up deadlines and agreements are judged on it. Default 1 January of `year`. */
  readonly asOf?: IsoDate;
  readonly policy?: CampaignPolicy;
}

interface AgreementRef {
  readonly agreementId: string;
  readonly lead: string;
  readonly supervisor: string | null;
  readonly questions: readonly Question[];
}

/** What the campaign decides for one organisation, and why. */
export type CampaignDecision =
  | {
      readonly outcome: 'due';
      readonly organisationId: string;
      readonly reasons: readonly CampaignReason[];
      readonly dueOn: IsoDate;
      /** Already on this gemeente's list for the year: scheduling again is a no-op. */
      readonly alreadyScheduled: boolean;
      /** An agreement led by another gemeente covers some (not all) questions. */
      readonly partlyCoveredBy: AgreementRef | null;
    }
  | { readonly outcome: 'covered'; readonly organisationId: string; readonly coveredBy: AgreementRef }
  | { readonly outcome: 'not-due'; readonly organisationId: string; readonly lastSupervisedOn: IsoDate | null }
  | {
      readonly outcome: 'not-supervised-by-gemeente';
      readonly organisationId: string;
      readonly supervisedBy: SupervisingAuthority;
    }
  | { readonly outcome: 'not-active-in-gemeente'; readonly organisationId: string };

const ref = (a: AgreementSummary): AgreementRef => ({
  agreementId: a.agreementId,
  lead: a.lead,
  supervisor: a.supervisor,
  questions: a.questions,
});

/**
 * Why an organisation is due for a gemeente in a campaign year, judged on the supervisions that
 * count for that gemeente (its own and its agreement lead's): no meldcode on record (or a
 * supervisor found none), never supervised, last verdict not compliant, its follow-up deadline
 * passed, a meldcode submitted since, or the policy interval elapsed. Empty: not due. In the
 * order of `CAMPAIGN_REASONS`.
 */
export function dueReasons(
  status: SupervisionStatus,
  gemeente: string,
  year: number,
  asOf: IsoDate,
  policy: CampaignPolicy = DEFAULT_CAMPAIGN_POLICY,
): CampaignReason[] {
  const relevant = status.supervisions.filter((s) => isRelevantFor(s, gemeente, status.agreements));
  const last = latestSupervision(relevant);
  const reasons = new Set<CampaignReason>();
  if (status.meldcode === null || status.q1.answer === 'no') reasons.add('no-meldcode');
  if (last === null) {
    reasons.add('never-supervised');
  } else {
    if (last.verdict !== 'compliant') reasons.add('last-verdict-not-compliant');
    if (last.followUpDeadline !== null && last.followUpDeadline < asOf) reasons.add('follow-up-deadline-passed');
    if (status.meldcodes.some((m) => m.version > last.version)) reasons.add('meldcode-changed');
    if (year - yearOf(last.performedOn) >= policy.intervalYears[status.sector]) reasons.add('interval-elapsed');
  }
  return CAMPAIGN_REASONS.filter((r) => reasons.has(r));
}

/**
 * Which organisations a gemeente must supervise in a campaign year, and why; one decision per
 * status given. Never a sector the gemeente does not supervise, never an organisation not active
 * in the gemeente. Under an agreement applying on the campaign day that covers all three
 * questions, only its lead is given the organisation; the other parties get `covered` with the
 * agreement and its lead. A gemeente not party to the agreement decides for itself.
 */
export function selectForCampaign(
  input: CampaignSelectionInput,
  statuses: readonly SupervisionStatus[],
): CampaignDecision[] {
  const { gemeente, year } = input;
  const asOf = input.asOf ?? firstDayOfYear(year);
  const policy = input.policy ?? DEFAULT_CAMPAIGN_POLICY;
  return statuses.map((status): CampaignDecision => {
    const organisationId = status.organisationId;
    if (!status.gemeenten.some((a) => a.gemeente === gemeente))
      return { outcome: 'not-active-in-gemeente', organisationId };
    if (!status.supervisedByGemeente) {
      return { outcome: 'not-supervised-by-gemeente', organisationId, supervisedBy: status.supervisedBy };
    }
    const ledByOther = status.agreements.filter(
      (a) => appliesOn(a, asOf) && a.gemeenten.includes(gemeente) && a.lead !== gemeente,
    );
    const full = ledByOther.find((a) => QUESTIONS.every((q) => a.questions.includes(q)));
    if (full) return { outcome: 'covered', organisationId, coveredBy: ref(full) };
    const reasons = dueReasons(status, gemeente, year, asOf, policy);
    if (reasons.length === 0) {
      const last = latestSupervision(status.supervisions.filter((s) => isRelevantFor(s, gemeente, status.agreements)));
      return { outcome: 'not-due', organisationId, lastSupervisedOn: last?.performedOn ?? null };
    }
    const partly = ledByOther[0];
    return {
      outcome: 'due',
      organisationId,
      reasons,
      dueOn: dueOnFor(year, policy),
      alreadyScheduled: status.scheduled.some((e) => e.campaignYear === year && e.gemeente === gemeente),
      partlyCoveredBy: partly ? ref(partly) : null,
    };
  });
}

/** The ScheduleSupervision command for a due decision, as the campaign worker issues it. */
export function scheduleCommandFor(
  decision: Extract<CampaignDecision, { outcome: 'due' }>,
  gemeente: string,
  year: number,
): ScheduleSupervision {
  return {
    type: 'ScheduleSupervision',
    data: { campaignYear: year, gemeente, reasons: [...decision.reasons], dueOn: decision.dueOn },
  };
}
