import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { auditExportFile } from '#functions/audit/export-file.ts';
import { readLineBatches } from '#functions/audit/ndjson.ts';
import { type ExportMeta, generateExport } from '#test/audit/export-generator.ts';
import { round, writeResult } from './results.ts';

/**
 * Issue 8's replay benchmark. Generates (once, cached in `bench/.cache/`) an export of 1,000,000
 * events: 50,000 organisations over the 342 gemeenten, five years of commands decided by the
 * organisation decider, yearly campaigns by the campaign rules, valid hash chains built with
 * `hashEvent`. Then, in two fresh child processes of this same run, it times a bare loop that only
 * `JSON.parse`s every line and the audit pass (verify every chain + replay every view as of the
 * last day) over the same file with the same reader. Ratio = audit events/s / bare events/s; peak
 * memory is the audit process's own (`maxRSS`, threads included).
 */
const EVENTS = 1_000_000;
const ORGANISATIONS = 50_000;
const FROM_YEAR = 2021;
const TO_YEAR = 2025;
const SEED = 2027;
const GENERATOR_VERSION = 1;
const ROUNDS = 3;
const MB = 1024 * 1024;

const cacheDir = fileURLToPath(new URL('./.cache/', import.meta.url));
const exportPath = `${cacheDir}replay-export-v${GENERATOR_VERSION}-${EVENTS}.ndjson`;
const metaPath = `${exportPath}.meta.json`;

interface PhaseResult {
  readonly phase: string;
  readonly events: number;
  readonly seconds: number;
  readonly maxRssMb: number;
  readonly heapUsedMb: number;
  readonly extra?: Record<string, unknown>;
}

async function ensureExport(): Promise<ExportMeta> {
  if (existsSync(exportPath) && existsSync(metaPath)) return JSON.parse(readFileSync(metaPath, 'utf8')) as ExportMeta;
  console.log(`generating ${exportPath} (once; cached)`);
  mkdirSync(cacheDir, { recursive: true });
  return generateExport(exportPath, {
    events: EVENTS,
    organisations: ORGANISATIONS,
    seed: SEED,
    fromYear: FROM_YEAR,
    toYear: TO_YEAR,
    meldcodeUpdatesPerYear: 3,
  });
}

// --- the two phases, each in a fresh process -----------------------------------------------

function memory(): { maxRssMb: number; heapUsedMb: number } {
  return {
    maxRssMb: round(process.resourceUsage().maxRSS / 1024),
    heapUsedMb: round(process.memoryUsage().heapUsed / MB),
  };
}

async function barePhase(path: string): Promise<PhaseResult> {
  const started = performance.now();
  let events = 0;
  let check = 0;
  for await (const batch of readLineBatches(path)) {
    for (const line of batch.lines) {
      const value = JSON.parse(line) as { version: number };
      check += value.version;
      events++;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  return { phase: 'bare', events, seconds, ...memory(), extra: { check } };
}

async function auditPhase(path: string, peildatum: string, workers: number): Promise<PhaseResult> {
  const started = performance.now();
  const result = await auditExportFile(path, { replay: { peildatum }, workers });
  const seconds = (performance.now() - started) / 1000;
  return {
    phase: 'audit',
    events: result.verification.eventsChecked,
    seconds,
    ...memory(),
    extra: {
      streamsChecked: result.verification.streamsChecked,
      brokenLinks: result.verification.brokenLinks.length,
      eventsReplayed: result.eventsReplayed,
      workers,
      organisations: result.views?.organisations,
      coordinationEntries: result.views?.coordination.length,
      campaignTallies: result.views?.campaigns.length,
    },
  };
}

/** The audit's replay threads: this one reads, hashes and checks chains, the others replay. */
const AUDIT_WORKERS = 2;

function runPhase(phase: 'bare' | 'audit', peildatum: string): Promise<PhaseResult> {
  const script = process.argv[1];
  if (!script) throw new Error('Cannot find the bench runner to start a child process');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, script, 'replay', '--phase', phase, peildatum], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      const line = output.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !line.startsWith('{')) reject(new Error(`phase ${phase} failed (${code}): ${output}`));
      else resolve(JSON.parse(line) as PhaseResult);
    });
  });
}

export async function run(args: string[]): Promise<void> {
  const phaseIndex = args.indexOf('--phase');
  if (phaseIndex >= 0) {
    const phase = args[phaseIndex + 1];
    const peildatum = args[phaseIndex + 2] ?? '9999-12-31';
    const result =
      phase === 'bare' ? await barePhase(exportPath) : await auditPhase(exportPath, peildatum, AUDIT_WORKERS);
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }

  const meta = await ensureExport();
  const lastDay = meta.lastRecordedAt.slice(0, 10);
  console.log(
    `replay: ${meta.events.toLocaleString('en')} events, ${meta.organisations.toLocaleString('en')} organisations, ` +
      `${(meta.bytes / MB).toFixed(0)} MB, recorded ${meta.firstRecordedAt.slice(0, 10)}..${lastDay}`,
  );
  // Warm the page cache so neither side pays for the disk, then alternate bare and audit, and
  // compare the best of each (the machine may be busy with other work at any moment).
  await runPhase('bare', lastDay);
  const bare: PhaseResult[] = [];
  const audit: PhaseResult[] = [];
  for (let roundNo = 0; roundNo < ROUNDS; roundNo++) {
    bare.push(await runPhase('bare', lastDay));
    audit.push(await runPhase('audit', lastDay));
  }
  const best = (results: PhaseResult[]): PhaseResult => results.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  const bareBest = best(bare);
  const auditBest = best(audit);
  const bareRate = bareBest.events / bareBest.seconds;
  const auditRate = auditBest.events / auditBest.seconds;
  const ratio = auditRate / bareRate;
  const peakRssMb = Math.max(...audit.map((r) => r.maxRssMb));
  const rate = (value: number): string => Math.round(value).toLocaleString('en');
  console.log(
    `  bare JSON.parse loop:    ${rate(bareRate)} events/s  (${bare.map((r) => round(r.seconds, 2)).join(', ')} s)`,
  );
  console.log(
    `  verify + replay (audit): ${rate(auditRate)} events/s  (${audit.map((r) => round(r.seconds, 2)).join(', ')} s)`,
  );
  console.log(`  ratio: ${round(ratio, 3)} (target >= 0.25)`);
  console.log(`  peak memory of the audit process: ${peakRssMb} MB RSS, threads included (target < 1536 MB)`);
  console.log(`  audit: ${JSON.stringify(auditBest.extra)}`);
  writeResult(
    'replay',
    {
      events: meta.events,
      organisations: meta.organisations,
      exportMb: round(meta.bytes / MB),
      bareEventsPerSecond: Math.round(bareRate),
      auditEventsPerSecond: Math.round(auditRate),
      bareSeconds: bare.map((r) => round(r.seconds, 3)),
      auditSeconds: audit.map((r) => round(r.seconds, 3)),
      auditPeakRssMb: peakRssMb,
      auditHeapUsedMb: auditBest.heapUsedMb,
      bareMaxRssMb: bareBest.maxRssMb,
      audit: auditBest.extra,
      export: meta,
    },
    round(ratio, 3),
  );
}
