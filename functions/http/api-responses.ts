import * as z from 'zod';
import { CAMPAIGN_REASONS, MELDCODE_ELEMENT_IDS, PROMOTION_MEASURE_KINDS, QUESTIONS, SECTORS } from '#events/values.ts';

/**
 * The public API's response schemas, in Dutch. The mappers in `mapping.ts` are typed by them and
 * the OpenAPI document is generated from them. Dates are `YYYY-MM-DD`, timestamps UTC with `Z`.
 */
const datum = z.string().meta({ format: 'date', example: '2024-03-01' });
const tijdstip = z.string().meta({ format: 'date-time', example: '2025-01-31T10:15:00Z' });
const gemeentecode = z.string().meta({ example: 'GM0363' });
const jaNeeOnbekend = z.enum(['ja', 'nee', 'onbekend']);
const voldoendeOnbekend = z.enum(['voldoende', 'onvoldoende', 'onbekend']);
const bron = z.enum(['toezichtonderzoek', 'zelfverklaring', 'geen']).meta({
  description: 'Waar het antwoord op rust: een actueel toezichtonderzoek gaat voor de zelfverklaring',
});
const oordeel = z.enum(['voldoet', 'voldoet-deels', 'voldoet-niet']);
const vraag = z.enum(QUESTIONS);
const sector = z.enum(SECTORS);
const element = z.enum(MELDCODE_ELEMENT_IDS);

export const gemeenteVerwijzingSchema = z
  .object({ gemeentecode, naam: z.string().nullable() })
  .meta({ id: 'GemeenteVerwijzing' });

const bevinding = <A extends z.ZodType>(antwoord: A) =>
  z.object({
    toezichtonderzoekId: z.string(),
    gemeente: gemeentecode,
    toezichthouder: z.string().nullable(),
    uitgevoerdOp: datum,
    antwoord,
    toelichting: z.string().nullable(),
    actueel: z.boolean().meta({ description: 'Onwaar zodra daarna een nieuwe meldcode is ingediend' }),
  });

export const elementControleSchema = z
  .object({
    element,
    soort: z.enum(['element', 'stap']),
    titel: z.string(),
    status: z.enum(['aanwezig', 'ontbreekt', 'niet-van-toepassing']),
    grondslag: z.string().meta({ description: 'Het artikel waarop het element rust' }),
    toelichting: z.string().nullable(),
  })
  .meta({ id: 'ElementControle' });

export const minimumeisenControleSchema = z
  .object({
    antwoord: jaNeeOnbekend,
    beoordeeldOp: datum,
    variant: z.string(),
    elementen: z.array(elementControleSchema),
    ontbrekend: z.array(element),
    adviezen: z.array(
      z.object({
        id: z.string(),
        titel: z.string(),
        grondslag: z.string(),
        status: z.enum(['aanwezig', 'afwezig', 'onbekend']),
      }),
    ),
  })
  .meta({ id: 'MinimumeisenControle' });

export const maatregelUitSchema = z
  .object({ soort: z.enum(PROMOTION_MEASURE_KINDS), datum, bereikPercentage: z.number().nullable() })
  .meta({ id: 'MaatregelUit' });

export const toezichtstatusSchema = z
  .object({
    meldcodeBeschikbaar: z.object({
      antwoord: jaNeeOnbekend,
      bron,
      grondslag: z.string().nullable(),
      zelfverklaring: z.object({ antwoord: jaNeeOnbekend, meldcodeId: z.string().nullable() }),
      toezichtonderzoek: bevinding(z.enum(['ja', 'nee'])).nullable(),
    }),
    voldoetAanMinimumeisen: z.object({
      antwoord: jaNeeOnbekend,
      bron,
      zelfverklaring: minimumeisenControleSchema.extend({ meldcodeId: z.string().nullable() }),
      toezichtonderzoek: bevinding(z.enum(['ja', 'nee']))
        .extend({ controle: minimumeisenControleSchema.nullable() })
        .nullable(),
    }),
    bevorderingKennisEnGebruik: z.object({
      antwoord: voldoendeOnbekend,
      bron,
      zelfverklaring: z.object({
        antwoord: voldoendeOnbekend,
        reden: z.enum([
          'geen-maatregelen-bekend',
          'geen-recente-maatregel',
          'bereik-te-laag',
          'recente-maatregel-bereikt-meeste-medewerkers',
          'recente-maatregel-bereik-onbekend',
        ]),
        peildatum: datum,
        vensterVanaf: datum,
        maatregelen: z.array(maatregelUitSchema),
        recenteMaatregelen: z.array(maatregelUitSchema),
        hoogsteRecenteBereik: z.number().nullable(),
        grondslag: z.string(),
      }),
      toezichtonderzoek: bevinding(z.enum(['voldoende', 'onvoldoende'])).nullable(),
    }),
  })
  .meta({ id: 'Toezichtstatus', description: 'De drie toezichtvragen met hun antwoord en onderbouwing' });

export const afspraakUitSchema = z
  .object({
    afspraakId: z.string(),
    gemeenten: z.array(gemeentecode),
    penvoerder: gemeentecode,
    toezichthouder: z.string().nullable(),
    vragen: z.array(vraag),
    bevindingenDelen: z.boolean(),
    geldigVanaf: datum,
    geldigTot: datum,
    beeindigdOp: datum.nullable(),
    reden: z.string().nullable(),
    status: z.enum(['geldig', 'toekomstig', 'verlopen', 'beeindigd']),
  })
  .meta({ id: 'AfspraakUit' });

export const toezichtSamenvattingSchema = z
  .object({
    toezichtonderzoekId: z.string(),
    gemeente: gemeentecode,
    toezichthouder: z.string().nullable(),
    uitgevoerdOp: datum,
    oordeel,
    herstelTermijn: datum.nullable(),
    vragen: z.array(vraag),
  })
  .meta({ id: 'ToezichtSamenvatting' });

export const campagneRegelSchema = z
  .object({
    campagnejaar: z.number().int(),
    gemeente: gemeentecode,
    redenen: z.array(z.enum(CAMPAIGN_REASONS)),
    uiterlijk: datum,
    status: z.enum(['open', 'te-laat', 'uitgevoerd']),
    uitgevoerdDoor: z.string().nullable(),
  })
  .meta({ id: 'CampagneRegel' });

export const meldcodeSamenvattingSchema = z
  .object({ meldcodeId: z.string(), versie: z.string(), vastgesteldOp: datum, ingediendOp: tijdstip })
  .meta({ id: 'MeldcodeSamenvatting' });

export const organisatieSchema = z
  .object({
    id: z.string(),
    naam: z.string(),
    kvkNummer: z.string(),
    vestigingsnummer: z.string().nullable(),
    lrkNummer: z.string().nullable(),
    sector,
    bestaatSinds: datum
      .nullable()
      .meta({ description: 'Onbekend (null) als het bij de registratie niet is opgegeven' }),
    toezichtDoor: z.string().meta({ description: 'gemeente, een inspectie, of geen' }),
    toezichtDoorGemeente: z.boolean(),
    gemeenten: z.array(gemeenteVerwijzingSchema.extend({ actiefSinds: datum })),
    voormaligeGemeenten: z.array(gemeenteVerwijzingSchema.extend({ actiefSinds: datum, actiefTot: datum.nullable() })),
    versie: z.number().int().meta({ description: 'Versie van de organisatie; stuur haar mee als If-Match' }),
    peildatum: datum,
    toezichtstatus: toezichtstatusSchema,
    meldcode: meldcodeSamenvattingSchema.nullable(),
    laatsteToezichtonderzoek: toezichtSamenvattingSchema.nullable(),
    oordeel: oordeel.nullable(),
    herstelTermijn: datum.nullable(),
    herstelTermijnVerstreken: z.boolean(),
    meldcodeGewijzigdSindsToezicht: z.boolean(),
    volgendToezicht: campagneRegelSchema.nullable(),
    campagne: z.array(campagneRegelSchema),
    afspraken: z.array(afspraakUitSchema),
    huidigeAfspraak: afspraakUitSchema.nullable(),
  })
  .meta({ id: 'Organisatie', description: 'Een organisatie met haar toezichtstatus' });

export const meldcodeUitSchema = z
  .object({
    meldcodeId: z.string(),
    versie: z.string(),
    vastgesteldOp: datum,
    elementen: z.array(element),
    aandachtsfunctionaris: z.boolean().nullable(),
    dossiervorming: z.boolean().nullable(),
    maatregelen: z.array(maatregelUitSchema),
    ingediendOp: tijdstip,
    huidig: z.boolean().meta({ description: 'De meldcode die nu geldt (laatst vastgesteld)' }),
  })
  .meta({ id: 'MeldcodeUit' });
export const meldcodesSchema = z.object({ meldcodes: z.array(meldcodeUitSchema) }).meta({ id: 'Meldcodes' });

const bevindingenUit = z.object({
  meldcodeBeschikbaar: z.object({ antwoord: z.enum(['ja', 'nee']), toelichting: z.string().nullable() }).nullable(),
  voldoetAanMinimumeisen: z
    .object({
      antwoord: z.enum(['ja', 'nee']),
      aanwezigeElementen: z.array(element).nullable(),
      toelichting: z.string().nullable(),
    })
    .nullable(),
  bevorderingKennisEnGebruik: z
    .object({ antwoord: z.enum(['voldoende', 'onvoldoende']), toelichting: z.string().nullable() })
    .nullable(),
});

export const toezichtonderzoekUitSchema = toezichtSamenvattingSchema
  .extend({ bevindingen: bevindingenUit, vastgelegdOp: tijdstip })
  .meta({ id: 'ToezichtonderzoekUit' });
export const toezichtonderzoekenSchema = z
  .object({ toezichtonderzoeken: z.array(toezichtonderzoekUitSchema) })
  .meta({ id: 'Toezichtonderzoeken' });

export const gebeurtenisSchema = z
  .object({
    versie: z.number().int(),
    gebeurtenisId: z.string(),
    type: z
      .string()
      .meta({ description: 'Het type uit de gebeurteniscatalogus (Engels, zoals de gebeurtenissen zelf)' }),
    schemaVersie: z.number().int(),
    gebeurdOp: tijdstip,
    vastgelegdOp: tijdstip,
    gemeente: z.string().nullable(),
    rol: z.string(),
    gegevens: z
      .record(z.string(), z.unknown())
      .meta({ description: 'De gegevens van de gebeurtenis, in de huidige schemaversie' }),
  })
  .meta({ id: 'Gebeurtenis' });
export const gebeurtenissenSchema = z
  .object({ gebeurtenissen: z.array(gebeurtenisSchema) })
  .meta({ id: 'Gebeurtenissen' });

export const antwoordenSchema = z.object({
  meldcodeBeschikbaar: jaNeeOnbekend,
  voldoetAanMinimumeisen: jaNeeOnbekend,
  bevorderingKennisEnGebruik: voldoendeOnbekend,
});

export const gemeenteOrganisatieSchema = z
  .object({
    organisatieId: z.string(),
    naam: z.string(),
    kvkNummer: z.string(),
    vestigingsnummer: z.string().nullable(),
    lrkNummer: z.string().nullable(),
    sector,
    toezichtDoorGemeente: z.boolean(),
    actiefSinds: datum,
    antwoorden: antwoordenSchema,
    campagnejaren: z.array(z.number().int()),
    teBeoordelenDitJaar: z.boolean(),
    eerstvolgendeUiterlijk: datum.nullable(),
    laatsteToezichtonderzoek: toezichtSamenvattingSchema.nullable(),
    oordeel: oordeel.nullable(),
    herstelTermijn: datum.nullable(),
    gedektDoor: z.object({ afspraakId: z.string(), penvoerder: gemeentecode, vragen: z.array(vraag) }).nullable(),
    peildatum: datum,
    versie: z.number().int(),
  })
  .meta({ id: 'GemeenteOrganisatie', description: 'Een organisatie in het overzicht van een gemeente' });

export const pagineringSchema = z
  .object({
    pagina: z.number().int(),
    paginaGrootte: z.number().int(),
    totaal: z.number().int(),
    aantalPaginas: z.number().int(),
  })
  .meta({ id: 'Paginering' });

export const gemeenteOrganisatiesSchema = z
  .object({
    gemeente: gemeenteVerwijzingSchema,
    organisaties: z.array(gemeenteOrganisatieSchema),
    paginering: pagineringSchema,
  })
  .meta({ id: 'GemeenteOrganisaties' });

const telling = z.object({ ja: z.number().int(), nee: z.number().int(), onbekend: z.number().int() });
const tellingKennis = z.object({
  voldoende: z.number().int(),
  onvoldoende: z.number().int(),
  onbekend: z.number().int(),
});
const tellingen = z.object({
  totaal: z.number().int(),
  meldcodeBeschikbaar: telling,
  voldoetAanMinimumeisen: telling,
  bevorderingKennisEnGebruik: tellingKennis,
  teBeoordelenDitJaar: z.number().int(),
  gedektDoorAfspraak: z.number().int(),
});
export const toezichtoverzichtSchema = z
  .object({
    gemeente: gemeenteVerwijzingSchema,
    peildatum: datum,
    ...tellingen.shape,
    perSector: z.array(tellingen.extend({ sector })),
  })
  .meta({
    id: 'Toezichtoverzicht',
    description: 'Aantallen per antwoord voor een gemeente, berekend bij het opvragen',
  });

export const afstemmingSchema = z
  .object({
    gemeente: gemeentecode.nullable().meta({ description: 'null: alle gemeenten (auditor)' }),
    organisaties: z.array(
      z.object({
        organisatieId: z.string(),
        naam: z.string(),
        kvkNummer: z.string(),
        sector,
        gemeenten: z.array(gemeenteVerwijzingSchema),
        afspraak: afspraakUitSchema.nullable(),
        afspraken: z.array(afspraakUitSchema),
        tekortkomingen: z.array(
          z.object({
            code: z.enum([
              'geen-afspraak',
              'afspraak-verlopen',
              'gemeente-niet-in-afspraak',
              'toezicht-door-niet-penvoerder',
              'penvoerder-niet-toegezien-in-campagnejaar',
            ]),
            afspraakId: z.string().nullable(),
            gemeente: z.string().nullable(),
            toezichtonderzoekId: z.string().nullable(),
            campagnejaar: z.number().int().nullable(),
          }),
        ),
        peildatum: datum,
        versie: z.number().int(),
      }),
    ),
  })
  .meta({
    id: 'Afstemming',
    description: 'Organisaties die in meer dan één gemeente actief zijn, met hun afspraak en tekortkomingen',
  });

export const aangemaaktSchema = z
  .object({ id: z.string(), versie: z.number().int(), gebeurtenissen: z.array(z.string()) })
  .meta({
    id: 'Verwerkt',
    description: 'Het resultaat van een opdracht: de nieuwe versie en de vastgelegde gebeurtenissen',
  });

export const probleemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    code: z.string(),
    invalidParams: z.array(z.object({ name: z.string(), reason: z.string() })).optional(),
  })
  .meta({ id: 'Probleem', description: 'Foutmelding volgens RFC 9457 (application/problem+json)' });

export type OrganisatieUit = z.output<typeof organisatieSchema>;
export type GemeenteOrganisatieUit = z.output<typeof gemeenteOrganisatieSchema>;
export type AfspraakUit = z.output<typeof afspraakUitSchema>;
export type AfstemmingUit = z.output<typeof afstemmingSchema>;
export type ToezichtoverzichtUit = z.output<typeof toezichtoverzichtSchema>;
