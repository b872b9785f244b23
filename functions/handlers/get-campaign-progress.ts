import { callerOf, coordinationScope } from '#functions/access/access.ts';
import { documentClient } from '#functions/aws/dynamodb.ts';
import { viewStoreFromEnv } from '#functions/aws/views-table.ts';
import { campagneJaarPadSchema, campagneVoortgangQuerySchema } from '#functions/campaign/api.ts';
import { campaignProgressToNl } from '#functions/campaign/progress.ts';
import { campaignProgressOf } from '#functions/campaign/progress-query.ts';
import { dutchToday } from '#functions/http/api-schemas.ts';
import { httpFunction } from '#functions/http/http-function.ts';
import { parseRequest } from '#functions/http/request.ts';
import { json } from '#functions/http/response.ts';

/**
 * GET /v1/toezichtcampagnes/{jaar}[?gemeente=GMxxxx]: how a campaign year stands today, per
 * gemeente: scheduled, done, overdue, open, covered by another gemeente's agreement. One gemeente
 * (the caller's own by default) with its organisations; an auditor without `gemeente` gets every
 * gemeente in counts.
 */
export const handler = httpFunction(async (event) => {
  const caller = callerOf(event);
  const { path, query } = parseRequest(event, { path: campagneJaarPadSchema, query: campagneVoortgangQuerySchema });
  const scope = coordinationScope(caller, query.gemeente);
  const today = dutchToday();
  const progress = await campaignProgressOf(
    { client: documentClient(), views: viewStoreFromEnv() },
    path.jaar,
    today,
    scope,
  );
  return json(200, {
    jaar: path.jaar,
    peildatum: today,
    gemeenten: progress.map((p) => campaignProgressToNl(p, scope !== undefined)),
  });
});
