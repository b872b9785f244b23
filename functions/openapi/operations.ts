import type { z } from 'zod';
import { auditOperations } from '../audit/api.ts';
import { campaignOperations } from '../campaign/api.ts';
import * as rs from '../http/api-responses.ts';
import * as rq from '../http/api-schemas.ts';

/** A response header of a successful answer, besides API-Version (always) and ETag/Location (flags). */
export interface HeaderDoc {
  readonly description: string;
  readonly example: string;
  /** True when every such answer carries it; absent for a header sent only sometimes (a next-page Link). */
  readonly required?: boolean;
}

/** What the OpenAPI document says of one operation; keyed by the manifest function that serves it. */
export interface OperationDoc {
  readonly summary: string;
  readonly description: string;
  readonly tag: 'Organisaties' | 'Gemeenten' | 'Afstemming' | 'Toezichtcampagnes' | 'Audit' | 'API';
  readonly path?: z.ZodObject;
  readonly query?: z.ZodObject;
  /** A request body schema registered with an `id` (see api-schemas.ts). */
  readonly body?: z.ZodType;
  readonly success: {
    /** 202: accepted, the work runs after the answer (a campaign). */
    readonly status: 200 | 201 | 202 | 204;
    readonly description: string;
    readonly schema?: z.ZodType;
    /**
     * The media type of the body, `application/json` when absent. `application/x-ndjson` (the audit
     * log): one JSON value per line, and `schema` describes one line.
     */
    readonly mediaType?: 'application/json' | 'application/x-ndjson';
    readonly etag?: boolean;
    /** The Location of a new organisation; another Location goes in `headers`. */
    readonly location?: boolean;
    /** Further response headers, by name. */
    readonly headers?: Readonly<Record<string, HeaderDoc>>;
  };
  /** Error statuses besides the ones every operation has (400, 401, 403, 404, 500, 503). */
  readonly errors?: readonly number[];
  /** Commands accept Idempotency-Key and If-Match. */
  readonly command?: boolean;
}

const commandErrors = [409, 412, 413, 415, 422] as const;

/**
 * The operations of the organisation, gemeente, coordination and OpenAPI routes, keyed by function
 * name in the wiring manifest (the manifest gives method and path).
 */
const coreOperations: Readonly<Record<string, OperationDoc>> = {
  'register-organisation': {
    summary: 'Organisatie registreren',
    description:
      'Registreert een organisatie die onder de meldcodeplicht valt, actief in een of meer gemeenten (de eigen gemeente hoort erbij). Hetzelfde KvK-nummer met hetzelfde vestigingsnummer kan één keer worden geregistreerd (409).',
    tag: 'Organisaties',
    body: rq.organisatieRegistratieSchema,
    success: { status: 201, description: 'Geregistreerd', schema: rs.aangemaaktSchema, etag: true, location: true },
    errors: commandErrors,
    command: true,
  },
  'get-organisation': {
    summary: 'Organisatie met toezichtstatus',
    description:
      'De organisatie met de drie toezichtvragen (meldcode beschikbaar, voldoet aan de minimumeisen, bevordering van kennis en gebruik), elk met antwoord en onderbouwing, berekend op de datum van vandaag. Een organisatie die niet in uw gemeente actief is, bestaat voor u niet (404).',
    tag: 'Organisaties',
    path: rq.organisatiePadSchema,
    success: { status: 200, description: 'De organisatie', schema: rs.organisatieSchema, etag: true },
  },
  'add-gemeenten': {
    summary: 'Gemeenten toevoegen',
    description: 'De organisatie is (ook) actief in deze gemeenten, vanaf perDatum (standaard vandaag).',
    tag: 'Organisaties',
    path: rq.organisatiePadSchema,
    body: rq.gemeentenToevoegingSchema,
    success: {
      status: 200,
      description: 'Verwerkt (ook als er niets veranderde)',
      schema: rs.aangemaaktSchema,
      etag: true,
    },
    errors: commandErrors,
    command: true,
  },
  'remove-gemeente': {
    summary: 'Gemeente verwijderen',
    description:
      'De organisatie is niet langer actief in de eigen gemeente van de aanroeper, vanaf perDatum (standaard vandaag).',
    tag: 'Organisaties',
    path: rq.organisatieGemeentePadSchema,
    query: rq.perDatumQuerySchema,
    success: { status: 204, description: 'Verwerkt', etag: true },
    errors: commandErrors,
    command: true,
  },
  'submit-meldcode': {
    summary: 'Meldcode indienen',
    description:
      'Legt een (nieuwe versie van de) meldcode vast met de aanwezige elementen en stappen en de maatregelen voor kennis en gebruik. De laatst vastgestelde meldcode geldt; eerdere blijven als geschiedenis.',
    tag: 'Organisaties',
    path: rq.organisatiePadSchema,
    body: rq.meldcodeIndieningSchema,
    success: { status: 201, description: 'Vastgelegd', schema: rs.aangemaaktSchema, etag: true },
    errors: commandErrors,
    command: true,
  },
  'list-meldcodes': {
    summary: 'Meldcodes van een organisatie',
    description: 'Alle ingediende meldcodes, oudste eerst; huidig geeft aan welke nu geldt.',
    tag: 'Organisaties',
    path: rq.organisatiePadSchema,
    success: { status: 200, description: 'De meldcodes', schema: rs.meldcodesSchema, etag: true },
  },
  'complete-supervision': {
    summary: 'Toezichtonderzoek vastleggen',
    description:
      'Legt een uitgevoerd toezichtonderzoek vast namens de eigen gemeente, met oordeel, bevindingen per vraag en eventueel een hersteltermijn. Onder een afspraak doet alleen de penvoerder (of de toezichthouder die de afspraak noemt) het onderzoek.',
    tag: 'Organisaties',
    path: rq.organisatiePadSchema,
    body: rq.toezichtonderzoekSchema,
    success: { status: 201, description: 'Vastgelegd', schema: rs.aangemaaktSchema, etag: true },
    errors: commandErrors,
    command: true,
  },
  'list-supervisions': {
    summary: 'Toezichtonderzoeken van een organisatie',
    description: 'Alle uitgevoerde toezichtonderzoeken, oudste eerst.',
    tag: 'Organisaties',
    path: rq.organisatiePadSchema,
    success: { status: 200, description: 'De toezichtonderzoeken', schema: rs.toezichtonderzoekenSchema, etag: true },
  },
  'make-agreement': {
    summary: 'Afspraak maken',
    description:
      'Een afspraak tussen gemeenten waar de organisatie actief is: wie penvoerder is, welke vragen de afspraak dekt, of bevindingen worden gedeeld en hoe lang de afspraak geldt.',
    tag: 'Organisaties',
    path: rq.organisatiePadSchema,
    body: rq.afspraakSchema,
    success: { status: 201, description: 'Vastgelegd', schema: rs.aangemaaktSchema, etag: true },
    errors: commandErrors,
    command: true,
  },
  'end-agreement': {
    summary: 'Afspraak beëindigen',
    description: 'Beëindigt een afspraak; perDatum is de eerste dag dat zij niet meer geldt (standaard vandaag).',
    tag: 'Organisaties',
    path: rq.organisatieAfspraakPadSchema,
    query: rq.eindeAfspraakQuerySchema,
    success: { status: 204, description: 'Verwerkt', etag: true },
    errors: commandErrors,
    command: true,
  },
  'list-organisation-events': {
    summary: 'Gebeurtenissen van een organisatie',
    description: 'Alle gebeurtenissen van de organisatie, oudste eerst, rechtstreeks uit de gebeurtenissenopslag.',
    tag: 'Organisaties',
    path: rq.organisatiePadSchema,
    success: { status: 200, description: 'De gebeurtenissen', schema: rs.gebeurtenissenSchema, etag: true },
  },
  'list-gemeente-organisations': {
    summary: 'Organisaties in een gemeente',
    description:
      'De organisaties die in de gemeente actief zijn, gesorteerd op naam, te filteren op sector, op het antwoord per vraag, op te beoordelen dit jaar en op naam of KvK-nummer, in pagina’s.',
    tag: 'Gemeenten',
    path: rq.gemeentePadSchema,
    query: rq.gemeenteOrganisatiesQuerySchema,
    success: { status: 200, description: 'Een pagina organisaties', schema: rs.gemeenteOrganisatiesSchema },
  },
  'get-gemeente-overview': {
    summary: 'Toezichtoverzicht van een gemeente',
    description: 'Aantallen organisaties per antwoord op de drie vragen, in totaal en per sector.',
    tag: 'Gemeenten',
    path: rq.gemeentePadSchema,
    success: { status: 200, description: 'Het overzicht', schema: rs.toezichtoverzichtSchema },
  },
  'get-coordination': {
    summary: 'Afstemming tussen gemeenten',
    description:
      'Organisaties die in meer dan één gemeente actief zijn, met hun afspraak en de tekortkomingen: geen afspraak, verlopen afspraak, gemeente niet in de afspraak, toezicht door een andere gemeente dan de penvoerder, penvoerder heeft in het campagnejaar niet toegezien.',
    tag: 'Afstemming',
    query: rq.afstemmingQuerySchema,
    success: { status: 200, description: 'De afstemming', schema: rs.afstemmingSchema },
  },
  'get-openapi': {
    summary: 'Dit OpenAPI-document',
    description: 'De beschrijving van deze API (OpenAPI 3), zonder inloggen op te vragen.',
    tag: 'API',
    success: { status: 200, description: 'Het OpenAPI-document' },
  },
};

/**
 * Every operation of the HTTP API, keyed by function name in the wiring manifest: the ones above
 * and those written beside their handlers' schemas (campaigns, audit). A function that gets a route
 * gets an entry here too (test/functions/openapi-document.unit.test.ts fails otherwise).
 */
export const operations: Readonly<Record<string, OperationDoc>> = {
  ...coreOperations,
  ...campaignOperations,
  ...auditOperations,
};
