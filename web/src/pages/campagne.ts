import { api } from '../api.ts';
import { CommandSender } from '../commands.ts';
import { type Child, h, uid } from '../dom.ts';
import { FormController, textValue } from '../forms.ts';
import { CAMPAGNE_REDEN, datum, vandaag } from '../labels.ts';
import type { PageContext } from '../page.ts';
import { gemeenteNaam, sectorNaam } from '../reference.ts';
import { href, navigate } from '../router.ts';
import { gemeenteKiezer, gemeenteScope } from '../scope.ts';
import { alert, badge, button, dataList, errorAlert, heading, link, p, section, statusLine, table } from '../ui.ts';

/** `GET /v1/toezichtcampagnes/{jaar}?gemeente=…`: the progress per gemeente (here: one). */
export interface CampagneVoortgang {
  readonly jaar: number;
  readonly peildatum: string;
  readonly gemeenten: readonly CampagneGemeente[];
}

export interface CampagneGemeente {
  readonly gemeente: { readonly gemeentecode: string; readonly naam: string | null };
  readonly jaar: number;
  readonly peildatum: string;
  /** On this gemeente's list for the year: uitgevoerd + teLaat + open. */
  readonly gepland: number;
  readonly uitgevoerd: number;
  readonly teLaat: number;
  readonly open: number;
  readonly gedektDoorAfspraak: number;
  readonly organisaties?: readonly CampagneOrganisatie[];
}

export interface CampagneOrganisatie {
  readonly organisatieId: string;
  readonly naam: string;
  readonly sector: string;
  readonly status: string;
  readonly uiterlijk: string | null;
  readonly redenen: readonly string[];
  readonly uitgevoerdDoor: string | null;
  readonly gedektDoor: { afspraakId: string; penvoerder: string; statusPenvoerder: string } | null;
}

const STATUS: Record<string, { tekst: string; tone: 'safe' | 'danger' | 'neutral' | 'warning' }> = {
  uitgevoerd: { tekst: 'uitgevoerd', tone: 'safe' },
  done: { tekst: 'uitgevoerd', tone: 'safe' },
  'te-laat': { tekst: 'te laat', tone: 'danger' },
  overdue: { tekst: 'te laat', tone: 'danger' },
  open: { tekst: 'open', tone: 'warning' },
  'gedekt-door-afspraak': { tekst: 'via afspraak', tone: 'neutral' },
  'covered-by-other': { tekst: 'via afspraak', tone: 'neutral' },
  'niet-gepland': { tekst: 'niet gepland', tone: 'neutral' },
  'not-scheduled': { tekst: 'niet gepland', tone: 'neutral' },
};

function statusBadge(status: string): HTMLSpanElement {
  const s = STATUS[status] ?? { tekst: status, tone: 'neutral' as const };
  return badge(s.tekst, s.tone);
}

export async function campagnePage(ctx: PageContext): Promise<void> {
  const gemeente = gemeenteScope(ctx);
  const jaarNu = Number(vandaag().slice(0, 4));
  const jaar = Number.parseInt(ctx.route.query.get('jaar') ?? '', 10) || jaarNu;
  const h1 = ctx.title(`Toezichtcampagne ${jaar}${gemeente ? ` ${gemeenteNaam(gemeente)}` : ''}`);
  h1.id = 'campagne-titel';
  const kiezer = gemeenteKiezer(ctx, gemeente, 'campagne-titel');

  const jaarForm = new FormController('campagne-titel');
  jaarForm.form.classList.add('app-inline-form');
  jaarForm.select({
    name: 'jaar',
    label: 'Campagnejaar',
    value: String(jaar),
    choices: Array.from({ length: 6 }, (_, i) => jaarNu + 1 - i).map((y) => ({ value: String(y), label: String(y) })),
  });
  jaarForm.add(h('div', { class: 'app-actions' }, button('Bekijken', { type: 'submit' })));
  jaarForm.form.addEventListener('submit', (event) => {
    event.preventDefault();
    navigate(
      href('/campagne', {
        jaar: textValue(jaarForm.form, 'jaar'),
        gemeente: ctx.session?.rol === 'auditor' ? gemeente : undefined,
      }),
    );
  });

  if (!gemeente) {
    ctx.render(p('Kies een gemeente om de voortgang van haar campagne te bekijken.'), kiezer);
    return;
  }
  ctx.render(kiezer, jaarForm.form, statusLine('De gegevens worden geladen…'));
  let progress: CampagneGemeente | undefined;
  try {
    const data = (
      await api<CampagneVoortgang>('GET', `/v1/toezichtcampagnes/${jaar}`, { query: { gemeente }, signal: ctx.signal })
    ).data;
    progress = data.gemeenten.find((g) => g.gemeente.gemeentecode === gemeente) ?? data.gemeenten[0];
  } catch (error) {
    if (ctx.signal.aborted) return;
    ctx.render(kiezer, jaarForm.form, errorAlert(error, 'De voortgang van de campagne kon niet worden geladen'));
    return;
  }
  const total = progress?.gepland ?? 0;
  const done = progress?.uitgevoerd ?? 0;
  const percentage = total > 0 ? Math.round((done / total) * 100) : 0;
  const progressId = uid('voortgang');
  const organisaties = progress?.organisaties ?? [];
  const start = ctx.session?.rol === 'supervisor' && jaar <= jaarNu + 1 ? startForm(jaar) : null;

  const content: Child[] = [
    section(
      'Voortgang',
      2,
      total === 0
        ? alert('info', `Er staan voor ${jaar} geen organisaties op de lijst van ${gemeenteNaam(gemeente)}`, [
            p('De campagne is nog niet gestart, of geen organisatie hoeft dit jaar beoordeeld te worden.'),
          ])
        : [
            h(
              'p',
              { class: 'utrecht-paragraph', id: progressId },
              `${done} van de ${total} geplande toezichtonderzoeken zijn uitgevoerd (${percentage}%).`,
            ),
            h(
              'progress',
              { class: 'app-progress', max: total, value: done, 'aria-labelledby': progressId },
              `${percentage}%`,
            ),
          ],
      dataList([
        ['Gepland', String(total)],
        ['Uitgevoerd', String(done)],
        ['Open', String(progress?.open ?? 0)],
        ['Te laat', String(progress?.teLaat ?? 0)],
        ['Via een afspraak door een andere gemeente', String(progress?.gedektDoorAfspraak ?? 0)],
        ['Stand op', datum(progress?.peildatum)],
      ]),
      start,
    ),
  ];
  if (organisaties.length > 0) {
    content.push(
      section(
        'Organisaties in de campagne',
        2,
        table<CampagneOrganisatie>(
          `Campagne ${jaar}: organisaties en hun status`,
          [
            {
              header: 'Organisatie',
              rowHeader: true,
              cell: (o) => link(`#/organisaties/${encodeURIComponent(o.organisatieId)}`, o.naam),
            },
            { header: 'Sector', cell: (o) => sectorNaam(o.sector) },
            { header: 'Status', cell: (o) => statusBadge(o.status) },
            { header: 'Uiterlijk', cell: (o) => datum(o.uiterlijk) },
            {
              header: 'Reden',
              cell: (o) =>
                o.gedektDoor
                  ? `penvoerder ${gemeenteNaam(o.gedektDoor.penvoerder)} (${STATUS[o.gedektDoor.statusPenvoerder]?.tekst ?? o.gedektDoor.statusPenvoerder})`
                  : o.redenen.map((r) => CAMPAGNE_REDEN[r] ?? r).join(', '),
            },
          ],
          organisaties,
        ),
      ),
    );
  }
  ctx.render(kiezer, jaarForm.form, ...content);
}

/**
 * Starts (or reruns) the gemeente's campaign for the year. The planning runs in the background
 * (a queue), so the page says so and offers to look again.
 */
function startForm(jaar: number): HTMLElement {
  const titleId = uid('starten');
  const form = new FormController(titleId);
  form.add(
    p(
      'Plant de organisaties die dit jaar aan de beurt zijn: geen meldcode, laatste oordeel niet voldoende, ',
      'hersteltermijn verstreken, meldcode gewijzigd of termijn verstreken. Opnieuw starten is veilig: ',
      'wat al gepland is, wordt niet nog eens gepland.',
    ),
    h('div', { class: 'app-actions' }, button(`Campagne ${jaar} starten`, { type: 'submit', appearance: 'primary' })),
  );
  const sender = new CommandSender(form);
  form.form.addEventListener('submit', (event) => {
    event.preventDefault();
    void sender
      .send((idempotencyKey) => api('POST', '/v1/toezichtcampagnes', { body: { jaar }, idempotencyKey }))
      .then((response) => {
        if (!response) return;
        form.showMessage('ok', `De campagne ${jaar} is gestart`, [
          p('De planning loopt op de achtergrond; dit duurt meestal enkele seconden.'),
          p(link(href('/campagne', { jaar, ververs: Date.now() }), 'Voortgang opnieuw bekijken')),
        ]);
      });
  });
  return h('div', { class: 'app-start-campaign' }, heading(3, 'Campagne starten', { id: titleId }), form.form);
}
