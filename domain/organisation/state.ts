import type { DomainEvent } from '#events/catalogue.ts';
import type { IsoDate, Sector } from '#events/values.ts';
import type { AgreementPeriod } from '../agreement-period.ts';

/** What `decide` must know of an organisation's past to check the next command, and no more. */
export type OrganisationState = UnregisteredOrganisation | RegisteredOrganisation;

export interface UnregisteredOrganisation {
  readonly status: 'unregistered';
}

export interface RegisteredOrganisation {
  readonly status: 'registered';
  readonly organisationId: string;
  readonly sector: Sector;
  /** null when the registration did not give it: then no date is checked against it. */
  readonly existsSince: IsoDate | null;
  /** Gemeenten where the organisation is active now, in the order they were added. */
  readonly gemeenten: readonly string[];
  readonly meldcodeIds: readonly string[];
  readonly supervisionIds: readonly string[];
  /** `campaignYear:gemeente` of every SupervisionScheduled: a second one is a no-op. */
  readonly scheduled: readonly string[];
  readonly agreements: readonly AgreementPeriod[];
}

export const initialState: OrganisationState = { status: 'unregistered' };

/** The key that makes scheduling idempotent: one entry per campaign year and gemeente. */
export const scheduleKey = (campaignYear: number, gemeente: string): string => `${campaignYear}:${gemeente}`;

/**
 * Folds one event into the decider's state. Total and pure: an event that cannot apply (anything
 * before the registration) leaves the state as it is, so a replay never throws.
 */
export function evolve(state: OrganisationState, event: DomainEvent): OrganisationState {
  if (event.type === 'OrganisationRegistered') {
    if (state.status === 'registered') return state;
    const { organisationId, sector, existsSince, gemeenten } = event.data;
    return {
      status: 'registered',
      organisationId,
      sector,
      existsSince: existsSince ?? null,
      gemeenten: [...new Set(gemeenten)],
      meldcodeIds: [],
      supervisionIds: [],
      scheduled: [],
      agreements: [],
    };
  }
  if (state.status !== 'registered') return state;
  switch (event.type) {
    case 'OrganisationActivityChanged': {
      const kept = state.gemeenten.filter((g) => !event.data.removed.includes(g));
      return { ...state, gemeenten: [...new Set([...kept, ...event.data.added])] };
    }
    case 'MeldcodeSubmitted':
      return { ...state, meldcodeIds: [...state.meldcodeIds, event.data.meldcodeId] };
    case 'SupervisionScheduled':
      return { ...state, scheduled: [...state.scheduled, scheduleKey(event.data.campaignYear, event.data.gemeente)] };
    case 'SupervisionCompleted':
      return { ...state, supervisionIds: [...state.supervisionIds, event.data.supervisionId] };
    case 'AgreementMade': {
      const { agreementId, gemeenten, lead, supervisor, questions, validFrom, validUntil } = event.data;
      const agreement: AgreementPeriod = {
        agreementId,
        gemeenten,
        lead,
        supervisor: supervisor ?? null,
        questions,
        validFrom,
        validUntil,
        endedOn: null,
      };
      return { ...state, agreements: [...state.agreements, agreement] };
    }
    case 'AgreementEnded':
      return {
        ...state,
        agreements: state.agreements.map((a) =>
          a.agreementId === event.data.agreementId && a.endedOn === null ? { ...a, endedOn: event.data.endedOn } : a,
        ),
      };
  }
}

/** The state after a whole stream, oldest event first. */
export function foldState(events: Iterable<DomainEvent>): OrganisationState {
  let state = initialState;
  for (const event of events) state = evolve(state, event);
  return state;
}
