import { MetricUnit } from '@aws-lambda-powertools/metrics';
import * as z from 'zod';
import { amsterdamDateOf } from '#domain/dates.ts';
import { CURRENT_GEMEENTEN_YEAR, gemeentenList } from '#events/gemeenten.ts';
import { sqsClient } from '#functions/aws/sqs.ts';
import { backgroundFunction } from '#functions/background-function.ts';
import { campaignQueueUrl } from '#functions/campaign/config.ts';
import { sendCampaignMessages } from '#functions/campaign/messages.ts';
import { logger, metrics } from '#functions/powertools.ts';

/** The yearly schedule's input, or a run by hand for a given year (`{"jaar": 2027}`). */
const plannerInputSchema = z.union([
  z.object({ scheduleName: z.string(), scheduledTime: z.iso.datetime() }),
  z.object({ jaar: z.number().int().min(2000).max(2100) }),
]);

/** The CBS list of the campaign year when there is one, else the newest. */
function gemeentenFor(year: number) {
  try {
    return gemeentenList(year);
  } catch {
    return gemeentenList(CURRENT_GEMEENTEN_YEAR);
  }
}

/**
 * The yearly campaign (EventBridge Scheduler, 2 January, Europe/Amsterdam): one message per gemeente
 * of the CBS list on the campaign queue, for the year of the scheduled time in the Netherlands.
 * Run again (a retried schedule, a run by hand), it enqueues again, which schedules nothing twice.
 */
export const handler = backgroundFunction(async (input: unknown) => {
  const parsed = plannerInputSchema.parse(input);
  const year = 'jaar' in parsed ? parsed.jaar : Number(amsterdamDateOf(parsed.scheduledTime).slice(0, 4));
  const correlationId =
    'jaar' in parsed ? `campagne-${year}-handmatig-${Date.now()}` : `campagne-${year}-${parsed.scheduledTime}`;
  const gemeenten = gemeentenFor(year).map((g) => g.code);
  await sendCampaignMessages(
    sqsClient(),
    campaignQueueUrl(),
    gemeenten.map((gemeente) => ({ year, gemeente, correlationId })),
  );
  metrics.addMetric('CampaignMessagesSent', MetricUnit.Count, gemeenten.length);
  logger.info('Campaign planned', { year, gemeenten: gemeenten.length, correlationId });
  return { year, gemeenten: gemeenten.length, correlationId };
});
