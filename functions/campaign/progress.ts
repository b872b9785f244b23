import { type CampaignProgress, type CampaignProgressEntry, campaignProgress } from '#domain/campaign/progress.ts';
import type { SupervisionStatus } from '#domain/projections/supervision-status.ts';
import type { IsoDate } from '#events/values.ts';
import { gemeenteRef } from '#functions/http/mapping.ts';

/**
 * Campaign progress per gemeente and year, accumulated one organisation at a time with the
 * domain's `campaignProgress` (so a national tally never holds every status at once): the live
 * endpoint and the reconstruction as of a date count the same way.
 */
type Tally = {
  -readonly [K in keyof CampaignProgress]: K extends 'entries' ? CampaignProgressEntry[] : CampaignProgress[K];
};

export class ProgressTally {
  private readonly byKey = new Map<string, Tally>();

  constructor(
    private readonly asOf: IsoDate,
    private readonly options: { readonly gemeente?: string; readonly keepEntries: boolean },
  ) {}

  /** Counts one organisation for `years` (default: every year it has a campaign entry) in each gemeente where it is active. */
  add(status: SupervisionStatus, years?: readonly number[]): void {
    const campaignYears = years ?? [...new Set(status.scheduled.map((e) => e.campaignYear))];
    for (const { gemeente } of status.gemeenten) {
      if (this.options.gemeente !== undefined && gemeente !== this.options.gemeente) continue;
      for (const year of campaignYears) {
        const progress = campaignProgress({ gemeente, year, asOf: this.asOf }, [status]);
        if (progress.entries.length > 0) this.merge(progress);
      }
    }
  }

  /** Adds a tally computed elsewhere (another thread's share of the organisations). */
  merge(progress: CampaignProgress): void {
    const key = `${progress.gemeente}:${progress.year}`;
    let tally = this.byKey.get(key);
    if (tally === undefined) {
      tally = { ...noProgress(progress.gemeente, progress.year, progress.asOf), entries: [] };
      this.byKey.set(key, tally);
    }
    tally.due += progress.due;
    tally.done += progress.done;
    tally.overdue += progress.overdue;
    tally.open += progress.open;
    tally.coveredByOther += progress.coveredByOther;
    if (this.options.keepEntries) tally.entries.push(...progress.entries);
  }

  /** Every (gemeente, year) with at least one organisation, by gemeente then year. */
  results(): CampaignProgress[] {
    return [...this.byKey.values()]
      .map((tally) => ({ ...tally, entries: [...tally.entries].sort(byName) }))
      .sort((a, b) => a.gemeente.localeCompare(b.gemeente) || a.year - b.year);
  }
}

const byName = (a: CampaignProgressEntry, b: CampaignProgressEntry): number =>
  a.name.localeCompare(b.name, 'nl') || a.organisationId.localeCompare(b.organisationId);

/** An empty tally for a gemeente that has nothing (yet) for the year: it still answers with zeros. */
export const noProgress = (gemeente: string, year: number, asOf: IsoDate): CampaignProgress => ({
  gemeente,
  year,
  asOf,
  due: 0,
  done: 0,
  overdue: 0,
  open: 0,
  coveredByOther: 0,
  entries: [],
});

const STATE_TO_NL = {
  open: 'open',
  overdue: 'te-laat',
  done: 'uitgevoerd',
  'covered-by-other': 'gedekt-door-afspraak',
  'not-scheduled': 'niet-gepland',
} as const;

/** Campaign progress in the public API's Dutch; the organisations only where asked (one gemeente). */
export function campaignProgressToNl(progress: CampaignProgress, withOrganisations: boolean) {
  return {
    gemeente: gemeenteRef(progress.gemeente),
    jaar: progress.year,
    peildatum: progress.asOf,
    gepland: progress.due,
    uitgevoerd: progress.done,
    teLaat: progress.overdue,
    open: progress.open,
    gedektDoorAfspraak: progress.coveredByOther,
    ...(withOrganisations
      ? {
          organisaties: progress.entries.map((e) => ({
            organisatieId: e.organisationId,
            naam: e.name,
            sector: e.sector,
            status: STATE_TO_NL[e.state],
            uiterlijk: e.dueOn,
            redenen: [...e.reasons],
            uitgevoerdDoor: e.doneBy,
            gedektDoor: e.coveredBy
              ? {
                  afspraakId: e.coveredBy.agreementId,
                  penvoerder: e.coveredBy.lead,
                  statusPenvoerder: STATE_TO_NL[e.coveredBy.leadState],
                }
              : null,
          })),
        }
      : {}),
  };
}

export type CampaignProgressNl = ReturnType<typeof campaignProgressToNl>;
