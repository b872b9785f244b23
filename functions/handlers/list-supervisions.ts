import { callerOf } from '#functions/access/access.ts';
import { geenQuerySchema, organisatiePadSchema } from '#functions/http/api-schemas.ts';
import { httpFunction } from '#functions/http/http-function.ts';
import { supervisionsToNl } from '#functions/http/mapping.ts';
import { parseRequest } from '#functions/http/request.ts';
import { etagOf, json } from '#functions/http/response.ts';
import { readableHistory } from '#functions/views/read-organisation.ts';

/** GET /v1/organisaties/{organisatieId}/toezichtonderzoeken: every completed supervision, oldest first. */
export const handler = httpFunction(async (event) => {
  const caller = callerOf(event);
  const { path } = parseRequest(event, { path: organisatiePadSchema, query: geenQuerySchema });
  const history = await readableHistory(caller, path.organisatieId);
  return json(200, supervisionsToNl(history), { ETag: etagOf(history.appliedVersion) });
});
