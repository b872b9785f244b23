import { assertActsForOwnGemeente, assertCanWrite, callerOf } from '#functions/access/access.ts';
import { mayWrite, runHttpCommand } from '#functions/commands/http-command.ts';
import { dutchToday, organisatieGemeentePadSchema, perDatumQuerySchema } from '#functions/http/api-schemas.ts';
import { httpFunction } from '#functions/http/http-function.ts';
import { idempotentCommand } from '#functions/http/idempotency.ts';
import { activityCommand } from '#functions/http/mapping.ts';
import { parseRequest } from '#functions/http/request.ts';
import { etagOf, noContent } from '#functions/http/response.ts';

const idempotent = idempotentCommand('remove-gemeente');

/** DELETE /v1/organisaties/{organisatieId}/gemeenten/{gemeentecode}: no longer active in the caller's gemeente. */
export const handler = httpFunction(async (event, context) => {
  const caller = callerOf(event);
  const { path, query } = parseRequest(event, { path: organisatieGemeentePadSchema, query: perDatumQuerySchema });
  return idempotent(event, context, async () => {
    const result = await runHttpCommand(event, caller, {
      organisationId: path.organisatieId,
      command: activityCommand([], [path.gemeentecode], query.perDatum ?? dutchToday()),
      authorize: (state) => {
        mayWrite(caller)(state);
        assertCanWrite(caller);
        assertActsForOwnGemeente(caller, path.gemeentecode, 'gemeentecode');
      },
    });
    return noContent({ ETag: etagOf(result.version) });
  });
});
