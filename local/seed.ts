import './environment.ts';
import { parseArgs } from 'node:util';
import { isSupervisedByGemeente } from '#domain/sectors.ts';
import { findGemeente, gemeentenList } from '#events/gemeenten.ts';
import { PROMOTION_MEASURE_KINDS } from '#events/values.ts';
import { localIssuer, type TokenClaims } from './issuer.ts';
import { chance, int, meldcodeElements, organisationName, pick, pickSector, prng, regions } from './seed-data.ts';

export interface SeedOptions {
  /** The runtime's base URL. */
  readonly url: string;
  /** Mints a token for a gemeente and role (the local issuer's). */
  readonly token: (claims: TokenClaims) => Promise<string>;
  readonly organisations?: number;
  readonly seed?: number;
  readonly concurrency?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface SeedResult {
  readonly organisations: number;
  readonly commands: number;
  readonly organisationIds: readonly string[];
}

const isoDaysAgo = (days: number): string => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

/**
 * Loads realistic demo data over the HTTP API: organisations spread over real gemeenten (most
 * local, regional providers active in up to 15 gemeenten of one veiligheidsregio), meldcodes of
 * several vintages (some before 2019, without afwegingskader, some revised since), supervisions with
 * verdicts and follow-up deadlines, and agreements for multi-gemeente organisations. Deterministic
 * for a given seed; every request must succeed.
 */
export async function seed(options: SeedOptions): Promise<SeedResult> {
  const random = prng(options.seed ?? 2025);
  const total = options.organisations ?? 300;
  const tokens = new Map<string, string>();
  const tokenFor = async (gemeente: string): Promise<string> => {
    let token = tokens.get(gemeente);
    if (!token) {
      token = await options.token({ gemeente, rol: 'supervisor', sub: `seed-${gemeente}` });
      tokens.set(gemeente, token);
    }
    return token;
  };
  let commands = 0;
  const call = async (
    key: string,
    gemeente: string,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<Record<string, unknown>> => {
    const response = await fetch(`${options.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await tokenFor(gemeente)}`,
        'content-type': 'application/json',
        // A rerun with the same seed (within a day) gets the first answers back and adds nothing.
        'idempotency-key': `seed-${options.seed ?? 2025}-${total}-${key}`,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    commands++;
    const text = await response.text();
    if (response.status >= 300) throw new Error(`${method} ${path} -> ${response.status}: ${text}`);
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  };

  // Plan every organisation first (the PRNG stays deterministic whatever the concurrency).
  const allRegions = [...regions().values()].filter((list) => list.length >= 3);
  const gemeenten = gemeentenList();
  const plans = Array.from({ length: total }, (_, index) => {
    const sector = pickSector(random);
    const regional = isSupervisedByGemeente(sector) && sector !== 'gemeentelijke-dienst' && chance(random, 0.15);
    let active: string[];
    if (regional) {
      const region = pick(random, allRegions);
      const count = Math.min(region.length, int(random, 2, 15));
      active = [...region]
        .sort(() => random() - 0.5)
        .slice(0, count)
        .map((g) => g.code);
    } else {
      active = [pick(random, gemeenten).code];
    }
    const home = active[0] ?? 'GM0363';
    const existsSince = `${int(random, 1995, 2016)}-0${int(random, 1, 9)}-1${int(random, 0, 9)}`;
    const vintage = int(random, 2014, 2025);
    const adoptedOn = `${vintage}-0${int(random, 1, 9)}-0${int(random, 1, 9)}`;
    const revised =
      vintage < 2019 && chance(random, 0.5)
        ? `${int(random, 2019, 2025)}-0${int(random, 1, 9)}-1${int(random, 0, 9)}`
        : undefined;
    return {
      index,
      sector,
      active,
      home,
      name: organisationName(random, sector, findGemeente(home)?.name ?? ''),
      kvk: String(10_000_000 + ((index * 7919 + (options.seed ?? 2025) * 104_729) % 89_999_999)).padStart(8, '0'),
      branch: chance(random, 0.4) ? String(int(random, 1, 999_999_999)).padStart(12, '0') : undefined,
      lrk:
        sector.includes('kinderopvang') || sector === 'gastouderopvang'
          ? String(int(random, 100_000_000, 999_999_999))
          : undefined,
      existsSince,
      hasMeldcode: chance(random, 0.85),
      meldcodes: [adoptedOn, ...(revised ? [revised] : [])].map((date) => ({
        date: date > isoDaysAgo(1) ? isoDaysAgo(30) : date,
        elements: meldcodeElements(random, sector, date),
        officer: chance(random, 0.7),
        measures: Array.from({ length: int(random, 0, 3) }, () => ({
          soort: pick(random, PROMOTION_MEASURE_KINDS),
          datum: isoDaysAgo(int(random, 20, 700)),
          ...(chance(random, 0.7) ? { bereikPercentage: int(random, 20, 100) } : {}),
        })),
      })),
      supervised: isSupervisedByGemeente(sector) && chance(random, 0.45),
      verdict: pick(random, ['voldoet', 'voldoet', 'voldoet-deels', 'voldoet-niet'] as const),
      supervisedDaysAgo: int(random, 10, 600),
      agreement: regional && active.length >= 2 && chance(random, 0.7),
      agreementExpired: chance(random, 0.15),
    };
  });

  const organisationIds: string[] = [];
  let done = 0;
  const run = async (plan: (typeof plans)[number]): Promise<void> => {
    const created = await call(`${plan.index}-org`, plan.home, 'POST', '/v1/organisaties', {
      naam: plan.name,
      kvkNummer: plan.kvk,
      ...(plan.branch ? { vestigingsnummer: plan.branch } : {}),
      ...(plan.lrk ? { lrkNummer: plan.lrk } : {}),
      sector: plan.sector,
      gemeenten: plan.active,
      bestaatSinds: plan.existsSince,
    });
    const id = String(created.id);
    organisationIds.push(id);
    const base = `/v1/organisaties/${id}`;
    if (plan.hasMeldcode) {
      for (const [n, meldcode] of plan.meldcodes.entries()) {
        const adoptedOn = [meldcode.date, plan.existsSince].sort()[1] ?? meldcode.date;
        await call(`${plan.index}-meldcode-${n}`, plan.home, 'POST', `${base}/meldcodes`, {
          versie: `${adoptedOn.slice(0, 4)}-${n + 1}`,
          vastgesteldOp: adoptedOn,
          elementen: meldcode.elements,
          aandachtsfunctionaris: meldcode.officer,
          maatregelen: meldcode.measures,
        });
      }
    }
    const lead = plan.active[0] ?? plan.home;
    if (plan.agreement) {
      await call(`${plan.index}-afspraak`, lead, 'POST', `${base}/afspraken`, {
        gemeenten: plan.active,
        penvoerder: lead,
        vragen: ['Q1', 'Q2', 'Q3'],
        bevindingenDelen: true,
        geldigVanaf: plan.agreementExpired ? '2020-01-01' : isoDaysAgo(800),
        geldigTot: plan.agreementExpired ? '2023-12-31' : isoDaysAgo(-700),
      });
    }
    if (plan.supervised) {
      const performedOn = isoDaysAgo(plan.supervisedDaysAgo);
      const q2 = plan.verdict === 'voldoet' ? 'ja' : 'nee';
      await call(`${plan.index}-toezicht`, lead, 'POST', `${base}/toezichtonderzoeken`, {
        gemeente: lead,
        ...(plan.active.length > 1 ? { toezichthouder: `GGD ${findGemeente(lead)?.safetyRegionName ?? 'regio'}` } : {}),
        uitgevoerdOp: [performedOn, plan.existsSince].sort()[1] ?? performedOn,
        oordeel: plan.verdict,
        bevindingen: {
          meldcodeBeschikbaar: { antwoord: plan.hasMeldcode ? 'ja' : 'nee' },
          voldoetAanMinimumeisen: {
            antwoord: q2,
            ...(q2 === 'nee' ? { toelichting: 'Het afwegingskader ontbreekt of is onvolledig' } : {}),
          },
          bevorderingKennisEnGebruik: { antwoord: plan.verdict === 'voldoet-niet' ? 'onvoldoende' : 'voldoende' },
        },
        ...(plan.verdict === 'voldoet' ? {} : { herstelTermijn: isoDaysAgo(plan.supervisedDaysAgo - 90) }),
      });
    }
    done++;
    options.onProgress?.(done, total);
  };

  const concurrency = options.concurrency ?? 6;
  const queue = [...plans];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let plan = queue.shift(); plan; plan = queue.shift()) await run(plan);
    }),
  );
  return { organisations: organisationIds.length, commands, organisationIds };
}

/** `npm run seed [-- --aantal 300 --url http://127.0.0.1:3000 --seed 2025]` against a running `npm start`. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      url: { type: 'string', default: `http://127.0.0.1:${process.env.PORT ?? 3000}` },
      aantal: { type: 'string', default: '300' },
      seed: { type: 'string', default: '2025' },
      data: { type: 'string', default: '.data' },
    },
  });
  const issuer = await localIssuer(values.data);
  const started = Date.now();
  const result = await seed({
    url: values.url,
    token: (claims) => issuer.mint(claims),
    organisations: Number(values.aantal),
    seed: Number(values.seed),
    onProgress: (done, total) => {
      if (done % 25 === 0 || done === total) process.stderr.write(`\r${done}/${total} organisaties`);
    },
  });
  process.stderr.write(
    `\n${result.organisations} organisaties, ${result.commands} opdrachten in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  });
}
