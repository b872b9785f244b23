import {
  closeSync,
  existsSync,
  ftruncateSync,
  openSync,
  readFileSync,
  renameSync,
  writeFileSync,
  writeSync,
} from 'node:fs';

/**
 * EventBridge keeps an event it accepted until every target has it (or its DLQ does). The local
 * emulator delivers from memory, so a runtime killed (or stopped) between PutEvents and delivery
 * would lose the event: the stream poller has already checkpointed past it, and its view would
 * stay behind until the next event of that stream. This journal makes accepted deliveries durable
 * for persisted runtimes: each is written before PutEvents answers and crossed off when delivered
 * or dead-lettered; a restarted runtime delivers what was never crossed off (at least once: a
 * delivery interrupted after its target ran comes again, which targets tolerate).
 * Added for issue 7 (crash faults); an append-only NDJSON file, compacted when nothing is pending.
 */
export interface PendingDelivery<E> {
  readonly ruleName: string;
  readonly event: E;
}

export interface DeliveryJournal<E extends { readonly id: string }> {
  /** What an earlier process accepted and never finished, in the order it was accepted. */
  readonly unfinished: readonly PendingDelivery<E>[];
  accepted(ruleName: string, event: E): void;
  finished(ruleName: string, eventId: string): void;
  close(): void;
}

type Line<E> = { readonly a: PendingDelivery<E> } | { readonly f: { readonly ruleName: string; readonly id: string } };

const keyOf = (ruleName: string, id: string): string => `${ruleName}\u0000${id}`;

export function openDeliveryJournal<E extends { readonly id: string }>(path: string): DeliveryJournal<E> {
  const pending = new Map<string, PendingDelivery<E>>();
  if (existsSync(path)) {
    for (const text of readFileSync(path, 'utf8').split('\n')) {
      if (text === '') continue;
      let line: Line<E>;
      try {
        line = JSON.parse(text) as Line<E>;
      } catch {
        continue; // a line torn by a crash mid-write: its delivery was never acknowledged to the publisher
      }
      if ('a' in line) pending.set(keyOf(line.a.ruleName, line.a.event.id), line.a);
      else pending.delete(keyOf(line.f.ruleName, line.f.id));
    }
  }
  const unfinished = [...pending.values()];
  // Compact: only the unfinished deliveries survive into the new file.
  writeFileSync(`${path}.tmp`, unfinished.map((a) => `${JSON.stringify({ a })}\n`).join(''));
  renameSync(`${path}.tmp`, path);
  const fd = openSync(path, 'a');
  let lines = unfinished.length;
  let closed = false;
  const append = (line: Line<E>): void => {
    if (closed) return;
    writeSync(fd, `${JSON.stringify(line)}\n`);
    lines++;
  };
  return {
    unfinished,
    accepted: (ruleName, event) => {
      pending.set(keyOf(ruleName, event.id), { ruleName, event });
      append({ a: { ruleName, event } });
    },
    finished: (ruleName, id) => {
      if (!pending.delete(keyOf(ruleName, id))) return;
      append({ f: { ruleName, id } });
      if (pending.size === 0 && lines > 1000 && !closed) {
        ftruncateSync(fd, 0);
        lines = 0;
      }
    },
    close: () => {
      if (closed) return;
      closed = true;
      closeSync(fd);
    },
  };
}
