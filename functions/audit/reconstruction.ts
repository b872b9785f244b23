import type { CampaignProgress } from '#domain/campaign/progress.ts';
import { type CoordinationEntry, coordinationEntry } from '#domain/projections/coordination.ts';
import { type GemeenteRow, gemeenteRows } from '#domain/projections/gemeente-rows.ts';
import type { OrganisationHistory } from '#domain/projections/organisation-history.ts';
import { supervisionStatus } from '#domain/projections/supervision-status.ts';
import type { IsoDate } from '#events/values.ts';
import { campaignProgressToNl, ProgressTally } from '#functions/campaign/progress.ts';
import type { BrokenLink, BrokenLinkReason, LogVerification } from '#functions/event-store/hash-chain.ts';
import { coordinationToNl, gemeenteRef, gemeenteRowToNl } from '#functions/http/mapping.ts';
import { endOfDay } from './replay.ts';

export interface ReconstructionScope {
  /** The reference date: the views as they were at its end. */
  readonly peildatum: IsoDate;
  /** One gemeente's views (its rows, its coordination entries, its campaigns); all gemeenten without. */
  readonly gemeente?: string;
}

/**
 * The views of a set of replayed histories on the reference date, computed with the projector's
 * own functions (`supervisionStatus`, `gemeenteRows`, `coordinationEntry`, `campaignProgress`).
 * Plain data, so a replay split over threads can add the parts up.
 */
export interface ReconstructedViews {
  readonly organisations: number;
  /** The scope gemeente's rows; empty for all gemeenten (then only `rowsPerGemeente`). */
  readonly rows: GemeenteRow[];
  readonly rowsPerGemeente: Record<string, number>;
  readonly coordination: CoordinationEntry[];
  /** Per gemeente and campaign year; organisations listed only for a single gemeente. */
  readonly campaigns: CampaignProgress[];
}

/** Folds replayed histories into the views of a scope, one organisation at a time. */
export class ViewsBuilder {
  private organisations = 0;
  private readonly rows: GemeenteRow[] = [];
  private readonly rowsPerGemeente: Record<string, number> = {};
  private readonly coordination: CoordinationEntry[] = [];
  private readonly campaigns: ProgressTally;

  constructor(private readonly scope: ReconstructionScope) {
    this.campaigns = new ProgressTally(scope.peildatum, {
      ...(scope.gemeente ? { gemeente: scope.gemeente } : {}),
      keepEntries: scope.gemeente !== undefined,
    });
  }

  add(history: OrganisationHistory): void {
    const status = supervisionStatus(history, this.scope.peildatum);
    if (status === null) return;
    const { gemeente } = this.scope;
    const rows = gemeenteRows(status);
    if (gemeente !== undefined && !rows.some((row) => row.gemeente === gemeente)) return;
    this.organisations++;
    for (const row of rows) {
      this.rowsPerGemeente[row.gemeente] = (this.rowsPerGemeente[row.gemeente] ?? 0) + 1;
      if (row.gemeente === gemeente) this.rows.push(row);
    }
    const entry = coordinationEntry(status);
    if (entry !== null) this.coordination.push(entry);
    this.campaigns.add(status);
  }

  /** Adds the views another thread built for its share of the organisations. */
  merge(part: ReconstructedViews): void {
    this.organisations += part.organisations;
    this.rows.push(...part.rows);
    for (const [gemeente, count] of Object.entries(part.rowsPerGemeente)) {
      this.rowsPerGemeente[gemeente] = (this.rowsPerGemeente[gemeente] ?? 0) + count;
    }
    this.coordination.push(...part.coordination);
    for (const progress of part.campaigns) this.campaigns.merge(progress);
  }

  result(): ReconstructedViews {
    const byName = (a: { name: string; organisationId: string }, b: { name: string; organisationId: string }) =>
      a.name.localeCompare(b.name, 'nl') || a.organisationId.localeCompare(b.organisationId);
    return {
      organisations: this.organisations,
      rows: [...this.rows].sort(byName),
      rowsPerGemeente: { ...this.rowsPerGemeente },
      coordination: [...this.coordination].sort(byName),
      campaigns: this.campaigns.results(),
    };
  }
}

const REASON_TO_NL: Record<BrokenLinkReason, string> = {
  'hash-mismatch': 'inhoud-gewijzigd',
  'prev-hash-mismatch': 'schakel-verbroken',
  'version-gap': 'versie-ontbreekt',
  'wrong-stream': 'verkeerde-stroom',
};

const EXPLANATION_NL: Record<BrokenLinkReason, string> = {
  'hash-mismatch':
    'De inhoud van deze gebeurtenis past niet bij haar opgeslagen hash: zij is na het vastleggen gewijzigd.',
  'prev-hash-mismatch':
    'De vorige hash van deze gebeurtenis is niet de hash van de versie ervoor: de keten is hier verbroken.',
  'version-gap': 'Deze versie ontbreekt of komt dubbel voor: een gebeurtenis is verwijderd of toegevoegd.',
  'wrong-stream': 'Deze gebeurtenis hoort bij een andere stroom.',
};

/** One broken link in the public API's Dutch: which stream and version, and what differs. */
export function brokenLinkToNl(link: BrokenLink) {
  return {
    stroom: link.streamId,
    versie: link.version,
    reden: REASON_TO_NL[link.reason],
    toelichting: EXPLANATION_NL[link.reason],
    details: link.detail,
  };
}

/** The integrity check's answer (GET /v1/audit/integriteit and `npm run audit -- verify`). */
export function verificationToNl(verification: LogVerification) {
  return {
    intact: verification.brokenLinks.length === 0,
    stromenGecontroleerd: verification.streamsChecked,
    gebeurtenissenGecontroleerd: verification.eventsChecked,
    gebrokenSchakels: verification.brokenLinks.map(brokenLinkToNl),
  };
}

/**
 * The reconstruction as the public API gives it (GET /v1/audit/reconstructie, and the CLI's
 * `replay`): what the log held up to the end of the reference date, its integrity, and the views.
 */
export function reconstructionToNl(
  scope: ReconstructionScope,
  views: ReconstructedViews,
  replay: { readonly eventsReplayed: number; readonly verification: LogVerification },
) {
  const single = scope.gemeente !== undefined;
  return {
    peildatum: scope.peildatum,
    gemeente: scope.gemeente ? gemeenteRef(scope.gemeente) : null,
    grondslag: {
      vastgelegdTotEnMet: endOfDay(scope.peildatum),
      gebeurtenissen: replay.eventsReplayed,
      organisaties: views.organisations,
    },
    integriteit: verificationToNl(replay.verification),
    ...(single
      ? { organisaties: views.rows.map(gemeenteRowToNl) }
      : {
          gemeenten: Object.entries(views.rowsPerGemeente)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([code, organisaties]) => ({ gemeente: gemeenteRef(code), organisaties })),
        }),
    afstemming: views.coordination.map(coordinationToNl),
    toezichtcampagnes: views.campaigns.map((progress) => campaignProgressToNl(progress, single)),
  };
}

export type ReconstructionNl = ReturnType<typeof reconstructionToNl>;
