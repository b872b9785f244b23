import type { IsoDate, Sector } from '#events/values.ts';
import { amsterdamDateOf } from '../dates.ts';
import {
  ActingForOtherGemeenteError,
  ActorGemeenteMissingError,
  type DateInFutureError,
  GemeenteNotActiveError,
  OrganisationNotFoundError,
  RoleMayNotWriteError,
  SectorNotSupervisedByGemeenteError,
} from '../errors.ts';
import { SECTOR_RULES } from '../sectors.ts';
import type { Actor, DecideContext, OrganisationCommandType } from './commands.ts';
import type { OrganisationState, RegisteredOrganisation } from './state.ts';

/**
 * The write rules every command shares: viewers and auditors never write; the system (campaign
 * worker) only schedules; a supervisor acts for its own gemeente, where the organisation is active.
 */
export function assertRoleMayWrite(actor: Actor, command: OrganisationCommandType): void {
  if (actor.role === 'supervisor') return;
  if (actor.role === 'system' && command === 'ScheduleSupervision') return;
  throw new RoleMayNotWriteError(actor.role, command);
}

/** The gemeente a supervisor acts for; a supervisor without one may do nothing. */
export function actorGemeente(actor: Actor, command: OrganisationCommandType): string {
  if (!actor.gemeente) throw new ActorGemeenteMissingError(command);
  return actor.gemeente;
}

/** Every command but the registration needs an organisation: 404 otherwise. */
export function assertRegistered(
  state: OrganisationState,
  command: OrganisationCommandType,
): asserts state is RegisteredOrganisation {
  if (state.status !== 'registered') throw new OrganisationNotFoundError(command);
}

/** A gemeente acts only on organisations active in it (ARCHITECTURE.md, Identity and access). */
export function assertActiveIn(state: RegisteredOrganisation, gemeente: string): void {
  if (!state.gemeenten.includes(gemeente)) throw new GemeenteNotActiveError(gemeente, state.organisationId);
}

/**
 * Checks role and gemeente for a command on a registered organisation. The acting gemeente is the
 * actor's own or, for a system actor without one, the gemeente the command names (`onBehalfOf`);
 * it must be one where the organisation is active. A command naming another gemeente than the
 * actor's is refused, so nobody acts in another gemeente's name.
 */
export function assertMayAct(
  state: OrganisationState,
  command: OrganisationCommandType,
  actor: Actor,
  onBehalfOf?: string,
): asserts state is RegisteredOrganisation {
  assertRoleMayWrite(actor, command);
  assertRegistered(state, command);
  const gemeente = actor.role === 'system' && !actor.gemeente ? onBehalfOf : actorGemeente(actor, command);
  if (gemeente === undefined) throw new ActorGemeenteMissingError(command);
  if (onBehalfOf !== undefined && onBehalfOf !== gemeente) throw new ActingForOtherGemeenteError(gemeente, onBehalfOf);
  assertActiveIn(state, gemeente);
}

/** Jeugdhulp, onderwijs, zorg and volunteers are never scheduled or supervised by a gemeente. */
export function assertSectorSupervisedByGemeente(sector: Sector): void {
  const rules = SECTOR_RULES[sector];
  if (!rules.supervisedByGemeente) throw new SectorNotSupervisedByGemeenteError(sector, rules.supervisedBy);
}

/** Today in the Netherlands, the day against which "not in the future" is checked. */
export function today(context: DecideContext): IsoDate {
  return amsterdamDateOf(context.now);
}

/** Dates of facts (adopted, performed, effective) cannot lie after today. */
export function assertNotAfter(
  ErrorClass: new (field: string, date: string, today: string) => DateInFutureError,
  field: string,
  date: IsoDate,
  todayDate: IsoDate,
): void {
  if (date > todayDate) throw new ErrorClass(field, date, todayDate);
}

/** Keeps the first of each value, in order: commands may repeat a gemeente or element. */
export function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
