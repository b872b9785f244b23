import { api } from '../api.ts';
import { type Child, h, uid } from '../dom.ts';
import { FormController } from '../forms.ts';
import { datum, GAT } from '../labels.ts';
import type { PageContext } from '../page.ts';
import { gemeenteNaam, gemeente as gemeenteRef, sectorNaam } from '../reference.ts';
import { href, navigate } from '../router.ts';
import { gemeenteKiezer, gemeenteScope } from '../scope.ts';
import type { Afstemming, AfstemmingOrganisatie, Tekortkoming } from '../types.ts';
import { badge, button, errorAlert, heading, link, p, statusLine, table } from '../ui.ts';

/**
 * The veiligheidsregio an organisation is shown under: that of the agreement's lead, or else the
 * region where most of its gemeenten lie (the first by name on a tie).
 */
function regioVan(o: AfstemmingOrganisatie): { code: string; naam: string } {
  const lead = o.afspraak ? gemeenteRef(o.afspraak.penvoerder) : undefined;
  if (lead) return { code: lead.veiligheidsregioCode, naam: lead.veiligheidsregioNaam };
  const counts = new Map<string, { code: string; naam: string; n: number }>();
  for (const g of o.gemeenten) {
    const r = gemeenteRef(g.gemeentecode);
    if (!r) continue;
    const entry = counts.get(r.veiligheidsregioCode) ?? {
      code: r.veiligheidsregioCode,
      naam: r.veiligheidsregioNaam,
      n: 0,
    };
    entry.n += 1;
    counts.set(r.veiligheidsregioCode, entry);
  }
  const best = [...counts.values()].sort((a, b) => b.n - a.n || a.naam.localeCompare(b.naam, 'nl'))[0];
  return best ?? { code: 'onbekend', naam: 'Onbekende veiligheidsregio' };
}

function tekortTekst(t: Tekortkoming): string {
  const base = GAT[t.code] ?? t.code;
  const details: string[] = [];
  if (t.gemeente) details.push(gemeenteNaam(t.gemeente));
  if (t.campagnejaar) details.push(`campagne ${t.campagnejaar}`);
  return details.length > 0 ? `${base} (${details.join(', ')})` : base;
}

function tekortCel(o: AfstemmingOrganisatie): Child {
  if (o.tekortkomingen.length === 0) return h('span', { class: 'app-no-gap' }, 'Geen tekortkomingen');
  return h(
    'ul',
    { class: 'utrecht-unordered-list app-gap-list' },
    o.tekortkomingen.map((t) => h('li', { class: 'utrecht-unordered-list__item app-gap' }, tekortTekst(t))),
  );
}

export async function afstemmingPage(ctx: PageContext): Promise<void> {
  const gemeente = gemeenteScope(ctx);
  const h1 = ctx.title('Afstemming tussen gemeenten');
  h1.id = 'afstemming-titel';
  const kiezer = gemeenteKiezer(ctx, gemeente, 'afstemming-titel', true);
  ctx.render(kiezer, statusLine('De gegevens worden geladen…'));
  let data: Afstemming;
  try {
    data = (await api<Afstemming>('GET', '/v1/afstemming', { query: { gemeente }, signal: ctx.signal })).data;
  } catch (error) {
    if (ctx.signal.aborted) return;
    ctx.render(kiezer, errorAlert(error));
    return;
  }
  const alleenTekort = ctx.route.query.get('tekort') === 'ja';
  const metTekort = data.organisaties.filter((o) => o.tekortkomingen.length > 0);
  const shown = alleenTekort ? metTekort : data.organisaties;

  const regios = new Map<string, { naam: string; organisaties: AfstemmingOrganisatie[] }>();
  for (const o of shown) {
    const r = regioVan(o);
    const entry = regios.get(r.code) ?? { naam: r.naam, organisaties: [] };
    entry.organisaties.push(o);
    regios.set(r.code, entry);
  }
  const sorted = [...regios.values()].sort((a, b) => a.naam.localeCompare(b.naam, 'nl'));

  const filterId = uid('filter');
  const filter = new FormController(filterId);
  filter.form.classList.add('app-inline-form');
  filter.checkbox({ name: 'tekort', label: 'Toon alleen organisaties met tekortkomingen', checked: alleenTekort });
  filter.add(h('div', { class: 'app-actions' }, button('Toepassen', { type: 'submit' })));
  filter.form.addEventListener('submit', (event) => {
    event.preventDefault();
    const checked = filter.form.querySelector<HTMLInputElement>('input[name="tekort"]')?.checked;
    navigate(
      href('/afstemming', {
        gemeente: ctx.session?.rol === 'auditor' ? gemeente : undefined,
        tekort: checked ? 'ja' : undefined,
      }),
    );
  });

  ctx.render(
    kiezer,
    p(
      `Organisaties die in meer dan één gemeente actief zijn${data.gemeente ? `, waaronder ${gemeenteNaam(data.gemeente)}` : ''}: ${data.organisaties.length}. `,
      `Daarvan hebben er ${metTekort.length} een of meer tekortkomingen in de afstemming.`,
    ),
    p('Per veiligheidsregio van de penvoerder, of anders van de regio waar de meeste van haar gemeenten liggen.'),
    h('div', null, h('h2', { class: 'app-visually-hidden', id: filterId }, 'Filter'), filter.form),
    sorted.length === 0
      ? p(
          alleenTekort
            ? 'Er zijn geen organisaties met tekortkomingen.'
            : 'Er zijn geen organisaties die in meer gemeenten actief zijn.',
        )
      : sorted.map((regio) => {
          const id = uid('regio');
          const gaps = regio.organisaties.filter((o) => o.tekortkomingen.length > 0).length;
          const tableEl = table<AfstemmingOrganisatie>(
            `Organisaties in veiligheidsregio ${regio.naam}`,
            [
              {
                header: 'Organisatie',
                rowHeader: true,
                cell: (o) => [
                  link(`#/organisaties/${encodeURIComponent(o.organisatieId)}`, o.naam),
                  h('br'),
                  `KvK ${o.kvkNummer}, ${sectorNaam(o.sector)}`,
                ],
              },
              {
                header: 'Gemeenten',
                cell: (o) =>
                  `${o.gemeenten.length}: ${o.gemeenten.map((g) => g.naam ?? gemeenteNaam(g.gemeentecode)).join(', ')}`,
              },
              {
                header: 'Afspraak',
                cell: (o) =>
                  o.afspraak
                    ? `penvoerder ${gemeenteNaam(o.afspraak.penvoerder)}${o.afspraak.toezichthouder ? ` (${o.afspraak.toezichthouder})` : ''}, ${o.afspraak.vragen.join(', ')}, tot en met ${datum(o.afspraak.geldigTot)}`
                    : 'geen geldige afspraak',
              },
              { header: 'Tekortkomingen', cell: tekortCel },
            ],
            regio.organisaties,
          );
          const rows = tableEl.querySelectorAll('tbody tr');
          regio.organisaties.forEach((o, i) => {
            if (o.tekortkomingen.length > 0) rows[i]?.classList.add('app-missing');
          });
          return h(
            'section',
            { class: 'app-region', 'aria-labelledby': id },
            heading(2, `Veiligheidsregio ${regio.naam}`, { id }),
            p(
              `${regio.organisaties.length} organisaties, `,
              gaps > 0 ? badge(`${gaps} met tekortkomingen`, 'danger') : badge('geen tekortkomingen', 'safe'),
            ),
            tableEl,
          );
        }),
  );
}
