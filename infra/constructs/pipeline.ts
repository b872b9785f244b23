import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { EVENT_SOURCE } from '#events/catalogue.ts';
import type { Manifest } from '../manifest-checks.ts';
import type { ManifestFunctions } from './functions.ts';
import { ExactSqsDestination, ExactSqsOnFailure } from './grants.ts';
import { DeadLetterQueue } from './queues.ts';
import type { StagePolicy } from './stage.ts';
import type { Tables } from './tables.ts';

/** Table stream -> publisher: how long and how often a failing batch is retried before it is set aside. */
export const STREAM_RETRY_ATTEMPTS = 10;
export const STREAM_MAX_RECORD_AGE = Duration.hours(6);
/** EventBridge -> consumer delivery: its maximum, so a consumer that is down for hours still catches up. */
export const RULE_RETRY_ATTEMPTS = 185;
export const RULE_MAX_EVENT_AGE = Duration.hours(24);
/** A consumer that received an event (rule or schedule) and failed on it: Lambda's async retries. */
export const ASYNC_RETRY_ATTEMPTS = 2;
export const ASYNC_MAX_EVENT_AGE = Duration.hours(6);

export interface PipelineProps {
  readonly key: kms.IKey;
  readonly policy: StagePolicy;
}

export interface PipelineWiring {
  readonly manifest: Manifest;
  readonly functions: ManifestFunctions;
  readonly tables: Tables;
}

/**
 * The outbox and the bus: the Events table's stream feeds the publisher; the bus routes every
 * event to one rule per consumer (from the manifest's `eventRule` triggers) and keeps an archive
 * for replays. Every asynchronous hop ends in a dead-letter queue.
 */
export class Pipeline extends Construct {
  readonly bus: events.EventBus;
  readonly archive: events.Archive;
  /** Dead-letter queues by purpose, for the alarms. */
  readonly deadLetterQueues = new Map<string, sqs.IQueue>();
  /** Functions fed by a table stream (their iterator age is alarmed on). */
  readonly streamConsumers: lambda.IFunction[] = [];
  /** Per asynchronously invoked function (rules, schedules): its dead-letter queue. */
  readonly asyncDeadLetterQueues = new Map<string, sqs.IQueue>();
  private readonly props: PipelineProps;

  constructor(scope: Construct, id: string, props: PipelineProps) {
    super(scope, id);
    this.props = props;
    this.bus = new events.EventBus(this, 'Bus', { description: 'meldcode-toezicht domain events' });
    this.archive = this.bus.archive('Archive', {
      description: 'Every domain event, for replaying to a repaired consumer',
      eventPattern: { source: [EVENT_SOURCE] },
      retention: props.policy.archiveRetention,
    });
  }

  /**
   * The dead-letter queue of a function that is invoked asynchronously (by a rule or a schedule):
   * it receives what the rule or schedule could not deliver and what the function failed on after
   * Lambda's retries. One per function, made on first use.
   */
  asyncDeadLetterQueue(functions: ManifestFunctions, name: string): sqs.IQueue {
    const existing = this.asyncDeadLetterQueues.get(name);
    if (existing) return existing;
    const queue = new DeadLetterQueue(this, `${name}-dlq`, {
      key: this.props.key,
      policy: this.props.policy,
      receives: `events the rule or schedule could not deliver to ${name}, and invocations ${name} failed on`,
    });
    functions.get(name).configureAsyncInvoke({
      retryAttempts: ASYNC_RETRY_ATTEMPTS,
      maxEventAge: ASYNC_MAX_EVENT_AGE,
      onFailure: new ExactSqsDestination(queue, this.props.key),
    });
    this.asyncDeadLetterQueues.set(name, queue);
    this.deadLetterQueues.set(`${name}-dlq`, queue);
    return queue;
  }

  /** Wires the manifest's `tableStream` and `eventRule` triggers. */
  connect({ manifest, functions, tables }: PipelineWiring): void {
    for (const spec of manifest.functions) {
      const fn = functions.get(spec.name);
      for (const trigger of spec.triggers) {
        if (trigger.kind === 'tableStream') {
          const failures = new DeadLetterQueue(this, `${spec.name}-stream-failures`, {
            key: this.props.key,
            policy: this.props.policy,
            receives: `descriptions of ${trigger.table} stream batches ${spec.name} failed on after its retries`,
          });
          fn.addEventSource(
            new sources.DynamoEventSource(tables.get(trigger.table), {
              startingPosition: lambda.StartingPosition.TRIM_HORIZON,
              batchSize: trigger.batchSize,
              maxBatchingWindow: Duration.seconds(trigger.maxBatchingWindowSeconds),
              bisectBatchOnError: true,
              reportBatchItemFailures: true,
              retryAttempts: STREAM_RETRY_ATTEMPTS,
              maxRecordAge: STREAM_MAX_RECORD_AGE,
              parallelizationFactor: 1,
              // Events are only ever inserted; anything else on the stream is not an event to publish.
              filters: [lambda.FilterCriteria.filter({ eventName: lambda.FilterRule.isEqual('INSERT') })],
              onFailure: new ExactSqsOnFailure(failures, this.props.key),
            }),
          );
          this.streamConsumers.push(fn);
          this.deadLetterQueues.set(`${spec.name}-stream-failures`, failures);
        } else if (trigger.kind === 'eventRule') {
          const rule = new events.Rule(this, trigger.ruleName, {
            eventBus: this.bus,
            ruleName: trigger.ruleName,
            description: `${trigger.source} -> ${spec.name}`,
            eventPattern: { source: [trigger.source], detailType: [...trigger.detailTypes] },
          });
          rule.addTarget(
            new targets.LambdaFunction(fn, {
              deadLetterQueue: this.asyncDeadLetterQueue(functions, spec.name),
              retryAttempts: RULE_RETRY_ATTEMPTS,
              maxEventAge: RULE_MAX_EVENT_AGE,
            }),
          );
        }
      }
    }
  }
}
