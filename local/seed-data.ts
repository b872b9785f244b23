import { type Gemeente, gemeentenList } from '#events/gemeenten.ts';
import { MELDCODE_ELEMENT_IDS, type MeldcodeElementId, type Sector } from '#events/values.ts';

/** A small deterministic PRNG (mulberry32), so a seed run is the same every time. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Random = () => number;
export const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
export const chance = (random: Random, p: number): boolean => random() < p;
export const int = (random: Random, min: number, max: number): number => min + Math.floor(random() * (max - min + 1));

const SECTOR_WEIGHTS: readonly [Sector, number][] = [
  ['wmo', 34],
  ['kinderopvang-kindercentrum', 24],
  ['kinderopvang-gastouderbureau', 7],
  ['gastouderopvang', 5],
  ['gemeentelijke-dienst', 8],
  ['jeugdhulp', 8],
  ['onderwijs', 6],
  ['zorg', 5],
  ['vrijwilligersorganisatie', 3],
];

export function pickSector(random: Random): Sector {
  const total = SECTOR_WEIGHTS.reduce((sum, [, w]) => sum + w, 0);
  let roll = random() * total;
  for (const [sector, weight] of SECTOR_WEIGHTS) {
    roll -= weight;
    if (roll < 0) return sector;
  }
  return 'wmo';
}

const NAME_PARTS: Record<Sector, readonly string[]> = {
  wmo: [
    'Stichting Welzijn',
    'Zorgcoöperatie',
    'Thuisbegeleiding',
    'Maatschappelijk Werk',
    'Buurtzorg Wmo',
    'Dagbesteding',
  ],
  'kinderopvang-kindercentrum': ['Kinderdagverblijf', 'Kinderopvang', 'BSO', 'Peuteropvang'],
  'kinderopvang-gastouderbureau': ['Gastouderbureau'],
  gastouderopvang: ['Gastouder'],
  'gemeentelijke-dienst': ['Leerplicht', 'Wijkteam', 'Wmo-loket'],
  jeugdhulp: ['Jeugdhulp', 'Opvoedpunt', 'Gezinscoaching'],
  onderwijs: ['Basisschool', 'Scholengroep'],
  zorg: ['Huisartsenpraktijk', 'Fysiotherapie', 'Wijkverpleging'],
  vrijwilligersorganisatie: ['Vrijwilligerscentrale', 'Sportvereniging'],
};
const NAME_SUFFIXES = [
  'De Regenboog',
  'Het Anker',
  'De Linde',
  'Zonnebloem',
  'De Horizon',
  'Het Kompas',
  'De Bron',
  'Samen',
  'De Brug',
  'Klavertje Vier',
  'De Wilg',
  'Noorderlicht',
];

export function organisationName(random: Random, sector: Sector, place: string): string {
  return `${pick(random, NAME_PARTS[sector])} ${pick(random, NAME_SUFFIXES)} ${place}`;
}

/** Gemeenten grouped by veiligheidsregio: regional providers work within one region. */
export function regions(): Map<string, Gemeente[]> {
  const byRegion = new Map<string, Gemeente[]>();
  for (const gemeente of gemeentenList()) {
    const list = byRegion.get(gemeente.safetyRegionCode) ?? [];
    list.push(gemeente);
    byRegion.set(gemeente.safetyRegionCode, list);
  }
  return byRegion;
}

/** Every element and step but the afwegingskader, which is added by vintage below. */
const BESLUIT_ELEMENTS: readonly MeldcodeElementId[] = MELDCODE_ELEMENT_IDS.filter((id) => id !== 'afwegingskader');
const KINDEROPVANG_ELEMENTS: readonly MeldcodeElementId[] = BESLUIT_ELEMENTS.filter(
  (e) => e !== 'verwijsindex' && e !== 'kindcheck',
);

/** The elements of a meldcode of a sector and vintage: before 2019 without afwegingskader; now and then one missing. */
export function meldcodeElements(random: Random, sector: Sector, adoptedOn: string): MeldcodeElementId[] {
  const base =
    sector.startsWith('kinderopvang') || sector === 'gastouderopvang' ? KINDEROPVANG_ELEMENTS : BESLUIT_ELEMENTS;
  const elements = [...base];
  if (adoptedOn >= '2019-01-01' || chance(random, 0.1)) elements.push('afwegingskader');
  if (chance(random, 0.12)) elements.splice(int(random, 0, elements.length - 1), 1);
  return elements;
}
