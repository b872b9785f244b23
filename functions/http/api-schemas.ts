import * as z from 'zod';
import { amsterdamDateOf } from '#domain/dates.ts';
import { findGemeente } from '#events/gemeenten.ts';
import { MELDCODE_ELEMENT_IDS, PROMOTION_MEASURE_KINDS, QUESTIONS, SECTORS } from '#events/values.ts';

/**
 * The public API's request schemas, in Dutch (NL API Design Rules, /core/interface-language).
 * The handlers parse with these, and the OpenAPI document is generated from them: one source.
 * The English events are built from the parsed values in `mapping.ts`.
 */

/** Today in the Netherlands: "not in the future" is judged against the Dutch calendar date. */
export const dutchToday = (): string => amsterdamDateOf(new Date().toISOString());

export const datumSchema = z.iso
  .date({ error: 'verwacht een datum JJJJ-MM-DD' })
  .meta({ format: 'date', example: '2024-03-01' });

/** A date that has happened: not after today (Dutch calendar). */
export const verledenDatumSchema = datumSchema.refine((date) => date <= dutchToday(), {
  error: 'mag niet in de toekomst liggen',
});

export const gemeentecodeSchema = z
  .string({ error: 'verwacht een gemeentecode' })
  .regex(/^GM\d{4}$/, 'een gemeentecode is GM met 4 cijfers, bijvoorbeeld GM0363')
  .refine((code) => findGemeente(code) !== undefined, { error: 'onbekende gemeentecode (CBS-lijst 2025)' })
  .meta({ description: 'CBS-gemeentecode', example: 'GM0363' });

export const kvkNummerSchema = z
  .string({ error: 'verwacht een KvK-nummer' })
  .regex(/^\d{8}$/, 'een KvK-nummer is 8 cijfers')
  .meta({ description: 'KvK-nummer (8 cijfers)', example: '12345678' });

export const vestigingsnummerSchema = z
  .string()
  .regex(/^\d{12}$/, 'een vestigingsnummer is 12 cijfers')
  .meta({ description: 'Vestigingsnummer van de KvK (12 cijfers)', example: '000012345678' });

export const lrkNummerSchema = z
  .string()
  .regex(/^\d{9}$/, 'een LRK-nummer is 9 cijfers')
  .meta({ description: 'Nummer in het Landelijk Register Kinderopvang (9 cijfers)', example: '123456789' });

export const ulidSchema = z
  .string()
  .regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'verwacht een ULID van 26 tekens')
  .meta({ example: '01J9Z8Q4N6V7W8X9Y0Z1A2B3C4' });

export const sectorSchema = z.enum(SECTORS).meta({ description: 'Sector van de organisatie' });
export const elementSchema = z.enum(MELDCODE_ELEMENT_IDS).meta({
  description: 'Element of stap van de meldcode (Besluit verplichte meldcode, art. 2)',
});
export const vraagSchema = z.enum(QUESTIONS).meta({
  description: 'Q1 meldcode beschikbaar, Q2 voldoet aan minimumeisen, Q3 bevordering kennis en gebruik',
});
export const oordeelSchema = z.enum(['voldoet', 'voldoet-deels', 'voldoet-niet']).meta({ description: 'Eindoordeel' });
export const jaNeeSchema = z.enum(['ja', 'nee']);
export const voldoendeSchema = z.enum(['voldoende', 'onvoldoende']);

const naamSchema = z.string().trim().min(1, 'mag niet leeg zijn').max(200, 'ten hoogste 200 tekens');
const toelichtingSchema = z.string().max(4000, 'ten hoogste 4000 tekens');
const uniek = <T>(values: readonly T[]): boolean => new Set(values).size === values.length;

// --- path and query parameters -------------------------------------------------------------

export const organisatiePadSchema = z.strictObject({ organisatieId: ulidSchema });
export const organisatieGemeentePadSchema = z.strictObject({
  organisatieId: ulidSchema,
  gemeentecode: gemeentecodeSchema,
});
export const organisatieAfspraakPadSchema = z.strictObject({ organisatieId: ulidSchema, afspraakId: ulidSchema });
export const gemeentePadSchema = z.strictObject({ gemeentecode: gemeentecodeSchema });

export const geenQuerySchema = z.strictObject({});
export const perDatumQuerySchema = z.strictObject({
  perDatum: verledenDatumSchema.optional().meta({ description: 'Datum van de wijziging; standaard vandaag' }),
});
export const eindeAfspraakQuerySchema = z.strictObject({
  perDatum: datumSchema
    .optional()
    .meta({ description: 'Eerste dag dat de afspraak niet meer geldt; standaard vandaag' }),
});

const positiefGetal = (standaard: number, max: number) =>
  z
    .string()
    .regex(/^[1-9]\d{0,5}$/, 'verwacht een positief geheel getal')
    .transform(Number)
    .pipe(z.number().max(max, `ten hoogste ${max}`))
    .default(standaard)
    .meta({ description: `Standaard ${standaard}, ten hoogste ${max}` });

export const antwoordFilterSchema = z.enum(['ja', 'nee', 'onbekend']);
export const kennisFilterSchema = z.enum(['voldoende', 'onvoldoende', 'onbekend']);

export const gemeenteOrganisatiesQuerySchema = z.strictObject({
  sector: sectorSchema.optional(),
  meldcodeBeschikbaar: antwoordFilterSchema.optional(),
  voldoetAanMinimumeisen: antwoordFilterSchema.optional(),
  bevorderingKennisEnGebruik: kennisFilterSchema.optional(),
  teBeoordelen: z
    .enum(['ja', 'nee'])
    .optional()
    .meta({ description: 'ja: er staat een toezichtonderzoek gepland dat nog niet is uitgevoerd' }),
  zoek: z.string().trim().min(1).max(100).optional().meta({ description: 'Zoek op (een deel van) naam of KvK-nummer' }),
  pagina: positiefGetal(1, 100_000),
  paginaGrootte: positiefGetal(50, 500),
});

export const afstemmingQuerySchema = z.strictObject({
  gemeente: gemeentecodeSchema
    .optional()
    .meta({ description: 'Standaard de eigen gemeente; een auditor zonder gemeente ziet alles' }),
});

// --- bodies ------------------------------------------------------------------------------------

export const organisatieRegistratieSchema = z
  .strictObject({
    naam: naamSchema.meta({ description: 'Naam van de organisatie', example: 'Stichting Welzijn Oost' }),
    kvkNummer: kvkNummerSchema,
    vestigingsnummer: vestigingsnummerSchema.optional(),
    lrkNummer: lrkNummerSchema.optional(),
    sector: sectorSchema,
    gemeenten: z
      .array(gemeentecodeSchema)
      .min(1, 'ten minste één gemeente')
      .max(400)
      .refine(uniek, { error: 'elke gemeente één keer' })
      .meta({ description: 'Gemeenten waar de organisatie actief is; de eigen gemeente hoort erbij' }),
    bestaatSinds: verledenDatumSchema.optional().meta({
      description: 'Sinds wanneer de organisatie bestaat (KvK-inschrijving); onbekend: laat weg',
      format: 'date',
    }),
  })
  .meta({ id: 'OrganisatieRegistratie', description: 'Registratie van een organisatie onder de meldcodeplicht' });

export const maatregelSchema = z
  .strictObject({
    soort: z.enum(PROMOTION_MEASURE_KINDS).meta({ description: 'Soort maatregel voor kennis en gebruik' }),
    datum: verledenDatumSchema.meta({ format: 'date' }),
    bereikPercentage: z
      .number({ error: 'verwacht een getal' })
      .min(0, 'ten minste 0')
      .max(100, 'ten hoogste 100')
      .optional()
      .meta({ description: 'Deel van de medewerkers dat is bereikt, in procenten' }),
  })
  .meta({ id: 'Maatregel' });

export const meldcodeIndieningSchema = z
  .strictObject({
    versie: z
      .string()
      .trim()
      .min(1, 'mag niet leeg zijn')
      .max(100)
      .meta({ description: 'Versie-aanduiding', example: '2024-1' }),
    vastgesteldOp: verledenDatumSchema.meta({ description: 'Datum van vaststelling', format: 'date' }),
    elementen: z
      .array(elementSchema)
      .max(MELDCODE_ELEMENT_IDS.length)
      .refine(uniek, { error: 'elk element één keer' })
      .meta({ description: 'De aanwezige elementen en stappen' }),
    aandachtsfunctionaris: z
      .boolean({ error: 'verwacht true of false' })
      .meta({ description: 'Is er een aandachtsfunctionaris (advies)' }),
    dossiervorming: z.boolean({ error: 'verwacht true of false' }).optional().meta({
      description: 'Worden signalen, overleg en besluiten vastgelegd (advies)',
    }),
    maatregelen: z
      .array(maatregelSchema)
      .max(100)
      .meta({ description: 'Maatregelen voor kennis en gebruik (vraag 3)' }),
  })
  .meta({ id: 'MeldcodeIndiening', description: 'Een (nieuwe versie van de) meldcode van de organisatie' });

export const toezichtonderzoekSchema = z
  .strictObject({
    gemeente: gemeentecodeSchema.meta({ description: 'De gemeente namens wie het onderzoek is gedaan (de eigen)' }),
    toezichthouder: naamSchema.optional().meta({ description: 'Bijvoorbeeld "GGD Hollands Midden"' }),
    uitgevoerdOp: verledenDatumSchema.meta({ format: 'date' }),
    oordeel: oordeelSchema,
    bevindingen: z
      .strictObject({
        meldcodeBeschikbaar: z
          .strictObject({ antwoord: jaNeeSchema, toelichting: toelichtingSchema.optional() })
          .optional(),
        voldoetAanMinimumeisen: z
          .strictObject({
            antwoord: jaNeeSchema,
            aanwezigeElementen: z
              .array(elementSchema)
              .max(MELDCODE_ELEMENT_IDS.length)
              .refine(uniek, { error: 'elk element één keer' })
              .optional(),
            toelichting: toelichtingSchema.optional(),
          })
          .optional(),
        bevorderingKennisEnGebruik: z
          .strictObject({ antwoord: voldoendeSchema, toelichting: toelichtingSchema.optional() })
          .optional(),
      })
      .meta({ description: 'Bevindingen per vraag; een onderzoek zonder bevindingen beantwoordt alle drie' }),
    herstelTermijn: datumSchema.optional().meta({ description: 'Uiterste datum voor herstel', format: 'date' }),
  })
  .superRefine((value, ctx) => {
    if (value.herstelTermijn !== undefined && value.herstelTermijn <= value.uitgevoerdOp) {
      ctx.addIssue({ code: 'custom', path: ['herstelTermijn'], message: 'moet na uitgevoerdOp liggen' });
    }
  })
  .meta({ id: 'Toezichtonderzoek', description: 'Een uitgevoerd toezichtonderzoek' });

export const afspraakSchema = z
  .strictObject({
    gemeenten: z
      .array(gemeentecodeSchema)
      .min(2, 'ten minste twee gemeenten')
      .max(400)
      .refine(uniek, { error: 'elke gemeente één keer' }),
    penvoerder: gemeentecodeSchema.meta({ description: 'De gemeente die het toezicht uitvoert, een van gemeenten' }),
    toezichthouder: naamSchema
      .optional()
      .meta({ description: 'Regionale toezichthouder die voor alle partijen optreedt' }),
    vragen: z.array(vraagSchema).min(1, 'ten minste één vraag').max(3).refine(uniek, { error: 'elke vraag één keer' }),
    bevindingenDelen: z.boolean({ error: 'verwacht true of false' }),
    geldigVanaf: datumSchema.meta({ format: 'date' }),
    geldigTot: datumSchema.meta({ format: 'date', description: 'Laatste dag waarop de afspraak geldt' }),
  })
  .superRefine((value, ctx) => {
    if (!value.gemeenten.includes(value.penvoerder)) {
      ctx.addIssue({ code: 'custom', path: ['penvoerder'], message: 'moet een van gemeenten zijn' });
    }
    if (value.geldigTot < value.geldigVanaf) {
      ctx.addIssue({ code: 'custom', path: ['geldigTot'], message: 'mag niet voor geldigVanaf liggen' });
    }
  })
  .meta({ id: 'Afspraak', description: 'Een afspraak tussen gemeenten over het toezicht op één organisatie' });

export const gemeentenToevoegingSchema = z
  .strictObject({
    gemeenten: z
      .array(gemeentecodeSchema)
      .min(1, 'ten minste één gemeente')
      .max(400)
      .refine(uniek, { error: 'elke gemeente één keer' }),
    perDatum: verledenDatumSchema.optional().meta({ description: 'Sinds wanneer; standaard vandaag', format: 'date' }),
  })
  .meta({ id: 'GemeentenToevoeging', description: 'Gemeenten waar de organisatie (ook) actief is' });

export type OrganisatieRegistratie = z.output<typeof organisatieRegistratieSchema>;
export type MeldcodeIndiening = z.output<typeof meldcodeIndieningSchema>;
export type Toezichtonderzoek = z.output<typeof toezichtonderzoekSchema>;
export type Afspraak = z.output<typeof afspraakSchema>;
