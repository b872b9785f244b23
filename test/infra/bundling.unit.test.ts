import { readFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodejsBundling } from '#infra/constructs/functions.ts';
import { bundleOptions, ESM_REQUIRE_BANNER, entryPath, missingEntries, projectRoot } from '#infra/function-runtime.ts';
import { wiringManifest } from '#infra/stack.ts';
import { logicalId, resources, type Synthesized, synthesize } from './synth.ts';

/**
 * The real bundling path, kept out of the assertion tests (which use placeholder code): one real
 * handler through NodejsFunction and the local esbuild (no Docker), as `npm run synth` does for all
 * of them, and every handler that exists through esbuild in this process with the very same
 * options (fast: no process per function).
 */
const missing = missingEntries(wiringManifest.functions);
const present = wiringManifest.functions.filter((spec) => !missing.includes(spec));
const sample = present.find((spec) => spec.name === 'publisher') ?? present[0];
let s: Synthesized;

beforeAll(() => {
  if (!sample) return;
  s = synthesize({ functionCode: 'bundle' }, { manifest: { ...wiringManifest, functions: [sample] } });
}, 120_000);

/** What every bundle must look like: the banner, minified ESM that exports `handler`. */
function expectDeployable(name: string, bundle: string): void {
  expect(bundle.startsWith(ESM_REQUIRE_BANNER), `${name} starts with the require banner`).toBe(true);
  expect(/export\s*\{[^}]*\bas handler\b|export\s*\{\s*handler\b/.test(bundle), `${name} exports handler`).toBe(true);
  expect(bundle.split('\n').length, `${name} is minified`).toBeLessThan(200);
}

/** Node's own modules are all a bundle may leave outside (no SDK, no Powertools, no zod, no #imports). */
const isBuiltin = (path: string) => path.startsWith('node:') || builtinModules.includes(path);

/**
 * The `semver` alias: X-Ray's patcher is the one module of any bundle that requires semver, and it
 * calls `semver.gte` only; the alias gives it that function alone, from the very same semver files.
 */
const SEMVER_ALIAS = './infra/bundling/semver-gte.cjs';
const XRAY_PATCHER = 'node_modules/aws-xray-sdk-core/dist/lib/patchers/aws_p.js';
/** Thrown by semver's Range class only: present when the whole package is bundled. */
const SEMVER_RANGE_MARK = 'Invalid SemVer Range';

/** The members of `semver` a CommonJS module uses (`const x = require('semver'); x.gte(...)`). */
function semverMembersUsed(source: string): string[] {
  const bindings = [...source.matchAll(/(?:var|let|const)\s+(\w+)\s*=\s*require\(\s*['"]semver['"]\s*\)/g)].map(
    (m) => m[1]!,
  );
  expect(bindings.length, 'semver is bound to a name').toBeGreaterThan(0);
  const code = source.replace(/require\(\s*['"]semver['"]\s*\)/g, 'require()');
  return bindings.flatMap((name) => {
    const uses = [...code.matchAll(new RegExp(`\\b${name}\\b(\\.\\w+)?`, 'g'))];
    // Every use other than the binding itself must be a member access: no `semver` passed around.
    expect(uses.filter((u) => !u[1]).length, `${name} is only used as ${name}.member`).toBe(1);
    return uses.flatMap((u) => (u[1] ? [u[1].slice(1)] : []));
  });
}

/** Every module of a build that imports `semver` (or a path under it), with what it resolved to. */
function semverImports(metafile: Metafile): { importer: string; original: string; resolved: string }[] {
  return Object.entries(metafile.inputs).flatMap(([importer, input]) =>
    input.imports
      .filter((i) => i.original === 'semver' || i.original?.startsWith('semver/'))
      .map((i) => ({ importer, original: i.original!, resolved: i.path })),
  );
}

describe('bundling of the functions', () => {
  it('NodejsFunction gets exactly the options the benchmark uses: ESM, minified, node22, SDK bundled, no Docker', () => {
    expect(nodejsBundling()).toEqual({
      format: 'esm',
      target: 'node22',
      minify: true,
      sourceMap: false,
      mainFields: ['module', 'main'],
      banner: ESM_REQUIRE_BANNER,
      externalModules: [],
      esbuildArgs: { '--alias': [`semver=${SEMVER_ALIAS}`] },
      bundleAwsSDK: true,
      forceDockerBundling: false,
    });
    expect(bundleOptions).toMatchObject({
      format: 'esm',
      target: 'node22',
      minify: true,
      platform: 'node',
      external: [],
      alias: { semver: SEMVER_ALIAS },
    });
  });

  it("the semver alias gives X-Ray semver's own gte, from the file X-Ray resolves, and X-Ray uses nothing else", () => {
    const fromXray = createRequire(join(projectRoot, XRAY_PATCHER));
    const ours = createRequire(join(projectRoot, SEMVER_ALIAS))(join(projectRoot, SEMVER_ALIAS)) as Record<
      string,
      unknown
    >;
    expect(Object.keys(ours)).toEqual(['gte']);
    // The same function object as `require('semver').gte` where X-Ray requires it: same files, same code.
    expect(ours.gte).toBe((fromXray('semver') as { gte: unknown }).gte);
    const gte = ours.gte as (a: string, b: string) => boolean;
    expect([gte('3.1169.0', '2.0.0'), gte('2.0.0', '2.0.0'), gte('1.9.9', '2.0.0')]).toEqual([true, true, false]);
    expect(semverMembersUsed(readFileSync(join(projectRoot, XRAY_PATCHER), 'utf8'))).toEqual(['gte']);
  });

  it.skipIf(!sample)('NodejsFunction bundles a real handler with the local esbuild into index.mjs', () => {
    const fn = resources(s.template)[logicalId(s.stack, s.stack.functions.get(sample!.name))]!;
    expect(fn.Properties.Handler).toBe('index.handler');
    const key = (fn.Properties.Code as { S3Key: string }).S3Key.replace(/\.zip$/, '');
    const bundle = readFileSync(join(s.app.outdir, `asset.${key}`, 'index.mjs'), 'utf8');
    expectDeployable(sample!.name, bundle);
    // The alias reached esbuild through `esbuildArgs`: semver's SemVer class, not its Range.
    expect(bundle).toContain('Invalid Version');
    expect(bundle).not.toContain(SEMVER_RANGE_MARK);
  });

  it(`every handler that exists (${present.length} of ${wiringManifest.functions.length}) bundles with the stack's options`, async () => {
    // One esbuild run for all entries (shared modules are parsed once); without code splitting each
    // entry still becomes its own bundle, exactly as the stack builds it alone.
    const result = await build({
      entryPoints: Object.fromEntries(present.map((spec) => [spec.name, entryPath(spec)])),
      absWorkingDir: projectRoot,
      outdir: 'bundles',
      outExtension: { '.js': '.mjs' },
      write: false,
      metafile: true,
      logLevel: 'silent',
      bundle: bundleOptions.bundle,
      platform: bundleOptions.platform,
      format: bundleOptions.format,
      target: bundleOptions.target,
      minify: bundleOptions.minify,
      mainFields: [...bundleOptions.mainFields],
      banner: { js: bundleOptions.banner },
      external: [...bundleOptions.external],
      alias: { ...bundleOptions.alias },
    });
    // Whatever the handler, semver is required by X-Ray's patcher alone, and only as `semver`
    // (a `semver/...` path would not even build: the alias rewrites it to a path under the module).
    const imports = semverImports(result.metafile);
    expect(imports.length).toBeGreaterThan(0);
    for (const found of imports) {
      expect(found).toEqual({ importer: XRAY_PATCHER, original: 'semver', resolved: SEMVER_ALIAS.slice(2) });
    }
    expect(
      Object.keys(result.metafile.inputs).filter(
        (input) =>
          /node_modules\/semver\/classes\/(range|comparator)\.js$/.test(input) ||
          input === 'node_modules/semver/index.js',
      ),
    ).toEqual([]);
    for (const spec of present) {
      const path = `bundles/${spec.name}.mjs`;
      const file = result.outputFiles.find((f) => f.path.endsWith(`/${path}`));
      expect(file, spec.name).toBeDefined();
      expectDeployable(spec.name, file!.text);
      expect(file!.text.includes(SEMVER_RANGE_MARK), `${spec.name} carries semver's Range`).toBe(false);
      const outside = result.metafile.outputs[path]!.imports.filter((i) => i.external && !isBuiltin(i.path));
      expect(
        outside.map((i) => i.path),
        `${spec.name} leaves nothing but Node built-ins outside the bundle`,
      ).toEqual([]);
    }
  }, 120_000);

  it('refuses to synthesize when a handler file is missing, naming it', () => {
    const ghost = {
      ...wiringManifest.functions.find((f) => f.name === 'get-openapi')!,
      name: 'ghost',
      entry: 'functions/handlers/ghost-that-does-not-exist.ts',
      triggers: [{ kind: 'http' as const, method: 'GET' as const, path: '/v1/ghost', auth: 'jwt' as const }],
    };
    expect(() =>
      synthesize({ functionCode: 'bundle' }, { manifest: { ...wiringManifest, functions: [ghost] }, synth: false }),
    ).toThrow(/functions\/handlers\/ghost-that-does-not-exist\.ts \(function ghost\)/);
  });
});
