import { Duration } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { QueueName, QueueSpec } from '../wiring.ts';
import { acknowledge } from './nag.ts';
import type { StagePolicy } from './stage.ts';

/** Messages nobody could process stay this long (SQS's maximum) for someone to look at. */
const DEAD_LETTER_RETENTION = Duration.days(14);

/** What every queue of the stack shares: the stack's key, TLS only, the stage's removal policy. */
function secureQueueProps(key: kms.IKey, policy: StagePolicy) {
  return {
    encryption: sqs.QueueEncryption.KMS,
    encryptionMasterKey: key,
    dataKeyReuse: Duration.hours(1),
    enforceSSL: true,
    removalPolicy: policy.removalPolicy,
  } satisfies sqs.QueueProps;
}

export interface DeadLetterQueueProps {
  readonly key: kms.IKey;
  readonly policy: StagePolicy;
  /** What ends up here, for the queue's description in the nag suppression. */
  readonly receives: string;
}

/** A dead-letter queue: encrypted with the stack's key, TLS only, alarmed on by `Alarms`. */
export class DeadLetterQueue extends sqs.Queue {
  constructor(scope: Construct, id: string, props: DeadLetterQueueProps) {
    super(scope, id, { ...secureQueueProps(props.key, props.policy), retentionPeriod: DEAD_LETTER_RETENTION });
    acknowledge(
      this,
      'AwsSolutions-SQS3',
      `This queue is itself a dead-letter queue (${props.receives}); its depth is alarmed on.`,
    );
  }
}

export interface ManifestQueuesProps {
  readonly specs: readonly QueueSpec[];
  readonly key: kms.IKey;
  readonly policy: StagePolicy;
}

/** The work queues of the manifest's `queues`, each with its own dead-letter queue. */
export class ManifestQueues extends Construct {
  readonly queues: ReadonlyMap<QueueName, sqs.Queue>;
  readonly deadLetterQueues: ReadonlyMap<QueueName, sqs.Queue>;

  constructor(scope: Construct, id: string, props: ManifestQueuesProps) {
    super(scope, id);
    const queues = new Map<QueueName, sqs.Queue>();
    const deadLetterQueues = new Map<QueueName, sqs.Queue>();
    for (const spec of props.specs) {
      const dlq = new sqs.Queue(this, `${spec.name}-dlq`, {
        ...secureQueueProps(props.key, props.policy),
        retentionPeriod: DEAD_LETTER_RETENTION,
      });
      // cdk-nag sees the redrive policy below and knows this is a dead-letter queue: no SQS3.
      const queue = new sqs.Queue(this, spec.name, {
        ...secureQueueProps(props.key, props.policy),
        visibilityTimeout: Duration.seconds(spec.visibilityTimeoutSeconds),
        deadLetterQueue: { queue: dlq, maxReceiveCount: spec.maxReceiveCount },
      });
      queues.set(spec.name, queue);
      deadLetterQueues.set(spec.name, dlq);
    }
    this.queues = queues;
    this.deadLetterQueues = deadLetterQueues;
  }

  get(name: QueueName): sqs.Queue {
    const queue = this.queues.get(name);
    if (!queue) throw new Error(`No queue ${name} in the wiring manifest`);
    return queue;
  }
}
