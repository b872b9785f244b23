import { type IsoDate, type MeldcodeElementId, SECTORS, type Sector } from '#events/values.ts';
import { isKinderopvang } from '../sectors.ts';

/**
 * The Q2 checklist as data (MELDCODE-REQUIREMENTS.md): the elements of Besluit verplichte meldcode
 * art. 2(1), the five steps of art. 2(2), and the kinderopvang variant of the Besluit kwaliteit
 * kinderopvang. Every rule names its source so a gemeente's legal team can check it and, where it
 * reads the law differently, pass an amended copy to `checkMinimumRequirements` instead of
 * changing code.
 */

/** Which text a sector's meldcode must follow. */
export type MeldcodeVariant = 'besluit-meldcode' | 'kinderopvang-kindercentrum' | 'kinderopvang-gastouder';

export const VARIANT_OF_SECTOR: Readonly<Record<Sector, MeldcodeVariant>> = {
  wmo: 'besluit-meldcode',
  'gemeentelijke-dienst': 'besluit-meldcode',
  jeugdhulp: 'besluit-meldcode',
  onderwijs: 'besluit-meldcode',
  zorg: 'besluit-meldcode',
  vrijwilligersorganisatie: 'besluit-meldcode',
  'kinderopvang-kindercentrum': 'kinderopvang-kindercentrum',
  'kinderopvang-gastouderbureau': 'kinderopvang-gastouder',
  gastouderopvang: 'kinderopvang-gastouder',
};

export interface ElementRequirement {
  readonly id: MeldcodeElementId;
  readonly kind: 'element' | 'step';
  /** Dutch, as supervisors name it. */
  readonly title: string;
  /** A different title where a variant words it differently (kinderopvang step 3). */
  readonly titleByVariant?: Partial<Record<MeldcodeVariant, string>>;
  readonly legalBasis: Readonly<Record<MeldcodeVariant, string>>;
  /** The sectors whose meldcode must have it; for the others it is not applicable. */
  readonly appliesTo: readonly Sector[];
  /** Why it does not apply outside `appliesTo`. */
  readonly notApplicableBecause?: string;
  /**
   * "indien / voor zover van toepassing": a supervisor may judge it not applicable to a particular
   * organisation (see `notApplicable` of the check). Unconditional elements cannot be waived.
   */
  readonly conditional: boolean;
  /** Required only for a meldcode in force on or after this date. */
  readonly requiredFrom?: IsoDate;
}

const ALL: readonly Sector[] = SECTORS;
const KINDEROPVANG: readonly Sector[] = SECTORS.filter(isKinderopvang);

const BESLUIT = 'Besluit verplichte meldcode huiselijk geweld en kindermishandeling (Stb. 2013, 324)';
const BKK_2A = 'Besluit kwaliteit kinderopvang art. 2a';
const BKK_8 = 'Besluit kwaliteit kinderopvang art. 8';

function basis(besluitArticle: string, suffix = ''): Readonly<Record<MeldcodeVariant, string>> {
  return {
    'besluit-meldcode': `${BESLUIT} ${besluitArticle}${suffix}`,
    'kinderopvang-kindercentrum': `${BKK_2A}${suffix}`,
    'kinderopvang-gastouder': `${BKK_8}${suffix}`,
  };
}

/** The day the afwegingskader became a required element (wijzigingsbesluit, Stcrt. 2017, 46221). */
export const AFWEGINGSKADER_REQUIRED_FROM: IsoDate = '2019-01-01';

export const ELEMENT_REQUIREMENTS: readonly ElementRequirement[] = [
  {
    id: 'stappenplan',
    kind: 'element',
    title: 'Stappenplan bij signalen van huiselijk geweld of kindermishandeling',
    legalBasis: basis('art. 2 lid 1'),
    appliesTo: ALL,
    conditional: false,
  },
  {
    id: 'responsibilities',
    kind: 'element',
    title: 'Verantwoordelijkheden per stap, ook wie uiteindelijk beslist over melden',
    legalBasis: basis('art. 2 lid 1'),
    appliesTo: ALL,
    conditional: false,
  },
  {
    id: 'specialForms',
    kind: 'element',
    title: 'Aandacht voor bijzondere vormen van geweld die specifieke deskundigheid vragen',
    legalBasis: basis('art. 2 lid 1', ' ("indien van toepassing")'),
    appliesTo: ALL,
    conditional: true,
  },
  {
    id: 'verwijsindex',
    kind: 'element',
    title: 'Aandacht voor de verwijsindex risicojongeren',
    legalBasis: basis('art. 2 lid 1', '; Jeugdwet art. 7.1.1.2'),
    // Entitled to report under Jeugdwet art. 7.1.1.2: professionals in maatschappelijke
    // ondersteuning (Wmo), the gemeente's own services (leerplicht, wijkteam), jeugdhulp, onderwijs
    // and zorg. Not kinderopvang (its Besluit has no such element) and not volunteers.
    appliesTo: ['wmo', 'gemeentelijke-dienst', 'jeugdhulp', 'onderwijs', 'zorg'],
    notApplicableBecause: 'alleen voor organisaties die meldingsbevoegd zijn onder de Jeugdwet (art. 7.1.1.2)',
    conditional: true,
  },
  {
    id: 'kindcheck',
    kind: 'element',
    title: 'Kindcheck: zorgt een volwassen cliënt voor minderjarigen, en zijn zij veilig?',
    legalBasis: basis('art. 2 lid 1', ' ("voor zover van toepassing")'),
    // For organisations with adult clients; jeugdhulp and onderwijs work with the children
    // themselves, kinderopvang's Besluit has no kindcheck.
    appliesTo: ['wmo', 'gemeentelijke-dienst', 'zorg', 'vrijwilligersorganisatie'],
    notApplicableBecause: 'alleen voor organisaties met volwassen cliënten; niet voor kinderopvang',
    conditional: true,
  },
  {
    id: 'confidentialData',
    kind: 'element',
    title: 'Omgang met vertrouwelijke gegevens',
    legalBasis: basis('art. 2 lid 1'),
    appliesTo: ALL,
    conditional: false,
  },
  {
    id: 'afwegingskader',
    kind: 'element',
    title: 'Afwegingskader: is er (een vermoeden van) acute of structurele onveiligheid die gemeld moet worden?',
    legalBasis: basis('art. 2 lid 1', ', sinds 1 januari 2019 (wijzigingsbesluit, Stcrt. 2017, 46221)'),
    appliesTo: ALL,
    conditional: false,
    requiredFrom: AFWEGINGSKADER_REQUIRED_FROM,
  },
  {
    id: 'step1MapSignals',
    kind: 'step',
    title: 'Stap 1: in kaart brengen van signalen',
    legalBasis: basis('art. 2 lid 2'),
    appliesTo: ALL,
    conditional: false,
  },
  {
    id: 'step2Consult',
    kind: 'step',
    title: 'Stap 2: collegiale consultatie en zo nodig Veilig Thuis of een deskundige op het gebied van letselduiding',
    legalBasis: basis('art. 2 lid 2'),
    appliesTo: ALL,
    conditional: false,
  },
  {
    id: 'step3Conversation',
    kind: 'step',
    title: 'Stap 3: gesprek met de cliënt',
    titleByVariant: {
      'kinderopvang-kindercentrum': 'Stap 3: gesprek met de ouders en, indien mogelijk, het kind',
      'kinderopvang-gastouder': 'Stap 3: gesprek met de ouders en, indien mogelijk, het kind',
    },
    legalBasis: basis('art. 2 lid 2'),
    appliesTo: ALL,
    conditional: false,
  },
  {
    id: 'step4Weigh',
    kind: 'step',
    title: 'Stap 4: wegen van het risico, de aard en de ernst; bij twijfel altijd Veilig Thuis raadplegen',
    legalBasis: basis('art. 2 lid 2'),
    appliesTo: ALL,
    conditional: false,
  },
  {
    id: 'step5Decide',
    kind: 'step',
    title: 'Stap 5: beslissen of melden noodzakelijk is en of hulp verlenen of organiseren (ook) mogelijk is',
    legalBasis: basis('art. 2 lid 2'),
    appliesTo: ALL,
    conditional: false,
  },
];

/** A recommendation: reported as advice, never as a breach of the law. */
export interface Recommendation {
  readonly id: 'aandachtsfunctionaris' | 'vastleggen' | 'bijzondere-vormen-benoemd' | 'meldplicht-medewerker';
  readonly title: string;
  readonly basis: string;
  readonly appliesTo: readonly Sector[];
}

export const RECOMMENDATIONS: readonly Recommendation[] = [
  {
    id: 'aandachtsfunctionaris',
    title: 'Een aandachtsfunctionaris (aanspreekpunt voor de meldcode) is aangewezen',
    basis: 'aanbeveling, geen wettelijke eis',
    appliesTo: ALL,
  },
  {
    id: 'vastleggen',
    title: 'Signalen, consultaties, besluiten en acties worden vastgelegd in het dossier',
    basis: 'aanbeveling, geen wettelijke eis',
    appliesTo: ALL,
  },
  {
    id: 'bijzondere-vormen-benoemd',
    title:
      'De bijzondere vormen worden uitdrukkelijk benoemd: vrouwelijke genitale verminking, eergerelateerd geweld, ' +
      'ouderenmishandeling, huwelijksdwang, seksueel geweld',
    basis: 'aanbeveling: het Besluit vraagt alleen om "bijzondere vormen"',
    appliesTo: ALL,
  },
  {
    id: 'meldplicht-medewerker',
    title:
      'De meldcode noemt de meldplicht bij een vermoeden van geweld of een zedendelict door een medewerker ' +
      '(melden bij de vertrouwensinspecteur)',
    basis: 'Wet kinderopvang (meldplicht); aanbeveling voor de meldcode',
    appliesTo: KINDEROPVANG,
  },
];
