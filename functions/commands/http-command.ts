import type { Actor } from '#domain/organisation/commands.ts';
import type { OrganisationState } from '#domain/organisation/state.ts';
import { assertCanWriteOrganisation, type Caller } from '../access/access.ts';
import { eventStoreFromEnv } from '../aws/stores.ts';
import type { HttpEvent } from '../http/http-function.ts';
import { expectedVersionOf, idempotencyKeyOf } from '../http/request.ts';
import { etagOf, type HttpResponse, json } from '../http/response.ts';
import { type CommandRequest, type CommandResult, executeCommand } from './execute.ts';

/** The domain's actor for a verified caller. */
export const actorOf = (caller: Caller): Actor => ({
  subject: caller.sub,
  gemeente: caller.gemeente,
  role: caller.role,
});

/** The access rule for commands on an existing organisation: visible (else 404), and a supervisor (else 403). */
export const mayWrite =
  (caller: Caller) =>
  (state: OrganisationState): void => {
    assertCanWriteOrganisation(caller, state.status === 'registered' ? state.gemeenten : undefined);
  };

/**
 * Runs a command for an HTTP request through the shared command path: the actor from the token,
 * the request id as correlation id, `If-Match` as the expected version, `Idempotency-Key` on the events.
 */
export async function runHttpCommand(
  event: HttpEvent,
  caller: Caller,
  request: Pick<CommandRequest, 'organisationId' | 'command' | 'uniqueKeys' | 'authorize'>,
): Promise<CommandResult> {
  const expectedVersion = expectedVersionOf(event);
  const idempotencyKey = idempotencyKeyOf(event);
  return executeCommand(eventStoreFromEnv(), {
    ...request,
    authorize: request.authorize ?? mayWrite(caller),
    actor: actorOf(caller),
    meta: {
      correlationId: event.requestContext.requestId,
      ...(idempotencyKey ? { idempotencyKey } : {}),
    },
    ...(expectedVersion === undefined ? {} : { expectedVersion }),
  });
}

/** The answer to an accepted command: what was created, the new version (also as ETag), the events. */
export function commandAccepted(
  status: 200 | 201,
  id: string,
  result: CommandResult,
  headers: Record<string, string> = {},
): HttpResponse {
  return json(
    status,
    { id, versie: result.version, gebeurtenissen: result.appended.map((e) => e.type) },
    { ETag: etagOf(result.version), ...headers },
  );
}
