import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, type StoredEvent } from '#events/envelope.ts';
import { hashEvent, verifyLog, verifyStream } from '#functions/event-store/hash-chain.ts';

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
});
