import { assertAuditor, callerOf } from '#functions/access/access.ts';
import { verificationToNl } from '#functions/audit/reconstruction.ts';
import { auditEventTable } from '#functions/audit/table-audit.ts';
import { documentClient } from '#functions/aws/dynamodb.ts';
import { functionConfig } from '#functions/config.ts';
import { geenQuerySchema } from '#functions/http/api-schemas.ts';
import { httpFunction } from '#functions/http/http-function.ts';
import { parseRequest } from '#functions/http/request.ts';
import { json } from '#functions/http/response.ts';

/**
 * GET /v1/audit/integriteit: verifies every stream's hash chain in the Events table; answers the
 * streams and events checked and each broken link (stream, version, what differs). Auditors only.
 */
export const handler = httpFunction(async (event) => {
  const caller = callerOf(event);
  parseRequest(event, { query: geenQuerySchema });
  assertAuditor(caller);
  const result = await auditEventTable(documentClient(), functionConfig().eventsTable);
  return json(200, verificationToNl(result.verification));
});
