import type { CampaignReason, IsoDate, Question, Sector, Verdict } from '#events/values.ts';
import { compareIso } from '../dates.ts';
import { questionsOf } from '../organisation/supervision.ts';
import { SECTOR_RULES, type SupervisingAuthority } from '../sectors.ts';
import type { ActivityFacts, AgreementFacts, OrganisationHistory } from './organisation-history.ts';
import { type Q1Status, type Q2Status, type Q3Status, q1Status, q2Status, q3Status } from './question-answers.ts';
import {
  type AgreementState,
  agreementState,
  currentMeldcode,
  isSupervisionCurrent,
  latestSupervision,
  type ScheduleState,
  scheduleState,
} from './supervision-rules.ts';

export interface MeldcodeSummary {
  readonly version: number;
  readonly meldcodeId: string;
  readonly label: string;
  readonly adoptedOn: IsoDate;
  readonly submittedAt: string;
}

export interface SupervisionSummary {
  readonly version: number;
  readonly supervisionId: string;
  readonly gemeente: string;
  readonly supervisor: string | null;
  readonly performedOn: IsoDate;
  readonly verdict: Verdict;
  readonly followUpDeadline: IsoDate | null;
  /** The questions it has findings for (all three when it has none). */
  readonly questions: readonly Question[];
}

export interface ScheduledEntry {
  readonly version: number;
  readonly campaignYear: number;
  readonly gemeente: string;
  readonly reasons: readonly CampaignReason[];
  readonly dueOn: IsoDate;
  readonly state: ScheduleState;
  readonly doneBy: string | null;
}

export interface AgreementSummary extends AgreementFacts {
  readonly state: AgreementState;
}

/**
 * The organisation's supervision status on a reference date: the three answers with their
 * evidence, supervisions, the campaign entries and the agreements. JSON-safe; everything the
 * gemeente rows, the coordination view and the campaign rules need is in here.
 */
export interface SupervisionStatus {
  readonly organisationId: string;
  readonly asOf: IsoDate;
  readonly appliedVersion: number;
  readonly lastRecordedAt: string | null;
  readonly name: string;
  readonly kvkNumber: string;
  readonly branchNumber: string | null;
  readonly lrkNumber: string | null;
  readonly sector: Sector;
  readonly existsSince: IsoDate | null;
  readonly supervisedBy: SupervisingAuthority;
  readonly supervisedByGemeente: boolean;
  readonly gemeenten: readonly ActivityFacts[];
  readonly formerGemeenten: readonly ActivityFacts[];
  /** The meldcode in force (adopted last), and every submission oldest first. */
  readonly meldcode: MeldcodeSummary | null;
  readonly meldcodes: readonly MeldcodeSummary[];
  readonly q1: Q1Status;
  readonly q2: Q2Status;
  readonly q3: Q3Status;
  readonly supervisions: readonly SupervisionSummary[];
  readonly lastSupervision: SupervisionSummary | null;
  readonly verdict: Verdict | null;
  readonly followUpDeadline: IsoDate | null;
  readonly followUpDeadlinePassed: boolean;
  readonly meldcodeChangedSinceLastSupervision: boolean;
  /** Every campaign entry, oldest first, with whether it is done. */
  readonly scheduled: readonly ScheduledEntry[];
  /** The open or overdue entry due first. */
  readonly nextSupervision: ScheduledEntry | null;
  readonly agreements: readonly AgreementSummary[];
  /** The agreements applying on `asOf` (at most one per question). */
  readonly currentAgreements: readonly AgreementSummary[];
  /** Of those, the one covering the most questions. */
  readonly currentAgreement: AgreementSummary | null;
}

/**
 * The supervision status of an organisation on `asOf` (a date: Q2's afwegingskader, Q3's 12 months,
 * overdue entries and agreement validity depend on it). Null while the stream holds no
 * registration. Cheap enough to compute at read time from the stored history, which keeps
 * time-dependent answers right without rewriting views every night.
 */
export function supervisionStatus(history: OrganisationHistory, asOf: IsoDate): SupervisionStatus | null {
  const organisation = history.organisation;
  if (organisation === null) return null;
  const { meldcodes, supervisions: supervisionFacts, agreements: agreementFacts } = history;
  const sector = organisation.sector;

  const meldcodeSummaries = meldcodes.map(
    ({ version, meldcodeId, label, adoptedOn, submittedAt }): MeldcodeSummary => ({
      version,
      meldcodeId,
      label,
      adoptedOn,
      submittedAt,
    }),
  );
  const supervisions = supervisionFacts.map(
    (s): SupervisionSummary => ({
      version: s.version,
      supervisionId: s.supervisionId,
      gemeente: s.gemeente,
      supervisor: s.supervisor,
      performedOn: s.performedOn,
      verdict: s.verdict,
      followUpDeadline: s.followUpDeadline,
      questions: questionsOf(s.findings),
    }),
  );
  const last = latestSupervision(supervisions);
  const scheduled = history.schedules.map(
    (entry): ScheduledEntry => ({
      version: entry.version,
      campaignYear: entry.campaignYear,
      gemeente: entry.gemeente,
      reasons: entry.reasons,
      dueOn: entry.dueOn,
      ...scheduleState(entry, supervisionFacts, agreementFacts, asOf),
    }),
  );
  const pending = scheduled.filter((e) => e.state !== 'done').sort((a, b) => compareIso(a.dueOn, b.dueOn));
  const agreements = agreementFacts.map((a): AgreementSummary => ({ ...a, state: agreementState(a, asOf) }));
  const currentAgreements = agreements.filter((a) => a.state === 'valid');
  const currentAgreement = currentAgreements.reduce<AgreementSummary | null>(
    (best, a) => (best === null || a.questions.length > best.questions.length ? a : best),
    null,
  );

  return {
    organisationId: organisation.organisationId,
    asOf,
    appliedVersion: history.appliedVersion,
    lastRecordedAt: history.lastRecordedAt,
    name: organisation.name,
    kvkNumber: organisation.kvkNumber,
    branchNumber: organisation.branchNumber,
    lrkNumber: organisation.lrkNumber,
    sector,
    existsSince: organisation.existsSince,
    supervisedBy: SECTOR_RULES[sector].supervisedBy,
    supervisedByGemeente: SECTOR_RULES[sector].supervisedByGemeente,
    gemeenten: history.gemeenten,
    formerGemeenten: history.formerGemeenten,
    meldcode: currentMeldcode(meldcodeSummaries),
    meldcodes: meldcodeSummaries,
    q1: q1Status(sector, meldcodes, supervisionFacts),
    q2: q2Status(sector, meldcodes, supervisionFacts, asOf),
    q3: q3Status(meldcodes, supervisionFacts, asOf),
    supervisions,
    lastSupervision: last,
    verdict: last?.verdict ?? null,
    followUpDeadline: last?.followUpDeadline ?? null,
    followUpDeadlinePassed: last?.followUpDeadline != null && last.followUpDeadline < asOf,
    meldcodeChangedSinceLastSupervision: last !== null && !isSupervisionCurrent(last, meldcodes),
    scheduled,
    nextSupervision: pending[0] ?? null,
    agreements,
    currentAgreements,
    currentAgreement,
  };
}
