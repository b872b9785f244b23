import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { documentClient } from '#functions/aws/dynamodb.ts';
import { eventStoreFromEnv, viewStoreFromEnv } from '#functions/aws/stores.ts';
import { backgroundFunction } from '#functions/background-function.ts';
import { functionConfig } from '#functions/config.ts';
import { logger, metrics } from '#functions/powertools.ts';
import { type RebuildResult, rebuildViews } from '#functions/views/rebuild.ts';

/** Rebuilds every view from the event store (run by hand: `npm run rebuild-views`, or invoke on AWS). */
export const handler = backgroundFunction(async (): Promise<RebuildResult> => {
  const result = await rebuildViews({
    client: documentClient(),
    eventsTable: functionConfig().eventsTable,
    events: eventStoreFromEnv(),
    views: viewStoreFromEnv(),
  });
  logger.info('Views rebuilt', { ...result });
  metrics.addMetric('StreamsRebuilt', MetricUnit.Count, result.streams);
  return result;
});
