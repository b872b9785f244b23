import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Stage } from '../config.ts';

/**
 * What a stage means for stateful resources. `prod` keeps everything when the stack is deleted;
 * `dev` lets rebuildable or short-lived state go. Data that cannot be rebuilt (the event log and
 * the key it is encrypted with) is kept in every stage.
 */
export interface StagePolicy {
  readonly stage: Stage;
  /** For state that can be rebuilt or expires (views, idempotency records, queues, logs). */
  readonly removalPolicy: RemovalPolicy;
  readonly deletionProtection: boolean;
  readonly logRetention: RetentionDays;
  readonly logLevel: 'DEBUG' | 'INFO';
  readonly archiveRetention: Duration;
}

export function stagePolicy(stage: Stage): StagePolicy {
  return stage === 'prod'
    ? {
        stage,
        removalPolicy: RemovalPolicy.RETAIN,
        deletionProtection: true,
        logRetention: RetentionDays.ONE_YEAR,
        logLevel: 'INFO',
        archiveRetention: Duration.days(365),
      }
    : {
        stage,
        removalPolicy: RemovalPolicy.DESTROY,
        deletionProtection: false,
        logRetention: RetentionDays.TWO_WEEKS,
        logLevel: 'DEBUG',
        archiveRetention: Duration.days(30),
      };
}
