import { Duration } from 'aws-cdk-lib';
import type * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

const PERIOD = Duration.minutes(5);
/** The publisher is more than this far behind the Events table: the outbox is backing up. */
export const ITERATOR_AGE_THRESHOLD_MS = 60_000;

export interface AlarmsProps {
  readonly key: kms.IKey;
  readonly alarmEmail?: string;
  /** Every function of the stack, by a readable name. */
  readonly functions: ReadonlyMap<string, lambda.IFunction>;
  readonly streamConsumers: readonly lambda.IFunction[];
  /** Every dead-letter queue of the stack, by a readable name. */
  readonly deadLetterQueues: ReadonlyMap<string, sqs.IQueue>;
  readonly api: apigwv2.IHttpApi;
}

/**
 * The alarms of the AWS guardrails: every function's errors and throttles, the stream's iterator
 * age, every dead-letter queue's depth and the API's 5xx responses. All go to one encrypted SNS
 * topic; `alarmEmail` subscribes an address to it. Alarms cost per alarm-month, not per use.
 */
export class Alarms extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: 'meldcode-toezicht alarms',
      masterKey: props.key,
      enforceSSL: true,
    });
    if (props.alarmEmail) this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));

    for (const [name, fn] of props.functions) {
      this.add(
        `${name}-errors`,
        `${name}: invocations failed`,
        fn.metricErrors({ period: PERIOD, statistic: 'Sum' }),
        1,
      );
      this.add(
        `${name}-throttles`,
        `${name}: invocations throttled`,
        fn.metricThrottles({ period: PERIOD, statistic: 'Sum' }),
        1,
      );
    }
    for (const fn of props.streamConsumers) {
      const name = [...props.functions].find(([, candidate]) => candidate === fn)?.[0] ?? fn.node.id;
      this.add(
        `${name}-iterator-age`,
        `${name}: more than ${ITERATOR_AGE_THRESHOLD_MS / 1000}s behind its table stream`,
        fn.metric('IteratorAge', { period: Duration.minutes(1), statistic: 'Maximum' }),
        ITERATOR_AGE_THRESHOLD_MS,
        5,
      );
    }
    for (const [name, queue] of props.deadLetterQueues) {
      this.add(
        `${name}-depth`,
        `${name}: messages waiting in a dead-letter queue`,
        queue.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: 'Maximum' }),
        1,
      );
    }
    this.add(
      'api-5xx',
      'HTTP API: server errors (5xx)',
      props.api.metricServerError({ period: PERIOD, statistic: 'Sum' }),
      1,
    );
  }

  private add(id: string, description: string, metric: cloudwatch.IMetric, threshold: number, evaluationPeriods = 1) {
    const alarm = new cloudwatch.Alarm(this, id, {
      alarmDescription: description,
      metric,
      threshold,
      evaluationPeriods,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new actions.SnsAction(this.topic));
    alarm.addOkAction(new actions.SnsAction(this.topic));
    this.alarms.push(alarm);
  }
}
