import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, type StoredEvent } from '#events/envelope.ts';
import { fastHashEvent } from '#functions/audit/canonical-json.ts';
import {
  type ChainLink,
  ChainVerifier,
  hashEvent,
  verifyLog,
  verifyStream,
} from '#functions/event-store/hash-chain.ts';

function chain(streamId: string, count: number): StoredEvent[] {
  const events: StoredEvent[] = [];
  let prevHash = GENESIS_HASH;
  for (let version = 1; version <= count; version++) {
    const recordedAt = `2025-01-0${version}T10:00:00.000Z`;
    const body = {
      streamId,
      version,
      eventId: `e${streamId}${version}`,
      type: 'AgreementEnded',
      schemaVersion: 1,
      data: { agreementId: 'x', endedOn: '2025-01-01', n: version },
      meta: { actor: 'a', role: 'supervisor' as const, correlationId: 'c' },
      occurredAt: recordedAt,
      recordedAt,
      logBucket: recordedAt.slice(0, 10),
      logKey: `${recordedAt}#e${version}`,
      prevHash,
    };
    const hash = hashEvent(body);
    events.push({ ...body, hash });
    prevHash = hash;
  }
  return events;
}

describe('hash chain', () => {
  it('hashes independently of key order (RFC 8785 canonical JSON)', () => {
    const [event] = chain('s', 1);
    const reordered = Object.fromEntries(Object.entries(event!).reverse()) as StoredEvent;
    reordered.data = Object.fromEntries(Object.entries(event!.data).reverse());
    expect(hashEvent(reordered)).toBe(event!.hash);
  });

  it('verifies an intact stream and names a missing version', () => {
    const events = chain('s', 4);
    expect(verifyStream('s', events)).toMatchObject({ ok: true, eventsChecked: 4 });
    const gap = verifyStream('s', [events[0]!, events[1]!, events[3]!]);
    expect(gap).toMatchObject({ ok: false, brokenLink: { version: 3, reason: 'version-gap' } });
  });

  it('verifies a log whose streams interleave and arrive slightly out of order', () => {
    const a = chain('a', 3);
    const b = chain('b', 3);
    const log = [a[0]!, b[1]!, b[0]!, a[2]!, a[1]!, b[2]!];
    expect(verifyLog(log)).toEqual({ streamsChecked: 2, eventsChecked: 6, brokenLinks: [] });
  });

  it('reports the first broken link of each broken stream', () => {
    const a = chain('a', 3);
    const b = chain('b', 3);
    const tampered = { ...b[1]!, data: { ...b[1]!.data, n: 99 } };
    const result = verifyLog([...a, b[0]!, tampered, b[2]!]);
    expect(result.brokenLinks).toEqual([
      expect.objectContaining({ streamId: 'b', version: 2, reason: 'hash-mismatch' }),
    ]);
  });

  it('gives the same verdict when the caller passes the recomputed hash (the audit path), handing on verified events in stream order', () => {
    const a = chain('a', 4);
    const b = chain('b', 4);
    const c = chain('c', 3);
    const altered = (event: StoredEvent): StoredEvent => ({ ...event, data: { ...event.data, n: 99 } });
    const logs: Record<string, StoredEvent[]> = {
      intact: [a[0]!, b[1]!, b[0]!, a[2]!, a[1]!, c[0]!, b[2]!, c[2]!, c[1]!, a[3]!, b[3]!],
      altered: [...a, b[0]!, altered(b[1]!), b[2]!, b[3]!, ...c],
      'altered while waiting': [...a, b[0]!, altered(b[2]!), b[1]!, b[3]!, ...c],
      'prevHash broken': [...a, b[0]!, b[1]!, { ...b[2]!, prevHash: b[0]!.hash }, b[3]!, ...c],
      'version missing': [...a, b[0]!, b[2]!, b[3]!, c[1]!, c[2]!],
      'version twice': [...a, b[0]!, b[1]!, b[1]!, b[2]!, ...c],
      'wrong order and a gap at the end': [a[1]!, a[0]!, a[3]!, ...b, c[0]!],
    };
    for (const [name, log] of Object.entries(logs)) {
      const handedOn: string[] = [];
      const fast = new ChainVerifier<ChainLink, number>((link, index) => {
        expect(log[index]!.version, name).toBe(link.version);
        handedOn.push(`${link.streamId}:${link.version}`);
      });
      log.forEach((event, index) => {
        const { streamId, version, prevHash, hash } = event;
        fast.add({ streamId, version, prevHash, hash }, fastHashEvent(event), index);
      });
      const verdict = fast.finish();
      expect(verdict, name).toEqual(verifyLog(log));
      // Every verified event, each stream from version 1 up to its first broken link (a version
      // that comes twice was verified the first time), in order.
      for (const streamId of ['a', 'b', 'c']) {
        const broken = verdict.brokenLinks.find((link) => link.streamId === streamId);
        const present = Math.max(0, ...log.filter((e) => e.streamId === streamId).map((e) => e.version));
        const upTo = !broken ? present : broken.detail.startsWith('duplicate') ? broken.version : broken.version - 1;
        const expected = Array.from({ length: upTo }, (_, i) => `${streamId}:${i + 1}`);
        expect(
          handedOn.filter((entry) => entry.startsWith(`${streamId}:`)),
          `${name}, ${streamId}`,
        ).toEqual(expected);
      }
    }
    expect(verifyLog(logs['altered while waiting']!).brokenLinks).toEqual([
      expect.objectContaining({ streamId: 'b', version: 3, reason: 'hash-mismatch' }),
    ]);
    expect(verifyLog(logs['prevHash broken']!).brokenLinks).toEqual([
      expect.objectContaining({ streamId: 'b', version: 3, reason: 'prev-hash-mismatch' }),
    ]);
    expect(verifyLog(logs['version missing']!).brokenLinks).toEqual([
      expect.objectContaining({ streamId: 'b', version: 2, reason: 'version-gap' }),
      expect.objectContaining({ streamId: 'c', version: 1, reason: 'version-gap' }),
    ]);
    expect(verifyLog(logs['version twice']!).brokenLinks).toEqual([
      expect.objectContaining({ streamId: 'b', version: 2, reason: 'version-gap' }),
    ]);
    expect(verifyLog(logs['wrong order and a gap at the end']!).brokenLinks).toEqual([
      expect.objectContaining({ streamId: 'a', version: 3, reason: 'version-gap' }),
    ]);
  });
});
