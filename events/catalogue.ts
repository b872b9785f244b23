import * as z from 'zod';
import { gemeentecodeSchema } from './gemeenten.ts';
import {
  branchNumberSchema,
  campaignReasonSchema,
  isoDateSchema,
  kvkNumberSchema,
  lrkNumberSchema,
  meldcodeElementIdSchema,
  promotionMeasureSchema,
  questionSchema,
  sectorSchema,
  ulidSchema,
  verdictSchema,
} from './values.ts';

/**
 * The event catalogue: one zod schema per event type, at its current schema version.
 * Older versions are read through `upcasters.ts`. Field names are English (code and events);
 * the Dutch names of the public API are mapped in the HTTP layer only.
 */

const gemeenten = z.array(gemeentecodeSchema).min(1);

export const organisationRegisteredSchema = z.strictObject({
  organisationId: ulidSchema,
  name: z.string().trim().min(1).max(200),
  kvkNumber: kvkNumberSchema,
  branchNumber: branchNumberSchema.optional(),
  lrkNumber: lrkNumberSchema.optional(),
  sector: sectorSchema,
  gemeenten,
  /**
   * Since when the organisation exists in the register (KvK); a meldcode cannot predate it.
   * Absent when the registering gemeente did not give it: unknown is recorded as unknown.
   */
  existsSince: isoDateSchema.optional(),
});

export const organisationActivityChangedSchema = z.strictObject({
  added: z.array(gemeentecodeSchema),
  removed: z.array(gemeentecodeSchema),
  effectiveOn: isoDateSchema,
});

export const meldcodeSubmittedSchema = z.strictObject({
  meldcodeId: ulidSchema,
  /** The organisation's own label of this version, e.g. "2024-1". */
  label: z.string().trim().min(1).max(100),
  adoptedOn: isoDateSchema,
  elements: z.array(meldcodeElementIdSchema),
  /** Recommended, not required: a named aandachtsfunctionaris. Unknown for old submissions. */
  attentionOfficer: z.boolean().optional(),
  /** Recommended, not required: signals and decisions are recorded in the client file. */
  recordsKept: z.boolean().optional(),
  promotionMeasures: z.array(promotionMeasureSchema).max(100),
});

export const supervisionScheduledSchema = z.strictObject({
  campaignYear: z.number().int().min(2000).max(2100),
  gemeente: gemeentecodeSchema,
  reasons: z.array(campaignReasonSchema).min(1),
  dueOn: isoDateSchema,
});

export const supervisionFindingsSchema = z.strictObject({
  q1: z.strictObject({ answer: z.enum(['yes', 'no']), note: z.string().max(4000).optional() }).optional(),
  q2: z
    .strictObject({
      answer: z.enum(['yes', 'no']),
      /** The elements the supervisor found present; overrides the self-declared list. */
      elementsPresent: z.array(meldcodeElementIdSchema).optional(),
      note: z.string().max(4000).optional(),
    })
    .optional(),
  q3: z
    .strictObject({
      answer: z.enum(['sufficient', 'insufficient']),
      note: z.string().max(4000).optional(),
    })
    .optional(),
});
export type SupervisionFindings = z.infer<typeof supervisionFindingsSchema>;

export const supervisionCompletedSchema = z.strictObject({
  supervisionId: ulidSchema,
  /** The gemeente on whose behalf the supervision was done. */
  gemeente: gemeentecodeSchema,
  /** The toezichthouder, e.g. "GGD Hollands Midden", where not the gemeente itself. */
  supervisor: z.string().trim().min(1).max(200).optional(),
  performedOn: isoDateSchema,
  verdict: verdictSchema,
  findings: supervisionFindingsSchema,
  followUpDeadline: isoDateSchema.optional(),
});

export const agreementMadeSchema = z.strictObject({
  agreementId: ulidSchema,
  gemeenten: z.array(gemeentecodeSchema).min(2),
  lead: gemeentecodeSchema,
  /** A regional toezichthouder acting for all parties, e.g. "GGD Gelderland-Zuid". */
  supervisor: z.string().trim().min(1).max(200).optional(),
  questions: z.array(questionSchema).min(1),
  shareFindings: z.boolean(),
  validFrom: isoDateSchema,
  validUntil: isoDateSchema,
});

export const agreementEndedSchema = z.strictObject({
  agreementId: ulidSchema,
  endedOn: isoDateSchema,
  reason: z.string().max(1000).optional(),
});

/** Every event type with its data schema and current schema version. */
export const eventCatalogue = {
  OrganisationRegistered: { schemaVersion: 1, data: organisationRegisteredSchema },
  OrganisationActivityChanged: { schemaVersion: 1, data: organisationActivityChangedSchema },
  MeldcodeSubmitted: { schemaVersion: 2, data: meldcodeSubmittedSchema },
  SupervisionScheduled: { schemaVersion: 1, data: supervisionScheduledSchema },
  SupervisionCompleted: { schemaVersion: 1, data: supervisionCompletedSchema },
  AgreementMade: { schemaVersion: 1, data: agreementMadeSchema },
  AgreementEnded: { schemaVersion: 1, data: agreementEndedSchema },
} as const;

export type EventType = keyof typeof eventCatalogue;
export const EVENT_TYPES = Object.keys(eventCatalogue) as EventType[];

type DataOf<T extends EventType> = z.infer<(typeof eventCatalogue)[T]['data']>;

/** A domain event as deciders emit it and projections fold it: type plus data. */
export type DomainEvent = { [T in EventType]: { type: T; data: DataOf<T> } }[EventType];
export type EventOfType<T extends EventType> = Extract<DomainEvent, { type: T }>;

export type OrganisationRegistered = EventOfType<'OrganisationRegistered'>;
export type OrganisationActivityChanged = EventOfType<'OrganisationActivityChanged'>;
export type MeldcodeSubmitted = EventOfType<'MeldcodeSubmitted'>;
export type SupervisionScheduled = EventOfType<'SupervisionScheduled'>;
export type SupervisionCompleted = EventOfType<'SupervisionCompleted'>;
export type AgreementMade = EventOfType<'AgreementMade'>;
export type AgreementEnded = EventOfType<'AgreementEnded'>;

export const domainEventSchema = z.discriminatedUnion(
  'type',
  EVENT_TYPES.map((type) => z.strictObject({ type: z.literal(type), data: eventCatalogue[type].data })) as unknown as [
    z.ZodObject,
    ...z.ZodObject[],
  ],
);

/** Parses `{type, data}` against the catalogue at the current schema version. */
export function parseDomainEvent(input: unknown): DomainEvent {
  return domainEventSchema.parse(input) as DomainEvent;
}

/** EventBridge names: every event is published with this source and its type as detail-type. */
export { EVENT_SOURCE } from './bus.ts';
