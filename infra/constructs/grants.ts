import { Stack } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { TableDefinition } from '../tables.ts';
import type { Access } from '../wiring.ts';

/**
 * Least-privilege grants with exact actions and exact resources. CDK's `grant*` helpers add
 * `table/index/*`, `kms:GenerateDataKey*` and `kms:ReEncrypt*`; these do not, so cdk-nag's IAM5
 * has nothing to flag and nothing needs suppressing.
 */

const TABLE_READ = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:Scan',
  'dynamodb:ConditionCheckItem',
];

/**
 * Write actions per table. The Events table is append-only by IAM as well as by design: a new
 * event is a conditional Put (TransactWriteItems authorises per item: PutItem, ConditionCheckItem);
 * no role may update or delete an event.
 */
const TABLE_WRITE: Record<TableDefinition['id'], readonly string[]> = {
  Events: ['dynamodb:PutItem'],
  Views: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'],
  Idempotency: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
};

const KMS_DECRYPT = ['kms:Decrypt'];
const KMS_ENCRYPT_DECRYPT = [
  'kms:Decrypt',
  'kms:Encrypt',
  'kms:GenerateDataKey',
  'kms:ReEncryptFrom',
  'kms:ReEncryptTo',
];
const KMS_SQS_SEND = ['kms:GenerateDataKey', 'kms:Decrypt'];

/** Allows the key's use only through the given service (the caller cannot decrypt data directly). */
function viaService(scope: Construct, service: 'dynamodb' | 'sqs'): Record<string, Record<string, string>> {
  return { StringEquals: { 'kms:ViaService': `${service}.${Stack.of(scope).region}.amazonaws.com` } };
}

export function grantTable(
  grantee: iam.IGrantable,
  table: dynamodb.ITable,
  definition: TableDefinition,
  access: Access,
  key: kms.IKey,
): void {
  const resources = [
    table.tableArn,
    ...(definition.globalSecondaryIndexes ?? []).map((index) => `${table.tableArn}/index/${index.indexName}`),
  ];
  const actions = access === 'readWrite' ? [...TABLE_READ, ...TABLE_WRITE[definition.id]] : TABLE_READ;
  grantee.grantPrincipal.addToPrincipalPolicy(new iam.PolicyStatement({ actions, resources }));
  grantee.grantPrincipal.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: access === 'readWrite' ? KMS_ENCRYPT_DECRYPT : KMS_DECRYPT,
      resources: [key.keyArn],
      conditions: viaService(key, 'dynamodb'),
    }),
  );
}

export function grantSend(grantee: iam.IGrantable, queue: sqs.IQueue, key: kms.IKey): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [queue.queueArn] }),
  );
  grantee.grantPrincipal.addToPrincipalPolicy(
    new iam.PolicyStatement({ actions: KMS_SQS_SEND, resources: [key.keyArn], conditions: viaService(key, 'sqs') }),
  );
}

/**
 * An event source mapping's on-failure destination (CDK's `SqsDlq` with the exact grant above):
 * Lambda sends the failed batch's description with the function's role.
 */
export class ExactSqsOnFailure implements lambda.IEventSourceDlq {
  constructor(
    private readonly queue: sqs.IQueue,
    private readonly key: kms.IKey,
  ) {}

  bind(_target: lambda.IEventSourceMapping, targetHandler: lambda.IFunction): lambda.DlqDestinationConfig {
    grantSend(targetHandler, this.queue, this.key);
    return { destination: this.queue.queueArn };
  }
}

/** An asynchronous invocation's on-failure destination (CDK's `SqsDestination` with the exact grant). */
export class ExactSqsDestination implements lambda.IDestination {
  constructor(
    private readonly queue: sqs.IQueue,
    private readonly key: kms.IKey,
  ) {}

  bind(_scope: Construct, fn: lambda.IFunction): lambda.DestinationConfig {
    grantSend(fn, this.queue, this.key);
    return { destination: this.queue.queueArn };
  }
}
