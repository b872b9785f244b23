import type { Session } from './auth.ts';
import type { Child } from './dom.ts';
import { datum } from './labels.ts';
import { gemeenteNaam } from './reference.ts';
import type { Afspraak, Organisatie } from './types.ts';
import { dataList, heading, ul } from './ui.ts';

/**
 * Parts of the organisation's page that the forms about it show too: its gemeenten and an
 * agreement, and who may end one.
 */

const AFSPRAAK_STATUS: Record<Afspraak['status'], string> = {
  geldig: 'geldig',
  toekomstig: 'toekomstig',
  verlopen: 'verlopen',
  beeindigd: 'beëindigd',
};

/** "geldig", "beëindigd op 1 maart 2026", or "geldig, geldt niet meer vanaf 1 juli 2026" for an end still to come. */
export function afspraakStatus(a: Afspraak): string {
  const status = AFSPRAAK_STATUS[a.status] ?? a.status;
  if (a.beeindigdOp === null) return status;
  if (a.status === 'beeindigd') return `${status} op ${datum(a.beeindigdOp)}`;
  return `${status}, geldt niet meer vanaf ${datum(a.beeindigdOp)}`;
}

export function afspraakGegevens(a: Afspraak): HTMLElement {
  return dataList([
    ['Status', afspraakStatus(a)],
    ['Penvoerder', gemeenteNaam(a.penvoerder)],
    a.toezichthouder ? ['Toezichthouder', a.toezichthouder] : null,
    ['Gemeenten', a.gemeenten.map((g) => gemeenteNaam(g)).join(', ')],
    ['Vragen', a.vragen.join(', ')],
    ['Bevindingen delen', a.bevindingenDelen ? 'ja' : 'nee'],
    ['Geldig', `${datum(a.geldigVanaf)} tot en met ${datum(a.geldigTot)}`],
  ]);
}

/**
 * May the signed-in person end this agreement? A supervisor of a gemeente that takes part in it
 * (the API's rule), while it applies or is still to come and no end has been recorded yet.
 */
export function mayEndAgreement(a: Afspraak, session: Session | null): boolean {
  return (
    session?.rol === 'supervisor' &&
    session.gemeente !== undefined &&
    a.gemeenten.includes(session.gemeente) &&
    a.beeindigdOp === null &&
    (a.status === 'geldig' || a.status === 'toekomstig')
  );
}

/** The gemeenten where the organisation is active, and those where it was. */
export function gemeentenLijst(org: Organisatie): Child[] {
  return [
    ul(
      org.gemeenten.map(
        (g) => `${g.naam ?? gemeenteNaam(g.gemeentecode)} (${g.gemeentecode}), actief sinds ${datum(g.actiefSinds)}`,
      ),
      { 'data-gemeenten': 'actief' },
    ),
    org.voormaligeGemeenten.length > 0
      ? [
          heading(3, 'Voorheen actief in'),
          ul(
            org.voormaligeGemeenten.map(
              (g) => `${g.naam ?? gemeenteNaam(g.gemeentecode)}, ${datum(g.actiefSinds)} tot ${datum(g.actiefTot)}`,
            ),
            { 'data-gemeenten': 'voorheen' },
          ),
        ]
      : null,
  ];
}
