import { upcast } from '#events/upcasters.ts';
import { assertCanReadOrganisation, callerOf } from '#functions/access/access.ts';
import { eventStoreFromEnv } from '#functions/aws/stores.ts';
import { loadOrganisation } from '#functions/commands/execute.ts';
import { geenQuerySchema, organisatiePadSchema } from '#functions/http/api-schemas.ts';
import { httpFunction } from '#functions/http/http-function.ts';
import { eventsToNl } from '#functions/http/mapping.ts';
import { parseRequest } from '#functions/http/request.ts';
import { etagOf, json } from '#functions/http/response.ts';

/**
 * GET /v1/organisaties/{organisatieId}/gebeurtenissen: the organisation's events, oldest first,
 * read from the event store itself (not a view), each at its current schema version.
 */
export const handler = httpFunction(async (event) => {
  const caller = callerOf(event);
  const { path } = parseRequest(event, { path: organisatiePadSchema, query: geenQuerySchema });
  const loaded = await loadOrganisation(eventStoreFromEnv(), path.organisatieId);
  assertCanReadOrganisation(caller, loaded.state.status === 'registered' ? loaded.state.gemeenten : undefined);
  const body = eventsToNl(
    loaded.stored,
    (e) => upcast(e.type, e.schemaVersion, e.data).data as Record<string, unknown>,
  );
  return json(200, body, { ETag: etagOf(loaded.version) });
});
