import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import type { KeyAttribute, TableDefinition } from '../tables.ts';
import { acknowledge } from './nag.ts';
import type { StagePolicy } from './stage.ts';

/** Tables whose loss cannot be repaired: kept, protected and point-in-time recoverable in every stage. */
const PERMANENT: ReadonlySet<TableDefinition['id']> = new Set(['Events']);

export interface TablesProps {
  readonly definitions: readonly TableDefinition[];
  readonly key: kms.IKey;
  readonly policy: StagePolicy;
}

/** The DynamoDB tables of `infra/tables.ts`, on demand, encrypted with the stack's key. */
export class Tables extends Construct {
  readonly byId: ReadonlyMap<TableDefinition['id'], dynamodb.Table>;

  constructor(scope: Construct, id: string, props: TablesProps) {
    super(scope, id);
    const byId = new Map<TableDefinition['id'], dynamodb.Table>();
    for (const definition of props.definitions) {
      const permanent = PERMANENT.has(definition.id);
      const table = new dynamodb.Table(this, definition.id, {
        partitionKey: attribute(definition.partitionKey),
        sortKey: definition.sortKey && attribute(definition.sortKey),
        billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
        encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
        encryptionKey: props.key,
        stream: definition.stream === 'NEW_IMAGE' ? dynamodb.StreamViewType.NEW_IMAGE : undefined,
        timeToLiveAttribute: definition.timeToLiveAttribute,
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: permanent },
        deletionProtection: permanent || props.policy.deletionProtection,
        removalPolicy: permanent ? RemovalPolicy.RETAIN : props.policy.removalPolicy,
      });
      for (const index of definition.globalSecondaryIndexes ?? []) {
        table.addGlobalSecondaryIndex({
          indexName: index.indexName,
          partitionKey: attribute(index.partitionKey),
          sortKey: index.sortKey && attribute(index.sortKey),
          projectionType: dynamodb.ProjectionType.ALL,
        });
      }
      if (!permanent) {
        acknowledge(
          table,
          'AwsSolutions-DDB3',
          `${definition.id} holds no original data: views are rebuilt from the Events table (which has point-in-time recovery), idempotency records expire after hours.`,
        );
      }
      byId.set(definition.id, table);
    }
    this.byId = byId;
  }

  get(id: TableDefinition['id']): dynamodb.Table {
    const table = this.byId.get(id);
    if (!table) throw new Error(`No table ${id} in infra/tables.ts`);
    return table;
  }
}

function attribute(key: KeyAttribute): dynamodb.Attribute {
  return { name: key.name, type: key.type === 'S' ? dynamodb.AttributeType.STRING : dynamodb.AttributeType.NUMBER };
}
