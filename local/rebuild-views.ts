import './environment.ts';
import { parseArgs } from 'node:util';

/**
 * `npm run rebuild-views`: asks the running `npm start` to invoke its rebuild-views function (the
 * same function one invokes by hand on AWS), which rebuilds every view from the event store.
 */
const { values } = parseArgs({
  options: { url: { type: 'string', default: `http://127.0.0.1:${process.env.PORT ?? 3000}` } },
});
const started = Date.now();
try {
  const response = await fetch(`${values.url}/local/invoke/rebuild-views`, { method: 'POST' });
  const body = (await response.json()) as { streams?: number; events?: number; message?: string };
  if (!response.ok) throw new Error(body.message ?? `HTTP ${response.status}`);
  process.stdout.write(
    `${body.streams} organisaties (${body.events} gebeurtenissen) opnieuw opgebouwd in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
} catch (error) {
  process.stderr.write(`Opnieuw opbouwen mislukt: ${(error as Error).message}. Draait npm start op ${values.url}?\n`);
  process.exit(1);
}
