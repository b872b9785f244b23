import { MELDCODE_ELEMENT_IDS } from '#events/values.ts';
import { apiCall } from './web-harness.ts';

/**
 * A small, fixed data set for the dashboard's page tests, loaded over the public HTTP API: every
 * answer (ja, nee, onbekend) occurs in Utrecht, there is a supervision with a follow-up deadline,
 * a regional provider under an agreement with a gemeente left out of it, one without an agreement,
 * and enough organisations for a second page in the overview.
 */
export const HOME = 'GM0344'; // Utrecht

export interface SeededData {
  readonly ids: Record<string, string>;
  readonly kvkNummers: Record<string, string>;
  /** The version of each organisation after seeding (its last command's ETag). */
  readonly versions: Record<string, number>;
}

type Token = (gemeente: string) => Promise<string>;

const allElements = [...MELDCODE_ELEMENT_IDS];
const kinderopvangElements = allElements.filter((e) => e !== 'verwijsindex' && e !== 'kindcheck');

let kvkCounter = 0;
const kvk = (): string => String(30_000_000 + (((Date.now() % 1_000_000) * 37 + ++kvkCounter * 7919) % 69_999_999));

async function must<T>(promise: Promise<{ status: number; data: T; etag: string | null }>, what: string) {
  const result = await promise;
  if (result.status >= 300) throw new Error(`${what}: HTTP ${result.status} ${JSON.stringify(result.data)}`);
  return result;
}

export async function seedWebData(url: string, token: Token): Promise<SeededData> {
  const ids: Record<string, string> = {};
  const kvkNummers: Record<string, string> = {};
  const versions: Record<string, number> = {};
  const version = (etag: string | null): number => Number((etag ?? '0').replace(/\D/g, ''));

  const register = async (key: string, by: string, body: Record<string, unknown>) => {
    const kvkNummer = kvk();
    const r = await must(
      apiCall<{ id: string }>(url, await token(by), 'POST', '/v1/organisaties', { kvkNummer, ...body }),
      `register ${key}`,
    );
    ids[key] = r.data.id;
    kvkNummers[key] = kvkNummer;
    versions[key] = version(r.etag);
  };
  const meldcode = async (key: string, by: string, body: Record<string, unknown>) => {
    const r = await must(
      apiCall(url, await token(by), 'POST', `/v1/organisaties/${ids[key]}/meldcodes`, {
        aandachtsfunctionaris: true,
        maatregelen: [],
        ...body,
      }),
      `meldcode ${key}`,
    );
    versions[key] = version(r.etag);
  };
  const supervision = async (key: string, by: string, body: Record<string, unknown>) => {
    const r = await must(
      apiCall(url, await token(by), 'POST', `/v1/organisaties/${ids[key]}/toezichtonderzoeken`, {
        gemeente: by,
        ...body,
      }),
      `supervision ${key}`,
    );
    versions[key] = version(r.etag);
  };
  const agreement = async (key: string, by: string, body: Record<string, unknown>) => {
    const r = await must(
      apiCall(url, await token(by), 'POST', `/v1/organisaties/${ids[key]}/afspraken`, body),
      `agreement ${key}`,
    );
    versions[key] = version(r.etag);
  };

  // One organisation per answer pattern
  await register('buurtteams', HOME, {
    naam: 'Stichting Buurtteams Utrecht',
    sector: 'wmo',
    gemeenten: [HOME],
    bestaatSinds: '2015-01-01',
  });
  await meldcode('buurtteams', HOME, {
    versie: '2023-2',
    vastgesteldOp: '2023-06-01',
    elementen: allElements,
    dossiervorming: true,
    maatregelen: [
      { soort: 'training', datum: '2026-03-12', bereikPercentage: 85 },
      { soort: 'e-learning', datum: '2025-01-20', bereikPercentage: 60 },
    ],
  });
  await supervision('buurtteams', HOME, {
    toezichthouder: 'GGD regio Utrecht',
    uitgevoerdOp: '2026-04-15',
    oordeel: 'voldoet',
    bevindingen: {
      meldcodeBeschikbaar: { antwoord: 'ja' },
      voldoetAanMinimumeisen: { antwoord: 'ja', aanwezigeElementen: allElements },
      bevorderingKennisEnGebruik: { antwoord: 'voldoende', toelichting: 'Jaarlijkse training, hoge opkomst.' },
    },
  });

  await register('vlinder', HOME, {
    naam: 'Kinderdagverblijf De Vlinder',
    sector: 'kinderopvang-kindercentrum',
    lrkNummer: '123456789',
    gemeenten: [HOME],
    bestaatSinds: '2010-05-01',
  });
  await meldcode('vlinder', HOME, {
    versie: '2017',
    vastgesteldOp: '2017-09-01',
    elementen: kinderopvangElements.filter((e) => e !== 'afwegingskader'),
    maatregelen: [{ soort: 'voorlichting', datum: '2024-02-01' }],
  });

  await register('leerplicht', HOME, {
    naam: 'Afdeling Leerplicht gemeente Utrecht',
    sector: 'gemeentelijke-dienst',
    gemeenten: [HOME],
  });

  await register('zonnetje', HOME, {
    naam: 'Gastouderbureau Zonnetje',
    sector: 'kinderopvang-gastouderbureau',
    gemeenten: [HOME],
  });
  await meldcode('zonnetje', HOME, { versie: '2021-1', vastgesteldOp: '2021-02-01', elementen: kinderopvangElements });
  await supervision('zonnetje', HOME, {
    uitgevoerdOp: '2026-09-01',
    oordeel: 'voldoet-deels',
    bevindingen: {
      bevorderingKennisEnGebruik: { antwoord: 'onvoldoende', toelichting: 'Geen scholing in de afgelopen twee jaar.' },
    },
    herstelTermijn: '2027-03-01',
  });

  // Regional providers: one under an agreement that leaves Amersfoort out, one without agreement
  await register('thuiszorg', HOME, {
    naam: 'Regionale Thuiszorg Midden-Nederland',
    sector: 'wmo',
    gemeenten: [HOME, 'GM0355', 'GM0356', 'GM0307'],
    bestaatSinds: '2001-01-01',
  });
  await meldcode('thuiszorg', HOME, {
    versie: '2019-1',
    vastgesteldOp: '2019-01-15',
    elementen: allElements,
    maatregelen: [{ soort: 'scholing', datum: '2026-01-10', bereikPercentage: 40 }],
  });
  await agreement('thuiszorg', HOME, {
    gemeenten: [HOME, 'GM0355', 'GM0356'],
    penvoerder: HOME,
    toezichthouder: 'GGD regio Utrecht',
    vragen: ['Q1', 'Q2', 'Q3'],
    bevindingenDelen: true,
    geldigVanaf: '2025-01-01',
    geldigTot: '2027-12-31',
  });

  await register('welzijn', HOME, { naam: 'Welzijn Amstel en Vecht', sector: 'wmo', gemeenten: [HOME, 'GM0363'] });

  // Enough for a second page of 25
  const sectors = [
    'wmo',
    'kinderopvang-kindercentrum',
    'gastouderopvang',
    'gemeentelijke-dienst',
    'jeugdhulp',
    'vrijwilligersorganisatie',
  ];
  await Promise.all(
    Array.from({ length: 22 }, (_, i) =>
      register(`extra${i}`, HOME, {
        naam: `${['Zorggroep', 'Stichting', 'Kinderopvang', 'Welzijn', 'Huis'][i % 5]} ${['Oost', 'West', 'Lombok', 'Overvecht', 'Leidsche Rijn', 'Zuilen'][i % 6]} ${i + 1}`,
        sector: sectors[i % sectors.length],
        gemeenten: [HOME],
      }),
    ),
  );
  return { ids, kvkNummers, versions };
}
