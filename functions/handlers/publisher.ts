import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { eventBridgeClient } from '#functions/aws/eventbridge.ts';
import { backgroundFunction } from '#functions/background-function.ts';
import { functionConfig } from '#functions/config.ts';
import { metrics } from '#functions/powertools.ts';
import { publishStreamRecords } from '#functions/publisher/publish.ts';

/**
 * The outbox's publisher: Events table stream records -> EventBridge (batches of 10,
 * FailedEntryCount checked, failed entries retried), reporting batch item failures so the event
 * source mapping retries from the first record that could not be published.
 */
export const handler = backgroundFunction(async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  const result = await publishStreamRecords(event.Records, {
    eventBridge: eventBridgeClient(),
    eventBusName: functionConfig().eventBusName,
    onRetry: (failed) => metrics.addMetric('PublishRetriedEntries', MetricUnit.Count, failed),
  });
  metrics.addMetric('StreamRecordsReceived', MetricUnit.Count, event.Records.length);
  if (result.batchItemFailures.length > 0) metrics.addMetric('PublishBatchFailures', MetricUnit.Count, 1);
  return result;
});
