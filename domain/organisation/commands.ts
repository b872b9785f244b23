import * as z from 'zod';
import {
  agreementEndedSchema,
  agreementMadeSchema,
  meldcodeSubmittedSchema,
  organisationActivityChangedSchema,
  organisationRegisteredSchema,
  supervisionCompletedSchema,
  supervisionScheduledSchema,
} from '#events/catalogue.ts';

/**
 * The organisation's commands, in English as the events are. Each carries the ids of what it
 * creates (the HTTP layer and the campaign worker generate ULIDs), so `decide` stays pure and a
 * retried command names the same thing. Data shapes are the events' own: a command is a wish,
 * the event the fact, and the two only differ where `decide` normalises (dedupes, drops no-ops).
 */
export const organisationCommandSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('RegisterOrganisation'), data: organisationRegisteredSchema }),
  z.strictObject({ type: z.literal('ChangeActivity'), data: organisationActivityChangedSchema }),
  z.strictObject({ type: z.literal('SubmitMeldcode'), data: meldcodeSubmittedSchema }),
  z.strictObject({ type: z.literal('ScheduleSupervision'), data: supervisionScheduledSchema }),
  z.strictObject({ type: z.literal('CompleteSupervision'), data: supervisionCompletedSchema }),
  z.strictObject({ type: z.literal('MakeAgreement'), data: agreementMadeSchema }),
  z.strictObject({ type: z.literal('EndAgreement'), data: agreementEndedSchema }),
]);

export type OrganisationCommand = z.infer<typeof organisationCommandSchema>;
export type OrganisationCommandType = OrganisationCommand['type'];
export type CommandOfType<T extends OrganisationCommandType> = Extract<OrganisationCommand, { type: T }>;

export type RegisterOrganisation = CommandOfType<'RegisterOrganisation'>;
export type ChangeActivity = CommandOfType<'ChangeActivity'>;
export type SubmitMeldcode = CommandOfType<'SubmitMeldcode'>;
export type ScheduleSupervision = CommandOfType<'ScheduleSupervision'>;
export type CompleteSupervision = CommandOfType<'CompleteSupervision'>;
export type MakeAgreement = CommandOfType<'MakeAgreement'>;
export type EndAgreement = CommandOfType<'EndAgreement'>;

/** Who acts, from the verified token (or `system` for the campaign worker). */
export interface Actor {
  readonly subject: string;
  /** The gemeentecode the actor acts for; the campaign worker may leave it out. */
  readonly gemeente?: string | undefined;
  readonly role: 'supervisor' | 'viewer' | 'auditor' | 'system';
}

/** What `decide` needs besides the command and the state: the time, passed in, and the actor. */
export interface DecideContext {
  /** The current instant as an ISO timestamp (`Z` or an offset); "today" is its Dutch date. */
  readonly now: string;
  readonly actor: Actor;
}
