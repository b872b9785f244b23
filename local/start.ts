import './environment.ts';
import { startLocalRuntime } from './runtime.ts';

/**
 * `npm start`: the whole system on this machine (see docs/readme-parts/local-runtime.md).
 * Ctrl-C stops everything, DynamoDB Local's JVM included.
 */
const runtime = await startLocalRuntime({
  verbose: process.env.QUIET !== '1',
  ...(process.env.DATA_DIR ? { dataDir: process.env.DATA_DIR } : {}),
  ...(process.env.IN_MEMORY === '1' ? { inMemory: true } : {}),
});
process.stdout.write(
  [
    '',
    `meldcode-toezicht draait op ${runtime.url}`,
    `  API:        ${runtime.url}/v1/openapi.json`,
    `  token:      npm run token -- --gemeente GM0363 --rol supervisor`,
    `  demo-data:  npm run seed`,
    '  stoppen:    Ctrl-C',
    '',
  ].join('\n'),
);

let stopping = false;
const stop = (signal: string): void => {
  if (stopping) {
    process.exit(1);
  }
  stopping = true;
  process.stderr.write(`\n${signal}: stopping...\n`);
  runtime
    .stop()
    .then(() => process.exit(0))
    .catch(() => process.exit(1));
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
