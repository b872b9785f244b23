import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { EventBridgeEvent } from 'aws-lambda';
import { storedEventSchema } from '#events/envelope.ts';
import { eventStoreFromEnv, viewStoreFromEnv } from '#functions/aws/stores.ts';
import { backgroundFunction } from '#functions/background-function.ts';
import { metrics } from '#functions/powertools.ts';
import { projectStoredEvent } from '#functions/views/projector.ts';

/**
 * Folds a delivered event into the views with the catch-up rule; duplicates and out-of-order
 * deliveries change nothing. A failure throws, so EventBridge retries and finally uses the DLQ.
 */
export const handler = backgroundFunction(
  async (event: EventBridgeEvent<string, unknown>): Promise<{ outcome: string }> => {
    const stored = storedEventSchema.parse(event.detail);
    const outcome = await projectStoredEvent(stored, { views: viewStoreFromEnv(), events: eventStoreFromEnv() });
    metrics.addMetric(outcome === 'applied' ? 'EventsProjected' : 'DuplicateDeliveries', MetricUnit.Count, 1);
    return { outcome };
  },
);
