import type { Sector } from '#events/values.ts';

/** Who supervises an organisation's meldcode duty (MELDCODE-REQUIREMENTS.md, "Which sectors"). */
export type SupervisingAuthority =
  | 'gemeente'
  | 'Inspectie Gezondheidszorg en Jeugd'
  | 'Inspectie van het Onderwijs'
  | 'none';

export interface SectorRules {
  readonly sector: Sector;
  /** Dutch label, as supervisors name the sector. */
  readonly label: string;
  /** The article that obliges the organisation to adopt a meldcode; null where none does. */
  readonly dutyBasis: string | null;
  readonly supervisedBy: SupervisingAuthority;
  /** Whether this system's campaigns schedule, and gemeenten supervise, this sector. */
  readonly supervisedByGemeente: boolean;
  /** Kinderopvang: its own meldcode variant (no verwijsindex, no kindcheck) and a yearly inspection. */
  readonly kinderopvang: boolean;
}

/**
 * The sector table as data: which sector has a meldcode duty, under which law, and who supervises
 * it. Only `supervisedByGemeente` sectors may be scheduled or supervised; the others are registered
 * for the record (jeugdhulp: IGJ since 2015; onderwijs and zorg: their inspecties; vrijwilligers:
 * exempt).
 */
export const SECTOR_RULES: Readonly<Record<Sector, SectorRules>> = {
  wmo: {
    sector: 'wmo',
    label: 'Wmo-aanbieder',
    dutyBasis: 'Wmo 2015 art. 3.3',
    supervisedBy: 'gemeente',
    supervisedByGemeente: true,
    kinderopvang: false,
  },
  'kinderopvang-kindercentrum': {
    sector: 'kinderopvang-kindercentrum',
    label: 'Kindercentrum',
    dutyBasis: 'Wet kinderopvang art. 1.51a',
    supervisedBy: 'gemeente',
    supervisedByGemeente: true,
    kinderopvang: true,
  },
  'kinderopvang-gastouderbureau': {
    sector: 'kinderopvang-gastouderbureau',
    label: 'Gastouderbureau',
    dutyBasis: 'Wet kinderopvang art. 1.51a',
    supervisedBy: 'gemeente',
    supervisedByGemeente: true,
    kinderopvang: true,
  },
  gastouderopvang: {
    sector: 'gastouderopvang',
    label: 'Gastouder',
    dutyBasis: 'Wet kinderopvang art. 1.56b',
    supervisedBy: 'gemeente',
    supervisedByGemeente: true,
    kinderopvang: true,
  },
  'gemeentelijke-dienst': {
    sector: 'gemeentelijke-dienst',
    label: 'Gemeentelijke dienst',
    dutyBasis: 'Leerplichtwet 1969 art. 16; Wmo 2015 art. 3.3 (the college as employer)',
    supervisedBy: 'gemeente',
    supervisedByGemeente: true,
    kinderopvang: false,
  },
  jeugdhulp: {
    sector: 'jeugdhulp',
    label: 'Jeugdhulp en opvoedondersteuning',
    dutyBasis: 'Jeugdwet art. 4.1.7',
    supervisedBy: 'Inspectie Gezondheidszorg en Jeugd',
    supervisedByGemeente: false,
    kinderopvang: false,
  },
  onderwijs: {
    sector: 'onderwijs',
    label: 'Onderwijs',
    dutyBasis: 'the onderwijswetten, as amended by the Wet verplichte meldcode huiselijk geweld en kindermishandeling',
    supervisedBy: 'Inspectie van het Onderwijs',
    supervisedByGemeente: false,
    kinderopvang: false,
  },
  zorg: {
    sector: 'zorg',
    label: 'Gezondheidszorg',
    dutyBasis: 'Wet kwaliteit, klachten en geschillen zorg, as amended by the Wet verplichte meldcode',
    supervisedBy: 'Inspectie Gezondheidszorg en Jeugd',
    supervisedByGemeente: false,
    kinderopvang: false,
  },
  vrijwilligersorganisatie: {
    sector: 'vrijwilligersorganisatie',
    label: 'Vrijwilligersorganisatie',
    dutyBasis: null,
    supervisedBy: 'none',
    supervisedByGemeente: false,
    kinderopvang: false,
  },
};

/** Whether a gemeente supervises (and its campaigns schedule) organisations of this sector. */
export function isSupervisedByGemeente(sector: Sector): boolean {
  return SECTOR_RULES[sector].supervisedByGemeente;
}

/** Kinderopvang has its own meldcode variant and a yearly default campaign interval. */
export function isKinderopvang(sector: Sector): boolean {
  return SECTOR_RULES[sector].kinderopvang;
}
