import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import type { OrganisationState } from '#domain/organisation/state.ts';
import { organisationStreamId } from '#events/envelope.ts';
import { executeCommand } from '#functions/commands/execute.ts';
import { DynamoDbEventStore } from '#functions/event-store/dynamodb-event-store.ts';
import { ForbiddenError, NotFoundError } from '#functions/http/errors.ts';
import { activityCommand, registerCommand } from '#functions/http/mapping.ts';
import { testDynamoDb } from '#test/support/dynamodb.ts';

/**
 * The command path decides on the head this process remembers (functions/commands/state-cache.ts)
 * and must still answer as if it had read the stream: two event-store instances play two Lambda
 * instances on one table, so each remembers what it wrote and not what the other wrote.
 */
const actor = (gemeente: string) => ({ subject: `test-${gemeente}`, gemeente, role: 'supervisor' as const });
const meta = () => ({ correlationId: ulid() });
const today = new Date().toISOString().slice(0, 10);

async function twoProcesses() {
  const db = await testDynamoDb();
  const store = () => new DynamoDbEventStore({ client: db.documentClient, tableName: db.tables.Events });
  const a = store();
  const b = store();
  const organisationId = ulid();
  await executeCommand(a, {
    organisationId,
    command: registerCommand(
      {
        naam: 'Stichting Cache',
        kvkNummer: String(40_000_000 + Math.floor(Math.random() * 9_999_999)),
        sector: 'wmo',
        gemeenten: ['GM0363'],
      },
      organisationId,
    ),
    actor: actor('GM0363'),
    meta: meta(),
  });
  return { db, a, b, organisationId };
}

/** The organisation made active in `add` and no longer in `remove`, through `store`, acting as a supervisor of `as`. */
function changeGemeenten(
  store: DynamoDbEventStore,
  organisationId: string,
  change: { add?: string[]; remove?: string[]; as?: string },
  request: Partial<Parameters<typeof executeCommand>[1]> = {},
) {
  return executeCommand(store, {
    organisationId,
    command: activityCommand(change.add ?? [], change.remove ?? [], today),
    actor: actor(change.as ?? 'GM0363'),
    meta: meta(),
    ...request,
  });
}

describe('commands on a remembered head', () => {
  it('a no-op decided on a stale head is decided again on the stored stream', async () => {
    // Prepare: A adds GM0344 (A remembers version 2, GM0344 active); B removes it (version 3).
    const { a, b, organisationId } = await twoProcesses();
    await changeGemeenten(a, organisationId, { add: ['GM0344'] });
    await changeGemeenten(b, organisationId, { remove: ['GM0344'] });

    // Act: A adds GM0344 again. A's remembered state says "already active" (a no-op); the stored one says "removed".
    const result = await changeGemeenten(a, organisationId, { add: ['GM0344'] });

    // Assess: it was decided on the stored stream: one new event at version 4.
    expect(result.version).toBe(4);
    expect(result.appended.map((e) => e.type)).toEqual(['OrganisationActivityChanged']);
    const stored = await a.readStream(organisationStreamId(organisationId));
    expect(stored.map((e) => e.version)).toEqual([1, 2, 3, 4]);
  });

  it('an append on a stale head lands after what the other process wrote, without a 409', async () => {
    const { a, b, organisationId } = await twoProcesses();
    await changeGemeenten(b, organisationId, { add: ['GM0344'] });

    const result = await changeGemeenten(a, organisationId, { add: ['GM0599'] });

    expect(result.version).toBe(3);
    expect(result.state.status === 'registered' ? [...result.state.gemeenten].sort() : []).toEqual([
      'GM0344',
      'GM0363',
      'GM0599',
    ]);
  });

  it('a refusal decided on a stale head is decided again: access follows the stored stream', async () => {
    // Prepare: A remembers the organisation active in GM0363 only; B adds GM0344.
    const { a, b, organisationId } = await twoProcesses();
    await changeGemeenten(b, organisationId, { add: ['GM0344'] });
    const notActive = (state: OrganisationState) => {
      if (state.status !== 'registered' || !state.gemeenten.includes('GM0344')) throw new NotFoundError('niet actief');
    };

    // Act: a GM0344 supervisor acts through A; on A's stale head GM0344 is not active (404).
    const result = await changeGemeenten(
      a,
      organisationId,
      { add: ['GM0599'], as: 'GM0344' },
      { authorize: notActive },
    );

    // Assess: decided on the stored stream, where GM0344 is active.
    expect(result.version).toBe(3);
    await expect(
      changeGemeenten(
        b,
        organisationId,
        { add: ['GM0014'], as: 'GM0344' },
        {
          authorize: () => {
            throw new ForbiddenError('nee');
          },
        },
      ),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('If-Match with the version the caller saw: a stale head gives 412 only when the stream moved on', async () => {
    const { a, b, organisationId } = await twoProcesses();
    await changeGemeenten(b, organisationId, { add: ['GM0344'] });

    // The caller saw version 2 (B's answer); A remembers version 1: not a 412, decided on the stored stream.
    const result = await changeGemeenten(a, organisationId, { add: ['GM0599'] }, { expectedVersion: 2 });
    expect(result.version).toBe(3);
    await expect(changeGemeenten(b, organisationId, { add: ['GM0014'] }, { expectedVersion: 2 })).rejects.toMatchObject(
      { status: 412 },
    );
  });
});
