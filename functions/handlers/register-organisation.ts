import { ulid } from 'ulid';
import { assertCanRegister, callerOf } from '#functions/access/access.ts';
import { commandAccepted, runHttpCommand } from '#functions/commands/http-command.ts';
import { organisatieRegistratieSchema } from '#functions/http/api-schemas.ts';
import { httpFunction } from '#functions/http/http-function.ts';
import { idempotentCommand } from '#functions/http/idempotency.ts';
import { kvkUniqueKey, registerCommand } from '#functions/http/mapping.ts';
import { parseRequest } from '#functions/http/request.ts';

const idempotent = idempotentCommand('register-organisation');

/** POST /v1/organisaties: registers an organisation; the KvK-nummer + vestigingsnummer once (409). */
export const handler = httpFunction(async (event, context) => {
  const caller = callerOf(event);
  const { body } = parseRequest(event, { body: organisatieRegistratieSchema });
  assertCanRegister(caller, body.gemeenten);
  return idempotent(event, context, async () => {
    const organisationId = ulid();
    const result = await runHttpCommand(event, caller, {
      organisationId,
      command: registerCommand(body, organisationId),
      uniqueKeys: [kvkUniqueKey(body)],
      authorize: () => undefined,
    });
    return commandAccepted(201, organisationId, result, { Location: `/v1/organisaties/${organisationId}` });
  });
});
