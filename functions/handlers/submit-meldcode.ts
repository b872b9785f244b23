import { ulid } from 'ulid';
import { callerOf } from '#functions/access/access.ts';
import { commandAccepted, runHttpCommand } from '#functions/commands/http-command.ts';
import { meldcodeIndieningSchema, organisatiePadSchema } from '#functions/http/api-schemas.ts';
import { httpFunction } from '#functions/http/http-function.ts';
import { idempotentCommand } from '#functions/http/idempotency.ts';
import { meldcodeCommand } from '#functions/http/mapping.ts';
import { parseRequest } from '#functions/http/request.ts';

const idempotent = idempotentCommand('submit-meldcode');

/** POST /v1/organisaties/{organisatieId}/meldcodes: records a (new version of the) meldcode. */
export const handler = httpFunction(async (event, context) => {
  const caller = callerOf(event);
  const { path, body } = parseRequest(event, { path: organisatiePadSchema, body: meldcodeIndieningSchema });
  return idempotent(event, context, async () => {
    const meldcodeId = ulid();
    const result = await runHttpCommand(event, caller, {
      organisationId: path.organisatieId,
      command: meldcodeCommand(body, meldcodeId),
    });
    return commandAccepted(201, meldcodeId, result);
  });
});
