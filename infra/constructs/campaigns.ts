import { Duration, Stack, TimeZone } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as schedulerTargets from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import type { Manifest } from '../manifest-checks.ts';
import type { ManifestFunctions } from './functions.ts';
import { grantSend } from './grants.ts';
import { acknowledgeFindings } from './nag.ts';
import type { Pipeline } from './pipeline.ts';
import type { ManifestQueues } from './queues.ts';

/** Scheduler -> planner delivery: a yearly run that fails to start is retried for a day. */
export const SCHEDULE_RETRY_ATTEMPTS = 185;
export const SCHEDULE_MAX_EVENT_AGE = Duration.hours(24);

export interface CampaignsProps {
  readonly manifest: Manifest;
  readonly functions: ManifestFunctions;
  readonly queues: ManifestQueues;
  readonly pipeline: Pipeline;
  readonly key: kms.IKey;
}

/**
 * The manifest's `schedule` triggers (EventBridge Scheduler, in the schedule's own time zone, so
 * "2 January 06:00 Europe/Amsterdam" stays that across daylight saving time) and its `queue`
 * triggers (SQS event source mappings with partial batch responses).
 */
export class Campaigns extends Construct {
  readonly schedules: scheduler.Schedule[] = [];

  constructor(scope: Construct, id: string, props: CampaignsProps) {
    super(scope, id);
    const { manifest, functions, queues, pipeline, key } = props;
    const stack = Stack.of(this);

    for (const spec of manifest.functions) {
      const fn = functions.get(spec.name);
      for (const trigger of spec.triggers) {
        if (trigger.kind === 'schedule') {
          const deadLetterQueue = pipeline.asyncDeadLetterQueue(functions, spec.name);
          const role = new iam.Role(this, `${trigger.scheduleName}-role`, {
            description: `EventBridge Scheduler: ${trigger.scheduleName} -> ${spec.name}`,
            assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
              conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
            }),
          });
          grantSend(role, deadLetterQueue, key);
          const schedule = new scheduler.Schedule(this, trigger.scheduleName, {
            description: `${trigger.expression} ${trigger.timezone} -> ${spec.name}`,
            schedule: scheduler.ScheduleExpression.expression(trigger.expression, TimeZone.of(trigger.timezone)),
            timeWindow: scheduler.TimeWindow.off(),
            target: new schedulerTargets.LambdaInvoke(fn, {
              role,
              deadLetterQueue,
              retryAttempts: SCHEDULE_RETRY_ATTEMPTS,
              maxEventAge: SCHEDULE_MAX_EVENT_AGE,
              // The input the manifest promises (`Trigger` 'schedule'): { scheduleName, scheduledTime }.
              input: scheduler.ScheduleTargetInput.fromObject({
                scheduleName: trigger.scheduleName,
                scheduledTime: scheduler.ContextAttribute.scheduledTime,
              }),
            }),
          });
          acknowledgeFindings(
            role,
            'AwsSolutions-IAM5',
            (finding) => /^Resource::<[A-Za-z0-9]+\.Arn>:\*$/.test(finding),
            `CDK's grantInvoke on ${spec.name} also covers its versions and aliases ("<function ARN>:*"); the role can invoke that one function and nothing else.`,
          );
          this.schedules.push(schedule);
        } else if (trigger.kind === 'queue') {
          const queue = queues.get(trigger.queue);
          fn.addEventSource(
            new sources.SqsEventSource(queue, { batchSize: trigger.batchSize, reportBatchItemFailures: true }),
          );
        }
      }
    }
  }
}
