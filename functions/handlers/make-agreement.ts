import { ulid } from 'ulid';
import { callerOf } from '#functions/access/access.ts';
import { commandAccepted, runHttpCommand } from '#functions/commands/http-command.ts';
import { afspraakSchema, organisatiePadSchema } from '#functions/http/api-schemas.ts';
import { httpFunction } from '#functions/http/http-function.ts';
import { idempotentCommand } from '#functions/http/idempotency.ts';
import { agreementCommand } from '#functions/http/mapping.ts';
import { parseRequest } from '#functions/http/request.ts';

const idempotent = idempotentCommand('make-agreement');

/** POST /v1/organisaties/{organisatieId}/afspraken: an agreement between gemeenten on supervising the organisation. */
export const handler = httpFunction(async (event, context) => {
  const caller = callerOf(event);
  const { path, body } = parseRequest(event, { path: organisatiePadSchema, body: afspraakSchema });
  return idempotent(event, context, async () => {
    const agreementId = ulid();
    const result = await runHttpCommand(event, caller, {
      organisationId: path.organisatieId,
      command: agreementCommand(body, agreementId),
    });
    return commandAccepted(201, agreementId, result);
  });
});
