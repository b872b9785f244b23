import type { ZodError } from 'zod';
import type { InvalidParam } from './errors.ts';

/** `['maatregelen', 0, 'datum']` -> `maatregelen[0].datum`; the root is `body`. */
export function fieldPath(path: readonly PropertyKey[], root = 'body'): string {
  if (path.length === 0) return root;
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out.startsWith('[') ? `${root}${out}` : out;
}

/** Every zod issue as an invalid parameter; an unknown key becomes one entry per key. */
export function invalidParamsOf(error: ZodError, root = 'body'): InvalidParam[] {
  const params: InvalidParam[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys)
        params.push({ name: fieldPath([...issue.path, key], root), reason: 'onbekend veld' });
      continue;
    }
    params.push({ name: fieldPath(issue.path, root), reason: issue.message });
  }
  return params;
}
