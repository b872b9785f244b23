import { ulid } from 'ulid';
import { assertActsForOwnGemeente, assertCanWrite, callerOf } from '#functions/access/access.ts';
import { commandAccepted, mayWrite, runHttpCommand } from '#functions/commands/http-command.ts';
import { organisatiePadSchema, toezichtonderzoekSchema } from '#functions/http/api-schemas.ts';
import { httpFunction } from '#functions/http/http-function.ts';
import { idempotentCommand } from '#functions/http/idempotency.ts';
import { supervisionCommand } from '#functions/http/mapping.ts';
import { parseRequest } from '#functions/http/request.ts';

const idempotent = idempotentCommand('complete-supervision');

/** POST /v1/organisaties/{organisatieId}/toezichtonderzoeken: records a completed supervision for one's own gemeente. */
export const handler = httpFunction(async (event, context) => {
  const caller = callerOf(event);
  const { path, body } = parseRequest(event, { path: organisatiePadSchema, body: toezichtonderzoekSchema });
  return idempotent(event, context, async () => {
    const supervisionId = ulid();
    const result = await runHttpCommand(event, caller, {
      organisationId: path.organisatieId,
      command: supervisionCommand(body, supervisionId),
      authorize: (state) => {
        mayWrite(caller)(state);
        assertCanWrite(caller);
        assertActsForOwnGemeente(caller, body.gemeente, 'gemeente');
      },
    });
    return commandAccepted(201, supervisionId, result);
  });
});
