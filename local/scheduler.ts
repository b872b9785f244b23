/**
 * The local EventBridge Scheduler for the manifest's schedules: `cron(min hour day month weekday
 * year)` and `rate(n unit)` expressions in their time zone, checked once a minute. A schedule can
 * also be fired by hand (`runSchedule`), which is how `npm run campaign` and tests start one.
 */
export interface ScheduleDefinition {
  readonly scheduleName: string;
  readonly expression: string;
  readonly timezone: string;
  readonly fire: (input: { scheduleName: string; scheduledTime: string }) => Promise<unknown>;
}

export interface Scheduler {
  runSchedule(name: string, scheduledTime?: Date): Promise<unknown>;
  stop(): void;
}

const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

function fieldMatches(field: string, value: number, names?: readonly string[], offset = 0): boolean {
  if (field === '*' || field === '?') return true;
  return field.split(',').some((part) => {
    const [range, stepText] = part.split('/');
    const step = stepText ? Number(stepText) : 1;
    const toNumber = (text: string): number => {
      const index = names?.indexOf(text.toUpperCase()) ?? -1;
      return index >= 0 ? index + offset : Number(text);
    };
    let from: number;
    let to: number;
    if (range === '*' || range === undefined) {
      from = Number.NEGATIVE_INFINITY;
      to = Number.POSITIVE_INFINITY;
    } else if (range.includes('-')) {
      const [a, b] = range.split('-');
      from = toNumber(a ?? '');
      to = toNumber(b ?? '');
    } else {
      from = toNumber(range);
      to = stepText ? Number.POSITIVE_INFINITY : from;
    }
    if (value < from || value > to) return false;
    return Number.isFinite(from) ? (value - from) % step === 0 : value % step === 0;
  });
}

/** The wall-clock fields of an instant in a time zone. */
function fieldsIn(date: Date, timeZone: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      weekday: 'short',
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return {
    minute: Number(parts.minute),
    hour: Number(parts.hour),
    day: Number(parts.day),
    month: Number(parts.month),
    year: Number(parts.year),
    weekday: WEEKDAYS.indexOf(String(parts.weekday).toUpperCase().slice(0, 3)) + 1,
  };
}

/** Whether a cron expression fires in the minute of `date` (AWS cron: weekday 1 = Sunday). */
export function cronMatches(expression: string, date: Date, timeZone: string): boolean {
  const fields = /^cron\((.+)\)$/.exec(expression.trim())?.[1]?.split(/\s+/);
  if (fields?.length !== 6) return false;
  const [minute, hour, day, month, weekday, year] = fields as [string, string, string, string, string, string];
  const now = fieldsIn(date, timeZone);
  return (
    fieldMatches(minute, now.minute) &&
    fieldMatches(hour, now.hour) &&
    fieldMatches(day, now.day) &&
    fieldMatches(month, now.month, MONTHS, 1) &&
    fieldMatches(weekday, now.weekday, WEEKDAYS, 1) &&
    fieldMatches(year, now.year)
  );
}

const RATE_UNITS: Record<string, number> = {
  minute: 60_000,
  minutes: 60_000,
  hour: 3_600_000,
  hours: 3_600_000,
  day: 86_400_000,
  days: 86_400_000,
};

export function startScheduler(
  definitions: readonly ScheduleDefinition[],
  log: (m: string) => void = () => undefined,
): Scheduler {
  const lastFired = new Map<string, number>();
  const started = Date.now();
  const fire = async (definition: ScheduleDefinition, at: Date): Promise<unknown> => {
    log(`scheduler: ${definition.scheduleName} fires (${at.toISOString()})`);
    return definition.fire({
      scheduleName: definition.scheduleName,
      scheduledTime: at.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    });
  };
  const tick = (): void => {
    const now = new Date();
    const minute = Math.floor(now.getTime() / 60_000);
    for (const definition of definitions) {
      const rate = /^rate\((\d+)\s+(\w+)\)$/.exec(definition.expression.trim());
      let due = false;
      if (rate) {
        const every = Number(rate[1]) * (RATE_UNITS[rate[2] ?? ''] ?? Number.POSITIVE_INFINITY);
        due = now.getTime() - (lastFired.get(definition.scheduleName) ?? started) >= every;
      } else {
        due =
          lastFired.get(definition.scheduleName) !== minute &&
          cronMatches(definition.expression, now, definition.timezone);
      }
      if (!due) continue;
      lastFired.set(definition.scheduleName, rate ? now.getTime() : minute);
      fire(definition, now).catch((error: unknown) =>
        log(`scheduler: ${definition.scheduleName} failed: ${(error as Error).message}`),
      );
    }
  };
  const timer = setInterval(tick, 15_000);
  timer.unref();
  return {
    runSchedule: async (name, scheduledTime = new Date()) => {
      const definition = definitions.find((d) => d.scheduleName === name);
      if (!definition) throw new Error(`No schedule ${name} in the manifest`);
      return fire(definition, scheduledTime);
    },
    stop: () => clearInterval(timer),
  };
}
