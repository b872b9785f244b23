import { ulid } from 'ulid';
import type { NewEvent } from '#events/envelope.ts';

/** Typed fixtures built from the catalogue (no mocks): valid events with small variations. */
export const meta = { actor: 'test-user', gemeente: 'GM0363', role: 'supervisor', correlationId: 'corr-1' } as const;

export function registered(overrides: Partial<{ organisationId: string; name: string }> = {}): NewEvent {
  return {
    type: 'OrganisationRegistered',
    data: {
      organisationId: overrides.organisationId ?? ulid(),
      name: overrides.name ?? 'Stichting Welzijn Amsterdam',
      kvkNumber: '12345678',
      sector: 'wmo',
      gemeenten: ['GM0363'],
      existsSince: '2010-01-01',
    },
    meta: { ...meta },
    occurredAt: '2025-03-01T10:00:00.000Z',
  };
}

export function meldcodeSubmitted(label = '2025-1', padding = 0): NewEvent {
  return {
    type: 'MeldcodeSubmitted',
    data: {
      meldcodeId: ulid(),
      label: padding > 0 ? `${label}-${'x'.repeat(Math.max(0, Math.min(padding, 90)))}` : label,
      adoptedOn: '2024-05-01',
      elements: ['stappenplan', 'responsibilities', 'confidentialData', 'afwegingskader'],
      attentionOfficer: true,
      promotionMeasures: Array.from({ length: padding > 0 ? 100 : 1 }, (_, i) => ({
        kind: 'scholing' as const,
        date: '2025-01-15',
        reachPercentage: i % 100,
      })),
    },
    meta: { ...meta },
    occurredAt: '2025-03-02T10:00:00.000Z',
  };
}
