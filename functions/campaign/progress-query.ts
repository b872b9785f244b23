import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CampaignProgress } from '#domain/campaign/progress.ts';
import { supervisionStatus } from '#domain/projections/supervision-status.ts';
import { gemeentenList } from '#events/gemeenten.ts';
import type { IsoDate } from '#events/values.ts';
import type { ViewStore } from '#functions/views/view-store.ts';
import { noProgress, ProgressTally } from './progress.ts';
import { allHistories, historiesOf } from './view-histories.ts';

export interface ProgressQueryDeps {
  readonly client: DynamoDBDocumentClient;
  readonly views: ViewStore;
}

/**
 * A campaign year's progress as of `asOf`, computed at query time from the organisations' folded
 * histories (so "overdue" is always today's, not the day the view was last written): for one
 * gemeente with its organisations listed, or for every gemeente of the CBS list in counts.
 */
export async function campaignProgressOf(
  deps: ProgressQueryDeps,
  year: number,
  asOf: IsoDate,
  gemeente: string | undefined,
): Promise<CampaignProgress[]> {
  const tally = new ProgressTally(asOf, { ...(gemeente ? { gemeente } : {}), keepEntries: gemeente !== undefined });
  const histories =
    gemeente === undefined
      ? allHistories(deps.client, deps.views.tableName)
      : await historiesOf(
          deps.client,
          deps.views.tableName,
          (await deps.views.gemeenteRows(gemeente)).map((row) => row.organisationId),
        );
  for await (const history of histories) {
    const status = supervisionStatus(history, asOf);
    if (status !== null) tally.add(status, [year]);
  }
  const found = new Map(tally.results().map((progress) => [progress.gemeente, progress]));
  const gemeenten = gemeente === undefined ? gemeentenList().map((g) => g.code) : [gemeente];
  return gemeenten.map((code) => found.get(code) ?? noProgress(code, year, asOf));
}
