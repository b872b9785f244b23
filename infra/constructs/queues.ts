import { Duration } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { QueueName, QueueSpec } from '../wiring.ts';
import { acknowledge } from './nag.ts';
import type { StagePolicy } from './stage.ts';

/** Messages nobody could process stay this long (SQS's maximum) for someone to look at. */
const DEAD_LETTER_RETENTION = Duration.days(14);

export interface DeadLetterQueueProps {
  readonly key: kms.IKey;
  readonly policy: StagePolicy;
  /** What ends up here, for the queue's description in the nag suppression. */
  readonly receives: string;
}

/** A dead-letter queue: encrypted with the stack's key, TLS only, alarmed on by `Alarms`. */
export class DeadLetterQueue extends sqs.Queue {
  constructor(scope: Construct, id: string, props: DeadLetterQueueProps) {
    super(scope, id, {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: props.key,
      dataKeyReuse: Duration.hours(1),
      enforceSSL: true,
      retentionPeriod: DEAD_LETTER_RETENTION,
      removalPolicy: props.policy.removalPolicy,
    });
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
        encryption: sqs.QueueEncryption.KMS,
        encryptionMasterKey: props.key,
        dataKeyReuse: Duration.hours(1),
        enforceSSL: true,
        retentionPeriod: DEAD_LETTER_RETENTION,
        removalPolicy: props.policy.removalPolicy,
      });
      // cdk-nag sees the redrive policy below and knows this is a dead-letter queue: no SQS3.
      const queue = new sqs.Queue(this, spec.name, {
        encryption: sqs.QueueEncryption.KMS,
        encryptionMasterKey: props.key,
        dataKeyReuse: Duration.hours(1),
        enforceSSL: true,
        visibilityTimeout: Duration.seconds(spec.visibilityTimeoutSeconds),
        deadLetterQueue: { queue: dlq, maxReceiveCount: spec.maxReceiveCount },
        removalPolicy: props.policy.removalPolicy,
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
