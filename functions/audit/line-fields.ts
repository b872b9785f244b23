import { hash as oneShotHash } from 'node:crypto';
import type { StoredEvent } from '#events/envelope.ts';
import type { ChainLink } from '#functions/event-store/hash-chain.ts';

/**
 * The members of an event the audit reads before it parses anything, and the parts of the line a
 * replay needs (`[start, end)` pairs): the line without `eventId`, `hash`, `logBucket`, `logKey`,
 * `prevHash` and `streamId`, still one JSON object, a third shorter to keep and to parse.
 */
export type LineLink = ChainLink &
  Pick<StoredEvent, 'recordedAt'> & { readonly replayPart: readonly number[] | undefined };

const key = (name: string): Buffer => Buffer.from(`"${name}":`, 'latin1');
const HASH = key('hash');
const PREV_HASH = key('prevHash');
const STREAM_ID = key('streamId');
const RECORDED_AT = key('recordedAt');
const EVENT_ID = key('eventId');
const META = key('meta');
const TYPE = key('type');
const VERSION = key('version');
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const CLOSE = 0x7d;
const HEX_LENGTH = 64;

/** The 64 hex digits of a hash member's value at `at` (the key's position), or undefined. */
function hexAt(bytes: Buffer, at: number, keyLength: number, end: number): string | undefined {
  const start = at + keyLength + 1;
  if (bytes[start - 1] !== QUOTE || bytes[start + HEX_LENGTH] !== QUOTE || start + HEX_LENGTH >= end) return undefined;
  return bytes.toString('latin1', start, start + HEX_LENGTH);
}

const sha256 = (data: Buffer): string => oneShotHash('sha256', data, 'hex');

/**
 * The chain members of an export line read straight from its bytes (`bytes[start..end)`), when
 * the line proves itself: an export line is the event's canonical JSON (RFC 8785) with its hash,
 * so the line without its `hash` member is, byte for byte, what the event store hashed. If those
 * bytes hash to the line's own hash they are authentic (SHA-256 does not collide), and so are the
 * members read from them: `version` is the last member, `streamId`, `recordedAt` and `prevHash` come
 * after every object member, `hash` after `data`. Undefined when the line does not prove itself (altered, or
 * not written canonically): then the caller parses it and decides with the full canonical JSON.
 * This is how an export is verified without parsing it.
 */
export function verifiedLinkOfLine(bytes: Buffer, start: number, end: number): LineLink | undefined {
  if (bytes[end - 1] !== CLOSE) return undefined;
  const versionAt = bytes.lastIndexOf(VERSION, end - VERSION.length);
  if (versionAt < start) return undefined;
  const version = Number(bytes.toString('latin1', versionAt + VERSION.length, end - 1));
  if (!Number.isInteger(version)) return undefined;
  const streamAt = bytes.lastIndexOf(STREAM_ID, versionAt);
  if (streamAt < start || bytes[streamAt + STREAM_ID.length] !== QUOTE) return undefined;
  const streamEnd = bytes.indexOf(QUOTE, streamAt + STREAM_ID.length + 1);
  if (streamEnd < 0 || streamEnd >= versionAt) return undefined;
  const streamId = bytes.toString('utf8', streamAt + STREAM_ID.length + 1, streamEnd);
  // An escape sequence would have to be decoded: leave such a line to the parser.
  if (streamId.includes('\\')) return undefined;
  const recordedAt = bytes.lastIndexOf(RECORDED_AT, streamAt);
  if (recordedAt < start || bytes[recordedAt + RECORDED_AT.length] !== QUOTE) return undefined;
  const recordedEnd = bytes.indexOf(QUOTE, recordedAt + RECORDED_AT.length + 1);
  if (recordedEnd < 0 || recordedEnd >= streamAt) return undefined;
  for (let i = recordedAt + RECORDED_AT.length + 1; i < recordedEnd; i++) if (bytes[i] === BACKSLASH) return undefined;
  const prevAt = bytes.lastIndexOf(PREV_HASH, recordedAt);
  if (prevAt < start) return undefined;
  const prevHash = hexAt(bytes, prevAt, PREV_HASH.length, end);
  const hashAt = bytes.lastIndexOf(HASH, prevAt);
  if (hashAt <= start || prevHash === undefined) return undefined;
  const hash = hexAt(bytes, hashAt, HASH.length, end);
  if (hash === undefined) return undefined;
  // The line without `"hash":"…"` and one of the commas around it.
  const memberEnd = hashAt + HASH.length + HEX_LENGTH + 2;
  const commaBefore = bytes[hashAt - 1] === COMMA;
  const withoutHash = Buffer.concat([
    bytes.subarray(start, commaBefore ? hashAt - 1 : hashAt),
    bytes.subarray(!commaBefore && bytes[memberEnd] === COMMA ? memberEnd + 1 : memberEnd, end),
  ]);
  if (sha256(withoutHash) !== hash) return undefined;
  return {
    streamId,
    version,
    prevHash,
    hash,
    recordedAt: bytes.toString('latin1', recordedAt + RECORDED_AT.length + 1, recordedEnd),
    replayPart: replayPartOf(bytes, start, end, { hashAt, prevAt, recordedAt, streamAt, streamEnd }),
  };
}

/**
 * The segments of an authentic canonical line that a replay reads: in canonical order `eventId`,
 * `hash`, `logBucket` and `logKey` stand together between `data` and `meta`, `prevHash` between
 * `occurredAt` and `recordedAt`, `streamId` between `schemaVersion` and `type`; each run is cut out
 * with the comma before it. Undefined when the line is not laid out that way (it is then kept whole).
 */
function replayPartOf(
  bytes: Buffer,
  start: number,
  end: number,
  at: { hashAt: number; prevAt: number; recordedAt: number; streamAt: number; streamEnd: number },
): number[] | undefined {
  const eventIdAt = bytes.lastIndexOf(EVENT_ID, at.hashAt);
  const metaAt = bytes.indexOf(META, at.hashAt);
  const typeAt = bytes.indexOf(TYPE, at.streamEnd);
  const commaBefore = (position: number): boolean => position > start && bytes[position - 1] === COMMA;
  if (
    eventIdAt <= start ||
    metaAt < 0 ||
    metaAt > at.prevAt ||
    typeAt < 0 ||
    typeAt >= end ||
    ![eventIdAt, metaAt, at.prevAt, at.recordedAt, at.streamAt, typeAt].every(commaBefore)
  ) {
    return undefined;
  }
  return [start, eventIdAt - 1, metaAt - 1, at.prevAt - 1, at.recordedAt - 1, at.streamAt - 1, typeAt - 1, end];
}
