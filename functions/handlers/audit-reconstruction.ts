import { assertAuditor, callerOf } from '#functions/access/access.ts';
import { reconstructieQuerySchema } from '#functions/audit/api.ts';
import { reconstructionToNl } from '#functions/audit/reconstruction.ts';
import { auditEventTable } from '#functions/audit/table-audit.ts';
import { documentClient } from '#functions/aws/dynamodb.ts';
import { functionConfig } from '#functions/config.ts';
import { httpFunction } from '#functions/http/http-function.ts';
import { parseRequest } from '#functions/http/request.ts';
import { json } from '#functions/http/response.ts';

/**
 * GET /v1/audit/reconstructie?peildatum=YYYY-MM-DD[&gemeente=GMxxxx]: the views as they were at the
 * end of the reference date, by replaying the events recorded up to then (and verified) through
 * the projectors' own functions. Auditors only.
 */
export const handler = httpFunction(async (event) => {
  const caller = callerOf(event);
  const { query } = parseRequest(event, { query: reconstructieQuerySchema });
  assertAuditor(caller);
  const scope = { peildatum: query.peildatum, ...(query.gemeente ? { gemeente: query.gemeente } : {}) };
  const result = await auditEventTable(documentClient(), functionConfig().eventsTable, scope);
  if (!result.views) throw new Error('The audit of a scope gave no views');
  return json(200, reconstructionToNl(scope, result.views, result));
});
