import * as z from 'zod';
import { httpRoutes } from '#infra/wiring.ts';
import { API_VERSION } from '../config.ts';
import { probleemSchema } from '../http/api-responses.ts';
import { type OperationDoc, operations } from './operations.ts';

type Json = Record<string, unknown>;

const STATUS_TEXT: Record<number, string> = {
  400: 'Ongeldige invoer; invalidParams noemt elk veld dat niet klopt',
  401: 'Niet ingelogd of token ongeldig',
  403: 'Geen toegang voor deze rol of gemeente',
  404: 'Niet gevonden (of niet actief in uw gemeente)',
  409: 'Conflict: al geregistreerd, gelijktijdig gewijzigd of nog in behandeling',
  412: 'De versie in If-Match is niet meer de huidige',
  413: 'De body is te groot',
  415: 'De body is geen application/json',
  422: 'Niet toegestaan door de regels van de wet of van het register',
  500: 'Interne fout',
  503: 'Tijdelijk niet beschikbaar; probeer het opnieuw',
};

const headerDoc = (description: string, example: string, required?: boolean): Json => ({
  description,
  ...(required === undefined ? {} : { required }),
  schema: { type: 'string', example },
});

const camel = (name: string): string => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** JSON Schema (OpenAPI 3.0 dialect) of a zod schema, refs pointing into components. */
function schemaOf(schema: z.ZodType): Json {
  const json = z.toJSONSchema(schema, {
    target: 'openapi-3.0',
    io: 'input',
    unrepresentable: 'any',
  }) as Json;
  const { $schema: _s, definitions: _d, $defs: _defs, ...rest } = json;
  return rest;
}

/** A registered schema as a reference to its component. */
function refOf(schema: z.ZodType): Json {
  const id = z.globalRegistry.get(schema)?.id;
  return id ? { $ref: `#/components/schemas/${id}` } : schemaOf(schema);
}

function parametersOf(schema: z.ZodObject | undefined, location: 'path' | 'query'): Json[] {
  if (!schema) return [];
  const json = schemaOf(schema) as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property as { description?: string } & Json;
    return {
      name,
      in: location,
      required: location === 'path' || (json.required ?? []).includes(name),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

function operationOf(name: string, doc: OperationDoc, auth: 'jwt' | 'none'): Json {
  const successHeaders: Json = {
    'API-Version': headerDoc('De volledige versie van de API', API_VERSION),
    ...(doc.success.etag ? { ETag: headerDoc('De versie van de organisatie', '"3"') } : {}),
    ...(doc.success.location
      ? { Location: headerDoc('De nieuwe organisatie', '/v1/organisaties/01J9Z8Q4N6V7W8X9Y0Z1A2B3C4') }
      : {}),
    ...Object.fromEntries(
      Object.entries(doc.success.headers ?? {}).map(([name, header]) => [
        name,
        headerDoc(header.description, header.example, header.required),
      ]),
    ),
  };
  const problemResponse = (status: number): Json => ({
    description: STATUS_TEXT[status] ?? 'Fout',
    headers: { 'API-Version': headerDoc('De volledige versie van de API', API_VERSION) },
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Probleem' } } },
  });
  const errorStatuses = [
    ...new Set([400, ...(auth === 'jwt' ? [401, 403, 404] : []), ...(doc.errors ?? []), 500, 503]),
  ].sort((a, b) => a - b);
  const parameters = [
    ...parametersOf(doc.path, 'path'),
    ...parametersOf(doc.query, 'query'),
    ...(doc.command
      ? [
          {
            name: 'Idempotency-Key',
            in: 'header',
            required: false,
            description:
              'Een herhaald verzoek met dezelfde sleutel wordt één keer uitgevoerd en krijgt het eerste antwoord',
            schema: { type: 'string', minLength: 1, maxLength: 128 },
          },
          {
            name: 'If-Match',
            in: 'header',
            required: false,
            description: 'De versie (ETag) waarop u uw besluit baseert; een andere huidige versie geeft 412',
            schema: { type: 'string', example: '"3"' },
          },
        ]
      : []),
  ];
  return {
    operationId: camel(name),
    summary: doc.summary,
    description: doc.description,
    tags: [doc.tag],
    ...(auth === 'jwt' ? {} : { security: [] }),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(doc.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: refOf(doc.body) } } } }
      : {}),
    responses: {
      [doc.success.status]: {
        description: doc.success.description,
        headers: successHeaders,
        ...(doc.success.status === 204
          ? {}
          : {
              content: {
                [doc.success.mediaType ?? 'application/json']: {
                  schema: doc.success.schema
                    ? refOf(doc.success.schema)
                    : { type: 'object', additionalProperties: true },
                },
              },
            }),
      },
      ...Object.fromEntries(errorStatuses.map((status) => [status, problemResponse(status)])),
    },
  };
}

let cached: Json | undefined;

/**
 * The OpenAPI 3 document of the public API, generated from the wiring manifest (methods and paths)
 * and the same zod schemas the handlers parse with (NL API Design Rules: /core/publish-openapi).
 */
export function openApiDocument(): Json {
  if (cached) return cached;
  // Make sure the error schema is registered before the registry is converted.
  void probleemSchema;
  const components = z.toJSONSchema(z.globalRegistry, {
    target: 'openapi-3.0',
    io: 'input',
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
  }) as { schemas: Record<string, Json> };
  const schemas = Object.fromEntries(
    Object.entries(components.schemas).map(([id, schema]) => {
      const { $schema: _s, $id: _id, ...rest } = schema;
      return [id, rest];
    }),
  );

  const paths: Record<string, Record<string, Json>> = {};
  for (const route of httpRoutes) {
    const doc = operations[route.fn.name];
    if (!doc) continue;
    const path = route.path.replace(/^\/v1/, '');
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = operationOf(route.fn.name, doc, route.auth);
  }

  cached = {
    openapi: '3.0.3',
    info: {
      title: 'Meldcode-toezicht API',
      version: API_VERSION,
      description:
        'Toezicht door gemeenten op de Wet verplichte meldcode huiselijk geweld en kindermishandeling: organisaties, hun meldcode, toezichtonderzoeken en afspraken tussen gemeenten. De API bevat geen persoonsgegevens van cliënten of slachtoffers. Veilig Thuis: 0800-2000.',
      contact: {
        name: 'Team meldcode-toezicht',
        email: 'meldcode-toezicht@example.nl',
        url: 'https://example.nl/meldcode-toezicht',
      },
      license: { name: 'EUPL-1.2', url: 'https://interoperable-europe.ec.europa.eu/collection/eupl/eupl-text-eupl-12' },
    },
    servers: [{ url: '/v1', description: 'Deze omgeving' }],
    tags: [
      { name: 'Organisaties', description: 'Organisaties onder de meldcodeplicht en hun toezicht' },
      { name: 'Gemeenten', description: 'Overzichten per gemeente' },
      { name: 'Afstemming', description: 'Afstemming tussen gemeenten over organisaties in meer gemeenten' },
      { name: 'Toezichtcampagnes', description: 'Jaarlijkse toezichtcampagnes' },
      { name: 'Audit', description: 'Voor auditors: gebeurtenissenlog, integriteit en reconstructie' },
      { name: 'API', description: 'Over deze API' },
    ].filter((tag) => Object.values(operations).some((op) => op.tag === tag.name)),
    security: [{ bearerAuth: [] }],
    paths,
    components: {
      schemas,
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'Een token met de claims sub, gemeente en rol',
        },
      },
    },
  };
  return cached;
}
