/**
 * The reference data the build writes to `referentie.json` from the project's single sources
 * (the CBS gemeenten list, the sector table, the Q2 checklist of MELDCODE-REQUIREMENTS.md): the
 * browser code may not import `events/` or `domain/`, so it reads their copy.
 */
export interface GemeenteRef {
  readonly code: string;
  readonly naam: string;
  readonly provincie: string;
  readonly veiligheidsregioCode: string;
  readonly veiligheidsregioNaam: string;
}

export interface SectorRef {
  readonly code: string;
  readonly naam: string;
  readonly toezichtDoorGemeente: boolean;
  readonly kinderopvang: boolean;
  readonly grondslag: string | null;
}

export type Variant = 'besluit-meldcode' | 'kinderopvang-kindercentrum' | 'kinderopvang-gastouder';

export interface ElementRef {
  readonly id: string;
  readonly soort: 'element' | 'stap';
  readonly titel: string;
  readonly titelPerVariant: Partial<Record<Variant, string>>;
  readonly grondslag: Record<Variant, string>;
  readonly geldtVoor: readonly string[];
  readonly nietVanToepassingOmdat: string | null;
  readonly voorwaardelijk: boolean;
  readonly vereistVanaf: string | null;
}

export interface Reference {
  readonly gemeentenJaar: number;
  readonly gemeenten: readonly GemeenteRef[];
  readonly sectoren: readonly SectorRef[];
  readonly elementen: readonly ElementRef[];
  readonly aanbevelingen: readonly { id: string; titel: string; grondslag: string }[];
  readonly maatregelSoorten: readonly string[];
}

let reference: Reference | undefined;
let byCode = new Map<string, GemeenteRef>();

export async function loadReference(): Promise<Reference> {
  const response = await fetch('referentie.json');
  if (!response.ok) throw new Error(`referentie.json: HTTP ${response.status}`);
  reference = (await response.json()) as Reference;
  byCode = new Map(reference.gemeenten.map((g) => [g.code, g]));
  return reference;
}

export function ref(): Reference {
  if (!reference) throw new Error('De referentiegegevens zijn nog niet geladen');
  return reference;
}

export function gemeente(code: string): GemeenteRef | undefined {
  return byCode.get(code);
}

/** "Utrecht (GM0344)", or the code alone when unknown. */
export function gemeenteNaam(code: string | undefined | null): string {
  if (!code) return 'onbekende gemeente';
  const g = byCode.get(code);
  return g ? g.naam : code;
}

export function sectorNaam(code: string | undefined | null): string {
  if (!code) return 'onbekend';
  return ref().sectoren.find((s) => s.code === code)?.naam ?? code;
}

export function variantOf(sector: string): Variant {
  if (sector === 'kinderopvang-kindercentrum') return 'kinderopvang-kindercentrum';
  if (sector === 'kinderopvang-gastouderbureau' || sector === 'gastouderopvang') return 'kinderopvang-gastouder';
  return 'besluit-meldcode';
}

export function elementRef(id: string): ElementRef | undefined {
  return ref().elementen.find((e) => e.id === id);
}

/** The Dutch title of an element or step, in the wording of the sector's variant. */
export function elementTitel(id: string, sector?: string): string {
  const e = elementRef(id);
  if (!e) return id;
  return (sector ? e.titelPerVariant[variantOf(sector)] : undefined) ?? e.titel;
}

/**
 * Finds gemeenten by what a person types: codes (`GM0344`) or names (`Utrecht`), separated by
 * commas or new lines. Unknown entries come back as such so the form can say which.
 */
export function parseGemeenten(text: string): { codes: string[]; unknown: string[] } {
  const codes: string[] = [];
  const unknown: string[] = [];
  for (const raw of text.split(/[,;\n]/)) {
    const entry = raw.trim();
    if (entry === '') continue;
    const upper = entry.toUpperCase();
    const found =
      byCode.get(upper) ??
      ref().gemeenten.find((g) => g.naam.toLocaleLowerCase('nl') === entry.toLocaleLowerCase('nl'));
    if (found) {
      if (!codes.includes(found.code)) codes.push(found.code);
    } else {
      unknown.push(entry);
    }
  }
  return { codes, unknown };
}
