import './environment.ts';
import { createWriteStream } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { isIsoDate } from '#domain/dates.ts';
import { gemeentecodeSchema } from '#events/gemeenten.ts';
import { decodeCursor } from '#functions/audit/event-table.ts';
import { auditExportFile } from '#functions/audit/export-file.ts';
import { reconstructionToNl, verificationToNl } from '#functions/audit/reconstruction.ts';
import { localIssuer } from './issuer.ts';
import { progressBar } from './progress-bar.ts';

const USAGE = `gebruik:
  npm run audit -- export --out BESTAND [--vanaf JJJJ-MM-DD] [--tot JJJJ-MM-DD] [--url http://127.0.0.1:3000]
  npm run audit -- verify BESTAND [--json] [--threads N]
  npm run audit -- replay BESTAND --peildatum JJJJ-MM-DD [--gemeente GMxxxx] [--out BESTAND] [--threads N]

export  leest de gebeurtenissenlog via de API van de draaiende omgeving (npm start), als auditor,
        pagina voor pagina, naar een NDJSON-bestand: één opgeslagen gebeurtenis per regel, met hashes.
verify  controleert de hashketen van elke stroom in een export; zonder systeem en zonder DynamoDB.
replay  speelt de export af tot en met de peildatum door dezelfde projectiefuncties als de
        projectors en geeft de views van die dag (JSON); controleert onderweg ook de ketens.
`;

const fail = (message: string, code = 2): never => {
  process.stderr.write(`${message}\n`);
  process.exit(code);
};

const [command, ...rest] = process.argv.slice(2);
const { values, positionals } = parseArgs({
  args: rest,
  allowPositionals: true,
  options: {
    out: { type: 'string' },
    vanaf: { type: 'string', default: '2020-01-01' },
    tot: { type: 'string' },
    url: { type: 'string', default: `http://127.0.0.1:${process.env.PORT ?? 3000}` },
    data: { type: 'string', default: '.data' },
    json: { type: 'boolean', default: false },
    peildatum: { type: 'string' },
    gemeente: { type: 'string' },
    threads: { type: 'string' },
  },
});

const days = (from: string, to: string): number => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
const tomorrow = (): string => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

async function exportLog(): Promise<void> {
  const out = values.out ?? fail('export: --out BESTAND is nodig');
  const until = values.tot ?? tomorrow();
  if (!isIsoDate(values.vanaf) || !isIsoDate(until) || until <= values.vanaf)
    fail('export: --vanaf en --tot zijn datums JJJJ-MM-DD, tot na vanaf');
  const token = await (await localIssuer(values.data)).mint({ rol: 'auditor', sub: 'audit-cli' });
  const file = createWriteStream(out);
  const bar = progressBar('export', 'dagen');
  const total = days(values.vanaf, until);
  bar.start(total, 0, { extra: '' });
  let next: string | undefined = `/v1/audit/gebeurtenissen?${new URLSearchParams({ vanaf: values.vanaf, tot: until })}`;
  let events = 0;
  try {
    while (next) {
      const response: Response = await fetch(`${values.url}${next}`, { headers: { authorization: `Bearer ${token}` } });
      if (!response.ok) throw new Error(`${response.status} ${await response.text()}`);
      const body = await response.text();
      if (body.length > 0 && !file.write(body))
        await new Promise<void>((resolve) => file.once('drain', () => resolve()));
      events += Number(response.headers.get('x-aantal-gebeurtenissen') ?? 0);
      next = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('link') ?? '')?.[1];
      const cursor = next ? new URL(next, values.url).searchParams.get('cursor') : null;
      bar.update(cursor ? days(values.vanaf, decodeCursor(cursor).day) : total, {
        extra: ` | ${events} gebeurtenissen`,
      });
    }
  } catch (error) {
    bar.stop();
    fail(`export mislukt: ${(error as Error).message}. Draait npm start op ${values.url}?`, 1);
  }
  bar.stop();
  await new Promise<void>((resolve, reject) => file.end((error?: Error | null) => (error ? reject(error) : resolve())));
  process.stdout.write(`${events} gebeurtenissen (vastgelegd ${values.vanaf} tot ${until}) geschreven naar ${out}\n`);
}

/**
 * Threads that parse, hash and replay (this one only reads and shares out): one per core, at most
 * four; `--threads 0` does everything on one thread.
 */
function threadsOption(name: string): number {
  const threads =
    values.threads === undefined ? Math.max(1, Math.min(4, availableParallelism())) : Number(values.threads);
  if (!Number.isInteger(threads) || threads < 0) fail(`${name}: --threads is 0 of meer`);
  return threads;
}

function fileArgument(name: string): string {
  return positionals[0] ?? fail(`${name}: geef het exportbestand op\n\n${USAGE}`);
}

function fileBar(label: string) {
  const bar = progressBar(label, 'MB');
  let started = false;
  return {
    onProgress: (p: { bytesRead: number; totalBytes: number; events: number }) => {
      if (!started) {
        bar.start(Math.ceil(p.totalBytes / 1_048_576), 0, { extra: '' });
        started = true;
      }
      bar.update(Math.floor(p.bytesRead / 1_048_576), { extra: ` | ${p.events.toLocaleString('nl')} gebeurtenissen` });
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}

function printBrokenLinks(
  links: ReturnType<typeof verificationToNl>['gebrokenSchakels'],
  stream: NodeJS.WritableStream = process.stdout,
): void {
  for (const link of links) {
    stream.write(`  ${link.stroom} versie ${link.versie}: ${link.reden}: ${link.toelichting}\n    ${link.details}\n`);
  }
}

async function verify(): Promise<void> {
  const path = fileArgument('verify');
  const bar = fileBar('verify');
  const result = await auditExportFile(path, { workers: threadsOption('verify'), onProgress: bar.onProgress }).finally(
    bar.stop,
  );
  const report = verificationToNl(result.verification);
  if (values.json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    process.stdout.write(
      `${report.gebeurtenissenGecontroleerd} gebeurtenissen in ${report.stromenGecontroleerd} stromen gecontroleerd: ${
        report.intact ? 'alle ketens zijn intact' : `${report.gebrokenSchakels.length} gebroken schakel(s)`
      }\n`,
    );
    printBrokenLinks(report.gebrokenSchakels);
  }
  if (!report.intact) process.exit(1);
}

async function replay(): Promise<void> {
  const path = fileArgument('replay');
  const peildatum = values.peildatum ?? fail('replay: --peildatum JJJJ-MM-DD is nodig');
  if (!isIsoDate(peildatum)) fail('replay: --peildatum is een datum JJJJ-MM-DD');
  if (values.gemeente !== undefined && !gemeentecodeSchema.safeParse(values.gemeente).success) {
    fail(`replay: --gemeente ${values.gemeente} is geen gemeentecode (bijvoorbeeld GM0363)`);
  }
  const threads = threadsOption('replay');
  const scope = { peildatum, ...(values.gemeente ? { gemeente: values.gemeente } : {}) };
  const bar = fileBar('replay');
  const result = await auditExportFile(path, { replay: scope, workers: threads, onProgress: bar.onProgress }).finally(
    bar.stop,
  );
  if (!result.views) fail('replay gaf geen views', 1);
  const document = reconstructionToNl(scope, result.views!, result);
  const text = `${JSON.stringify(document, null, 2)}\n`;
  if (values.out) {
    const out = createWriteStream(values.out);
    await new Promise<void>((resolve, reject) =>
      out.end(text, (error?: Error | null) => (error ? reject(error) : resolve())),
    );
    process.stdout.write(
      `peildatum ${peildatum}${values.gemeente ? `, ${values.gemeente}` : ''}: ${document.grondslag.gebeurtenissen} gebeurtenissen afgespeeld, ${document.grondslag.organisaties} organisaties; views in ${values.out}\n`,
    );
  } else {
    process.stdout.write(text);
  }
  if (!document.integriteit.intact) {
    process.stderr.write(
      `let op: ${document.integriteit.gebrokenSchakels.length} gebroken schakel(s); die stromen zijn afgespeeld tot de breuk\n`,
    );
    printBrokenLinks(document.integriteit.gebrokenSchakels, process.stderr);
    process.exit(1);
  }
}

switch (command) {
  case 'export':
    await exportLog();
    break;
  case 'verify':
    await verify();
    break;
  case 'replay':
    await replay();
    break;
  default:
    process.stdout.write(USAGE);
    process.exit(command === undefined || command === 'help' || command === '--help' ? 0 : 2);
}
