import { assertCanReadGemeente, callerOf } from '#functions/access/access.ts';
import { viewStoreFromEnv } from '#functions/aws/views-table.ts';
import type { GemeenteOrganisatieUit, ToezichtoverzichtUit } from '#functions/http/api-responses.ts';
import { dutchToday, geenQuerySchema, gemeentePadSchema } from '#functions/http/api-schemas.ts';
import { httpFunction } from '#functions/http/http-function.ts';
import { gemeenteRef, gemeenteRowToNl } from '#functions/http/mapping.ts';
import { parseRequest } from '#functions/http/request.ts';
import { json } from '#functions/http/response.ts';

type Counts = Omit<ToezichtoverzichtUit, 'gemeente' | 'peildatum' | 'perSector'>;

const emptyCounts = (): Counts => ({
  totaal: 0,
  meldcodeBeschikbaar: { ja: 0, nee: 0, onbekend: 0 },
  voldoetAanMinimumeisen: { ja: 0, nee: 0, onbekend: 0 },
  bevorderingKennisEnGebruik: { voldoende: 0, onvoldoende: 0, onbekend: 0 },
  teBeoordelenDitJaar: 0,
  gedektDoorAfspraak: 0,
});

function add(counts: Counts, row: GemeenteOrganisatieUit): void {
  counts.totaal++;
  counts.meldcodeBeschikbaar[row.antwoorden.meldcodeBeschikbaar]++;
  counts.voldoetAanMinimumeisen[row.antwoorden.voldoetAanMinimumeisen]++;
  counts.bevorderingKennisEnGebruik[row.antwoorden.bevorderingKennisEnGebruik]++;
  if (row.teBeoordelenDitJaar) counts.teBeoordelenDitJaar++;
  if (row.gedektDoor) counts.gedektDoorAfspraak++;
}

/** GET /v1/gemeenten/{gemeentecode}/toezichtoverzicht: counts per answer, in all and per sector, computed now. */
export const handler = httpFunction(async (event) => {
  const caller = callerOf(event);
  const { path } = parseRequest(event, { path: gemeentePadSchema, query: geenQuerySchema });
  assertCanReadGemeente(caller, path.gemeentecode);
  const total = emptyCounts();
  const perSector = new Map<GemeenteOrganisatieUit['sector'], Counts>();
  for (const row of (await viewStoreFromEnv().gemeenteRows(path.gemeentecode)).map(gemeenteRowToNl)) {
    add(total, row);
    const sector = perSector.get(row.sector) ?? emptyCounts();
    perSector.set(row.sector, sector);
    add(sector, row);
  }
  const body: ToezichtoverzichtUit = {
    gemeente: gemeenteRef(path.gemeentecode),
    peildatum: dutchToday(),
    ...total,
    perSector: [...perSector.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([sector, counts]) => ({ sector, ...counts })),
  };
  return json(200, body);
});
