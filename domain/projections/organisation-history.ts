import type { SupervisionFindings } from '#events/catalogue.ts';
import type { CampaignReason, IsoDate, MeldcodeElementId, PromotionMeasure, Sector, Verdict } from '#events/values.ts';
import type { AgreementPeriod } from '../agreement-period.ts';
import { amsterdamDateOf } from '../dates.ts';
import type { ProjectedEvent } from './projected-event.ts';

/**
 * The facts of one organisation's stream, folded: the state every view of the organisation is
 * computed from. It holds no derived answers (those depend on the reference date, see
 * `supervisionStatus`), only what the events say, so it can be stored in a view item (JSON-safe:
 * no `undefined`, no Map, no Date; absent values are `null`) and folded further later.
 */
export interface OrganisationHistory {
  /** The shape of this object; a change of shape means rebuilding the views. */
  readonly shape: 1;
  /** The stream version folded so far: the view is exactly the fold of events 1..appliedVersion. */
  readonly appliedVersion: number;
  readonly lastRecordedAt: string | null;
  readonly organisation: OrganisationFacts | null;
  /** Where the organisation is active now. */
  readonly gemeenten: readonly ActivityFacts[];
  /** Where it was active and no longer is (a view row to remove). */
  readonly formerGemeenten: readonly ActivityFacts[];
  readonly meldcodes: readonly MeldcodeFacts[];
  readonly supervisions: readonly SupervisionFacts[];
  readonly schedules: readonly ScheduleFacts[];
  readonly agreements: readonly AgreementFacts[];
}

export interface OrganisationFacts {
  readonly organisationId: string;
  readonly name: string;
  readonly kvkNumber: string;
  readonly branchNumber: string | null;
  readonly lrkNumber: string | null;
  readonly sector: Sector;
  /** null when the registration did not give it. */
  readonly existsSince: IsoDate | null;
  readonly registeredAt: string;
}

export interface ActivityFacts {
  readonly gemeente: string;
  readonly since: IsoDate;
  readonly until: IsoDate | null;
}

export interface MeldcodeFacts {
  readonly version: number;
  readonly meldcodeId: string;
  readonly label: string;
  readonly adoptedOn: IsoDate;
  readonly elements: readonly MeldcodeElementId[];
  readonly attentionOfficer: boolean | null;
  readonly recordsKept: boolean | null;
  readonly promotionMeasures: readonly PromotionMeasure[];
  readonly submittedAt: string;
}

export interface SupervisionFacts {
  readonly version: number;
  readonly supervisionId: string;
  readonly gemeente: string;
  readonly supervisor: string | null;
  readonly performedOn: IsoDate;
  readonly verdict: Verdict;
  readonly findings: SupervisionFindings;
  readonly followUpDeadline: IsoDate | null;
  readonly recordedAt: string;
}

export interface ScheduleFacts {
  readonly version: number;
  readonly campaignYear: number;
  readonly gemeente: string;
  readonly reasons: readonly CampaignReason[];
  readonly dueOn: IsoDate;
  readonly scheduledAt: string;
}

export interface AgreementFacts extends AgreementPeriod {
  readonly version: number;
  readonly shareFindings: boolean;
  readonly endReason: string | null;
  readonly madeAt: string;
}

/** Thrown when events do not follow each other: a projector bug or a wrong read, never user input. */
export class StreamGapError extends Error {
  override readonly name = 'StreamGapError';
  constructor(
    readonly expectedVersion: number,
    readonly actualVersion: number | null,
  ) {
    super(
      actualVersion === null
        ? `Stream ended before version ${expectedVersion}`
        : `Expected stream version ${expectedVersion}, got ${actualVersion}`,
    );
  }
}

export const emptyHistory: OrganisationHistory = {
  shape: 1,
  appliedVersion: 0,
  lastRecordedAt: null,
  organisation: null,
  gemeenten: [],
  formerGemeenten: [],
  meldcodes: [],
  supervisions: [],
  schedules: [],
  agreements: [],
};

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function cleanFindings(findings: SupervisionFindings): SupervisionFindings {
  const clean: SupervisionFindings = {};
  if (findings.q1) clean.q1 = withoutUndefined(findings.q1);
  if (findings.q2) clean.q2 = withoutUndefined(findings.q2);
  if (findings.q3) clean.q3 = withoutUndefined(findings.q3);
  return clean;
}

function facts(history: OrganisationHistory, event: ProjectedEvent): Partial<OrganisationHistory> {
  const { version } = event;
  switch (event.type) {
    case 'OrganisationRegistered': {
      if (history.organisation !== null) return {};
      const d = event.data;
      return {
        organisation: {
          organisationId: d.organisationId,
          name: d.name,
          kvkNumber: d.kvkNumber,
          branchNumber: d.branchNumber ?? null,
          lrkNumber: d.lrkNumber ?? null,
          sector: d.sector,
          existsSince: d.existsSince ?? null,
          registeredAt: event.occurredAt,
        },
        gemeenten: [...new Set(d.gemeenten)].map((gemeente) => ({
          gemeente,
          // Active since the organisation existed, or, when that is unknown, since it was registered here.
          since: d.existsSince ?? amsterdamDateOf(event.occurredAt),
          until: null,
        })),
      };
    }
    case 'OrganisationActivityChanged': {
      const { added, removed, effectiveOn } = event.data;
      const leaving = history.gemeenten.filter((a) => removed.includes(a.gemeente));
      const staying = history.gemeenten.filter((a) => !removed.includes(a.gemeente));
      const arriving = [...new Set(added)]
        .filter((g) => !staying.some((a) => a.gemeente === g))
        .map((gemeente) => ({ gemeente, since: effectiveOn, until: null }));
      return {
        gemeenten: [...staying, ...arriving],
        formerGemeenten: [
          ...history.formerGemeenten.filter((a) => !added.includes(a.gemeente)),
          ...leaving.map((a) => ({ ...a, until: effectiveOn })),
        ],
      };
    }
    case 'MeldcodeSubmitted': {
      const d = event.data;
      const meldcode: MeldcodeFacts = {
        version,
        meldcodeId: d.meldcodeId,
        label: d.label,
        adoptedOn: d.adoptedOn,
        elements: d.elements,
        attentionOfficer: d.attentionOfficer ?? null,
        recordsKept: d.recordsKept ?? null,
        promotionMeasures: d.promotionMeasures.map((m) => withoutUndefined(m)),
        submittedAt: event.occurredAt,
      };
      return { meldcodes: [...history.meldcodes, meldcode] };
    }
    case 'SupervisionScheduled': {
      const d = event.data;
      const schedule: ScheduleFacts = {
        version,
        campaignYear: d.campaignYear,
        gemeente: d.gemeente,
        reasons: d.reasons,
        dueOn: d.dueOn,
        scheduledAt: event.occurredAt,
      };
      return { schedules: [...history.schedules, schedule] };
    }
    case 'SupervisionCompleted': {
      const d = event.data;
      const supervision: SupervisionFacts = {
        version,
        supervisionId: d.supervisionId,
        gemeente: d.gemeente,
        supervisor: d.supervisor ?? null,
        performedOn: d.performedOn,
        verdict: d.verdict,
        findings: cleanFindings(d.findings),
        followUpDeadline: d.followUpDeadline ?? null,
        recordedAt: event.recordedAt,
      };
      return { supervisions: [...history.supervisions, supervision] };
    }
    case 'AgreementMade': {
      const d = event.data;
      const agreement: AgreementFacts = {
        version,
        agreementId: d.agreementId,
        gemeenten: d.gemeenten,
        lead: d.lead,
        supervisor: d.supervisor ?? null,
        questions: d.questions,
        shareFindings: d.shareFindings,
        validFrom: d.validFrom,
        validUntil: d.validUntil,
        endedOn: null,
        endReason: null,
        madeAt: event.occurredAt,
      };
      return { agreements: [...history.agreements, agreement] };
    }
    case 'AgreementEnded': {
      const { agreementId, endedOn, reason } = event.data;
      return {
        agreements: history.agreements.map((a) =>
          a.agreementId === agreementId && a.endedOn === null ? { ...a, endedOn, endReason: reason ?? null } : a,
        ),
      };
    }
  }
}

/**
 * Folds the next event of the stream. Events must come in stream order without gaps: that is
 * what makes the history a pure function of a stream prefix. Out-of-order delivery is handled
 * one level up, by `catchUp`, which reads the missing events from the store.
 */
export function applyEvent(history: OrganisationHistory, event: ProjectedEvent): OrganisationHistory {
  if (event.version !== history.appliedVersion + 1) throw new StreamGapError(history.appliedVersion + 1, event.version);
  return { ...history, ...facts(history, event), appliedVersion: event.version, lastRecordedAt: event.recordedAt };
}

/** The history of a whole stream prefix, oldest first: what replay and a view rebuild compute. */
export function foldHistory(
  events: Iterable<ProjectedEvent>,
  from: OrganisationHistory = emptyHistory,
): OrganisationHistory {
  let history = from;
  for (const event of events) history = applyEvent(history, event);
  return history;
}
