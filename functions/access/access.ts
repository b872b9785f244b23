import { gemeentecodeSchema } from '#events/gemeenten.ts';
import { type Role, roleSchema } from '#events/values.ts';
import { ForbiddenError, NotFoundError, UnauthorizedError } from '../http/errors.ts';
import type { HttpEvent } from '../http/http-function.ts';

/**
 * Every access decision of the API, in one module (ARCHITECTURE.md, "Identity and access"):
 * - supervisor: reads and writes for its own gemeente;
 * - viewer: reads its own gemeente;
 * - auditor: reads everything (and the audit endpoints), writes nothing;
 * - an organisation not active in the caller's gemeente does not exist for that caller (404),
 *   so existence does not leak; a visible organisation the caller may not change is a 403.
 * The token itself is verified before the function runs (API Gateway's JWT authorizer, or the
 * local gateway); this module reads the verified claims.
 */
export interface Caller {
  readonly sub: string;
  readonly role: Role;
  /** The gemeente the caller acts for; absent only for auditors. */
  readonly gemeente?: string;
}

type Claims = Record<string, string | number | boolean | string[] | undefined>;

const claim = (claims: Claims, name: string): string | undefined => {
  const value = claims[name] ?? claims[`custom:${name}`];
  return typeof value === 'string' && value !== '' ? value : undefined;
};

/** The caller from `requestContext.authorizer.jwt.claims` (`sub`, `gemeente`, `rol`). */
export function callerOf(event: HttpEvent): Caller {
  const claims = event.requestContext.authorizer?.jwt?.claims as Claims | undefined;
  if (!claims) throw new UnauthorizedError('Geen geldig token');
  const sub = claim(claims, 'sub');
  const role = roleSchema.safeParse(claim(claims, 'rol'));
  if (!sub || !role.success)
    throw new ForbiddenError('Het token noemt geen geldige rol (supervisor, viewer of auditor)');
  const gemeente = claim(claims, 'gemeente');
  if (gemeente !== undefined && !gemeentecodeSchema.safeParse(gemeente).success) {
    throw new ForbiddenError('Het token noemt een onbekende gemeente');
  }
  if (role.data !== 'auditor' && gemeente === undefined) {
    throw new ForbiddenError('Het token noemt geen gemeente');
  }
  return { sub, role: role.data, ...(gemeente ? { gemeente } : {}) };
}

/** May the caller see this organisation at all? Auditors see all; others where it is active. */
export function canSeeOrganisation(caller: Caller, activeGemeenten: readonly string[]): boolean {
  if (caller.role === 'auditor') return true;
  return caller.gemeente !== undefined && activeGemeenten.includes(caller.gemeente);
}

/** Read access to an organisation: 404 when it does not exist or is not active in the caller's gemeente. */
export function assertCanReadOrganisation(caller: Caller, activeGemeenten: readonly string[] | undefined): void {
  if (!activeGemeenten || !canSeeOrganisation(caller, activeGemeenten)) {
    throw new NotFoundError('Deze organisatie bestaat niet of is niet actief in uw gemeente');
  }
}

/** Only a supervisor writes; the gemeente it acts for is its own. */
export function assertCanWrite(caller: Caller): asserts caller is Caller & { gemeente: string } {
  if (caller.role !== 'supervisor' || caller.gemeente === undefined) {
    throw new ForbiddenError(
      caller.role === 'auditor'
        ? 'Een auditor wijzigt niets'
        : 'Alleen een toezichthouder (rol supervisor) mag wijzigen',
    );
  }
}

/**
 * Write access to an existing organisation: first visibility (404, so a write does not reveal
 * existence either), then the role (403).
 */
export function assertCanWriteOrganisation(caller: Caller, activeGemeenten: readonly string[] | undefined): string {
  assertCanReadOrganisation(caller, activeGemeenten);
  assertCanWrite(caller);
  return caller.gemeente;
}

/** Registering: a supervisor registers an organisation active in (at least) its own gemeente. */
export function assertCanRegister(caller: Caller, gemeenten: readonly string[]): string {
  assertCanWrite(caller);
  if (!gemeenten.includes(caller.gemeente)) {
    throw new ForbiddenError(`U registreert voor ${caller.gemeente}: neem die gemeente op in gemeenten`);
  }
  return caller.gemeente;
}

/** Acting in the name of a gemeente (a supervision's `gemeente`, a removed gemeente): only one's own. */
export function assertActsForOwnGemeente(caller: Caller & { gemeente: string }, gemeente: string, field: string): void {
  if (gemeente !== caller.gemeente) {
    throw new ForbiddenError(`U handelt namens ${caller.gemeente}; ${field} ${gemeente} is niet uw gemeente`);
  }
}

/** Reading a gemeente's lists and counts: one's own gemeente, or any for an auditor. */
export function assertCanReadGemeente(caller: Caller, gemeente: string): void {
  if (caller.role === 'auditor') return;
  if (caller.gemeente !== gemeente) throw new ForbiddenError(`U hebt alleen toegang tot ${caller.gemeente}`);
}

/**
 * The gemeente whose coordination view the caller reads: the one asked for (own, or any for an
 * auditor), the caller's own when none is asked, or all (undefined) for an auditor asking none.
 */
export function coordinationScope(caller: Caller, asked: string | undefined): string | undefined {
  if (asked !== undefined) {
    assertCanReadGemeente(caller, asked);
    return asked;
  }
  return caller.role === 'auditor' ? undefined : caller.gemeente;
}

/** The auditor-only endpoints (audit log, integrity, reconstruction). */
export function assertAuditor(caller: Caller): void {
  if (caller.role !== 'auditor') throw new ForbiddenError('Alleen voor auditors');
}
