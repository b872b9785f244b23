import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type CoordinationEntry, coordinationEntry } from '#domain/projections/coordination.ts';
import { type GemeenteRow, gemeenteRows } from '#domain/projections/gemeente-rows.ts';
import { emptyHistory, type OrganisationHistory } from '#domain/projections/organisation-history.ts';
import { supervisionStatus } from '#domain/projections/supervision-status.ts';
import type { IsoDate } from '#events/values.ts';
import {
  ALL_GEMEENTEN,
  coordinationKey,
  coordinationPartition,
  gemeentePartition,
  gemeenteRowKey,
  organisationKey,
} from './keys.ts';

/** Another projector moved the organisation's history on first: read again and catch up. */
export class ViewConflictError extends Error {
  override readonly name = 'ViewConflictError';
  constructor(
    readonly organisationId: string,
    readonly expectedVersion: number,
  ) {
    super(`The view of ${organisationId} is no longer at version ${expectedVersion}`);
  }
}

export interface StoredHistory {
  readonly history: OrganisationHistory;
  readonly appliedVersion: number;
  /** Gemeenten where the organisation is active now (for access checks without parsing). */
  readonly gemeenten: readonly string[];
}

interface ViewItem {
  readonly pk: string;
  readonly sk: string;
  readonly appliedVersion: number;
  readonly removed?: true;
  readonly [attribute: string]: unknown;
}

/**
 * How the history item is written: `expect` is the catch-up rule's condition on the old
 * `appliedVersion`; `refresh` (rebuild) writes when nothing newer is stored.
 */
export type HistoryWriteMode = { readonly expect: number } | { readonly refresh: true };

/** Reads and writes the Views table (keys.ts). All view content is a pure function of a history. */
export class ViewStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    readonly tableName: string,
  ) {}

  async getHistory(organisationId: string, consistent = true): Promise<StoredHistory | undefined> {
    const result = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: organisationKey(organisationId), ConsistentRead: consistent }),
    );
    if (!result.Item) return undefined;
    return {
      history: JSON.parse(result.Item.history as string) as OrganisationHistory,
      appliedVersion: result.Item.appliedVersion as number,
      gemeenten: (result.Item.gemeenten as string[] | undefined) ?? [],
    };
  }

  /** The history the projector continues from: the stored one, or the empty one. */
  async historyOrEmpty(organisationId: string): Promise<OrganisationHistory> {
    return (await this.getHistory(organisationId))?.history ?? emptyHistory;
  }

  /**
   * Writes every view of one organisation from its history as of `asOf`: rows and coordination
   * entries first (each only over an older version of itself), then the history item with the
   * catch-up condition. So rows are never behind the history, and an older write never wins.
   * @throws ViewConflictError when the history item moved on meanwhile (caller retries)
   */
  async writeOrganisation(history: OrganisationHistory, asOf: IsoDate, mode: HistoryWriteMode): Promise<void> {
    const organisationId = history.organisation?.organisationId;
    if (!organisationId) return;
    const items = viewItemsOf(history, asOf);
    await Promise.all(items.map((item) => this.putIfNotOlder(item)));
    const active = history.gemeenten.map((a) => a.gemeente);
    const historyItem = {
      ...organisationKey(organisationId),
      appliedVersion: history.appliedVersion,
      gemeenten: active,
      history: JSON.stringify(history),
    };
    try {
      if ('expect' in mode) {
        await this.client.send(
          new PutCommand({
            TableName: this.tableName,
            Item: historyItem,
            ConditionExpression: mode.expect === 0 ? 'attribute_not_exists(appliedVersion)' : 'appliedVersion = :old',
            ...(mode.expect === 0 ? {} : { ExpressionAttributeValues: { ':old': mode.expect } }),
          }),
        );
      } else {
        await this.putIfNotOlder(historyItem);
      }
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException)
        throw new ViewConflictError(organisationId, 'expect' in mode ? mode.expect : -1);
      throw error;
    }
  }

  private async putIfNotOlder(item: ViewItem): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: item,
          ConditionExpression: 'attribute_not_exists(appliedVersion) OR appliedVersion <= :v',
          ExpressionAttributeValues: { ':v': item.appliedVersion },
        }),
      );
    } catch (error) {
      // A newer version of this item is stored already: it stays.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  /** Every live row of a gemeente's partition (all pages; tombstones left out). */
  async gemeenteRows(gemeente: string): Promise<GemeenteRow[]> {
    return (await this.queryPartition(gemeentePartition(gemeente), 'row')).map((raw) => JSON.parse(raw) as GemeenteRow);
  }

  /** The coordination entries of a gemeente, or of all gemeenten (`undefined`). */
  async coordinationEntries(gemeente: string | undefined): Promise<CoordinationEntry[]> {
    return (await this.queryPartition(coordinationPartition(gemeente ?? ALL_GEMEENTEN), 'entry')).map(
      (raw) => JSON.parse(raw) as CoordinationEntry,
    );
  }

  private async queryPartition(pk: string, attribute: string): Promise<string[]> {
    const values: string[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          FilterExpression: 'attribute_not_exists(removed)',
          ProjectionExpression: '#a',
          ExpressionAttributeNames: { '#a': attribute },
          ExpressionAttributeValues: { ':pk': pk },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) values.push(item[attribute] as string);
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return values;
  }
}

/**
 * The rows and coordination entries of one organisation (everything but its history item):
 * a row per gemeente where it is active, a tombstone per gemeente it left; a coordination entry
 * per gemeente (and one under `alle`) while it is active in several gemeenten, tombstones once
 * that ends. Deterministic in (history, asOf), which is what makes a rebuild comparable.
 */
export function viewItemsOf(history: OrganisationHistory, asOf: IsoDate): ViewItem[] {
  const status = supervisionStatus(history, asOf);
  if (status === null) return [];
  const version = history.appliedVersion;
  const id = status.organisationId;
  const items: ViewItem[] = [];
  const rows = gemeenteRows(status);
  for (const row of rows)
    items.push({ ...gemeenteRowKey(row.gemeente, id), appliedVersion: version, row: JSON.stringify(row) });
  const active = new Set(rows.map((r) => r.gemeente));
  for (const former of history.formerGemeenten) {
    if (!active.has(former.gemeente))
      items.push({ ...gemeenteRowKey(former.gemeente, id), appliedVersion: version, removed: true });
  }
  const everywhere = [...new Set([...history.gemeenten, ...history.formerGemeenten].map((a) => a.gemeente))];
  if (everywhere.length >= 2) {
    const entry = coordinationEntry(status);
    const entryJson = entry ? JSON.stringify(entry) : undefined;
    for (const scope of [ALL_GEMEENTEN, ...everywhere]) {
      const live = entryJson !== undefined && (scope === ALL_GEMEENTEN || active.has(scope));
      items.push(
        live
          ? { ...coordinationKey(scope, id), appliedVersion: version, entry: entryJson }
          : { ...coordinationKey(scope, id), appliedVersion: version, removed: true },
      );
    }
  }
  return items;
}
