import type { OrganisationActivityChanged, OrganisationRegistered } from '#events/catalogue.ts';
import {
  ActivityBeforeOrganisationExistedError,
  ActivityDateInFutureError,
  ContradictoryActivityChangeError,
  ExistsSinceInFutureError,
  GemeenteNotActiveError,
  LastGemeenteRemovedError,
  OrganisationAlreadyRegisteredError,
} from '../errors.ts';
import type { ChangeActivity, DecideContext, RegisterOrganisation } from './commands.ts';
import { actorGemeente, assertMayAct, assertNotAfter, assertRoleMayWrite, today, unique } from './guards.ts';
import type { OrganisationState } from './state.ts';

/**
 * Registers an organisation in the gemeenten where it is active. Any sector may be registered,
 * also those a gemeente does not supervise (jeugdhulp, onderwijs, zorg, vrijwilligers), so the
 * gemeente knows them; scheduling and supervising those is refused later. The registering
 * supervisor's gemeente must be among the organisation's gemeenten.
 */
export function decideRegister(
  command: RegisterOrganisation,
  state: OrganisationState,
  context: DecideContext,
): OrganisationRegistered[] {
  assertRoleMayWrite(context.actor, command.type);
  const gemeente = actorGemeente(context.actor, command.type);
  const data = command.data;
  if (state.status === 'registered') throw new OrganisationAlreadyRegisteredError(state.organisationId);
  const gemeenten = unique(data.gemeenten);
  if (!gemeenten.includes(gemeente)) throw new GemeenteNotActiveError(gemeente, data.organisationId);
  if (data.existsSince !== undefined) {
    assertNotAfter(ExistsSinceInFutureError, 'existsSince', data.existsSince, today(context));
  }
  return [
    {
      type: 'OrganisationRegistered',
      data: {
        organisationId: data.organisationId,
        name: data.name.trim(),
        kvkNumber: data.kvkNumber,
        ...(data.branchNumber === undefined ? {} : { branchNumber: data.branchNumber }),
        ...(data.lrkNumber === undefined ? {} : { lrkNumber: data.lrkNumber }),
        sector: data.sector,
        gemeenten,
        existsSince: data.existsSince,
      },
    },
  ];
}

/**
 * Adds and removes gemeenten where the organisation is active, as of a date (not in the future,
 * not before the organisation existed). Idempotent by design: adding a gemeente that is already
 * active, or removing one that is not, is dropped from the change, and a change with nothing left
 * emits no event, so a retried request is harmless. The last gemeente cannot be removed: an
 * organisation active nowhere would be visible to no gemeente at all.
 */
export function decideChangeActivity(
  command: ChangeActivity,
  state: OrganisationState,
  context: DecideContext,
): OrganisationActivityChanged[] {
  assertMayAct(state, command.type, context.actor);
  const { effectiveOn } = command.data;
  const both = command.data.added.filter((g) => command.data.removed.includes(g));
  if (both.length > 0) throw new ContradictoryActivityChangeError(unique(both));
  assertNotAfter(ActivityDateInFutureError, 'effectiveOn', effectiveOn, today(context));
  if (state.existsSince !== null && effectiveOn < state.existsSince) {
    throw new ActivityBeforeOrganisationExistedError('effectiveOn', effectiveOn, state.existsSince);
  }
  const added = unique(command.data.added).filter((g) => !state.gemeenten.includes(g));
  const removed = unique(command.data.removed).filter((g) => state.gemeenten.includes(g));
  if (added.length === 0 && removed.length === 0) return [];
  if (added.length === 0 && removed.length === state.gemeenten.length) {
    throw new LastGemeenteRemovedError(state.organisationId, removed);
  }
  return [{ type: 'OrganisationActivityChanged', data: { added, removed, effectiveOn } }];
}
