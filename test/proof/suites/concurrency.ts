import { isProblemJson, type Reply } from '../support/client.ts';
import { Ledger } from '../support/ledger.ts';
import { checkNothingLost } from '../support/nothing-lost.ts';
import { type SuiteReport, suiteReport, tally } from '../support/report.ts';
import type { ProofSystem } from '../support/system.ts';
import {
  Markers,
  meldcodeBody,
  nextKvk,
  registerOrganisations,
  registrationBody,
  supervisionBody,
} from '../support/workload.ts';

export interface ConcurrencyOptions {
  /** Rounds of `concurrency` commands at once on one organisation. */
  readonly rounds: number;
  readonly concurrency?: number;
  /** Rounds where every request carries the same `If-Match`: exactly one may win. */
  readonly ifMatchRounds?: number;
  /** Races of `concurrency` registrations of the same KvK-nummer: exactly one may win. */
  readonly registrationRaces?: number;
  /** Requests at once in the If-Match rounds and registration races (default `concurrency`). */
  readonly raceConcurrency?: number;
}

/**
 * Concurrency: many commands at once on one organisation (optimistic concurrency, bounded retries,
 * then 409), the same If-Match from many clients (one 2xx, the rest 412) and the same KvK-nummer
 * registered by many clients at once (one 201, the rest 409). Afterwards: versions without gaps,
 * every 2xx has exactly its event, every 409/412 none, the hash chains verify, views = rebuild.
 * A 503 problem+json (DynamoDB too slow to answer within its timeout: an overloaded machine) is an
 * honest answer too; such a command may or may not have its event, which "nothing lost" checks.
 */
export async function runConcurrency(system: ProofSystem, options: ConcurrencyOptions): Promise<SuiteReport> {
  const started = performance.now();
  const concurrency = options.concurrency ?? 100;
  const raceConcurrency = options.raceConcurrency ?? concurrency;
  const ledger = new Ledger(() => system.url);
  const markers = new Markers();
  const failures: string[] = [];
  const [organisation] = await registerOrganisations(system, ledger, markers, 1, {
    gemeenten: ['GM0363'],
    sector: 'wmo',
  });
  if (!organisation) throw new Error('no organisation registered');
  const token = await system.token({ gemeente: 'GM0363', rol: 'supervisor', sub: 'proof-concurrency' });
  const base = `/v1/organisaties/${organisation.id}`;
  let version = 1;

  const unexpected = (label: string, replies: readonly Reply[], allowed: readonly number[]): void => {
    for (const reply of replies) {
      if (!allowed.includes(reply.status)) {
        failures.push(`${label}: unexpected ${reply.status || reply.failure} ${reply.text.slice(0, 200)}`);
      } else if (reply.status >= 400 && !isProblemJson(reply)) {
        failures.push(`${label}: ${reply.status} without problem+json (${reply.contentType})`);
      }
    }
  };

  const rounds: { accepted: number; conflicts: number }[] = [];
  for (let round = 0; round < options.rounds; round++) {
    const replies = await Promise.all(
      Array.from({ length: concurrency }, (_, index) => {
        const marker = markers.marker();
        return index % 2 === 0
          ? ledger.send('POST', `${base}/meldcodes`, {
              token,
              body: meldcodeBody(marker, 'wmo'),
              route: 'meldcode',
              marker,
            })
          : ledger.send('POST', `${base}/toezichtonderzoeken`, {
              token,
              body: supervisionBody(marker, 'GM0363'),
              route: 'toezichtonderzoek',
              marker,
            });
      }),
    );
    unexpected(`round ${round + 1}`, replies, [201, 409, 503]);
    for (const reply of replies)
      if (typeof reply.json?.versie === 'number') version = Math.max(version, reply.json.versie);
    rounds.push({
      accepted: replies.filter((r) => r.status === 201).length,
      conflicts: replies.filter((r) => r.status === 409).length,
    });
  }

  const ifMatch: { accepted: number; preconditionFailed: number }[] = [];
  for (let round = 0; round < (options.ifMatchRounds ?? 1); round++) {
    const replies = await Promise.all(
      Array.from({ length: raceConcurrency }, () => {
        const marker = markers.marker();
        return ledger.send('POST', `${base}/meldcodes`, {
          token,
          body: meldcodeBody(marker, 'wmo'),
          headers: { 'if-match': `"${version}"` },
          route: 'meldcode (If-Match)',
          marker,
        });
      }),
    );
    unexpected(`If-Match round ${round + 1}`, replies, [201, 412, 503]);
    const accepted = replies.filter((r) => r.status === 201);
    if (accepted.length > 1 || (accepted.length === 0 && !replies.some((r) => r.status === 503))) {
      failures.push(`If-Match round ${round + 1}: ${accepted.length} answers 201, expected exactly 1`);
    }
    for (const reply of replies)
      if (typeof reply.json?.versie === 'number') version = Math.max(version, reply.json.versie);
    ifMatch.push({ accepted: accepted.length, preconditionFailed: replies.filter((r) => r.status === 412).length });
  }

  const registrationRaces: { accepted: number; conflicts: number }[] = [];
  for (let race = 0; race < (options.registrationRaces ?? 1); race++) {
    const kvk = nextKvk();
    const replies = await Promise.all(
      Array.from({ length: raceConcurrency }, () => {
        const marker = markers.marker();
        return ledger.send('POST', '/v1/organisaties', {
          token,
          body: { ...registrationBody(marker, 'GM0363', 'wmo'), kvkNummer: kvk },
          route: 'registreren (zelfde KvK)',
          marker,
        });
      }),
    );
    unexpected(`registration race ${race + 1}`, replies, [201, 409, 503]);
    const accepted = replies.filter((r) => r.status === 201).length;
    if (accepted > 1 || (accepted === 0 && !replies.some((r) => r.status === 503))) {
      failures.push(`registration race ${race + 1}: ${accepted} answers 201, expected exactly 1`);
    }
    registrationRaces.push({ accepted, conflicts: replies.filter((r) => r.status === 409).length });
  }

  const nothingLost = await checkNothingLost(system, ledger.records);
  const statuses = tally(ledger.records.map((r) => r.reply.status || r.reply.failure || 'none'));
  return suiteReport(
    'concurrency',
    started,
    {
      commands: ledger.records.length,
      statuses,
      roundsOf: `${options.rounds} x ${concurrency} commands on one organisation; races of ${raceConcurrency}`,
      acceptedPerRound: rounds.map((r) => r.accepted),
      finalVersion: version,
      ifMatch,
      registrationRaces,
    },
    nothingLost,
    failures,
  );
}
