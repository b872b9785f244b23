/**
 * `npm run bench -- NAME [args]` runs `bench/NAME.ts`. Each benchmark measures the project and its
 * baseline side by side in one run, prints its figures and writes `bench/results/NAME.json`.
 */
import { existsSync, readdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
process.env.DDB_LOCAL_TELEMETRY ??= '0';

const name = process.argv[2];
const here = new URL('.', import.meta.url);
const available = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && !['run.ts', 'results.ts'].includes(f))
  .map((f) => f.replace(/\.ts$/, ''));

if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- <${available.join('|')}>`);
  process.exit(name ? 2 : 0);
}
const file = new URL(`${name}.ts`, here);
if (!existsSync(file)) process.exit(2);
const module = (await import(pathToFileURL(file.pathname).href)) as { run?: (args: string[]) => Promise<void> };
if (typeof module.run === 'function') await module.run(process.argv.slice(3));
