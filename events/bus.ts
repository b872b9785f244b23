/**
 * EventBridge names: every event is published with this source and its type as detail-type.
 * A module of its own, without zod, so the publisher (which only needs the name) bundles no
 * schemas: importing `catalogue.ts` would bring every event schema and zod along (~110 KiB).
 */
export const EVENT_SOURCE = 'meldcode-toezicht.events';
