import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, type StoredEvent } from '#events/envelope.ts';
import { canonicalJson, exportLine, fastHashEvent } from '#functions/audit/canonical-json.ts';
import { verifiedLinkOfLine } from '#functions/audit/line-fields.ts';
import { hashEvent } from '#functions/event-store/hash-chain.ts';

/**
 * The audit's fast canonical JSON must give exactly the bytes of `canonicalize` (what `hashEvent`
 * hashes), so its hashes are the event store's hashes: on generated JSON of every kind, unicode
 * (astral planes, keys that sort differently by code unit than by code point), numbers at the
 * edges of their serialisation, deep nesting; and it refuses what `canonicalize` refuses.
 */

/** Strings from the whole of Unicode, surrogate pairs included (but no lone surrogates). */
const unicodeJson = fc.jsonValue({ stringUnit: 'binary', maxDepth: 6 });
const edgeNumbers = fc.constantFrom(
  0,
  -0,
  1,
  -1,
  0.1,
  0.1 + 0.2,
  1e21,
  1e-7,
  1.5e-7,
  123456789012345680000,
  5e-324,
  -5e-324,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  2 ** 53 + 2,
  4.35,
  0.000001,
  1e300,
);
const awkwardKeys = fc.constantFrom(
  '',
  'a',
  'A',
  'é',
  'z',
  '\u007f',
  '\u0080',
  '\uffff',
  '\ud83d\ude00',
  '\ue000',
  '10',
  '9',
  '__proto__',
  'hash',
);

describe('canonical JSON fast path', () => {
  it('equals canonicalize on generated JSON with unicode strings and keys', () => {
    fc.assert(
      fc.property(unicodeJson, (value) => {
        expect(canonicalJson(value)).toBe(canonicalize(value));
      }),
      { numRuns: 2000 },
    );
  });

  it('equals canonicalize on numbers at the edges of their serialisation, also nested', () => {
    fc.assert(
      fc.property(
        fc.oneof(edgeNumbers, fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer()),
        fc.dictionary(awkwardKeys, fc.oneof(edgeNumbers, fc.double({ noNaN: true, noDefaultInfinity: true }))),
        (number, record) => {
          const value = { number, record, list: [number, record, [number]] };
          expect(canonicalJson(value)).toBe(canonicalize(value));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('sorts keys by UTF-16 code units, as RFC 8785 says (not by code point)', () => {
    const value = { '\ue000': 1, '\ud83d\ude00': 2, z: 3, é: 4, '': 5, A: 6, a: 7 };
    expect(canonicalJson(value)).toBe(canonicalize(value));
    // U+1F600 is encoded as D83D DE00, which sorts before U+E000 by code unit.
    expect(canonicalJson(value)).toBe('{"":5,"A":6,"a":7,"z":3,"\u00e9":4,"\ud83d\ude00":2,"\ue000":1}');
  });

  it('refuses what canonicalize refuses: lone surrogates, NaN, Infinity', () => {
    for (const bad of [{ s: '\ud800' }, { '\udc00x': 1 }, [Number.NaN], { n: Number.POSITIVE_INFINITY }]) {
      expect(() => canonicalize(bad)).toThrow();
      expect(() => canonicalJson(bad)).toThrow();
    }
  });

  it('leaves the top-level member it is told to out, and nothing else', () => {
    const value = { hash: 'x', data: { hash: 'nested stays' }, b: 1 };
    const { hash: _ignored, ...rest } = value;
    expect(canonicalJson(value, 'hash')).toBe(canonicalize(rest));
  });

  it('hashes stored events exactly as hashEvent does, whatever their content and member order', () => {
    const storedEvent = fc
      .record({
        streamId: fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }),
        version: fc.integer({ min: 1, max: 10_000 }),
        eventId: fc.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/),
        type: fc.constantFrom('MeldcodeSubmitted', 'SupervisionCompleted', 'AgreementMade'),
        schemaVersion: fc.integer({ min: 1, max: 3 }),
        data: fc.dictionary(
          fc.string({ unit: 'binary', maxLength: 12 }),
          fc.jsonValue({ stringUnit: 'binary', maxDepth: 4 }),
        ),
        meta: fc.record({
          actor: fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }),
          role: fc.constantFrom('supervisor' as const, 'system' as const),
          correlationId: fc.string({ minLength: 1, maxLength: 20 }),
        }),
        recordedAt: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
        prevHash: fc.constantFrom(GENESIS_HASH, 'a'.repeat(64)),
      })
      .map((e) => ({
        ...e,
        occurredAt: e.recordedAt,
        logBucket: e.recordedAt.slice(0, 10),
        logKey: `${e.recordedAt}#${e.eventId}`,
      }));
    fc.assert(
      fc.property(storedEvent, fc.boolean(), (event, reverse) => {
        const stored = { ...event, hash: hashEvent(event as Omit<StoredEvent, 'hash'>) } as StoredEvent;
        const reordered = reverse ? (Object.fromEntries(Object.entries(stored).reverse()) as StoredEvent) : stored;
        expect(fastHashEvent(reordered)).toBe(stored.hash);
        // An export line parses back to the same event, and verifies; so does a re-serialised one.
        const line = exportLine(stored);
        expect(fastHashEvent(JSON.parse(line) as StoredEvent)).toBe(stored.hash);
        const reserialised = JSON.stringify(reordered);
        expect(fastHashEvent(JSON.parse(reserialised) as StoredEvent)).toBe(stored.hash);
        const altered = line.replace(`"version":${stored.version}`, `"version":${stored.version + 1}`);
        // Read from its bytes, a canonical line proves itself and gives its own chain members;
        // an altered or re-serialised one does not (and is then parsed and hashed in full).
        const bytes = Buffer.from(`x\n${line}\ny`);
        const { streamId, version, prevHash, hash, recordedAt } = stored;
        const escaped = JSON.stringify(streamId).includes('\\');
        const link = verifiedLinkOfLine(bytes, 2, bytes.length - 2);
        if (escaped) {
          expect(link).toBeUndefined();
        } else {
          expect(link).toMatchObject({ streamId, version, prevHash, hash, recordedAt });
          // The part kept for a replay is the event without its chain and log members, still JSON.
          const segments = link!.replayPart!;
          const part = Buffer.concat(
            Array.from({ length: segments.length / 2 }, (_, i) => bytes.subarray(segments[2 * i], segments[2 * i + 1])),
          );
          const { data, meta, occurredAt, type, schemaVersion } = stored;
          // (-0 is written 0, as JSON does.)
          const expected = JSON.parse(
            JSON.stringify({ data, meta, occurredAt, recordedAt, schemaVersion, type, version }),
          );
          expect(JSON.parse(part.toString('utf8'))).toEqual(expected);
        }
        for (const other of [altered, reserialised]) {
          const otherBytes = Buffer.from(other);
          if (other !== line) expect(verifiedLinkOfLine(otherBytes, 0, otherBytes.length)).toBeUndefined();
        }
      }),
      { numRuns: 1000 },
    );
  });
});
