import * as z from 'zod';
import { storedEventSchema } from '#events/envelope.ts';
import { campagneVoortgangGemeenteSchema } from '#functions/campaign/api.ts';
import {
  afstemmingSchema,
  gemeenteOrganisatieSchema,
  gemeenteVerwijzingSchema,
} from '#functions/http/api-responses.ts';
import { datumSchema, gemeentecodeSchema, verledenDatumSchema } from '#functions/http/api-schemas.ts';
import type { OperationDoc } from '#functions/openapi/operations.ts';

/**
 * The audit endpoints' public schemas, in Dutch, and their entries for the OpenAPI document
 * (`auditOperations`, part of `operations` in `functions/openapi/operations.ts`).
 */

export const auditGebeurtenissenQuerySchema = z
  .strictObject({
    vanaf: datumSchema.meta({ description: 'Eerste vastleggingsdag (UTC), JJJJ-MM-DD' }),
    tot: datumSchema
      .optional()
      .meta({ description: 'Tot (niet tot en met) deze vastleggingsdag; standaard morgen, dus tot en met vandaag' }),
    cursor: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,2000}$/, 'verwacht de cursor uit de Link-header van de vorige pagina')
      .optional()
      .meta({ description: 'De volgende pagina: neem de link uit de Link-header (rel="next") over' }),
  })
  .superRefine((value, ctx) => {
    if (value.tot !== undefined && value.tot <= value.vanaf) {
      ctx.addIssue({ code: 'custom', path: ['tot'], message: 'moet na vanaf liggen' });
    }
  });

export const reconstructieQuerySchema = z.strictObject({
  peildatum: verledenDatumSchema.meta({
    description: 'De views zoals ze aan het eind van deze dag (UTC) waren',
    format: 'date',
  }),
  gemeente: gemeentecodeSchema
    .optional()
    .meta({ description: 'Alleen de views van deze gemeente; zonder: alle gemeenten' }),
});

const gebrokenSchakelSchema = z.object({
  stroom: z.string().meta({ example: 'organisation#01J9Z8Q4N6V7W8X9Y0Z1A2B3C4' }),
  versie: z.number().int(),
  reden: z.enum(['inhoud-gewijzigd', 'schakel-verbroken', 'versie-ontbreekt', 'verkeerde-stroom']),
  toelichting: z.string(),
  details: z
    .string()
    .meta({ description: 'Wat verschilt: de opgeslagen en de berekende hash, of de ontbrekende versie' }),
});

/** One line of the NDJSON log: a stored event exactly as stored (the event store's own, English, names). */
export const logregelSchema = storedEventSchema.meta({
  id: 'Logregel',
  description:
    'Eén regel van de gebeurtenissenlog: een gebeurtenis precies zoals opgeslagen, als canonieke JSON (RFC 8785), met prevHash en hash (SHA-256 over de canonieke JSON van alle andere velden). De veldnamen zijn die van de gebeurtenissenopslag.',
});

export const integriteitSchema = z
  .object({
    intact: z.boolean(),
    stromenGecontroleerd: z.number().int(),
    gebeurtenissenGecontroleerd: z.number().int(),
    gebrokenSchakels: z
      .array(gebrokenSchakelSchema)
      .meta({ description: 'De eerste gebroken schakel van elke stroom die er een heeft' }),
  })
  .meta({ id: 'Integriteit', description: 'De hashketen van elke stroom gecontroleerd' });

export const reconstructieSchema = z
  .object({
    peildatum: z.string().meta({ format: 'date' }),
    gemeente: gemeenteVerwijzingSchema.nullable(),
    grondslag: z.object({
      vastgelegdTotEnMet: z.string().meta({ format: 'date-time' }),
      gebeurtenissen: z.number().int().meta({ description: 'Afgespeelde gebeurtenissen' }),
      organisaties: z.number().int(),
    }),
    integriteit: integriteitSchema,
    organisaties: z
      .array(gemeenteOrganisatieSchema)
      .optional()
      .meta({ description: 'Bij één gemeente: haar overzicht' }),
    gemeenten: z
      .array(z.object({ gemeente: gemeenteVerwijzingSchema, organisaties: z.number().int() }))
      .optional()
      .meta({ description: 'Zonder gemeente: het aantal organisaties per gemeente' }),
    afstemming: afstemmingSchema.shape.organisaties,
    toezichtcampagnes: z.array(campagneVoortgangGemeenteSchema),
  })
  .meta({
    id: 'Reconstructie',
    description:
      'De views zoals ze op de peildatum waren: de gebeurtenissen die tot en met die dag waren vastgelegd, opnieuw afgespeeld door dezelfde projectiefuncties',
  });

export const auditOperations: Readonly<Record<string, OperationDoc>> = {
  'audit-events': {
    summary: 'Gebeurtenissenlog (NDJSON)',
    description:
      'Alle gebeurtenissen zoals opgeslagen, met hun hashes, één per regel (application/x-ndjson), in volgorde van vastlegging, per pagina. Een volgende pagina staat in de Link-header (rel="next"). Alleen voor auditors.',
    tag: 'Audit',
    query: auditGebeurtenissenQuerySchema,
    success: {
      status: 200,
      description: 'Eén pagina van de log, als NDJSON: elke regel één Logregel',
      mediaType: 'application/x-ndjson',
      schema: logregelSchema,
      headers: {
        'X-Aantal-Gebeurtenissen': {
          description: 'Het aantal regels (gebeurtenissen) op deze pagina',
          example: '5000',
          required: true,
        },
        Link: {
          description: 'De volgende pagina (rel="next"), zolang er meer is',
          example:
            '</v1/audit/gebeurtenissen?vanaf=2025-01-01&tot=2025-07-01&cursor=eyJsb2dCdWNrZXQiOiIyMDI1LTAxLTAxIn0>; rel="next"',
        },
      },
    },
  },
  'audit-integrity': {
    summary: 'Integriteit van de gebeurtenissen',
    description:
      'Controleert de hashketen van elke stroom: versies zonder gaten, elke vorige hash gelijk aan de hash ervoor, elke hash gelijk aan de opnieuw berekende. Noemt elke gebroken schakel met stroom, versie en wat verschilt. Alleen voor auditors.',
    tag: 'Audit',
    success: { status: 200, description: 'De controle', schema: integriteitSchema },
  },
  'audit-reconstruction': {
    summary: 'Reconstructie op een peildatum',
    description:
      'De views zoals ze op de peildatum waren, berekend door de gebeurtenissen die tot en met die dag waren vastgelegd (en waarvan de keten klopt) opnieuw af te spelen door dezelfde projectiefuncties als de projectors. Alleen voor auditors.',
    tag: 'Audit',
    query: reconstructieQuerySchema,
    success: { status: 200, description: 'De reconstructie', schema: reconstructieSchema },
  },
};
