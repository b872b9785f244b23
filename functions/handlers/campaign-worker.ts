import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { SQSBatchItemFailure, SQSEvent } from 'aws-lambda';
import { eventStoreFromEnv, viewStoreFromEnv } from '#functions/aws/stores.ts';
import { backgroundFunction } from '#functions/background-function.ts';
import { campaignMessageSchema } from '#functions/campaign/messages.ts';
import { type CampaignRunSummary, runCampaign } from '#functions/campaign/run-campaign.ts';
import { logger, metrics } from '#functions/powertools.ts';

/**
 * The campaign queue's consumer: one gemeente's campaign per message (see `runCampaign`). A
 * message that fails is reported as a batch item failure and comes back after the visibility
 * timeout, finally to the DLQ; running a message twice schedules nothing twice. The summaries are
 * returned too (ignored by SQS) for whoever invokes the function by hand.
 */
export const handler = backgroundFunction(async (event: SQSEvent) => {
  const batchItemFailures: SQSBatchItemFailure[] = [];
  const summaries: CampaignRunSummary[] = [];
  const views = viewStoreFromEnv();
  for (const record of event.Records) {
    try {
      const message = campaignMessageSchema.parse(JSON.parse(record.body));
      const summary = await runCampaign(message, {
        store: eventStoreFromEnv(),
        organisationsIn: async (gemeente) => (await views.gemeenteRows(gemeente)).map((row) => row.organisationId),
        causationId: record.messageId,
      });
      summaries.push(summary);
      logger.info('Campaign run', { ...summary, refused: summary.refused.length });
      metrics.addMetric('OrganisationsScheduled', MetricUnit.Count, summary.scheduled);
      if (summary.refused.length > 0) metrics.addMetric('SchedulingsRefused', MetricUnit.Count, summary.refused.length);
    } catch (error) {
      logger.error('Campaign message failed', { messageId: record.messageId, error: error as Error });
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures, summaries };
});
