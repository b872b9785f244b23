import type { Series } from './chart.ts';
import { badge } from './ui.ts';

/** Words for codes: the API speaks in codes, people read Dutch sentences. */

export const VRAGEN = {
  meldcodeBeschikbaar: {
    code: 'Q1',
    kort: 'Meldcode beschikbaar',
    vraag: 'Is er binnen de organisatie een meldcode beschikbaar?',
  },
  voldoetAanMinimumeisen: {
    code: 'Q2',
    kort: 'Voldoet aan minimumeisen',
    vraag: 'Voldoet deze meldcode aan de minimumeisen van de wet en de AMvB?',
  },
  bevorderingKennisEnGebruik: {
    code: 'Q3',
    kort: 'Kennis en gebruik',
    vraag: 'Wat doet de organisatie concreet om kennis en gebruik van de meldcode te bevorderen?',
  },
} as const;

export type VraagSleutel = keyof typeof VRAGEN;
export const VRAAG_SLEUTELS = Object.keys(VRAGEN) as VraagSleutel[];

export const VRAAG_PER_CODE: Record<string, VraagSleutel> = {
  Q1: 'meldcodeBeschikbaar',
  Q2: 'voldoetAanMinimumeisen',
  Q3: 'bevorderingKennisEnGebruik',
};

const JA_NEE: readonly Series[] = [
  { key: 'ja', label: 'ja', tone: 'ja' },
  { key: 'nee', label: 'nee', tone: 'nee' },
  { key: 'onbekend', label: 'onbekend', tone: 'onbekend' },
];

/** The answers of each question as chart series and filter choices, in display order. */
export const ANTWOORD_SERIES: Record<VraagSleutel, readonly Series[]> = {
  meldcodeBeschikbaar: JA_NEE,
  voldoetAanMinimumeisen: JA_NEE,
  bevorderingKennisEnGebruik: [
    { key: 'voldoende', label: 'voldoende', tone: 'ja' },
    { key: 'onvoldoende', label: 'onvoldoende', tone: 'nee' },
    { key: 'onbekend', label: 'onbekend', tone: 'onbekend' },
  ],
};

/** The answers a question can have, in display order. */
export function antwoordenVan(vraag: VraagSleutel): readonly string[] {
  return vraag === 'bevorderingKennisEnGebruik' ? ['voldoende', 'onvoldoende', 'onbekend'] : ['ja', 'nee', 'onbekend'];
}

export function antwoordTekst(antwoord: string | undefined | null): string {
  switch (antwoord) {
    case 'ja':
    case 'yes':
      return 'ja';
    case 'nee':
    case 'no':
      return 'nee';
    case 'voldoende':
    case 'sufficient':
      return 'voldoende';
    case 'onvoldoende':
    case 'insufficient':
      return 'onvoldoende';
    default:
      return 'onbekend';
  }
}

/** The answer as a badge; colour is never the only cue, the word is always there. */
export function antwoordBadge(antwoord: string | undefined | null): HTMLSpanElement {
  const tekst = antwoordTekst(antwoord);
  const tone =
    tekst === 'ja' || tekst === 'voldoende'
      ? 'safe'
      : tekst === 'nee' || tekst === 'onvoldoende'
        ? 'danger'
        : 'neutral';
  return badge(tekst, tone);
}

export const OORDEEL: Record<string, string> = {
  voldoet: 'voldoet',
  'voldoet-deels': 'voldoet deels',
  'voldoet-niet': 'voldoet niet',
  compliant: 'voldoet',
  'partially-compliant': 'voldoet deels',
  'non-compliant': 'voldoet niet',
};

export const BRON: Record<string, string> = {
  toezichtonderzoek: 'bevinding van het toezicht',
  zelfverklaring: 'opgegeven door de organisatie',
  toezicht: 'bevinding van het toezicht',
  supervision: 'bevinding van het toezicht',
  'zelf-opgegeven': 'opgegeven door de organisatie',
  zelfOpgegeven: 'opgegeven door de organisatie',
  'self-declared': 'opgegeven door de organisatie',
  geen: 'geen gegevens',
  none: 'geen gegevens',
};

export const ELEMENT_STATUS: Record<string, string> = {
  aanwezig: 'aanwezig',
  present: 'aanwezig',
  ontbreekt: 'ontbreekt',
  missing: 'ontbreekt',
  'niet-van-toepassing': 'niet van toepassing',
  'not-applicable': 'niet van toepassing',
};

export const MAATREGEL_SOORT: Record<string, string> = {
  voorlichting: 'Voorlichting',
  scholing: 'Scholing',
  training: 'Training',
  'e-learning': 'E-learning',
  intervisie: 'Intervisie',
  'introductie-nieuwe-medewerkers': 'Introductie nieuwe medewerkers',
};

export const GEBEURTENIS: Record<string, string> = {
  OrganisationRegistered: 'Organisatie geregistreerd',
  OrganisationActivityChanged: 'Gemeenten gewijzigd',
  MeldcodeSubmitted: 'Meldcode ingediend',
  SupervisionScheduled: 'Toezicht gepland',
  SupervisionCompleted: 'Toezichtonderzoek uitgevoerd',
  AgreementMade: 'Afspraak gemaakt',
  AgreementEnded: 'Afspraak beëindigd',
};

export const GAT: Record<string, string> = {
  'geen-afspraak': 'Geen afspraak tussen de gemeenten',
  'afspraak-verlopen': 'De afspraak is verlopen',
  'gemeente-niet-in-afspraak': 'Een gemeente waar de organisatie actief is, doet niet mee aan de afspraak',
  'toezicht-door-niet-penvoerder': 'Toezicht uitgevoerd door een gemeente die geen penvoerder is',
  'penvoerder-niet-toegezien-in-campagnejaar': 'De penvoerder heeft in het campagnejaar geen toezicht gehouden',
};

export const CAMPAGNE_REDEN: Record<string, string> = {
  'no-meldcode': 'geen meldcode bekend',
  'geen-meldcode': 'geen meldcode bekend',
  'last-verdict-not-compliant': 'laatste oordeel was niet voldoende',
  'laatste-oordeel-niet-voldoende': 'laatste oordeel was niet voldoende',
  'follow-up-deadline-passed': 'hersteltermijn verstreken',
  'hersteltermijn-verstreken': 'hersteltermijn verstreken',
  'meldcode-changed': 'meldcode gewijzigd sinds het laatste toezicht',
  'meldcode-gewijzigd': 'meldcode gewijzigd sinds het laatste toezicht',
  'interval-elapsed': 'termijn sinds het laatste toezicht verstreken',
  'termijn-verstreken': 'termijn sinds het laatste toezicht verstreken',
  'never-supervised': 'nog nooit toezicht gehouden',
  'nooit-toezicht': 'nog nooit toezicht gehouden',
};

/** "3 maart 2024" from `2024-03-03` (or a timestamp). */
export function datum(value: string | null | undefined): string {
  if (!value) return '—';
  const date = new Date(value.length === 10 ? `${value}T12:00:00Z` : value);
  if (Number.isNaN(date.getTime())) return value;
  return date.toLocaleDateString('nl-NL', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/Amsterdam',
  });
}

export function datumTijd(value: string | null | undefined): string {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return date.toLocaleString('nl-NL', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Amsterdam' });
}

/** Today in the Netherlands, `YYYY-MM-DD`. */
export function vandaag(): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Amsterdam',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
}

export function aantal(n: number, enkelvoud: string, meervoud: string): string {
  return `${n.toLocaleString('nl-NL')} ${n === 1 ? enkelvoud : meervoud}`;
}
