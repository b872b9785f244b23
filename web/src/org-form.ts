import { api } from './api.ts';
import { type Child, h, replaceChildren } from './dom.ts';
import { antwoordBadge, datum } from './labels.ts';
import { loadOrganisation } from './organisation-data.ts';
import type { PageContext } from './page.ts';
import { sectorNaam } from './reference.ts';
import type { MeldcodeUit, Organisatie } from './types.ts';
import { alert, buttonLink, errorAlert, link, p, statusLine } from './ui.ts';

/**
 * The frame of a form about one organisation: loads it (its version goes out as If-Match), shows
 * a short summary that is refreshed after a conflict, and a way back.
 */
export interface OrgFormFrame {
  org: Organisatie;
  readonly summary: HTMLElement;
  /** Reloads the organisation (after a 409/412) and redraws the summary. */
  refresh(): Promise<void>;
  readonly backHref: string;
}

function summaryOf(org: Organisatie): Child[] {
  const q = org.toezichtstatus;
  return [
    p(
      'Organisatie: ',
      link(`#/organisaties/${encodeURIComponent(org.id)}`, org.naam),
      `, KvK-nummer ${org.kvkNummer}, sector ${sectorNaam(org.sector)}.`,
    ),
    p(
      org.meldcode
        ? `Huidige meldcode: versie ${org.meldcode.versie}, vastgesteld op ${datum(org.meldcode.vastgesteldOp)}. `
        : 'Er is nog geen meldcode bekend. ',
      'Meldcode beschikbaar: ',
      antwoordBadge(q.meldcodeBeschikbaar.antwoord),
      ', voldoet aan minimumeisen: ',
      antwoordBadge(q.voldoetAanMinimumeisen.antwoord),
      `. Versie van de gegevens: ${org.versie}.`,
    ),
  ];
}

export async function orgFormFrame(ctx: PageContext, titel: string): Promise<OrgFormFrame | null> {
  const id = ctx.route.params.id ?? '';
  const h1 = ctx.title(titel);
  h1.id = 'formulier-titel';
  const backHref = `#/organisaties/${encodeURIComponent(id)}`;
  if (ctx.session?.rol !== 'supervisor') {
    ctx.render(
      alert('warning', 'Alleen een toezichthouder legt dit vast', [
        p('Log in met de rol Toezichthouder voor uw gemeente.'),
      ]),
      p(buttonLink(backHref, 'Terug naar de organisatie')),
    );
    return null;
  }
  ctx.render(statusLine('De gegevens worden geladen…'));
  let org: Organisatie;
  try {
    org = (await loadOrganisation(id, ctx.signal)).data;
  } catch (error) {
    if (ctx.signal.aborted) return null;
    ctx.render(errorAlert(error, 'De organisatie kon niet worden geladen'), p(buttonLink('#/', 'Naar het overzicht')));
    return null;
  }
  const summary = h('div', { class: 'app-form-summary' }, summaryOf(org));
  const frame: OrgFormFrame = {
    org,
    summary,
    backHref,
    async refresh() {
      const fresh = await loadOrganisation(id, ctx.signal);
      frame.org = fresh.data;
      replaceChildren(summary, summaryOf(fresh.data));
    },
  };
  return frame;
}

/** The current meldcode's details (to start a new version from), or null. */
export async function currentMeldcode(ctx: PageContext, id: string): Promise<MeldcodeUit | null> {
  try {
    const response = await api<{ meldcodes: MeldcodeUit[] }>(
      'GET',
      `/v1/organisaties/${encodeURIComponent(id)}/meldcodes`,
      {
        signal: ctx.signal,
      },
    );
    return response.data.meldcodes.find((m) => m.huidig) ?? null;
  } catch {
    return null;
  }
}
