import type { DomainEvent } from '#events/catalogue.ts';
import { decideEndAgreement, decideMakeAgreement } from './agreements.ts';
import type { DecideContext, OrganisationCommand } from './commands.ts';
import { decideSubmitMeldcode } from './meldcode.ts';
import { decideChangeActivity, decideRegister } from './registration.ts';
import { evolve, initialState, type OrganisationState } from './state.ts';
import { decideCompleteSupervision, decideScheduleSupervision } from './supervision.ts';

/**
 * Decides what a command means for one organisation: the events to append, `[]` when it changes
 * nothing (a repeated schedule, an activity change that is already true), or a thrown `DomainError`
 * saying which rule refuses it. Pure: the same command, state and context give the same answer,
 * so the command handler may reload and decide again after a concurrency conflict.
 */
export function decide(command: OrganisationCommand, state: OrganisationState, context: DecideContext): DomainEvent[] {
  switch (command.type) {
    case 'RegisterOrganisation':
      return decideRegister(command, state, context);
    case 'ChangeActivity':
      return decideChangeActivity(command, state, context);
    case 'SubmitMeldcode':
      return decideSubmitMeldcode(command, state, context);
    case 'ScheduleSupervision':
      return decideScheduleSupervision(command, state, context);
    case 'CompleteSupervision':
      return decideCompleteSupervision(command, state, context);
    case 'MakeAgreement':
      return decideMakeAgreement(command, state, context);
    case 'EndAgreement':
      return decideEndAgreement(command, state, context);
  }
}

/** The organisation aggregate as an Emmett-style decider. */
export const organisationDecider = { decide, evolve, initialState } as const;

export type { OrganisationState };
