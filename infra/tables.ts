/**
 * The table definitions, as plain data: the CDK stack builds its tables from these and the local
 * runtime and the tests create the very same tables on DynamoDB Local. Change a key here and both follow.
 */
export interface KeyAttribute {
  readonly name: string;
  readonly type: 'S' | 'N';
}

export interface TableDefinition {
  /** Logical id in the stack and default name prefix locally. */
  readonly id: 'Events' | 'Views' | 'Idempotency';
  /** The environment variable through which functions learn the table's name. */
  readonly envVar: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  readonly globalSecondaryIndexes?: readonly {
    readonly indexName: string;
    readonly partitionKey: KeyAttribute;
    readonly sortKey?: KeyAttribute;
  }[];
  readonly stream?: 'NEW_IMAGE';
  readonly timeToLiveAttribute?: string;
}

/** Event store: one stream per aggregate, versions from 1; `log` is the auditors' index by recorded day. */
export const eventsTable: TableDefinition = {
  id: 'Events',
  envVar: 'EVENTS_TABLE',
  partitionKey: { name: 'streamId', type: 'S' },
  sortKey: { name: 'version', type: 'N' },
  globalSecondaryIndexes: [
    {
      indexName: 'log',
      partitionKey: { name: 'logBucket', type: 'S' },
      sortKey: { name: 'logKey', type: 'S' },
    },
  ],
  stream: 'NEW_IMAGE',
};

/** Read models, keyed for the queries that read them (see functions/views). */
export const viewsTable: TableDefinition = {
  id: 'Views',
  envVar: 'VIEWS_TABLE',
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
};

/** Powertools idempotency records for commands with an `Idempotency-Key`. */
export const idempotencyTable: TableDefinition = {
  id: 'Idempotency',
  envVar: 'IDEMPOTENCY_TABLE',
  partitionKey: { name: 'id', type: 'S' },
  timeToLiveAttribute: 'expiration',
};

export const allTables = [eventsTable, viewsTable, idempotencyTable] as const;
