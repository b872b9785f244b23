import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layer rule of ARCHITECTURE.md, enforced: what each folder may import. A violation names
 * the file and the import so the fix is obvious.
 */
const root = resolve(import.meta.dirname, '../..');

function sourceFiles(folder: string): string[] {
  const dir = join(root, folder);
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(relative(root, path));
    return /\.(ts|js|mjs)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

const importPattern =
  /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g;

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(importPattern)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

/** Where a relative import lands, as a folder of the project (events, domain, ...). */
function layerOf(file: string, specifier: string): string {
  if (specifier.startsWith('#')) return specifier.slice(1).split('/')[0] ?? '';
  if (specifier.startsWith('.')) return relative(root, resolve(file, '..', specifier)).split('/')[0] ?? '';
  return `package:${specifier}`;
}

interface Rule {
  readonly folder: string;
  readonly allowed: (layer: string, specifier: string) => boolean;
  readonly why: string;
}

const rules: Rule[] = [
  {
    folder: 'events',
    allowed: (layer) => layer === 'events' || layer === 'package:zod',
    why: 'events/ imports zod only',
  },
  {
    folder: 'domain',
    allowed: (layer) => layer === 'domain' || layer === 'events' || layer === 'package:zod',
    why: 'domain/ imports domain/, events/ and zod only: no AWS, no HTTP, no node:, no clock',
  },
  {
    folder: 'functions',
    allowed: (layer) => !['local', 'test', 'web', 'bench'].includes(layer),
    why: 'functions/ never reaches into the local runtime, tests, the dashboard or benchmarks',
  },
  {
    folder: 'infra',
    allowed: (layer) => !['local', 'test', 'web', 'bench', 'domain'].includes(layer),
    why: 'infra/ builds from the manifest and events/ names, not from the runtime or the domain',
  },
  {
    folder: 'web/src',
    allowed: (layer) => !['events', 'domain', 'functions', 'infra', 'local'].includes(layer),
    why: 'the dashboard talks to the HTTP API only',
  },
];

describe('layer rule', () => {
  for (const rule of rules) {
    it(`${rule.folder}: ${rule.why}`, () => {
      const violations = sourceFiles(rule.folder).flatMap((file) =>
        importsOf(file)
          .filter((specifier) => !rule.allowed(layerOf(file, specifier), specifier))
          .map((specifier) => `${relative(root, file)} imports ${specifier}`),
      );
      expect(violations).toEqual([]);
    });
  }

  it('domain/ and events/ read no clock: time is passed in', () => {
    const offenders = [...sourceFiles('domain'), ...sourceFiles('events')].filter((file) =>
      /\bDate\.now\(|new Date\(\s*\)/.test(readFileSync(file, 'utf8')),
    );
    expect(offenders.map((f) => relative(root, f))).toEqual([]);
  });

  it('the checker itself catches a forbidden import', () => {
    expect(importsOf(join(root, 'events', 'catalogue.ts'))).toEqual(expect.arrayContaining(['zod', './gemeenten.ts']));
    const sample = join(root, 'domain', 'sample.ts');
    const layer = layerOf(sample, '@aws-sdk/client-dynamodb');
    expect(rules.find((r) => r.folder === 'domain')!.allowed(layer, '@aws-sdk/client-dynamodb')).toBe(false);
    expect(
      rules.find((r) => r.folder === 'domain')!.allowed(layerOf(sample, '#functions/x.ts'), '#functions/x.ts'),
    ).toBe(false);
    expect(
      rules.find((r) => r.folder === 'events')!.allowed(layerOf(join(root, 'events', 'a.ts'), '../domain/x.ts'), ''),
    ).toBe(false);
  });
});
