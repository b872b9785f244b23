/**
 * The Views table's keys (pk/sk), designed for the queries that read them:
 * - `org#<id>` / `history`: the organisation's folded history (the projector's state and the
 *   source of GET /organisaties/{id}, meldcodes, toezichtonderzoeken);
 * - `gemeente#<code>` / `org#<id>`: one small row per organisation active in the gemeente, so a
 *   gemeente's overview is one Query of its own partition (counts computed at query time);
 * - `afstemming#<code>` / `org#<id>` and `afstemming#alle` / `org#<id>`: the coordination entries
 *   of organisations active in more than one gemeente.
 * Every item carries `appliedVersion` (the stream version it reflects); rows that no longer apply
 * stay as tombstones (`removed`) so that a late, older write can never bring them back.
 */
export const HISTORY_SK = 'history';
export const ALL_GEMEENTEN = 'alle';

export const organisationKey = (organisationId: string) => ({ pk: `org#${organisationId}`, sk: HISTORY_SK });
export const gemeenteRowKey = (gemeente: string, organisationId: string) => ({
  pk: `gemeente#${gemeente}`,
  sk: `org#${organisationId}`,
});
export const coordinationKey = (scope: string, organisationId: string) => ({
  pk: `afstemming#${scope}`,
  sk: `org#${organisationId}`,
});
export const gemeentePartition = (gemeente: string): string => `gemeente#${gemeente}`;
export const coordinationPartition = (scope: string): string => `afstemming#${scope}`;
