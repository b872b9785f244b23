import { supervisionStatus } from '#domain/projections/supervision-status.ts';
import { callerOf } from '#functions/access/access.ts';
import { dutchToday, geenQuerySchema, organisatiePadSchema } from '#functions/http/api-schemas.ts';
import { NotFoundError } from '#functions/http/errors.ts';
import { httpFunction } from '#functions/http/http-function.ts';
import { organisationToNl } from '#functions/http/mapping.ts';
import { parseRequest } from '#functions/http/request.ts';
import { etagOf, json } from '#functions/http/response.ts';
import { readableHistory } from '#functions/views/read-organisation.ts';

/** GET /v1/organisaties/{organisatieId}: the organisation with its toezichtstatus as of today. */
export const handler = httpFunction(async (event) => {
  const caller = callerOf(event);
  const { path } = parseRequest(event, { path: organisatiePadSchema, query: geenQuerySchema });
  const history = await readableHistory(caller, path.organisatieId);
  const status = supervisionStatus(history, dutchToday());
  if (!status) throw new NotFoundError('Deze organisatie bestaat niet of is niet actief in uw gemeente');
  return json(200, organisationToNl(status), { ETag: etagOf(status.appliedVersion) });
});
