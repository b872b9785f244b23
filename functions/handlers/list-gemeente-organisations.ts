import { assertCanReadGemeente, callerOf } from '#functions/access/access.ts';
import { viewStoreFromEnv } from '#functions/aws/views-table.ts';
import { gemeenteOrganisatiesQuerySchema, gemeentePadSchema } from '#functions/http/api-schemas.ts';
import { httpFunction } from '#functions/http/http-function.ts';
import { gemeenteRef, gemeenteRowToNl } from '#functions/http/mapping.ts';
import { parseRequest } from '#functions/http/request.ts';
import { json } from '#functions/http/response.ts';

/**
 * GET /v1/gemeenten/{gemeentecode}/organisaties: the organisations active in a gemeente, filtered
 * (sector, an answer per question, due this year, name or KvK-nummer) and paged, sorted by name.
 */
export const handler = httpFunction(async (event) => {
  const caller = callerOf(event);
  const { path, query } = parseRequest(event, { path: gemeentePadSchema, query: gemeenteOrganisatiesQuerySchema });
  assertCanReadGemeente(caller, path.gemeentecode);
  const search = query.zoek?.toLowerCase();
  const rows = (await viewStoreFromEnv().gemeenteRows(path.gemeentecode))
    .map(gemeenteRowToNl)
    .filter(
      (row) =>
        (query.sector === undefined || row.sector === query.sector) &&
        (query.meldcodeBeschikbaar === undefined || row.antwoorden.meldcodeBeschikbaar === query.meldcodeBeschikbaar) &&
        (query.voldoetAanMinimumeisen === undefined ||
          row.antwoorden.voldoetAanMinimumeisen === query.voldoetAanMinimumeisen) &&
        (query.bevorderingKennisEnGebruik === undefined ||
          row.antwoorden.bevorderingKennisEnGebruik === query.bevorderingKennisEnGebruik) &&
        (query.teBeoordelen === undefined || row.teBeoordelenDitJaar === (query.teBeoordelen === 'ja')) &&
        (search === undefined || row.naam.toLowerCase().includes(search) || row.kvkNummer.includes(search)),
    )
    .sort((a, b) => a.naam.localeCompare(b.naam, 'nl') || a.organisatieId.localeCompare(b.organisatieId));
  const start = (query.pagina - 1) * query.paginaGrootte;
  return json(200, {
    gemeente: gemeenteRef(path.gemeentecode),
    organisaties: rows.slice(start, start + query.paginaGrootte),
    paginering: {
      pagina: query.pagina,
      paginaGrootte: query.paginaGrootte,
      totaal: rows.length,
      aantalPaginas: Math.ceil(rows.length / query.paginaGrootte),
    },
  });
});
