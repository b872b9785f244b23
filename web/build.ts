import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { ELEMENT_REQUIREMENTS, RECOMMENDATIONS } from '#domain/meldcode/requirements.ts';
import { SECTOR_RULES } from '#domain/sectors.ts';
import { CURRENT_GEMEENTEN_YEAR, gemeentenList } from '#events/gemeenten.ts';
import { PROMOTION_MEASURE_KINDS, SECTORS } from '#events/values.ts';

/**
 * Builds the dashboard into a static folder (`web/dist/`) that the local gateway serves at `/`
 * and the CDK stack uploads to S3: the bundled browser code (hashed name, so CloudFront may cache
 * it forever), the page shell, our stylesheet, the NL Design System CSS copied from node_modules,
 * the reference data the browser may not import from `events/` or `domain/` (gemeenten, sectors,
 * the Q2 checklist) as JSON, and a `config.json` for the local runtime (the stack writes its own).
 *
 * Run: `npx tsx web/build.ts` (or import `buildWeb` from a test).
 */

const webDir = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

export interface BuildOptions {
  /** Default `web/dist`. */
  readonly outDir?: string;
  /** Default true; false gives readable output for debugging. */
  readonly minify?: boolean;
}

export interface BuildResult {
  readonly outDir: string;
  readonly files: readonly string[];
}

/** The reference data of `referentie.json`: the browser's copy of the catalogue, built from the one source. */
export function referenceData() {
  return {
    gemeentenJaar: CURRENT_GEMEENTEN_YEAR,
    gemeenten: gemeentenList().map((g) => ({
      code: g.code,
      naam: g.name,
      provincie: g.province,
      veiligheidsregioCode: g.safetyRegionCode,
      veiligheidsregioNaam: g.safetyRegionName,
    })),
    sectoren: SECTORS.map((sector) => ({
      code: sector,
      naam: SECTOR_RULES[sector].label,
      toezichtDoorGemeente: SECTOR_RULES[sector].supervisedByGemeente,
      kinderopvang: SECTOR_RULES[sector].kinderopvang,
      grondslag: SECTOR_RULES[sector].dutyBasis,
    })),
    elementen: ELEMENT_REQUIREMENTS.map((r) => ({
      id: r.id,
      soort: r.kind === 'step' ? 'stap' : 'element',
      titel: r.title,
      titelPerVariant: r.titleByVariant ?? {},
      grondslag: r.legalBasis,
      geldtVoor: r.appliesTo,
      nietVanToepassingOmdat: r.notApplicableBecause ?? null,
      voorwaardelijk: r.conditional,
      vereistVanaf: r.requiredFrom ?? null,
    })),
    aanbevelingen: RECOMMENDATIONS.map((r) => ({ id: r.id, titel: r.title, grondslag: r.basis })),
    maatregelSoorten: [...PROMOTION_MEASURE_KINDS],
  };
}

const NLDS_CSS = [
  { from: '@utrecht/design-tokens/dist/theme.css', to: 'nlds/utrecht-design-tokens.css' },
  { from: '@utrecht/component-library-css/dist/index.css', to: 'nlds/utrecht-component-library.css' },
] as const;

function packageVersion(name: string): string {
  const pkg = JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version: string };
  return pkg.version;
}

export async function buildWeb(options: BuildOptions = {}): Promise<BuildResult> {
  const outDir = resolve(options.outDir ?? join(webDir, 'dist'));
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(join(outDir, 'nlds'), { recursive: true });

  const result = await build({
    entryPoints: { app: join(webDir, 'src/main.ts'), stijl: join(webDir, 'styles.css') },
    outdir: outDir,
    entryNames: '[name]-[hash]',
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022', 'chrome110', 'firefox115', 'safari16'],
    minify: options.minify ?? true,
    sourcemap: true,
    metafile: true,
    legalComments: 'linked',
    logLevel: 'warning',
  });
  const outputs = Object.keys(result.metafile.outputs).map((p) => basename(p));
  const appJs = outputs.find((f) => /^app-.*\.js$/.test(f));
  const css = outputs.find((f) => /^stijl-.*\.css$/.test(f));
  if (!appJs || !css) throw new Error(`esbuild did not produce app.js and stijl.css: ${outputs.join(', ')}`);

  const files: string[] = [...outputs];
  for (const { from, to } of NLDS_CSS) {
    copyFileSync(require.resolve(from), join(outDir, to));
    files.push(to);
  }
  const nldsVersion = `${packageVersion('@utrecht/design-tokens')}-${packageVersion('@utrecht/component-library-css')}`;

  const html = readFileSync(join(webDir, 'index.html'), 'utf8')
    .replaceAll('{{APP_JS}}', appJs)
    .replaceAll('{{APP_CSS}}', css)
    .replaceAll('{{NLDS_VERSION}}', nldsVersion);
  writeFileSync(join(outDir, 'index.html'), html);
  writeFileSync(join(outDir, 'referentie.json'), JSON.stringify(referenceData()));
  // The local runtime signs in through /local/token; the CDK stack overwrites this file with the
  // Cognito settings (see docs/readme-parts/dashboard.md).
  writeFileSync(join(outDir, 'config.json'), `${JSON.stringify({ mode: 'local' }, null, 2)}\n`);
  copyFileSync(join(webDir, 'favicon.svg'), join(outDir, 'favicon.svg'));
  files.push('index.html', 'referentie.json', 'config.json', 'favicon.svg');
  return { outDir, files };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const started = Date.now();
  const { outDir, files } = await buildWeb({ minify: !process.argv.includes('--no-minify') });
  console.log(`web: ${files.length} files in ${outDir} (${Date.now() - started} ms)`);
}
