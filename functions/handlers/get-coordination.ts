import { callerOf, coordinationScope } from '#functions/access/access.ts';
import { viewStoreFromEnv } from '#functions/aws/views-table.ts';
import { afstemmingQuerySchema } from '#functions/http/api-schemas.ts';
import { httpFunction } from '#functions/http/http-function.ts';
import { coordinationToNl } from '#functions/http/mapping.ts';
import { parseRequest } from '#functions/http/request.ts';
import { json } from '#functions/http/response.ts';

/**
 * GET /v1/afstemming?gemeente=GMxxxx: organisations active in more than one gemeente, their
 * agreement and its gaps. Without `gemeente`: the caller's own; an auditor without it sees all.
 */
export const handler = httpFunction(async (event) => {
  const caller = callerOf(event);
  const { query } = parseRequest(event, { query: afstemmingQuerySchema });
  const scope = coordinationScope(caller, query.gemeente);
  const entries = await viewStoreFromEnv().coordinationEntries(scope);
  return json(200, {
    gemeente: scope ?? null,
    organisaties: entries.map(coordinationToNl).sort((a, b) => a.naam.localeCompare(b.naam, 'nl')),
  });
});
