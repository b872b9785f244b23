import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';

/**
 * Logger, metrics and tracer, created once per process and shared by every handler (Powertools
 * example app). The service name is the system's; the function name comes from the Lambda context.
 */
const serviceName = process.env.POWERTOOLS_SERVICE_NAME ?? 'meldcode-toezicht';

export const logger = new Logger({ serviceName });
export const metrics = new Metrics({
  serviceName,
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'MeldcodeToezicht',
});
export const tracer = new Tracer({ serviceName });
