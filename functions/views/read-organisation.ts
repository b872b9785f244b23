import type { OrganisationHistory } from '#domain/projections/organisation-history.ts';
import { assertCanReadOrganisation, type Caller } from '../access/access.ts';
import { viewStoreFromEnv } from '../aws/views-table.ts';
import { NotFoundError } from '../http/errors.ts';

/**
 * The organisation's history from the views, if the caller may see it: a missing organisation
 * and one not active in the caller's gemeente are the same 404.
 */
export async function readableHistory(caller: Caller, organisationId: string): Promise<OrganisationHistory> {
  const stored = await viewStoreFromEnv().getHistory(organisationId);
  assertCanReadOrganisation(caller, stored?.gemeenten);
  if (!stored) throw new NotFoundError('Deze organisatie bestaat niet of is niet actief in uw gemeente');
  return stored.history;
}
