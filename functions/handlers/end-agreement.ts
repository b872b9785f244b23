import { callerOf } from '#functions/access/access.ts';
import { runHttpCommand } from '#functions/commands/http-command.ts';
import { dutchToday, eindeAfspraakQuerySchema, organisatieAfspraakPadSchema } from '#functions/http/api-schemas.ts';
import { httpFunction } from '#functions/http/http-function.ts';
import { idempotentCommand } from '#functions/http/idempotency.ts';
import { endAgreementCommand } from '#functions/http/mapping.ts';
import { parseRequest } from '#functions/http/request.ts';
import { etagOf, noContent } from '#functions/http/response.ts';

const idempotent = idempotentCommand('end-agreement');

/** DELETE /v1/organisaties/{organisatieId}/afspraken/{afspraakId}: ends the agreement (as of today by default). */
export const handler = httpFunction(async (event, context) => {
  const caller = callerOf(event);
  const { path, query } = parseRequest(event, { path: organisatieAfspraakPadSchema, query: eindeAfspraakQuerySchema });
  return idempotent(event, context, async () => {
    const result = await runHttpCommand(event, caller, {
      organisationId: path.organisatieId,
      command: endAgreementCommand(path.afspraakId, query.perDatum ?? dutchToday()),
    });
    return noContent({ ETag: etagOf(result.version) });
  });
});
