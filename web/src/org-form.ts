import { type ApiError, type ApiResponse, api, type RequestOptions } from './api.ts';
import type { CommandSender, SendOptions } from './commands.ts';
import { type Child, h, replaceChildren } from './dom.ts';
import { antwoordBadge, datum } from './labels.ts';
import { loadOrganisation } from './organisation-data.ts';
import type { PageContext } from './page.ts';
import { sectorNaam } from './reference.ts';
import { href, navigate } from './router.ts';
import type { MeldcodeUit, Organisatie, Verwerkt } from './types.ts';
import { alert, buttonLink, errorAlert, link, p, statusLine } from './ui.ts';

/**
 * The frame of a form about one organisation: loads it (its version goes out as If-Match), shows
 * a short summary that is refreshed after a conflict, and a way back.
 */
export interface OrgFormFrame {
  org: Organisatie;
  readonly summary: HTMLElement;
  /**
   * Reloads the organisation and redraws the summary. After a 409/412 (`conflict`) it waits until
   * the view shows at least the version the server named (`huidigeVersie`), since views follow the
   * event store a moment later: the version sent next as If-Match is then the current one.
   */
  refresh(conflict?: ApiError): Promise<void>;
  readonly backHref: string;
  /**
   * Sends a command on this organisation (`path` below `/v1/organisaties/{id}`, with its body or
   * query) with the version the person saw as If-Match, so a change made meanwhile answers 412.
   * After a 409/412 the frame is reloaded, then `afterRefresh` redraws what else the page shows.
   */
  send(
    sender: CommandSender,
    method: 'POST' | 'DELETE',
    path: string,
    request?: Pick<RequestOptions, 'body' | 'query'>,
    options?: SendOptions & { afterRefresh?: () => void },
  ): Promise<ApiResponse<Verwerkt | null> | null>;
  /** Back to the organisation's page, which waits until it shows the command's version, with a message. */
  backAfter(response: ApiResponse<Verwerkt | null>, melding: string): void;
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
    async refresh(conflict) {
      const current = conflict?.document.huidigeVersie;
      const fresh = await loadOrganisation(id, ctx.signal, typeof current === 'number' ? current : undefined);
      frame.org = fresh.data;
      replaceChildren(summary, summaryOf(fresh.data));
    },
    send(sender, method, path, request = {}, { afterRefresh, ...options } = {}) {
      return sender.send(
        (idempotencyKey) =>
          api<Verwerkt | null>(method, `/v1/organisaties/${encodeURIComponent(frame.org.id)}${path}`, {
            ...request,
            idempotencyKey,
            ifMatch: frame.org.versie,
          }),
        {
          ...options,
          onConflict: async (error) => {
            await frame.refresh(error);
            afterRefresh?.();
          },
        },
      );
    },
    backAfter(response, melding) {
      navigate(
        href(`/organisaties/${encodeURIComponent(frame.org.id)}`, {
          versie: response.data?.versie ?? response.version,
          melding,
        }),
      );
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
