import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { build } from 'esbuild';
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
      bundleAwsSDK: true,
      forceDockerBundling: false,
    });
    expect(bundleOptions).toMatchObject({
      format: 'esm',
      target: 'node22',
      minify: true,
      platform: 'node',
      external: [],
    });
  });

  it.skipIf(!sample)('NodejsFunction bundles a real handler with the local esbuild into index.mjs', () => {
    const fn = resources(s.template)[logicalId(s.stack, s.stack.functions.get(sample!.name))]!;
    expect(fn.Properties.Handler).toBe('index.handler');
    const key = (fn.Properties.Code as { S3Key: string }).S3Key.replace(/\.zip$/, '');
    expectDeployable(sample!.name, readFileSync(join(s.app.outdir, `asset.${key}`, 'index.mjs'), 'utf8'));
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
    });
    for (const spec of present) {
      const path = `bundles/${spec.name}.mjs`;
      const file = result.outputFiles.find((f) => f.path.endsWith(`/${path}`));
      expect(file, spec.name).toBeDefined();
      expectDeployable(spec.name, file!.text);
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
