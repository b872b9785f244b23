import { NotFoundError } from '#functions/http/errors.ts';
import { httpFunction } from '#functions/http/http-function.ts';

/**
 * The `$default` route: any request that matches no route, including a trailing slash (the NL API
 * Design Rules make `/organisaties/` a 404) and a method a path does not take, as problem+json.
 */
export const handler = httpFunction(async (event) => {
  throw new NotFoundError(`Geen operatie ${event.requestContext.http.method} ${event.rawPath}`);
});
