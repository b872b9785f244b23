import * as z from 'zod';
import { CAMPAIGN_REASONS, SECTORS } from '#events/values.ts';
import { gemeenteVerwijzingSchema } from '#functions/http/api-responses.ts';
import { dutchToday, gemeentecodeSchema } from '#functions/http/api-schemas.ts';
import type { OperationDoc } from '#functions/openapi/operations.ts';

/**
 * The campaign endpoints' public schemas, in Dutch (NL API Design Rules), and their entries for
 * the OpenAPI document (`campaignOperations`, part of `operations` in `functions/openapi/operations.ts`).
 */

const volgendJaar = (): number => Number(dutchToday().slice(0, 4)) + 1;

export const toezichtcampagneSchema = z
  .strictObject({
    jaar: z
      .number({ error: 'verwacht een jaartal' })
      .int('verwacht een jaartal')
      .min(2000, 'ten minste 2000')
      .refine((jaar) => jaar <= volgendJaar(), { error: 'ten hoogste volgend jaar' })
      .meta({ description: 'Het campagnejaar: dit jaar, een eerder jaar of volgend jaar', example: 2027 }),
  })
  .meta({ id: 'Toezichtcampagne', description: 'Start (of herhaal) de toezichtcampagne van de eigen gemeente' });

export const campagneJaarPadSchema = z.strictObject({
  jaar: z
    .string()
    .regex(/^\d{4}$/, 'verwacht een jaartal van vier cijfers')
    .transform(Number)
    .pipe(z.number().min(2000, 'ten minste 2000').max(2100, 'ten hoogste 2100'))
    .meta({ description: 'Het campagnejaar', example: '2027' }),
});

export const campagneVoortgangQuerySchema = z.strictObject({
  gemeente: gemeentecodeSchema.optional().meta({
    description: 'Standaard de eigen gemeente; een auditor zonder gemeente ziet alle gemeenten (in aantallen)',
  }),
});

const datum = z.string().meta({ format: 'date', example: '2027-12-31' });
const status = z.enum(['open', 'te-laat', 'uitgevoerd', 'gedekt-door-afspraak']);

export const campagneVoortgangGemeenteSchema = z
  .object({
    gemeente: gemeenteVerwijzingSchema,
    jaar: z.number().int(),
    peildatum: datum,
    gepland: z
      .number()
      .int()
      .meta({ description: 'Op de lijst van deze gemeente voor het jaar: uitgevoerd + te laat + open' }),
    uitgevoerd: z.number().int(),
    teLaat: z.number().int().meta({ description: 'Niet uitgevoerd en de uiterste datum is voorbij' }),
    open: z.number().int(),
    gedektDoorAfspraak: z
      .number()
      .int()
      .meta({ description: 'Niet op de lijst: een andere gemeente is penvoerder onder een afspraak' }),
    organisaties: z
      .array(
        z.object({
          organisatieId: z.string(),
          naam: z.string(),
          sector: z.enum(SECTORS),
          status,
          uiterlijk: datum.nullable(),
          redenen: z.array(z.enum(CAMPAIGN_REASONS)),
          uitgevoerdDoor: z.string().nullable().meta({ description: 'Het toezichtonderzoek dat de planning afrondde' }),
          gedektDoor: z
            .object({
              afspraakId: z.string(),
              penvoerder: z.string(),
              statusPenvoerder: z.enum(['open', 'te-laat', 'uitgevoerd', 'niet-gepland']),
            })
            .nullable(),
        }),
      )
      .optional()
      .meta({ description: 'Alleen bij één gemeente' }),
  })
  .meta({ id: 'CampagneVoortgangGemeente' });

export const campagneVoortgangSchema = z
  .object({ jaar: z.number().int(), peildatum: datum, gemeenten: z.array(campagneVoortgangGemeenteSchema) })
  .meta({
    id: 'CampagneVoortgang',
    description: 'De voortgang van een campagnejaar per gemeente, berekend bij het opvragen',
  });

export const campagneGestartSchema = z
  .object({
    jaar: z.number().int(),
    gemeente: gemeenteVerwijzingSchema,
    status: z.literal('in-behandeling'),
    voortgang: z.string().meta({ description: 'Waar de voortgang te volgen is' }),
  })
  .meta({ id: 'CampagneGestart' });

export const campaignOperations: Readonly<Record<string, OperationDoc>> = {
  'start-campaign': {
    summary: 'Toezichtcampagne starten',
    description:
      'Zet de campagne van de eigen gemeente voor een jaar in gang (alleen rol supervisor): de organisaties die volgens de regels aan de beurt zijn (geen meldcode, laatste oordeel niet voldoende, hersteltermijn verstreken, meldcode gewijzigd, termijn verstreken) worden gepland. Herhalen is veilig: wat al gepland is, wordt niet opnieuw gepland. Sectoren onder toezicht van een inspectie worden nooit gepland; onder een afspraak plant alleen de penvoerder.',
    tag: 'Toezichtcampagnes',
    body: toezichtcampagneSchema,
    success: {
      status: 202,
      description: 'Aangenomen; de planning loopt',
      schema: campagneGestartSchema,
      headers: {
        Location: {
          description: 'Waar de voortgang van de campagne te volgen is',
          example: '/v1/toezichtcampagnes/2027?gemeente=GM0363',
          required: true,
        },
      },
    },
    errors: [413, 415],
  },
  'get-campaign-progress': {
    summary: 'Voortgang van een toezichtcampagne',
    description:
      'Per gemeente: gepland, uitgevoerd, te laat, open en gedekt door de afspraak van een andere gemeente, berekend op de dag van vandaag. Zonder gemeente: de eigen; een auditor zonder gemeente krijgt alle gemeenten in aantallen.',
    tag: 'Toezichtcampagnes',
    path: campagneJaarPadSchema,
    query: campagneVoortgangQuerySchema,
    success: { status: 200, description: 'De voortgang', schema: campagneVoortgangSchema },
  },
};
