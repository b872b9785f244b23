import { callerOf } from '#functions/access/access.ts';
import { commandAccepted, runHttpCommand } from '#functions/commands/http-command.ts';
import { dutchToday, gemeentenToevoegingSchema, organisatiePadSchema } from '#functions/http/api-schemas.ts';
import { httpFunction } from '#functions/http/http-function.ts';
import { idempotentCommand } from '#functions/http/idempotency.ts';
import { activityCommand } from '#functions/http/mapping.ts';
import { parseRequest } from '#functions/http/request.ts';

const idempotent = idempotentCommand('add-gemeenten');

/** POST /v1/organisaties/{organisatieId}/gemeenten: the organisation is (also) active in these gemeenten. */
export const handler = httpFunction(async (event, context) => {
  const caller = callerOf(event);
  const { path, body } = parseRequest(event, { path: organisatiePadSchema, body: gemeentenToevoegingSchema });
  return idempotent(event, context, async () => {
    const result = await runHttpCommand(event, caller, {
      organisationId: path.organisatieId,
      command: activityCommand(body.gemeenten, [], body.perDatum ?? dutchToday()),
    });
    return commandAccepted(200, path.organisatieId, result);
  });
});
