/**
 * Hash routing (`#/organisaties/01J…`): the site stays a folder of static files that S3 and
 * CloudFront serve without rewrite rules. Filters live in the hash's query (`#/?sector=wmo`), so a
 * filtered overview can be bookmarked and the back button works.
 */
export interface Route {
  readonly path: string;
  readonly params: Record<string, string>;
  readonly query: URLSearchParams;
}

export interface RouteDefinition<Name extends string> {
  readonly name: Name;
  /** `/organisaties/:id/meldcode` */
  readonly pattern: string;
}

export function currentRoute(): Route {
  const hash = location.hash.startsWith('#/') ? location.hash.slice(1) : '/';
  const [path = '/', search = ''] = hash.split('?', 2);
  return { path: path === '' ? '/' : path, params: {}, query: new URLSearchParams(search) };
}

export function match<Name extends string>(
  definitions: readonly RouteDefinition<Name>[],
  route: Route,
): { name: Name; route: Route } | null {
  const parts = route.path.split('/').filter(Boolean);
  for (const def of definitions) {
    const pattern = def.pattern.split('/').filter(Boolean);
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const ok = pattern.every((segment, i) => {
      const part = parts[i] ?? '';
      if (segment.startsWith(':')) {
        params[segment.slice(1)] = decodeURIComponent(part);
        return true;
      }
      return segment === part;
    });
    if (ok) return { name: def.name, route: { ...route, params } };
  }
  return null;
}

/** `#/pad?x=1` from a path and query values (empty values are left out). */
export function href(path: string, query: Record<string, string | number | undefined | null> = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const qs = search.toString();
  return `#${path}${qs ? `?${qs}` : ''}`;
}

export function navigate(target: string): void {
  if (location.hash === target) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = target;
}
