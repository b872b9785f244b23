import * as z from 'zod';
import type { DomainEvent } from './catalogue.ts';
import { roleSchema, utcTimestampSchema } from './values.ts';

/** Who did it and why: copied onto every stored event. */
export const eventMetaSchema = z.strictObject({
  actor: z.string().min(1).max(200),
  gemeente: z.string().optional(),
  role: z.union([roleSchema, z.literal('system')]),
  correlationId: z.string().min(1).max(200),
  causationId: z.string().max(200).optional(),
  idempotencyKey: z.string().max(200).optional(),
});
export type EventMeta = z.infer<typeof eventMetaSchema>;

/** An event ready to append: the domain event plus meta and domain time. */
export type NewEvent = DomainEvent & {
  meta: EventMeta;
  /** Domain time, given by the caller or the clock (UTC, `Z`). */
  occurredAt: string;
};

/** The hash of the event before the first event of every stream. */
export const GENESIS_HASH = '0'.repeat(64);

/** An event as stored in the Events table and exported for auditors. */
export const storedEventSchema = z.strictObject({
  streamId: z.string().min(1),
  version: z.number().int().min(1),
  eventId: z.string().min(1),
  type: z.string().min(1),
  schemaVersion: z.number().int().min(1),
  data: z.record(z.string(), z.unknown()),
  meta: eventMetaSchema,
  occurredAt: utcTimestampSchema,
  recordedAt: utcTimestampSchema,
  /** Recorded day `YYYY-MM-DD`: partition key of the auditors' log index. */
  logBucket: z.string(),
  /** `recordedAt#eventId`: sort key of the auditors' log index. */
  logKey: z.string(),
  prevHash: z.string().regex(/^[0-9a-f]{64}$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type StoredEvent = z.infer<typeof storedEventSchema>;

export const organisationStreamId = (organisationId: string): string => `organisation#${organisationId}`;
export const organisationIdOf = (streamId: string): string => streamId.replace(/^organisation#/, '');
