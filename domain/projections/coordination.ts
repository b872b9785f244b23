import type { IsoDate, Sector } from '#events/values.ts';
import { isDoneByLead, lastDayApplied, sharedQuestions } from '../agreement-period.ts';
import { minDate, yearOf } from '../dates.ts';
import type { AgreementSummary, SupervisionStatus } from './supervision-status.ts';

/** The gaps in coordination, by the Dutch codes supervisors use. */
export type CoordinationGapCode =
  | 'geen-afspraak'
  | 'afspraak-verlopen'
  | 'gemeente-niet-in-afspraak'
  | 'toezicht-door-niet-penvoerder'
  | 'penvoerder-niet-toegezien-in-campagnejaar';

export interface CoordinationGap {
  readonly code: CoordinationGapCode;
  readonly agreementId: string | null;
  /** The gemeente concerned: the one left out, the one that supervised, or the lead that did not. */
  readonly gemeente: string | null;
  readonly supervisionId: string | null;
  readonly campaignYear: number | null;
}

export interface CoordinationEntry {
  readonly organisationId: string;
  readonly name: string;
  readonly kvkNumber: string;
  readonly sector: Sector;
  readonly gemeenten: readonly string[];
  /** The current agreement covering the most questions; all current ones in `agreements`. */
  readonly agreement: AgreementSummary | null;
  readonly agreements: readonly AgreementSummary[];
  readonly gaps: readonly CoordinationGap[];
  readonly asOf: IsoDate;
  readonly appliedVersion: number;
}

const gap = (code: CoordinationGapCode, fields: Partial<Omit<CoordinationGap, 'code'>> = {}): CoordinationGap => ({
  code,
  agreementId: fields.agreementId ?? null,
  gemeente: fields.gemeente ?? null,
  supervisionId: fields.supervisionId ?? null,
  campaignYear: fields.campaignYear ?? null,
});

function gapsUnder(agreement: AgreementSummary, status: SupervisionStatus): CoordinationGap[] {
  const agreementId = agreement.agreementId;
  const gaps: CoordinationGap[] = status.gemeenten
    .filter((a) => !agreement.gemeenten.includes(a.gemeente))
    .map((a) => gap('gemeente-niet-in-afspraak', { agreementId, gemeente: a.gemeente }));
  const until = minDate(lastDayApplied(agreement), status.asOf);
  for (const s of status.supervisions) {
    const during = agreement.validFrom <= s.performedOn && s.performedOn <= until;
    if (!during || sharedQuestions(agreement.questions, s.questions).length === 0) continue;
    if (!isDoneByLead(agreement, s.gemeente, s.supervisor)) {
      gaps.push(
        gap('toezicht-door-niet-penvoerder', { agreementId, gemeente: s.gemeente, supervisionId: s.supervisionId }),
      );
    }
  }
  const missedYears = new Set<number>();
  for (const entry of status.scheduled) {
    const dueUnder = agreement.validFrom <= entry.dueOn && entry.dueOn <= lastDayApplied(agreement);
    if (!dueUnder || entry.dueOn >= status.asOf || entry.gemeente !== agreement.lead) continue;
    const leadSupervised = status.supervisions.some(
      (s) =>
        s.version > entry.version &&
        yearOf(s.performedOn) === entry.campaignYear &&
        isDoneByLead(agreement, s.gemeente, s.supervisor),
    );
    if (!leadSupervised) missedYears.add(entry.campaignYear);
  }
  for (const campaignYear of [...missedYears].sort((a, b) => a - b)) {
    gaps.push(
      gap('penvoerder-niet-toegezien-in-campagnejaar', { agreementId, gemeente: agreement.lead, campaignYear }),
    );
  }
  return gaps;
}

/**
 * The coordination entry of an organisation active in more than one gemeente, with its gaps on
 * `status.asOf`: no agreement (`geen-afspraak`, also when the last one was ended or has not started
 * yet); the last one ran out (`afspraak-verlopen`); and under each current agreement, a gemeente
 * where the organisation is active that is no party, a supervision of a covered question done by
 * someone other than the lead or its named toezichthouder, and a campaign year whose entry on the
 * lead's list is past due without a supervision by the lead (or its toezichthouder). Null for an
 * organisation in one gemeente, or of a sector no gemeente supervises (nothing to coordinate).
 */
export function coordinationEntry(status: SupervisionStatus): CoordinationEntry | null {
  if (status.gemeenten.length < 2 || !status.supervisedByGemeente) return null;
  const gaps: CoordinationGap[] = [];
  if (status.currentAgreements.length === 0) {
    const last = status.agreements
      .filter((a) => a.state === 'expired' || a.state === 'ended')
      .reduce<AgreementSummary | null>((l, a) => (l === null || lastDayApplied(a) >= lastDayApplied(l) ? a : l), null);
    gaps.push(
      last?.state === 'expired'
        ? gap('afspraak-verlopen', { agreementId: last.agreementId })
        : gap('geen-afspraak', { agreementId: null }),
    );
  }
  for (const agreement of status.currentAgreements) gaps.push(...gapsUnder(agreement, status));
  return {
    organisationId: status.organisationId,
    name: status.name,
    kvkNumber: status.kvkNumber,
    sector: status.sector,
    gemeenten: status.gemeenten.map((a) => a.gemeente),
    agreement: status.currentAgreement,
    agreements: status.currentAgreements,
    gaps,
    asOf: status.asOf,
    appliedVersion: status.appliedVersion,
  };
}
