import { httpRoutes } from '#infra/wiring.ts';
import type { CorsPolicy } from './headers.ts';

/** The path templates, as segments, of the routes without login (the OpenAPI document). */
const OPEN_PATHS = httpRoutes.filter((route) => route.auth === 'none').map((route) => route.path.split('/'));

/** A request path against a route's path template: `{name}` takes one non-empty segment. */
function matches(template: readonly string[], parts: readonly string[]): boolean {
  if (template.length !== parts.length) return false;
  return template.every((segment, index) =>
    segment.startsWith('{') && segment.endsWith('}') ? parts[index] !== '' : segment === parts[index],
  );
}

/**
 * The CORS policy of a path, whatever the method: open to every origin where a route without login
 * has this path, the allow-list everywhere else. The local gateway decides the same from the same
 * manifest (`local/gateway.ts`).
 */
export function corsPolicyOfPath(path: string): CorsPolicy {
  const parts = path.split('/');
  return OPEN_PATHS.some((template) => matches(template, parts)) ? 'open' : 'allow-list';
}
