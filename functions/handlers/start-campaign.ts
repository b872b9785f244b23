import { assertCanWrite, callerOf } from '#functions/access/access.ts';
import { sqsClient } from '#functions/aws/sqs.ts';
import { toezichtcampagneSchema } from '#functions/campaign/api.ts';
import { campaignQueueUrl } from '#functions/campaign/config.ts';
import { sendCampaignMessages } from '#functions/campaign/messages.ts';
import { httpFunction } from '#functions/http/http-function.ts';
import { gemeenteRef } from '#functions/http/mapping.ts';
import { parseRequest } from '#functions/http/request.ts';
import { json } from '#functions/http/response.ts';

/**
 * POST /v1/toezichtcampagnes: a supervisor starts (or reruns) the campaign of its own gemeente for a
 * year. One message goes to the campaign queue; the campaign worker schedules. 202: the work runs
 * after the answer; follow it at the Location. A rerun is safe: nothing is scheduled twice.
 */
export const handler = httpFunction(async (event) => {
  const caller = callerOf(event);
  const { body } = parseRequest(event, { body: toezichtcampagneSchema });
  assertCanWrite(caller);
  await sendCampaignMessages(sqsClient(), campaignQueueUrl(), [
    {
      year: body.jaar,
      gemeente: caller.gemeente,
      correlationId: event.requestContext.requestId,
      requestedBy: caller.sub,
    },
  ]);
  const progress = `/v1/toezichtcampagnes/${body.jaar}?gemeente=${caller.gemeente}`;
  return json(
    202,
    { jaar: body.jaar, gemeente: gemeenteRef(caller.gemeente), status: 'in-behandeling', voortgang: progress },
    { Location: progress },
  );
});
