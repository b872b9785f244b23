import type { Actor, OrganisationCommand } from '#domain/organisation/commands.ts';
import { isSupervisedByGemeente } from '#domain/sectors.ts';
import { type Gemeente, gemeentenList } from '#events/gemeenten.ts';
import {
  MELDCODE_ELEMENT_IDS,
  type MeldcodeElementId,
  PROMOTION_MEASURE_KINDS,
  type PromotionMeasure,
  type Question,
  type Sector,
  type Verdict,
} from '#events/values.ts';
import { prng } from '#local/seed-data.ts';

/**
 * A deterministic, realistic history of organisations, as the commands people would have given,
 * in the order they gave them: registrations spread over real gemeenten (regional providers in up
 * to 15 gemeenten of one veiligheidsregio), meldcodes of several vintages (some before 2019 without
 * afwegingskader) and their yearly updates, supervisions with verdicts and follow-up deadlines,
 * agreements between gemeenten (some ended early, renewed when they run out), gemeenten added and
 * removed, and a yearly campaign marker. The same seed gives the same history, so the benchmark's
 * export is cached and tests are repeatable. Whoever consumes it runs the commands through the
 * decider (in memory) or the command path (DynamoDB) and the campaign through the campaign rules.
 */

export interface HistoryOptions {
  readonly organisations: number;
  readonly seed?: number;
  /** First and last year (inclusive) of the history. */
  readonly fromYear: number;
  readonly toYear: number;
  /** Restrict to these gemeenten (tests keep the set small); default all 342 of the CBS list. */
  readonly gemeenten?: readonly string[];
  /** Meldcode updates per organisation per year, on average (0..3). */
  readonly meldcodeUpdatesPerYear?: number;
}

export type HistoryStep =
  | {
      readonly kind: 'command';
      /** When it is given: occurredAt and the clock of the append. */
      readonly at: string;
      readonly organisationId: string;
      readonly command: OrganisationCommand;
      readonly actor: Actor;
      readonly correlationId: string;
    }
  /** The yearly campaign runs for every gemeente at this instant. */
  | { readonly kind: 'campaign'; readonly at: string; readonly year: number };

// --- deterministic randomness ---------------------------------------------------------------

/** The seed data's PRNG (mulberry32), re-exported for the export generator and the benchmarks. */
export { prng };

/** Mixes several integers into one seed (for per-organisation, per-day randomness independent of order). */
export function mix(...values: number[]): number {
  let h = 0x811c9dc5;
  for (const v of values) {
    h = Math.imul(h ^ (v & 0xffff), 0x01000193);
    h = Math.imul(h ^ (v >>> 16), 0x01000193);
  }
  return h >>> 0;
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A ULID whose time part is `ms` and whose random part comes from `random`. */
export function ulidAt(ms: number, random: () => number): string {
  let time = '';
  let t = ms;
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[t % 32]! + time;
    t = Math.floor(t / 32);
  }
  let rest = '';
  for (let i = 0; i < 16; i++) rest += CROCKFORD[Math.floor(random() * 32)]!;
  return time + rest;
}

const pick = <T>(random: () => number, values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
const between = (random: () => number, low: number, high: number): number =>
  low + Math.floor(random() * (high - low + 1));

// --- calendar ---------------------------------------------------------------------------------

const DAY_MS = 86_400_000;
const dayOf = (date: string): number => Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
const dateOf = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

// --- the organisations ------------------------------------------------------------------------

const SECTOR_MIX: readonly [Sector, number][] = [
  ['wmo', 0.38],
  ['kinderopvang-kindercentrum', 0.2],
  ['kinderopvang-gastouderbureau', 0.04],
  ['gastouderopvang', 0.08],
  ['gemeentelijke-dienst', 0.04],
  ['jeugdhulp', 0.1],
  ['onderwijs', 0.06],
  ['zorg', 0.05],
  ['vrijwilligersorganisatie', 0.05],
];

const NAME_PARTS: Readonly<Record<Sector, readonly string[]>> = {
  wmo: ['Stichting Welzijn', 'Zorgcoöperatie', 'Thuiszorg', 'Maatschappelijke Opvang', 'Buurtwerk', 'Begeleiding'],
  'kinderopvang-kindercentrum': ['Kinderopvang', 'Kindcentrum', 'BSO', 'Kinderdagverblijf ’t Kabouterhuis'],
  'kinderopvang-gastouderbureau': ['Gastouderbureau'],
  gastouderopvang: ['Gastouder'],
  'gemeentelijke-dienst': ['Leerplicht', 'Wmo-loket', 'Wijkteam', 'Werk en Inkomen'],
  jeugdhulp: ['Jeugdhulp', 'Opvoedpunt'],
  onderwijs: ['Basisschool', 'Scholengemeenschap'],
  zorg: ['Huisartsenpraktijk', 'Fysiotherapie', 'Tandartsenpraktijk'],
  vrijwilligersorganisatie: ['Vrijwilligerscentrale', 'Sportvereniging', 'Scouting'],
};

const NOTES = [
  'Meldcode besproken met de aandachtsfunctionaris; stappenplan aanwezig.',
  'Afwegingskader ontbreekt in de versie van vóór 2019.',
  'Scholing gevolgd door één op de drie medewerkers — nog niet voldoende.',
  'Kindcheck niet beschreven; herstel afgesproken.',
  'Goed op orde. Medewerkers kennen de vijf stappen en het afwegingskader.',
  'Signalen worden vastgelegd in het cliëntdossier (advies: ook de besluiten).',
];

interface AgreementPlan {
  readonly id: string;
  readonly makeDay: number;
  readonly validFrom: number;
  readonly validUntil: number;
  /** First day it no longer applies when ended early, and the day that end is recorded. */
  readonly endDay: number | null;
  readonly endRecordDay: number | null;
  readonly questions: readonly Question[];
  readonly supervisor: string | null;
}

interface OrgPlan {
  readonly index: number;
  readonly organisationId: string;
  readonly name: string;
  readonly kvkNumber: string;
  readonly lrkNumber: string | undefined;
  readonly sector: Sector;
  readonly gemeenten: readonly string[];
  readonly primary: string;
  readonly existsSince: string;
  readonly registerDay: number;
  readonly agreements: readonly AgreementPlan[];
  readonly addedGemeente: string | null;
}

const Kind = {
  Register: 0,
  Meldcode: 1,
  Supervision: 2,
  AddGemeente: 3,
  RemoveGemeente: 4,
  MakeAgreement: 5,
  EndAgreement: 6,
} as const;
type Kind = (typeof Kind)[keyof typeof Kind];

function chooseSector(random: () => number): Sector {
  let r = random();
  for (const [sector, share] of SECTOR_MIX) {
    r -= share;
    if (r < 0) return sector;
  }
  return 'wmo';
}

/** The organisations' plans and every dated action, bucketed by day. */
function plan(options: HistoryOptions) {
  const seed = options.seed ?? 1;
  const firstDay = dayOf(`${options.fromYear}-01-04`);
  const lastDay = dayOf(`${options.toYear}-12-31`);
  const allowed = options.gemeenten ? new Set(options.gemeenten) : undefined;
  const gemeenten: readonly Gemeente[] = gemeentenList().filter((g) => !allowed || allowed.has(g.code));
  if (gemeenten.length === 0) throw new RangeError('No gemeenten to spread the organisations over');
  const byRegion = new Map<string, Gemeente[]>();
  for (const g of gemeenten) byRegion.set(g.safetyRegionCode, [...(byRegion.get(g.safetyRegionCode) ?? []), g]);
  // Zipf-like weights over a seeded order: a few large gemeenten, a long tail of small ones.
  const order = [...gemeenten].sort((a, b) => mix(seed, ...codeDigits(a.code)) - mix(seed, ...codeDigits(b.code)));
  const weights = order.map((_, rank) => 1 / (rank + 4) ** 0.9);
  const totalWeight = weights.reduce((sum, w) => sum + w, 0);
  const weightedGemeente = (random: () => number): Gemeente => {
    let r = random() * totalWeight;
    for (let i = 0; i < order.length; i++) {
      r -= weights[i]!;
      if (r < 0) return order[i]!;
    }
    return order.at(-1)!;
  };

  const days = lastDay - firstDay + 1;
  const buckets: number[][] = Array.from({ length: days }, () => []);
  const at = (day: number, org: number, kind: Kind): void => {
    if (day >= firstDay && day <= lastDay) buckets[day - firstDay]!.push(org * 8 + kind);
  };
  const updatesPerYear = options.meldcodeUpdatesPerYear ?? 1.4;
  const orgs: OrgPlan[] = [];
  for (let index = 0; index < options.organisations; index++) {
    const random = prng(mix(seed, index, 1));
    const sector = chooseSector(random);
    const primary = weightedGemeente(random);
    const regional = random() < 0.14 && sector !== 'gastouderopvang' && sector !== 'gemeentelijke-dienst';
    const region = byRegion.get(primary.safetyRegionCode) ?? [primary];
    const extra = regional ? between(random, 1, Math.min(14, region.length - 1)) : 0;
    const others = region.filter((g) => g.code !== primary.code).sort(() => random() - 0.5);
    const active = [primary.code, ...others.slice(0, extra).map((g) => g.code)];
    // Most organisations come in during the first months of the history; some arrive later.
    const registerDay =
      random() < 0.7 ? firstDay + Math.floor(random() * 120) : firstDay + Math.floor(random() * (days - 365));
    const existsYear = between(random, 1985, Math.min(options.fromYear - 1, 2020));
    const existsSince = `${existsYear}-${String(between(random, 1, 12)).padStart(2, '0')}-01`;
    const registeredAtMs = registerDay * DAY_MS + 9 * 3_600_000;
    const organisationId = ulidAt(registeredAtMs, random);
    const agreements: AgreementPlan[] = [];
    if (active.length >= 2 && isSupervisedByGemeente(sector) && random() < 0.7) {
      let makeDay = registerDay + between(random, 20, 200);
      let validFrom = makeDay;
      for (let k = 0; k < 3 && makeDay <= lastDay; k++) {
        const validUntil = validFrom + 3 * 365 - 1;
        const endDay = random() < 0.15 ? validFrom + between(random, 200, 900) : null;
        const endRecordDay = endDay === null ? null : Math.max(endDay - 5, makeDay + 1);
        agreements.push({
          id: ulidAt(makeDay * DAY_MS + 10 * 3_600_000, random),
          makeDay,
          validFrom,
          validUntil,
          endDay,
          endRecordDay,
          questions: random() < 0.8 ? ['Q1', 'Q2', 'Q3'] : ['Q1', 'Q2'],
          supervisor: random() < 0.5 ? `GGD ${region[0]?.safetyRegionName ?? primary.name}` : null,
        });
        const lastApplied = endDay === null ? validUntil : Math.min(validUntil, endDay - 1);
        validFrom = lastApplied + 1;
        // A renewal is recorded shortly before the old one runs out, or after an early end is recorded.
        makeDay =
          endRecordDay === null ? Math.max(lastApplied - between(random, 0, 60), makeDay + 1) : endRecordDay + 1;
      }
    }
    const outsider = region.find((g) => !active.includes(g.code));
    const addedGemeente = outsider && random() < 0.1 ? outsider.code : null;
    const org: OrgPlan = {
      index,
      organisationId,
      name: `${pick(random, NAME_PARTS[sector])} ${primary.name}${index % 7 === 0 ? ` ${index}` : ''}`,
      kvkNumber: String(10_000_000 + index).padStart(8, '0'),
      lrkNumber:
        sector.startsWith('kinderopvang') || sector === 'gastouderopvang' ? String(100_000_000 + index) : undefined,
      sector,
      gemeenten: active,
      primary: primary.code,
      existsSince,
      registerDay,
      agreements,
      addedGemeente,
    };
    orgs.push(org);

    at(registerDay, index, Kind.Register);
    const hasDuty = sector !== 'vrijwilligersorganisatie' || random() < 0.2;
    if (hasDuty && random() < 0.9) {
      at(registerDay + between(random, 1, 40), index, Kind.Meldcode);
      for (let day = registerDay + 60; day <= lastDay; day += 365) {
        const updates = Math.floor(updatesPerYear) + (random() < updatesPerYear % 1 ? 1 : 0);
        for (let u = 0; u < updates; u++) at(day + between(random, 0, 300), index, Kind.Meldcode);
      }
    }
    if (isSupervisedByGemeente(sector)) {
      const yearly = sector.startsWith('kinderopvang') ? 0.95 : 0.75;
      for (let year = options.fromYear; year <= options.toYear; year++) {
        const start = Math.max(dayOf(`${year}-02-01`), registerDay + 45);
        const end = dayOf(`${year}-12-15`);
        if (start < end && random() < yearly) at(between(random, start, end), index, Kind.Supervision);
        // A follow-up visit for some: a second supervision later in the year.
        if (start + 120 < end && random() < 0.6) at(between(random, start + 120, end), index, Kind.Supervision);
      }
      for (const agreement of agreements) {
        at(agreement.makeDay, index, Kind.MakeAgreement);
        if (agreement.endRecordDay !== null) at(agreement.endRecordDay, index, Kind.EndAgreement);
      }
    }
    if (addedGemeente) {
      const addDay = registerDay + between(random, 100, 900);
      at(addDay, index, Kind.AddGemeente);
      if (random() < 0.5) at(addDay + between(random, 100, 500), index, Kind.RemoveGemeente);
    }
  }
  return { orgs, buckets, firstDay, lastDay };
}

function codeDigits(code: string): number[] {
  return [Number(code.slice(2))];
}

const supervisorActor = (gemeente: string, org: number): Actor => ({
  subject: `toezichthouder-${gemeente.toLowerCase()}-${org % 3}`,
  gemeente,
  role: 'supervisor',
});

function elementsFor(sector: Sector, random: () => number, adoptedOn: string): MeldcodeElementId[] {
  const kinderopvang = sector.startsWith('kinderopvang') || sector === 'gastouderopvang';
  const all = MELDCODE_ELEMENT_IDS.filter((e) => !(kinderopvang && (e === 'verwijsindex' || e === 'kindcheck')));
  const elements = all.filter((e) => {
    if (e === 'afwegingskader' && adoptedOn < '2019-01-01') return random() < 0.2;
    return random() < 0.93;
  });
  return elements;
}

function measures(random: () => number, day: number, registerDay: number): PromotionMeasure[] {
  const count = between(random, 0, 4);
  const result: PromotionMeasure[] = [];
  for (let i = 0; i < count; i++) {
    const date = dateOf(Math.max(registerDay - 400, day - between(random, 0, 500)));
    const kind = pick(random, PROMOTION_MEASURE_KINDS);
    result.push(random() < 0.6 ? { kind, date, reachPercentage: between(random, 10, 100) } : { kind, date });
  }
  return result;
}

/** The agreement recorded by `recordedBy` that applies on `day`. */
function agreementOn(org: OrgPlan, day: number, recordedBy: number): AgreementPlan | undefined {
  return org.agreements.find((a) => {
    const ended = a.endDay !== null && a.endRecordDay !== null && a.endRecordDay <= recordedBy;
    const lastApplied = ended ? Math.min(a.validUntil, a.endDay! - 1) : a.validUntil;
    return a.makeDay <= recordedBy && a.validFrom <= day && day <= lastApplied;
  });
}

/** The command of one planned action (randomness from the organisation, the day and the kind). */
function commandOf(org: OrgPlan, kind: Kind, day: number, nth: number, atMs: number): HistoryStep | undefined {
  const random = prng(mix(org.index, day, kind, nth, 7));
  const date = dateOf(day);
  const at = new Date(atMs).toISOString();
  const correlationId = ulidAt(atMs, random);
  const base = { kind: 'command' as const, at, organisationId: org.organisationId, correlationId };
  switch (kind) {
    case Kind.Register:
      return {
        ...base,
        actor: supervisorActor(org.primary, org.index),
        command: {
          type: 'RegisterOrganisation',
          data: {
            organisationId: org.organisationId,
            name: org.name,
            kvkNumber: org.kvkNumber,
            ...(org.lrkNumber ? { lrkNumber: org.lrkNumber } : {}),
            sector: org.sector,
            gemeenten: [...org.gemeenten],
            existsSince: org.existsSince,
          },
        },
      };
    case Kind.Meldcode: {
      const vintage = random() < 0.3 ? Math.max(dayOf(org.existsSince), dayOf('2016-01-01')) : day - 400;
      const adoptedDay = Math.min(day, Math.max(dayOf(org.existsSince), between(random, vintage, day)));
      const adoptedOn = dateOf(adoptedDay);
      return {
        ...base,
        actor: supervisorActor(pick(random, org.gemeenten), org.index),
        command: {
          type: 'SubmitMeldcode',
          data: {
            meldcodeId: ulidAt(atMs, random),
            label: `${adoptedOn.slice(0, 4)}-${between(random, 1, 3)}`,
            adoptedOn,
            elements: elementsFor(org.sector, random, adoptedOn),
            ...(random() < 0.8 ? { attentionOfficer: random() < 0.85 } : {}),
            ...(random() < 0.5 ? { recordsKept: random() < 0.8 } : {}),
            promotionMeasures: measures(random, day, org.registerDay).filter((m) => m.date <= date),
          },
        },
      };
    }
    case Kind.Supervision: {
      const performedDay = day - between(random, 0, 10);
      const agreement = agreementOn(org, performedDay, day);
      // Under an agreement the lead supervises; without one, any of the gemeenten may (a coordination gap).
      const gemeente = agreement ? org.primary : pick(random, org.gemeenten);
      const r = random();
      const verdict: Verdict = r < 0.6 ? 'compliant' : r < 0.85 ? 'partially-compliant' : 'non-compliant';
      const note = random() < 0.4 ? pick(random, NOTES) : undefined;
      return {
        ...base,
        actor: supervisorActor(gemeente, org.index),
        command: {
          type: 'CompleteSupervision',
          data: {
            supervisionId: ulidAt(atMs, random),
            gemeente,
            ...(agreement?.supervisor ? { supervisor: agreement.supervisor } : {}),
            performedOn: dateOf(Math.max(performedDay, dayOf(org.existsSince))),
            verdict,
            findings:
              random() < 0.15
                ? {}
                : {
                    q1: { answer: random() < 0.95 ? 'yes' : 'no', ...(note ? { note } : {}) },
                    q2: { answer: verdict === 'compliant' ? 'yes' : 'no' },
                    q3: { answer: verdict === 'non-compliant' ? 'insufficient' : 'sufficient' },
                  },
            ...(verdict === 'compliant' ? {} : { followUpDeadline: dateOf(day + between(random, 60, 180)) }),
          },
        },
      };
    }
    case Kind.AddGemeente:
    case Kind.RemoveGemeente: {
      if (!org.addedGemeente) return undefined;
      const adding = kind === Kind.AddGemeente;
      return {
        ...base,
        actor: supervisorActor(org.primary, org.index),
        command: {
          type: 'ChangeActivity',
          data: {
            added: adding ? [org.addedGemeente] : [],
            removed: adding ? [] : [org.addedGemeente],
            effectiveOn: date,
          },
        },
      };
    }
    case Kind.MakeAgreement: {
      const agreement = org.agreements.find((a) => a.makeDay === day);
      if (!agreement) return undefined;
      return {
        ...base,
        actor: supervisorActor(org.primary, org.index),
        command: {
          type: 'MakeAgreement',
          data: {
            agreementId: agreement.id,
            gemeenten: [...org.gemeenten],
            lead: org.primary,
            ...(agreement.supervisor ? { supervisor: agreement.supervisor } : {}),
            questions: [...agreement.questions],
            shareFindings: random() < 0.9,
            validFrom: dateOf(agreement.validFrom),
            validUntil: dateOf(agreement.validUntil),
          },
        },
      };
    }
    case Kind.EndAgreement: {
      const agreement = org.agreements.find((a) => a.endRecordDay === day);
      if (!agreement || agreement.endDay === null) return undefined;
      return {
        ...base,
        actor: supervisorActor(pick(random, org.gemeenten), org.index),
        command: {
          type: 'EndAgreement',
          data: {
            agreementId: agreement.id,
            endedOn: dateOf(agreement.endDay),
            ...(random() < 0.7 ? { reason: 'Samenwerking beëindigd na herindeling van de regio' } : {}),
          },
        },
      };
    }
  }
}

/**
 * The history, oldest first: every command at its instant, and on the first working days of each
 * year after the first, the campaign marker. Lazy: only one day's commands exist at a time.
 */
export function* generateHistory(options: HistoryOptions): Generator<HistoryStep> {
  const { orgs, buckets, firstDay } = plan(options);
  const campaignDays = new Set<number>();
  for (let year = options.fromYear + 1; year <= options.toYear; year++) campaignDays.add(dayOf(`${year}-01-05`));
  for (let offset = 0; offset < buckets.length; offset++) {
    const day = firstDay + offset;
    if (campaignDays.has(day)) {
      yield {
        kind: 'campaign',
        at: new Date(day * DAY_MS + 5 * 3_600_000).toISOString(),
        year: Number(dateOf(day).slice(0, 4)),
      };
    }
    const actions = buckets[offset]!;
    if (actions.length === 0) continue;
    const random = prng(mix(options.seed ?? 1, day, 3));
    // Working hours, Dutch time (07:00-16:00 UTC), in order of the instant.
    const timed = actions.map((packed, nth) => ({
      packed,
      nth,
      ms: day * DAY_MS + 7 * 3_600_000 + Math.floor(random() * 9 * 3_600_000),
    }));
    timed.sort((a, b) => a.ms - b.ms || a.nth - b.nth);
    for (const { packed, nth, ms } of timed) {
      const org = orgs[Math.floor(packed / 8)]!;
      const step = commandOf(org, (packed % 8) as Kind, day, nth, ms);
      if (step) yield step;
    }
  }
}
