/**
 * The API's response shapes as the dashboard reads them (see `/v1/openapi.json`; the browser code
 * may not import the server's schemas). Only what the pages use is typed.
 */
export type JaNeeOnbekend = 'ja' | 'nee' | 'onbekend';
export type VoldoendeOnbekend = 'voldoende' | 'onvoldoende' | 'onbekend';
export type Bron = 'toezichtonderzoek' | 'zelfverklaring' | 'geen';
export type Oordeel = 'voldoet' | 'voldoet-deels' | 'voldoet-niet';
export type Vraag = 'Q1' | 'Q2' | 'Q3';

export interface GemeenteVerwijzing {
  readonly gemeentecode: string;
  readonly naam: string | null;
}

export interface Bevinding<A> {
  readonly toezichtonderzoekId: string;
  readonly gemeente: string;
  readonly toezichthouder: string | null;
  readonly uitgevoerdOp: string;
  readonly antwoord: A;
  readonly toelichting: string | null;
  readonly actueel: boolean;
}

export interface ElementControle {
  readonly element: string;
  readonly soort: 'element' | 'stap';
  readonly titel: string;
  readonly status: 'aanwezig' | 'ontbreekt' | 'niet-van-toepassing';
  readonly grondslag: string;
  readonly toelichting: string | null;
}

export interface MinimumeisenControle {
  readonly antwoord: JaNeeOnbekend;
  readonly beoordeeldOp: string;
  readonly variant: string;
  readonly elementen: readonly ElementControle[];
  readonly ontbrekend: readonly string[];
  readonly adviezen: readonly {
    id: string;
    titel: string;
    grondslag: string;
    status: 'aanwezig' | 'afwezig' | 'onbekend';
  }[];
}

export interface Maatregel {
  readonly soort: string;
  readonly datum: string;
  readonly bereikPercentage: number | null;
}

export interface Toezichtstatus {
  readonly meldcodeBeschikbaar: {
    readonly antwoord: JaNeeOnbekend;
    readonly bron: Bron;
    readonly grondslag: string | null;
    readonly zelfverklaring: { readonly antwoord: JaNeeOnbekend; readonly meldcodeId: string | null };
    readonly toezichtonderzoek: Bevinding<'ja' | 'nee'> | null;
  };
  readonly voldoetAanMinimumeisen: {
    readonly antwoord: JaNeeOnbekend;
    readonly bron: Bron;
    readonly zelfverklaring: MinimumeisenControle & { readonly meldcodeId: string | null };
    readonly toezichtonderzoek: (Bevinding<'ja' | 'nee'> & { readonly controle: MinimumeisenControle | null }) | null;
  };
  readonly bevorderingKennisEnGebruik: {
    readonly antwoord: VoldoendeOnbekend;
    readonly bron: Bron;
    readonly zelfverklaring: {
      readonly antwoord: VoldoendeOnbekend;
      readonly reden: string;
      readonly peildatum: string;
      readonly vensterVanaf: string;
      readonly maatregelen: readonly Maatregel[];
      readonly recenteMaatregelen: readonly Maatregel[];
      readonly hoogsteRecenteBereik: number | null;
      readonly grondslag: string;
    };
    readonly toezichtonderzoek: Bevinding<'voldoende' | 'onvoldoende'> | null;
  };
}

export interface Afspraak {
  readonly afspraakId: string;
  readonly gemeenten: readonly string[];
  readonly penvoerder: string;
  readonly toezichthouder: string | null;
  readonly vragen: readonly Vraag[];
  readonly bevindingenDelen: boolean;
  readonly geldigVanaf: string;
  readonly geldigTot: string;
  readonly beeindigdOp: string | null;
  readonly reden: string | null;
  readonly status: 'geldig' | 'toekomstig' | 'verlopen' | 'beeindigd';
}

export interface ToezichtSamenvatting {
  readonly toezichtonderzoekId: string;
  readonly gemeente: string;
  readonly toezichthouder: string | null;
  readonly uitgevoerdOp: string;
  readonly oordeel: Oordeel;
  readonly herstelTermijn: string | null;
  readonly vragen: readonly Vraag[];
}

export interface CampagneRegel {
  readonly campagnejaar: number;
  readonly gemeente: string;
  readonly redenen: readonly string[];
  readonly uiterlijk: string;
  readonly status: 'open' | 'te-laat' | 'uitgevoerd';
  readonly uitgevoerdDoor: string | null;
}

export interface Organisatie {
  readonly id: string;
  readonly naam: string;
  readonly kvkNummer: string;
  readonly vestigingsnummer: string | null;
  readonly lrkNummer: string | null;
  readonly sector: string;
  readonly bestaatSinds: string;
  readonly toezichtDoor: string;
  readonly toezichtDoorGemeente: boolean;
  readonly gemeenten: readonly (GemeenteVerwijzing & { actiefSinds: string })[];
  readonly voormaligeGemeenten: readonly (GemeenteVerwijzing & { actiefSinds: string; actiefTot: string | null })[];
  readonly versie: number;
  readonly peildatum: string;
  readonly toezichtstatus: Toezichtstatus;
  readonly meldcode: { meldcodeId: string; versie: string; vastgesteldOp: string; ingediendOp: string } | null;
  readonly laatsteToezichtonderzoek: ToezichtSamenvatting | null;
  readonly oordeel: Oordeel | null;
  readonly herstelTermijn: string | null;
  readonly herstelTermijnVerstreken: boolean;
  readonly meldcodeGewijzigdSindsToezicht: boolean;
  readonly volgendToezicht: CampagneRegel | null;
  readonly campagne: readonly CampagneRegel[];
  readonly afspraken: readonly Afspraak[];
  readonly huidigeAfspraak: Afspraak | null;
}

export interface MeldcodeUit {
  readonly meldcodeId: string;
  readonly versie: string;
  readonly vastgesteldOp: string;
  readonly elementen: readonly string[];
  readonly aandachtsfunctionaris: boolean | null;
  readonly dossiervorming: boolean | null;
  readonly maatregelen: readonly Maatregel[];
  readonly ingediendOp: string;
  readonly huidig: boolean;
}

export interface ToezichtonderzoekUit extends ToezichtSamenvatting {
  readonly bevindingen: {
    readonly meldcodeBeschikbaar: { antwoord: 'ja' | 'nee'; toelichting: string | null } | null;
    readonly voldoetAanMinimumeisen: {
      antwoord: 'ja' | 'nee';
      aanwezigeElementen: readonly string[] | null;
      toelichting: string | null;
    } | null;
    readonly bevorderingKennisEnGebruik: { antwoord: 'voldoende' | 'onvoldoende'; toelichting: string | null } | null;
  };
  readonly vastgelegdOp: string;
}

export interface Gebeurtenis {
  readonly versie: number;
  readonly gebeurtenisId: string;
  readonly type: string;
  readonly schemaVersie: number;
  readonly gebeurdOp: string;
  readonly vastgelegdOp: string;
  readonly gemeente: string | null;
  readonly rol: string;
  readonly gegevens: Record<string, unknown>;
}

export interface Antwoorden {
  readonly meldcodeBeschikbaar: JaNeeOnbekend;
  readonly voldoetAanMinimumeisen: JaNeeOnbekend;
  readonly bevorderingKennisEnGebruik: VoldoendeOnbekend;
}

export interface GemeenteOrganisatie {
  readonly organisatieId: string;
  readonly naam: string;
  readonly kvkNummer: string;
  readonly vestigingsnummer: string | null;
  readonly lrkNummer: string | null;
  readonly sector: string;
  readonly toezichtDoorGemeente: boolean;
  readonly actiefSinds: string;
  readonly antwoorden: Antwoorden;
  readonly campagnejaren: readonly number[];
  readonly teBeoordelenDitJaar: boolean;
  readonly eerstvolgendeUiterlijk: string | null;
  readonly laatsteToezichtonderzoek: ToezichtSamenvatting | null;
  readonly oordeel: Oordeel | null;
  readonly herstelTermijn: string | null;
  readonly gedektDoor: { afspraakId: string; penvoerder: string; vragen: readonly Vraag[] } | null;
  readonly peildatum: string;
  readonly versie: number;
}

export interface Paginering {
  readonly pagina: number;
  readonly paginaGrootte: number;
  readonly totaal: number;
  readonly aantalPaginas: number;
}

export interface GemeenteOrganisaties {
  readonly gemeente: GemeenteVerwijzing;
  readonly organisaties: readonly GemeenteOrganisatie[];
  readonly paginering: Paginering;
}

export interface Tellingen {
  readonly totaal: number;
  readonly meldcodeBeschikbaar: { ja: number; nee: number; onbekend: number };
  readonly voldoetAanMinimumeisen: { ja: number; nee: number; onbekend: number };
  readonly bevorderingKennisEnGebruik: { voldoende: number; onvoldoende: number; onbekend: number };
  readonly teBeoordelenDitJaar: number;
  readonly gedektDoorAfspraak: number;
}

export interface Toezichtoverzicht extends Tellingen {
  readonly gemeente: GemeenteVerwijzing;
  readonly peildatum: string;
  readonly perSector: readonly (Tellingen & { sector: string })[];
}

export interface Tekortkoming {
  readonly code: string;
  readonly afspraakId: string | null;
  readonly gemeente: string | null;
  readonly toezichtonderzoekId: string | null;
  readonly campagnejaar: number | null;
}

export interface AfstemmingOrganisatie {
  readonly organisatieId: string;
  readonly naam: string;
  readonly kvkNummer: string;
  readonly sector: string;
  readonly gemeenten: readonly GemeenteVerwijzing[];
  readonly afspraak: Afspraak | null;
  readonly afspraken: readonly Afspraak[];
  readonly tekortkomingen: readonly Tekortkoming[];
  readonly peildatum: string;
  readonly versie: number;
}

export interface Afstemming {
  readonly gemeente: string | null;
  readonly organisaties: readonly AfstemmingOrganisatie[];
}

export interface Verwerkt {
  readonly id: string;
  readonly versie: number;
  readonly gebeurtenissen: readonly string[];
}
