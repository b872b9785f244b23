import { ulid } from 'ulid';
import { isSupervisedByGemeente } from '#domain/sectors.ts';
import { MELDCODE_ELEMENT_IDS, type MeldcodeElementId, type Sector } from '#events/values.ts';
import type { Reply } from './client.ts';
import type { Ledger } from './ledger.ts';
import type { ProofSystem } from './system.ts';

/**
 * Valid commands of a realistic mix, each carrying a unique marker (`pm-<run>-<n>`) in a free-text
 * field its event keeps (name, meldcode label, supervisor), so "nothing lost" can find exactly the
 * event of every command, acknowledged or not.
 */
export class Markers {
  private next = 0;
  readonly run = ulid().slice(-8).toLowerCase();
  marker(): string {
    return `pm-${this.run}-${this.next++}`;
  }
}

/** Gemeenten the workloads use (big ones, in different provinces). */
export const LOAD_GEMEENTEN = ['GM0363', 'GM0344', 'GM0599', 'GM0518', 'GM0014', 'GM0772', 'GM0153', 'GM0200'] as const;

/** Sectors gemeenten supervise, weighted roughly as in the field. */
const SUPERVISED_SECTORS: readonly Sector[] = [
  'wmo',
  'wmo',
  'wmo',
  'kinderopvang-kindercentrum',
  'kinderopvang-kindercentrum',
  'kinderopvang-gastouderbureau',
  'gastouderopvang',
  'gemeentelijke-dienst',
];

const BESLUIT: readonly MeldcodeElementId[] = MELDCODE_ELEMENT_IDS;

export const daysAgo = (days: number): string => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)] as T;
const int = (min: number, max: number): number => min + Math.floor(Math.random() * (max - min + 1));

let kvkSequence = Math.floor(Math.random() * 9_000_000);
/** A KvK-nummer not used before by this process (8 digits). */
export const nextKvk = (): string => String(10_000_000 + (kvkSequence++ % 89_999_999)).padStart(8, '0');

export interface Organisation {
  readonly id: string;
  readonly streamId: string;
  readonly home: string;
  readonly sector: Sector;
}

export function registrationBody(
  marker: string,
  home: string,
  sector: Sector = pick(SUPERVISED_SECTORS),
  others: readonly string[] = [],
) {
  return {
    naam: `Stichting Proef ${marker}`,
    kvkNummer: nextKvk(),
    sector,
    gemeenten: [home, ...others.filter((g) => g !== home)],
    bestaatSinds: '2001-05-01',
    ...(sector.includes('kinderopvang') || sector === 'gastouderopvang'
      ? { lrkNummer: String(int(100_000_000, 999_999_999)) }
      : {}),
  };
}

export function meldcodeBody(marker: string, sector: Sector) {
  const kinderopvang = sector.includes('kinderopvang') || sector === 'gastouderopvang';
  const elements = BESLUIT.filter((e) => !kinderopvang || (e !== 'verwijsindex' && e !== 'kindcheck'));
  const vintage = int(2014, 2025);
  const adopted = `${vintage}-0${int(1, 9)}-1${int(0, 9)}`;
  return {
    versie: marker,
    vastgesteldOp: adopted > daysAgo(2) ? daysAgo(40) : adopted,
    elementen: vintage < 2019 ? elements.filter((e) => e !== 'afwegingskader') : elements,
    aandachtsfunctionaris: Math.random() < 0.7,
    maatregelen: Array.from({ length: int(0, 2) }, () => ({
      soort: pick(['voorlichting', 'scholing', 'training', 'e-learning'] as const),
      datum: daysAgo(int(20, 600)),
      ...(Math.random() < 0.7 ? { bereikPercentage: int(20, 100) } : {}),
    })),
  };
}

export function supervisionBody(marker: string, gemeente: string) {
  const oordeel = pick(['voldoet', 'voldoet', 'voldoet-deels', 'voldoet-niet'] as const);
  const performed = daysAgo(int(5, 400));
  return {
    gemeente,
    toezichthouder: marker,
    uitgevoerdOp: performed,
    oordeel,
    bevindingen: {
      meldcodeBeschikbaar: { antwoord: 'ja' as const },
      voldoetAanMinimumeisen: { antwoord: oordeel === 'voldoet' ? ('ja' as const) : ('nee' as const) },
      bevorderingKennisEnGebruik: {
        antwoord: oordeel === 'voldoet-niet' ? ('onvoldoende' as const) : ('voldoende' as const),
      },
    },
    ...(oordeel === 'voldoet'
      ? {}
      : { herstelTermijn: new Date(Date.parse(performed) + 90 * 86_400_000).toISOString().slice(0, 10) }),
  };
}

/** The commands of the mix: what to send for an organisation, with its marker. */
export type MixCommand = 'registreren' | 'meldcode' | 'toezichtonderzoek';

/**
 * Sends one command of the mix through the ledger. Supervisions go to organisations of a sector
 * the gemeente supervises, by a supervisor of the organisation's home gemeente.
 */
export async function sendMixCommand(
  kind: MixCommand,
  system: Pick<ProofSystem, 'token'>,
  ledger: Ledger,
  markers: Markers,
  organisations: readonly Organisation[],
  options: { timeoutMs?: number; gemeenten?: readonly string[] } = {},
): Promise<{ reply: Reply; organisation?: Organisation; kind: MixCommand }> {
  const marker = markers.marker();
  const timeout = options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs };
  if (kind === 'registreren' || organisations.length === 0) {
    const home = pick(options.gemeenten ?? LOAD_GEMEENTEN);
    const body = registrationBody(marker, home);
    const token = await system.token({ gemeente: home, rol: 'supervisor', sub: `proof-${home}` });
    const reply = await ledger.send('POST', '/v1/organisaties', {
      token,
      body,
      route: 'registreren',
      marker,
      ...timeout,
    });
    const id = reply.json?.id;
    return {
      kind: 'registreren',
      reply,
      ...(reply.status === 201 && typeof id === 'string'
        ? { organisation: { id, streamId: `organisation#${id}`, home, sector: body.sector } }
        : {}),
    };
  }
  const candidates =
    kind === 'toezichtonderzoek' ? organisations.filter((o) => isSupervisedByGemeente(o.sector)) : organisations;
  const organisation = pick(candidates.length > 0 ? candidates : organisations);
  const token = await system.token({
    gemeente: organisation.home,
    rol: 'supervisor',
    sub: `proof-${organisation.home}`,
  });
  const base = `/v1/organisaties/${organisation.id}`;
  const reply =
    kind === 'meldcode'
      ? await ledger.send('POST', `${base}/meldcodes`, {
          token,
          body: meldcodeBody(marker, organisation.sector),
          route: 'meldcode',
          marker,
          ...timeout,
        })
      : await ledger.send('POST', `${base}/toezichtonderzoeken`, {
          token,
          body: supervisionBody(marker, organisation.home),
          route: 'toezichtonderzoek',
          marker,
          ...timeout,
        });
  return { kind, reply, organisation };
}

/** Registers `count` organisations, `concurrency` at a time; every one must be 201. */
export async function registerOrganisations(
  system: Pick<ProofSystem, 'token'>,
  ledger: Ledger,
  markers: Markers,
  count: number,
  options: { concurrency?: number; gemeenten?: readonly string[]; sector?: Sector } = {},
): Promise<Organisation[]> {
  const created: Organisation[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: options.concurrency ?? 8 }, async () => {
      while (next < count) {
        next++;
        const marker = markers.marker();
        const home = pick(options.gemeenten ?? LOAD_GEMEENTEN);
        const body = registrationBody(marker, home, options.sector ?? pick(SUPERVISED_SECTORS));
        const token = await system.token({ gemeente: home, rol: 'supervisor', sub: `proof-${home}` });
        const reply = await ledger.send('POST', '/v1/organisaties', { token, body, route: 'registreren', marker });
        if (reply.status !== 201 || typeof reply.json?.id !== 'string') {
          throw new Error(`registration failed: ${reply.status} ${reply.failure ?? ''} ${reply.text.slice(0, 300)}`);
        }
        created.push({ id: reply.json.id, streamId: `organisation#${reply.json.id}`, home, sector: body.sector });
      }
    }),
  );
  return created;
}

interface TrackedOrganisation extends Organisation {
  /** Gemeenten where it is active, as far as acknowledged answers tell. */
  active: string[];
  agreement: boolean;
}

export type RichCommand = MixCommand | 'gemeente-erbij' | 'gemeente-eraf' | 'afspraak';

/**
 * A richer mix than the load's, for the fault suites: registrations (a fifth of them regional,
 * active in two to four gemeenten), meldcodes, supervisions, gemeenten added and removed, and
 * agreements for regional organisations. Tracks what acknowledged answers said, so most commands
 * are valid; the domain's refusals (a 4xx) are fine too: they must simply write nothing.
 */
export class RichMix {
  readonly organisations: TrackedOrganisation[] = [];
  private readonly busy = new Set<string>();

  constructor(
    private readonly system: Pick<ProofSystem, 'token'>,
    private readonly ledger: Ledger,
    private readonly markers: Markers,
    private readonly gemeenten: readonly string[] = LOAD_GEMEENTEN,
  ) {}

  private token(gemeente: string): Promise<string> {
    return this.system.token({ gemeente, rol: 'supervisor', sub: `proof-${gemeente}` });
  }

  private pickKind(): RichCommand {
    if (this.organisations.length < 5) return 'registreren';
    const roll = Math.random();
    if (roll < 0.15) return 'registreren';
    if (roll < 0.5) return 'meldcode';
    if (roll < 0.75) return 'toezichtonderzoek';
    if (roll < 0.85) return 'gemeente-erbij';
    if (roll < 0.9) return 'gemeente-eraf';
    return 'afspraak';
  }

  /** Sends one command of the mix; resolves with the reply and the kind sent. */
  async next(options: { timeoutMs?: number } = {}): Promise<{ kind: RichCommand; reply: Reply }> {
    const kind = this.pickKind();
    const marker = this.markers.marker();
    const timeout = options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs };
    if (kind === 'registreren') {
      const home = pick(this.gemeenten);
      const regional = Math.random() < 0.2;
      const others = regional ? this.gemeenten.filter((g) => g !== home && Math.random() < 0.3).slice(0, 3) : [];
      const body = registrationBody(
        marker,
        home,
        pick(SUPERVISED_SECTORS),
        others.length > 0 ? others : regional ? [this.gemeenten.find((g) => g !== home) ?? 'GM0344'] : [],
      );
      const reply = await this.ledger.send('POST', '/v1/organisaties', {
        token: await this.token(home),
        body,
        route: kind,
        marker,
        ...timeout,
      });
      if (reply.status === 201 && typeof reply.json?.id === 'string') {
        this.organisations.push({
          id: reply.json.id,
          streamId: `organisation#${reply.json.id}`,
          home,
          sector: body.sector,
          active: [...body.gemeenten],
          agreement: false,
        });
      }
      return { kind, reply };
    }
    const organisation = pick(this.organisations);
    const base = `/v1/organisaties/${organisation.id}`;
    const home = organisation.home;
    switch (kind) {
      case 'meldcode':
        return {
          kind,
          reply: await this.ledger.send('POST', `${base}/meldcodes`, {
            token: await this.token(home),
            body: meldcodeBody(marker, organisation.sector),
            route: kind,
            marker,
            ...timeout,
          }),
        };
      case 'toezichtonderzoek':
        return {
          kind,
          reply: await this.ledger.send('POST', `${base}/toezichtonderzoeken`, {
            token: await this.token(home),
            body: supervisionBody(marker, home),
            route: kind,
            marker,
            ...timeout,
          }),
        };
      case 'gemeente-erbij': {
        const extra = pick(this.gemeenten.filter((g) => !organisation.active.includes(g)));
        if (!extra) return this.next(options);
        const reply = await this.ledger.send('POST', `${base}/gemeenten`, {
          token: await this.token(home),
          body: { gemeenten: [extra] },
          route: kind,
          ...timeout,
        });
        if (reply.status === 200 && !organisation.active.includes(extra)) organisation.active.push(extra);
        return { kind, reply };
      }
      case 'gemeente-eraf': {
        const leaving = organisation.active.find((g) => g !== home);
        if (!leaving || this.busy.has(organisation.id)) return this.next(options);
        this.busy.add(organisation.id);
        try {
          const reply = await this.ledger.send('DELETE', `${base}/gemeenten/${leaving}`, {
            token: await this.token(leaving),
            route: kind,
            ...timeout,
          });
          if (reply.status === 204) organisation.active = organisation.active.filter((g) => g !== leaving);
          return { kind, reply };
        } finally {
          this.busy.delete(organisation.id);
        }
      }
      case 'afspraak': {
        if (organisation.active.length < 2 || organisation.agreement) return this.next(options);
        const reply = await this.ledger.send('POST', `${base}/afspraken`, {
          token: await this.token(home),
          body: {
            gemeenten: organisation.active,
            penvoerder: home,
            toezichthouder: marker,
            vragen: ['Q1', 'Q2', 'Q3'],
            bevindingenDelen: true,
            geldigVanaf: daysAgo(30),
            geldigTot: daysAgo(-700),
          },
          route: kind,
          marker,
          ...timeout,
        });
        if (reply.status === 201) organisation.agreement = true;
        return { kind, reply };
      }
    }
  }

  /** Runs `count` commands, `concurrency` at a time. */
  async run(count: number, concurrency: number): Promise<void> {
    let sent = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (sent < count) {
          sent++;
          await this.next();
        }
      }),
    );
  }
}

/**
 * Fires `fire(i)` at a fixed rate (open loop: a slow answer does not slow the arrivals, as with real
 * users), for `durationMs`; resolves when every fired call has settled.
 */
export async function openLoop(
  ratePerSecond: number,
  durationMs: number,
  fire: (index: number) => Promise<unknown>,
): Promise<number> {
  const started = performance.now();
  const total = Math.floor((ratePerSecond * durationMs) / 1000);
  const running: Promise<unknown>[] = [];
  for (let index = 0; index < total; index++) {
    const due = started + (index * 1000) / ratePerSecond;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    running.push(fire(index).catch(() => undefined));
  }
  await Promise.all(running);
  return total;
}

/** Like `openLoop`, but fires until `keepGoing()` says stop; resolves when every call has settled. */
export async function openLoopWhile(
  ratePerSecond: number,
  keepGoing: () => boolean,
  fire: (index: number) => Promise<unknown>,
): Promise<number> {
  const started = performance.now();
  const running: Promise<unknown>[] = [];
  let index = 0;
  for (; keepGoing(); index++) {
    const wait = started + (index * 1000) / ratePerSecond - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    running.push(fire(index).catch(() => undefined));
  }
  await Promise.all(running);
  return index;
}
