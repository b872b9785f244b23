import type { MeldcodeSubmitted } from '#events/catalogue.ts';
import {
  DuplicateIdError,
  MeasureDateInFutureError,
  MeldcodeBeforeOrganisationExistedError,
  MeldcodeDateInFutureError,
} from '../errors.ts';
import type { DecideContext, SubmitMeldcode } from './commands.ts';
import { assertMayAct, assertNotAfter, today, unique } from './guards.ts';
import type { OrganisationState } from './state.ts';

/**
 * Records a version of the organisation's meldcode. Its adoption date can be neither in the future
 * nor before the organisation existed in the register; promotion measures are facts, so they too
 * must have happened. Every submission is kept: the current meldcode is the one adopted last (see
 * the projections), earlier ones stay as history. Sectors a gemeente does not supervise may still
 * submit, for the record.
 */
export function decideSubmitMeldcode(
  command: SubmitMeldcode,
  state: OrganisationState,
  context: DecideContext,
): MeldcodeSubmitted[] {
  assertMayAct(state, command.type, context.actor);
  const data = command.data;
  if (state.meldcodeIds.includes(data.meldcodeId)) throw new DuplicateIdError('meldcode', data.meldcodeId);
  const day = today(context);
  assertNotAfter(MeldcodeDateInFutureError, 'adoptedOn', data.adoptedOn, day);
  if (state.existsSince !== null && data.adoptedOn < state.existsSince) {
    throw new MeldcodeBeforeOrganisationExistedError('adoptedOn', data.adoptedOn, state.existsSince);
  }
  for (const measure of data.promotionMeasures) {
    assertNotAfter(MeasureDateInFutureError, `promotion measure ${measure.kind}`, measure.date, day);
  }
  return [
    {
      type: 'MeldcodeSubmitted',
      data: {
        meldcodeId: data.meldcodeId,
        label: data.label.trim(),
        adoptedOn: data.adoptedOn,
        elements: unique(data.elements),
        ...(data.attentionOfficer === undefined ? {} : { attentionOfficer: data.attentionOfficer }),
        ...(data.recordsKept === undefined ? {} : { recordsKept: data.recordsKept }),
        promotionMeasures: data.promotionMeasures.map(({ kind, date, reachPercentage }) =>
          reachPercentage === undefined ? { kind, date } : { kind, date, reachPercentage },
        ),
      },
    },
  ];
}
