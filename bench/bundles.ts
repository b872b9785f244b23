import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BuildOptions, build, type Metafile } from 'esbuild';
import {
  BUNDLE_FILE,
  bundleOptions,
  entryPath,
  functionEnvironment,
  missingEntries,
  projectRoot,
} from '#infra/function-runtime.ts';
import { allTables } from '#infra/tables.ts';
import { type FunctionSpec, functions } from '#infra/wiring.ts';
import { round, writeResult } from './results.ts';

/**
 * `npm run bench -- bundles [--runs=N]`: every manifest function bundled exactly as the stack
 * bundles it (the options of `infra/function-runtime.ts`: ESM, minified, node22, the AWS SDK
 * inside), next to a baseline bundle of a bare handler that only creates a DynamoDB client. For
 * each: the bundle's size, and its cold module-load time (the `import()` of the bundle in a fresh
 * Node process, median of N processes, taken in turns with the baseline's), each as a ratio to the
 * baseline. Goal: at most 1.5x both.
 */

const LIMIT = 1.5;
const BASELINE_ENTRY = join(projectRoot, 'bench', 'bundles-fixtures', 'baseline-handler.ts');
/** Not a function of the stack: the libraries a command handler must use, and nothing else (its floor). */
const FLOOR_ENTRY = join(projectRoot, 'bench', 'bundles-fixtures', 'required-libraries-handler.ts');
const OUT_DIR = join(projectRoot, 'bench', '.cache', 'bundles');

/**
 * Measures inside the child: only the bundle's load and top-level evaluation, not Node's start-up.
 * Prints wall-clock and CPU milliseconds (CPU time is what a busy machine disturbs least).
 */
const LOAD_PROBE =
  'const c = process.cpuUsage(); const t = performance.now(); await import(process.argv[1]); const w = performance.now() - t; const u = process.cpuUsage(c); process.stdout.write(w + " " + (u.user + u.system) / 1000);';

interface Bundle {
  readonly name: string;
  readonly file: string;
  readonly bytes: number;
  /** Bytes in the output per npm package (or `(project)` for the repository's own code). */
  readonly packages: ReadonlyMap<string, number>;
}

interface LoadTimes {
  /** Wall-clock milliseconds of the bundle's cold load (median). */
  readonly loadMs: number;
  /** The baseline's, measured in turns with this bundle's. */
  readonly baselineMs: number;
  /** CPU milliseconds of the same loads (medians). */
  readonly cpuMs: number;
  readonly baselineCpuMs: number;
}

interface Measured extends Bundle, LoadTimes {}

function esbuildOptions(entry: string, outfile: string): BuildOptions {
  return {
    entryPoints: [entry],
    outfile,
    absWorkingDir: projectRoot,
    bundle: bundleOptions.bundle,
    platform: bundleOptions.platform,
    format: bundleOptions.format,
    target: bundleOptions.target,
    minify: bundleOptions.minify,
    sourcemap: bundleOptions.sourcemap,
    mainFields: [...bundleOptions.mainFields],
    banner: { js: bundleOptions.banner },
    external: [...bundleOptions.external],
    alias: { ...bundleOptions.alias },
    metafile: true,
    logLevel: 'error',
  };
}

function packageOf(input: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  return match?.[1] ?? '(project)';
}

function bytesPerPackage(metafile: Metafile): Map<string, number> {
  const perPackage = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const name = packageOf(input);
      perPackage.set(name, (perPackage.get(name) ?? 0) + bytesInOutput);
    }
  }
  return perPackage;
}

async function bundle(name: string, entry: string): Promise<Bundle> {
  const file = join(OUT_DIR, name, BUNDLE_FILE);
  const result = await build({ ...esbuildOptions(entry, file), logLevel: 'silent' });
  return {
    name,
    file,
    bytes: statSync(file).size,
    packages: bytesPerPackage(result.metafile ?? { inputs: {}, outputs: {} }),
  };
}

/** Roughly what Lambda sets, plus what the stack gives this function (names are placeholders). */
function lambdaEnvironment(name: string, spec?: FunctionSpec): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    AWS_REGION: 'eu-west-1',
    AWS_DEFAULT_REGION: 'eu-west-1',
    AWS_LAMBDA_FUNCTION_NAME: name,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(spec?.memoryMb ?? 512),
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    NODE_NO_WARNINGS: '1',
    ...(spec
      ? functionEnvironment(
          spec,
          allTables,
          {
            tableName: (id) => `bench-${id.toLowerCase()}`,
            busName: 'bench-bus',
            queueUrl: (queue) => `https://sqs.eu-west-1.amazonaws.com/000000000000/bench-${queue}`,
            corsOrigins: 'https://dashboard.example.org',
          },
          'INFO',
        )
      : {}),
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function loadOnce(file: string, env: NodeJS.ProcessEnv): [wall: number, cpu: number] {
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', LOAD_PROBE, pathToFileURL(file).href], {
    env,
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (child.status !== 0)
    throw new Error(`loading ${file} failed (exit ${child.status}):\n${child.stderr.slice(0, 2000)}`);
  const [wall, cpu] = child.stdout.split(' ').map(Number);
  return [wall ?? Number.NaN, cpu ?? Number.NaN];
}

/**
 * Cold load times of a bundle and of the baseline, alternating process by process so both see the
 * same machine load (a shared machine's noise would otherwise dominate the ratio); medians of
 * `runs` each, after one discarded pair that warms the file cache.
 */
function pairedLoadTimes(
  file: string,
  env: NodeJS.ProcessEnv,
  baseline: { file: string; env: NodeJS.ProcessEnv },
  runs: number,
): LoadTimes {
  const own: [number, number][] = [];
  const base: [number, number][] = [];
  for (let run = 0; run <= runs; run++) {
    const a = loadOnce(file, env);
    const b = loadOnce(baseline.file, baseline.env);
    if (run > 0) {
      own.push(a);
      base.push(b);
    }
  }
  return {
    loadMs: median(own.map(([wall]) => wall)),
    baselineMs: median(base.map(([wall]) => wall)),
    cpuMs: median(own.map(([, cpu]) => cpu)),
    baselineCpuMs: median(base.map(([, cpu]) => cpu)),
  };
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;

export async function run(args: string[]): Promise<void> {
  const runs = Number(args.find((arg) => arg.startsWith('--runs='))?.slice('--runs='.length) ?? 9);
  rmSync(OUT_DIR, { recursive: true, force: true });
  mkdirSync(OUT_DIR, { recursive: true });

  const missing = missingEntries(functions);
  const present = functions.filter((spec) => !missing.includes(spec));
  console.log(
    `bundles: ${present.length} of ${functions.length} manifest functions, ${runs} cold loads each (node ${process.version})`,
  );
  if (missing.length > 0) console.log(`not there yet: ${missing.map((spec) => spec.name).join(', ')}`);

  const baselineBundle = await bundle('baseline', BASELINE_ENTRY);
  const baselineLoad = { file: baselineBundle.file, env: lambdaEnvironment('baseline') };
  const baselineSelf = pairedLoadTimes(baselineLoad.file, baselineLoad.env, baselineLoad, runs);
  const baseline: Measured = { ...baselineBundle, ...baselineSelf };

  const floorBundle = await bundle('required-libraries', FLOOR_ENTRY);
  const floor: Measured = {
    ...floorBundle,
    ...pairedLoadTimes(floorBundle.file, lambdaEnvironment('required-libraries'), baselineLoad, runs),
  };

  const measured: Measured[] = [];
  const failed: { name: string; reason: string }[] = [];
  for (const spec of present) {
    try {
      const fnBundle = await bundle(spec.name, entryPath(spec));
      measured.push({
        ...fnBundle,
        ...pairedLoadTimes(fnBundle.file, lambdaEnvironment(spec.name, spec), baselineLoad, runs),
      });
    } catch (error) {
      const reason = (error instanceof Error ? error.message : String(error)).split('\n').slice(0, 2).join(' ');
      failed.push({ name: spec.name, reason });
    }
  }

  const metrics: Record<string, number> = {
    'baseline.bytes': baseline.bytes,
    'baseline.loadMs': round(baseline.loadMs),
    functions: functions.length,
    measured: measured.length,
    missing: missing.length,
    failed: failed.length,
  };
  let worstSize = 1;
  let worstLoad = 1;
  const over: Measured[] = [];

  const header = `${'function'.padEnd(28)} ${'size'.padStart(11)} ${'x base'.padStart(7)} ${'load ms'.padStart(8)} ${'base ms'.padStart(8)} ${'x base'.padStart(7)} ${'cpu x'.padStart(6)}`;
  console.log(`\n${header}\n${'-'.repeat(header.length)}`);
  const line = (m: Measured, sizeRatio: number, loadRatio: number, verdict: string) =>
    console.log(
      `${m.name.padEnd(28)} ${kb(m.bytes).padStart(11)} ${sizeRatio.toFixed(2).padStart(7)} ${m.loadMs.toFixed(1).padStart(8)} ${m.baselineMs.toFixed(1).padStart(8)} ${loadRatio.toFixed(2).padStart(7)} ${(m.cpuMs / m.baselineCpuMs).toFixed(2).padStart(6)}  ${verdict}`,
    );
  line(baseline, 1, 1, '(baseline)');
  const floorSize = floor.bytes / baseline.bytes;
  const floorLoad = floor.loadMs / floor.baselineMs;
  line(floor, floorSize, floorLoad, '(floor: required libraries only)');
  metrics['floor.bytes'] = floor.bytes;
  metrics['floor.sizeRatio'] = round(floorSize, 2);
  metrics['floor.loadRatio'] = round(floorLoad, 2);
  for (const m of measured) {
    const sizeRatio = m.bytes / baseline.bytes;
    const loadRatio = m.loadMs / m.baselineMs;
    worstSize = Math.max(worstSize, sizeRatio);
    worstLoad = Math.max(worstLoad, loadRatio);
    const ok = sizeRatio <= LIMIT && loadRatio <= LIMIT;
    if (!ok) over.push(m);
    line(m, sizeRatio, loadRatio, ok ? 'ok' : `over ${LIMIT}x`);
    metrics[`${m.name}.bytes`] = m.bytes;
    metrics[`${m.name}.loadMs`] = round(m.loadMs);
    metrics[`${m.name}.baselineLoadMs`] = round(m.baselineMs);
    metrics[`${m.name}.cpuRatio`] = round(m.cpuMs / m.baselineCpuMs, 2);
    metrics[`${m.name}.sizeRatio`] = round(sizeRatio, 2);
    metrics[`${m.name}.loadRatio`] = round(loadRatio, 2);
  }
  metrics['worst.sizeRatio'] = round(worstSize, 2);
  metrics['worst.loadRatio'] = round(worstLoad, 2);
  metrics.overBudget = over.length;

  if (over.length > 0) {
    console.log(`\n${over.length} bundle(s) over ${LIMIT}x the baseline. What they carry beyond it (KiB):`);
    for (const m of over) {
      const extra = [...m.packages]
        .map(([name, bytes]) => [name, bytes - (baseline.packages.get(name) ?? 0)] as const)
        .filter(([, bytes]) => bytes > 4096)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 6)
        .map(([name, bytes]) => `${name} ${(bytes / 1024).toFixed(0)}`);
      console.log(`  ${m.name}: ${extra.join(', ')}`);
    }
  }
  if (failed.length > 0) {
    console.log(`\n${failed.length} function(s) did not bundle or load (the stack's synth fails on them too):`);
    for (const { name, reason } of failed) console.log(`  ${name}: ${reason}`);
  }
  console.log(
    `\nworst: size ${worstSize.toFixed(2)}x, load ${worstLoad.toFixed(2)}x the baseline (goal: at most ${LIMIT}x)`,
  );
  console.log(
    `floor: middy, zod/mini, Powertools logger, metrics, tracer and idempotency and the document client alone weigh ${floorSize.toFixed(2)}x the baseline (${kb(floor.bytes)}) and load in ${floorLoad.toFixed(2)}x its time`,
  );
  // Against the floor instead of the bare client: what the project's own code and choices add.
  const overFloor = measured.map((m) => ({ size: m.bytes / floor.bytes, load: m.loadMs / m.baselineMs / floorLoad }));
  const worstOverFloor = {
    size: Math.max(...overFloor.map((r) => r.size)),
    load: Math.max(...overFloor.map((r) => r.load)),
  };
  metrics['worstOverFloor.sizeRatio'] = round(worstOverFloor.size, 2);
  metrics['worstOverFloor.loadRatio'] = round(worstOverFloor.load, 2);
  console.log(
    `worst against the floor: size ${worstOverFloor.size.toFixed(2)}x, load ${worstOverFloor.load.toFixed(2)}x (what this project adds on top of the required libraries)`,
  );
  writeResult('bundles', metrics, round(Math.max(worstSize, worstLoad), 2));
}
