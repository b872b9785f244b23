import { BatchGetCommand, type DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { OrganisationHistory } from '#domain/projections/organisation-history.ts';
import { HISTORY_SK, organisationKey } from '#functions/views/keys.ts';

/** BatchGetItem takes at most 100 keys. */
const BATCH = 100;
const MAX_ROUNDS = 8;

const historyOf = (item: Record<string, unknown>): OrganisationHistory =>
  JSON.parse(item.history as string) as OrganisationHistory;

/**
 * The folded histories of these organisations from the Views table, 100 per BatchGetItem (what
 * DynamoDB did not process is asked again). Organisations without a history item are left out.
 */
export async function historiesOf(
  client: DynamoDBDocumentClient,
  viewsTable: string,
  organisationIds: readonly string[],
): Promise<OrganisationHistory[]> {
  const histories: OrganisationHistory[] = [];
  for (let start = 0; start < organisationIds.length; start += BATCH) {
    let keys: Record<string, unknown>[] = organisationIds.slice(start, start + BATCH).map((id) => organisationKey(id));
    for (let round = 1; keys.length > 0; round++) {
      const result = await client.send(
        new BatchGetCommand({ RequestItems: { [viewsTable]: { Keys: keys, ProjectionExpression: 'history' } } }),
      );
      for (const item of result.Responses?.[viewsTable] ?? []) histories.push(historyOf(item));
      keys = (result.UnprocessedKeys?.[viewsTable]?.Keys ?? []) as Record<string, unknown>[];
      if (keys.length > 0 && round >= MAX_ROUNDS)
        throw new Error(`${keys.length} histories were not read after ${round} rounds`);
      if (keys.length > 0) await new Promise((resolve) => setTimeout(resolve, 20 * round));
    }
  }
  return histories;
}

/** Every organisation's folded history in the Views table (a scan of the history items). */
export async function* allHistories(
  client: DynamoDBDocumentClient,
  viewsTable: string,
): AsyncGenerator<OrganisationHistory> {
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: viewsTable,
        FilterExpression: 'sk = :history',
        ProjectionExpression: 'history',
        ExpressionAttributeValues: { ':history': HISTORY_SK },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) yield historyOf(item);
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}
