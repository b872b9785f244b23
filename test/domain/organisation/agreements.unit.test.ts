import { describe, expect, it } from 'vitest';
import {
  ActorNotPartyToAgreementError,
  AgreementAlreadyEndedError,
  AgreementGemeenteNotActiveError,
  AgreementNeedsTwoGemeentenError,
  AgreementNotFoundError,
  AgreementOverlapError,
  AgreementPeriodInvalidError,
  DuplicateIdError,
  GemeenteNotActiveError,
  LeadNotInAgreementError,
  OrganisationNotFoundError,
  RoleMayNotWriteError,
  SectorNotSupervisedByGemeenteError,
} from '#domain/errors.ts';
import {
  AMSTERDAM,
  agreementEnded,
  agreementMade,
  auditor,
  commandFor,
  DEN_HAAG,
  ROTTERDAM,
  registered,
  supervisorOf,
  UTRECHT,
  ulid,
  viewerOf,
} from '../support/fixtures.ts';
import { given } from '../support/given-when-then.ts';

const threeGemeenten = registered({ gemeenten: [AMSTERDAM, ROTTERDAM, UTRECHT] });

describe('MakeAgreement', () => {
  it('records an agreement between gemeenten where the organisation is active', () => {
    const event = agreementMade({ supervisor: 'GGD Amsterdam', shareFindings: false });
    given(threeGemeenten).when(commandFor(event)).then([event]);
  });

  it('dedupes gemeenten and questions', () => {
    given(threeGemeenten)
      .when(commandFor(agreementMade({ gemeenten: [AMSTERDAM, ROTTERDAM, AMSTERDAM], questions: ['Q1', 'Q1'] })))
      .then([agreementMade({ questions: ['Q1'] })]);
  });

  it('needs two different gemeenten', () => {
    const error = given(threeGemeenten)
      .when(commandFor(agreementMade({ gemeenten: [AMSTERDAM, AMSTERDAM] })))
      .thenThrows(AgreementNeedsTwoGemeentenError, 'agreement-needs-two-gemeenten');
    expect(error.httpStatus).toBe(422);
  });

  it('needs the lead among the gemeenten', () => {
    given(threeGemeenten)
      .when(commandFor(agreementMade({ lead: UTRECHT })))
      .thenThrows(LeadNotInAgreementError, 'lead-not-in-agreement');
  });

  it('needs every gemeente to be one where the organisation is active', () => {
    const error = given(threeGemeenten)
      .when(commandFor(agreementMade({ gemeenten: [AMSTERDAM, DEN_HAAG] })))
      .thenThrows(AgreementGemeenteNotActiveError, 'agreement-gemeente-not-active');
    expect(error.details).toMatchObject({ gemeenten: [DEN_HAAG] });
  });

  it('needs the acting gemeente to be a party', () => {
    given(threeGemeenten)
      .when(commandFor(agreementMade()), { actor: supervisorOf(UTRECHT) })
      .thenThrows(ActorNotPartyToAgreementError, 'actor-not-party-to-agreement');
  });

  it('needs a period that does not end before it starts (a single day is fine)', () => {
    given(threeGemeenten)
      .when(commandFor(agreementMade({ validFrom: '2025-01-01', validUntil: '2024-12-31' })))
      .thenThrows(AgreementPeriodInvalidError, 'agreement-period-invalid');
    const oneDay = agreementMade({ validFrom: '2025-01-01', validUntil: '2025-01-01' });
    given(threeGemeenten).when(commandFor(oneDay)).then([oneDay]);
  });

  it('refuses an overlapping agreement for a common question', () => {
    const error = given(threeGemeenten, agreementMade({ questions: ['Q1', 'Q2'] }))
      .when(
        commandFor(
          agreementMade({
            agreementId: ulid(301),
            gemeenten: [ROTTERDAM, UTRECHT],
            lead: ROTTERDAM,
            questions: ['Q2', 'Q3'],
            validFrom: '2027-12-31',
            validUntil: '2029-12-31',
          }),
        ),
        { actor: supervisorOf(ROTTERDAM) },
      )
      .thenThrows(AgreementOverlapError, 'agreement-overlap');
    expect(error.httpStatus).toBe(409);
    expect(error.details).toMatchObject({ existingAgreementId: ulid(300), questions: ['Q2'] });
  });

  it('accepts agreements for other questions, or for later periods', () => {
    const otherQuestions = agreementMade({ agreementId: ulid(301), questions: ['Q3'] });
    given(threeGemeenten, agreementMade({ questions: ['Q1', 'Q2'] }))
      .when(commandFor(otherQuestions))
      .then([otherQuestions]);
    const later = agreementMade({ agreementId: ulid(301), validFrom: '2028-01-01', validUntil: '2030-12-31' });
    given(threeGemeenten, agreementMade()).when(commandFor(later)).then([later]);
  });

  it('lets a successor start on the day an ended agreement stopped applying', () => {
    const successor = agreementMade({ agreementId: ulid(301), lead: ROTTERDAM, validFrom: '2025-06-01' });
    given(threeGemeenten, agreementMade(), agreementEnded({ endedOn: '2025-06-01' }))
      .when(commandFor(successor))
      .then([successor]);
    given(threeGemeenten, agreementMade(), agreementEnded({ endedOn: '2025-06-02' }))
      .when(commandFor(successor))
      .thenThrows(AgreementOverlapError);
  });

  it('refuses an agreement id already recorded', () => {
    given(threeGemeenten, agreementMade({ questions: ['Q1'] }))
      .when(commandFor(agreementMade({ questions: ['Q2'] })))
      .thenThrows(DuplicateIdError, 'duplicate-id');
  });

  it('refuses an organisation of a sector no gemeente supervises', () => {
    given(registered({ sector: 'jeugdhulp', gemeenten: [AMSTERDAM, ROTTERDAM] }))
      .when(commandFor(agreementMade()))
      .thenThrows(SectorNotSupervisedByGemeenteError);
  });

  it('refuses a gemeente where the organisation is not active', () => {
    given(threeGemeenten)
      .when(commandFor(agreementMade()), { actor: supervisorOf(DEN_HAAG) })
      .thenThrows(GemeenteNotActiveError);
  });

  it('refuses before registration', () => {
    given().when(commandFor(agreementMade())).thenThrows(OrganisationNotFoundError);
  });

  it.each([viewerOf(AMSTERDAM), auditor])('refuses a $role', (actor) => {
    given(threeGemeenten).when(commandFor(agreementMade()), { actor }).thenThrows(RoleMayNotWriteError);
  });
});

describe('EndAgreement', () => {
  it('ends an agreement, with a reason; any party may', () => {
    const event = agreementEnded({ reason: 'GGD-regio gewijzigd' });
    given(threeGemeenten, agreementMade())
      .when(commandFor(event), { actor: supervisorOf(ROTTERDAM) })
      .then([event]);
  });

  it('cancels an agreement that has not started', () => {
    const event = agreementEnded({ endedOn: '2025-06-02' });
    given(threeGemeenten, agreementMade({ validFrom: '2026-01-01' }))
      .when(commandFor(event))
      .then([event]);
  });

  it('refuses an unknown agreement', () => {
    const error = given(threeGemeenten)
      .when(commandFor(agreementEnded()))
      .thenThrows(AgreementNotFoundError, 'agreement-not-found');
    expect(error.httpStatus).toBe(404);
  });

  it('refuses a gemeente that is not a party', () => {
    given(threeGemeenten, agreementMade())
      .when(commandFor(agreementEnded()), { actor: supervisorOf(UTRECHT) })
      .thenThrows(ActorNotPartyToAgreementError);
  });

  it('refuses ending twice', () => {
    given(threeGemeenten, agreementMade(), agreementEnded())
      .when(commandFor(agreementEnded({ endedOn: '2025-05-01' })))
      .thenThrows(AgreementAlreadyEndedError, 'agreement-already-ended');
  });

  it('refuses a gemeente where the organisation is not active', () => {
    given(threeGemeenten, agreementMade())
      .when(commandFor(agreementEnded()), { actor: supervisorOf(DEN_HAAG) })
      .thenThrows(GemeenteNotActiveError);
  });

  it.each([viewerOf(AMSTERDAM), auditor])('refuses a $role', (actor) => {
    given(threeGemeenten, agreementMade())
      .when(commandFor(agreementEnded()), { actor })
      .thenThrows(RoleMayNotWriteError);
  });

  it('refuses before registration', () => {
    given().when(commandFor(agreementEnded())).thenThrows(OrganisationNotFoundError);
  });
});
