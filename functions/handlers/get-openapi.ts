import { geenQuerySchema } from '#functions/http/api-schemas.ts';
import { httpFunction } from '#functions/http/http-function.ts';
import { parseRequest } from '#functions/http/request.ts';
import { json } from '#functions/http/response.ts';
import { openApiDocument } from '#functions/openapi/document.ts';

/** GET /v1/openapi.json: the OpenAPI 3 document, no login, CORS open (NL API Design Rules). */
export const handler = httpFunction(
  async (event) => {
    parseRequest(event, { query: geenQuerySchema });
    return json(200, openApiDocument());
  },
  { cors: 'open' },
);
