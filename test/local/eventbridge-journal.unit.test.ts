import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDeliveryJournal } from '#local/eventbridge-journal.ts';

/** The EventBridge emulator's delivery journal: what a crashed runtime accepted and never delivered comes back. */
const folders: string[] = [];
const journalPath = (): string => {
  const folder = mkdtempSync(join(tmpdir(), 'journal-'));
  folders.push(folder);
  return join(folder, 'eventbridge-pending.ndjson');
};
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

const event = (id: string) => ({ id, detail: { n: id } });

describe('delivery journal', () => {
  it('returns, after a restart, exactly the deliveries that were accepted and never finished', () => {
    // Prepare: a process accepts three deliveries, finishes one, and dies without closing.
    const path = journalPath();
    const first = openDeliveryJournal<ReturnType<typeof event>>(path);
    first.accepted('to-projector', event('a'));
    first.accepted('to-projector', event('b'));
    first.accepted('to-campaign', event('a'));
    first.finished('to-projector', event('a').id);

    // Act
    const second = openDeliveryJournal<ReturnType<typeof event>>(path);

    // Assess
    expect(second.unfinished.map((d) => `${d.ruleName}/${d.event.id}`)).toEqual(['to-projector/b', 'to-campaign/a']);
    second.close();
  });

  it('ignores a line torn by a crash and compacts the file on open', () => {
    const path = journalPath();
    const first = openDeliveryJournal<ReturnType<typeof event>>(path);
    first.accepted('r', event('x'));
    first.close();
    appendFileSync(path, '{"a":{"ruleName":"r","event":{"id":"y"');

    const second = openDeliveryJournal<ReturnType<typeof event>>(path);

    expect(second.unfinished.map((d) => d.event.id)).toEqual(['x']);
    expect(readFileSync(path, 'utf8').trim().split('\n')).toHaveLength(1);
    second.finished('r', 'x');
    second.close();
    expect(openDeliveryJournal(path).unfinished).toEqual([]);
  });

  it('finishing twice or finishing what was never accepted changes nothing', () => {
    const path = journalPath();
    const journal = openDeliveryJournal<ReturnType<typeof event>>(path);
    journal.accepted('r', event('x'));
    journal.finished('r', 'x');
    journal.finished('r', 'x');
    journal.finished('r', 'never');
    journal.close();
    expect(openDeliveryJournal(path).unfinished).toEqual([]);
  });
});
