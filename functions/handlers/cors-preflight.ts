import { NotFoundError } from '#functions/http/errors.ts';
import { preflightHeaders } from '#functions/http/headers.ts';
import { httpFunction } from '#functions/http/http-function.ts';
import { corsPolicyOfPath } from '#functions/http/preflight.ts';
import { noContent } from '#functions/http/response.ts';

/**
 * `OPTIONS /{proxy+}`, no login: a browser's CORS preflight gets 204 with the headers the local
 * gateway sends (`preflightHeaders`: the allow-list, any origin for the OpenAPI document; nothing
 * that allows an origin off the list). An OPTIONS request that is no preflight (no
 * `Access-Control-Request-Method`) matches no operation: 404, as the `$default` route answers it.
 */
export const handler = httpFunction(async (event) => {
  if (!event.headers['access-control-request-method']) {
    throw new NotFoundError(`Geen operatie ${event.requestContext.http.method} ${event.rawPath}`);
  }
  return noContent(preflightHeaders(event.headers.origin, corsPolicyOfPath(event.rawPath)));
});
