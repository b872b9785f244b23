import { api } from '../api.ts';
import { type Series, stackedBars } from '../chart.ts';
import { h, replaceChildren, uid } from '../dom.ts';
import { FormController, textValue } from '../forms.ts';
import {
  ANTWOORD_SERIES,
  antwoordBadge,
  antwoordTekst,
  datum,
  VRAAG_SLEUTELS,
  VRAGEN,
  type VraagSleutel,
} from '../labels.ts';
import type { PageContext } from '../page.ts';
import { gemeenteNaam, ref, sectorNaam } from '../reference.ts';
import { href, navigate } from '../router.ts';
import { gemeenteKiezer, gemeenteScope } from '../scope.ts';
import type { GemeenteOrganisatie, GemeenteOrganisaties, Toezichtoverzicht } from '../types.ts';
import { badge, buttonLink, errorAlert, heading, link, p, section, statusLine, table } from '../ui.ts';

/** The query keys the list endpoint takes; the page's hash query uses the same names. */
const FILTERS = [
  'sector',
  'meldcodeBeschikbaar',
  'voldoetAanMinimumeisen',
  'bevorderingKennisEnGebruik',
  'teBeoordelen',
  'zoek',
] as const;
const PAGE_SIZE = 25;

function filterQuery(query: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of FILTERS) {
    const value = query.get(key);
    if (value) out[key] = value;
  }
  return out;
}

function countCards(overview: Toezichtoverzicht, pageQuery: Record<string, string>): HTMLElement {
  return h(
    'ul',
    { class: 'app-cards' },
    VRAAG_SLEUTELS.map((vraag) => {
      const counts = overview[vraag] as Record<string, number>;
      const titleId = uid('kaart');
      return h(
        'li',
        { class: 'app-card', 'aria-labelledby': titleId },
        heading(3, `${VRAGEN[vraag].code} ${VRAGEN[vraag].kort}`, { id: titleId }),
        h('p', { class: 'utrecht-paragraph app-visually-hidden' }, VRAGEN[vraag].vraag),
        h(
          'ul',
          { class: 'app-card__counts' },
          ANTWOORD_SERIES[vraag].map((s) =>
            h(
              'li',
              { class: 'app-card__count' },
              h('span', { class: 'app-card__number' }, String(counts[s.key] ?? 0)),
              link(href('/', { ...pageQuery, [vraag]: s.key }), `${s.label}`, {
                'aria-label': `${counts[s.key] ?? 0} organisaties met ${VRAGEN[vraag].kort.toLowerCase()}: ${s.label}; toon deze`,
              }),
            ),
          ),
        ),
      );
    }),
  );
}

function chartSection(overview: Toezichtoverzicht, initial: VraagSleutel): HTMLElement {
  const holder = h('div', { class: 'app-chart-holder' });
  const draw = (vraag: VraagSleutel): void => {
    const series: readonly Series[] = ANTWOORD_SERIES[vraag];
    const order = ref().sectoren.map((s) => s.code);
    const rows = [...overview.perSector]
      .filter((s) => s.totaal > 0)
      .sort((a, b) => order.indexOf(a.sector) - order.indexOf(b.sector))
      .map((s) => ({ label: sectorNaam(s.sector), values: s[vraag] as Record<string, number> }));
    replaceChildren(
      holder,
      rows.length === 0
        ? p('Er zijn nog geen organisaties om in een grafiek te tonen.')
        : stackedBars(
            `${VRAGEN[vraag].code} ${VRAGEN[vraag].kort}: aantal organisaties per sector en antwoord`,
            series,
            rows,
          ),
    );
  };
  const legendId = uid('keuze');
  const choices = h(
    'fieldset',
    { class: 'utrecht-form-fieldset utrecht-form-fieldset--html-fieldset app-fieldset' },
    h(
      'legend',
      { class: 'utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend', id: legendId },
      'Toon in de grafiek',
    ),
    h(
      'div',
      { class: 'app-choices app-choices--radio app-choices--inline' },
      VRAAG_SLEUTELS.map((vraag) => {
        const id = uid('grafiekvraag');
        const input = h('input', {
          type: 'radio',
          name: 'grafiekvraag',
          id,
          value: vraag,
          checked: vraag === initial,
          class: 'utrecht-radio-button utrecht-radio-button--html-input utrecht-form-field__input',
          onchange: () => draw(vraag),
        });
        return h(
          'div',
          { class: 'utrecht-form-field utrecht-form-field--radio' },
          h('div', { class: 'utrecht-form-field__input' }, input),
          h(
            'label',
            { class: 'utrecht-form-label utrecht-form-label--radio utrecht-form-field__label', for: id },
            `${VRAGEN[vraag].code} ${VRAGEN[vraag].kort}`,
          ),
        );
      }),
    ),
  );
  draw(initial);
  return section('Antwoorden per sector', 2, choices, holder);
}

function filterForm(ctx: PageContext, gemeente: string | undefined, labelledBy: string): HTMLFormElement {
  const q = ctx.route.query;
  const form = new FormController(labelledBy);
  form.form.classList.add('app-filters');
  form.form.setAttribute('role', 'search');
  form.text({
    name: 'zoek',
    label: 'Zoek op naam of KvK-nummer',
    type: 'search',
    value: q.get('zoek') ?? '',
  });
  form.select({
    name: 'sector',
    label: 'Sector',
    value: q.get('sector') ?? '',
    placeholder: 'Alle sectoren',
    choices: ref().sectoren.map((s) => ({ value: s.code, label: s.naam })),
  });
  for (const vraag of VRAAG_SLEUTELS) {
    form.select({
      name: vraag,
      label: `${VRAGEN[vraag].code} ${VRAGEN[vraag].kort}`,
      value: q.get(vraag) ?? '',
      placeholder: 'Alle antwoorden',
      choices: ANTWOORD_SERIES[vraag].map((s) => ({ value: s.key, label: s.label })),
    });
  }
  form.checkbox({
    name: 'teBeoordelen',
    label: 'Alleen te beoordelen dit jaar',
    value: 'ja',
    checked: q.get('teBeoordelen') === 'ja',
  });
  form.add(
    h(
      'div',
      { class: 'app-actions' },
      h(
        'button',
        { type: 'submit', class: 'utrecht-button utrecht-button--primary-action utrecht-button--submit' },
        'Filter toepassen',
      ),
      link(href('/', gemeente && ctx.session?.rol === 'auditor' ? { gemeente } : {}), 'Filters wissen'),
    ),
  );
  form.form.addEventListener('submit', (event) => {
    event.preventDefault();
    const query: Record<string, string> = {};
    if (ctx.session?.rol === 'auditor' && gemeente) query.gemeente = gemeente;
    for (const key of FILTERS) {
      const value =
        key === 'teBeoordelen'
          ? form.form.querySelector<HTMLInputElement>('input[name="teBeoordelen"]')?.checked
            ? 'ja'
            : ''
          : textValue(form.form, key);
      if (value) query[key] = value;
    }
    navigate(href('/', query));
  });
  return form.form;
}

function resultsTable(list: GemeenteOrganisaties): HTMLElement {
  const { paginering } = list;
  const from = (paginering.pagina - 1) * paginering.paginaGrootte + 1;
  const to = from + list.organisaties.length - 1;
  return table<GemeenteOrganisatie>(
    list.organisaties.length === 0
      ? 'Organisaties: geen resultaten'
      : `Organisaties ${from} tot en met ${to} van ${paginering.totaal}`,
    [
      {
        header: 'Naam',
        rowHeader: true,
        cell: (o) => link(`#/organisaties/${encodeURIComponent(o.organisatieId)}`, o.naam),
      },
      { header: 'KvK-nummer', cell: (o) => o.kvkNummer },
      { header: 'Sector', cell: (o) => sectorNaam(o.sector) },
      {
        header: h('abbr', { title: VRAGEN.meldcodeBeschikbaar.vraag }, 'Q1 Meldcode'),
        cell: (o) => antwoordBadge(o.antwoorden.meldcodeBeschikbaar),
      },
      {
        header: h('abbr', { title: VRAGEN.voldoetAanMinimumeisen.vraag }, 'Q2 Minimumeisen'),
        cell: (o) => antwoordBadge(o.antwoorden.voldoetAanMinimumeisen),
      },
      {
        header: h('abbr', { title: VRAGEN.bevorderingKennisEnGebruik.vraag }, 'Q3 Kennis en gebruik'),
        cell: (o) => antwoordBadge(o.antwoorden.bevorderingKennisEnGebruik),
      },
      {
        header: 'Toezicht',
        cell: (o) =>
          !o.toezichtDoorGemeente
            ? 'niet door de gemeente'
            : o.gedektDoor
              ? `via afspraak, penvoerder ${gemeenteNaam(o.gedektDoor.penvoerder)}`
              : o.teBeoordelenDitJaar
                ? [
                    badge('dit jaar', 'warning'),
                    o.eerstvolgendeUiterlijk ? ` uiterlijk ${datum(o.eerstvolgendeUiterlijk)}` : '',
                  ]
                : o.laatsteToezichtonderzoek
                  ? `laatst ${datum(o.laatsteToezichtonderzoek.uitgevoerdOp)}`
                  : 'nog niet',
      },
    ],
    list.organisaties,
  );
}

function pagination(
  paginering: GemeenteOrganisaties['paginering'],
  pageQuery: Record<string, string>,
): HTMLElement | null {
  if (paginering.aantalPaginas <= 1) return null;
  const current = paginering.pagina;
  const last = paginering.aantalPaginas;
  const pages = [...new Set([1, current - 1, current, current + 1, last])]
    .filter((n) => n >= 1 && n <= last)
    .sort((a, b) => a - b);
  const items: HTMLElement[] = [];
  if (current > 1) {
    items.push(
      h(
        'a',
        {
          class: 'utrecht-pagination__relative-link utrecht-pagination__relative-link--prev',
          href: href('/', { ...pageQuery, pagina: current - 1 }),
          rel: 'prev',
        },
        'Vorige',
      ),
    );
  }
  let previous = 0;
  for (const n of pages) {
    if (n - previous > 1) items.push(h('span', { 'aria-hidden': 'true' }, '…'));
    items.push(
      n === current
        ? h(
            'a',
            {
              class: 'utrecht-pagination__page-link utrecht-pagination__page-link--current',
              href: href('/', { ...pageQuery, pagina: n }),
              'aria-current': 'page',
              'aria-label': `Pagina ${n}`,
            },
            String(n),
          )
        : h(
            'a',
            {
              class: 'utrecht-pagination__page-link',
              href: href('/', { ...pageQuery, pagina: n }),
              'aria-label': `Pagina ${n}`,
            },
            String(n),
          ),
    );
    previous = n;
  }
  if (current < last) {
    items.push(
      h(
        'a',
        {
          class: 'utrecht-pagination__relative-link utrecht-pagination__relative-link--next',
          href: href('/', { ...pageQuery, pagina: current + 1 }),
          rel: 'next',
        },
        'Volgende',
      ),
    );
  }
  return h('nav', { class: 'utrecht-pagination app-pagination', 'aria-label': 'Paginering' }, items);
}

export async function overzichtPage(ctx: PageContext): Promise<void> {
  const gemeente = gemeenteScope(ctx);
  const h1 = ctx.title(gemeente ? `Overzicht ${gemeenteNaam(gemeente)}` : 'Overzicht');
  h1.id = 'overzicht-titel';
  const kiezer = gemeenteKiezer(ctx, gemeente, 'overzicht-titel');
  if (!gemeente) {
    ctx.render(p('Kies een gemeente om haar organisaties te bekijken.'), kiezer);
    return;
  }
  ctx.render(kiezer, statusLine('De gegevens worden geladen…'));

  const q = ctx.route.query;
  const pagina = Math.max(1, Number.parseInt(q.get('pagina') ?? '1', 10) || 1);
  const filters = filterQuery(q);
  const pageQuery: Record<string, string> = { ...filters, ...(ctx.session?.rol === 'auditor' ? { gemeente } : {}) };
  const code = encodeURIComponent(gemeente);
  let overview: Toezichtoverzicht;
  let list: GemeenteOrganisaties;
  try {
    [overview, list] = await Promise.all([
      api<Toezichtoverzicht>('GET', `/v1/gemeenten/${code}/toezichtoverzicht`, { signal: ctx.signal }).then(
        (r) => r.data,
      ),
      api<GemeenteOrganisaties>('GET', `/v1/gemeenten/${code}/organisaties`, {
        query: { ...filters, pagina, paginaGrootte: PAGE_SIZE },
        signal: ctx.signal,
      }).then((r) => r.data),
    ]);
  } catch (error) {
    if (ctx.signal.aborted) return;
    ctx.render(kiezer, errorAlert(error));
    return;
  }

  const active = Object.entries(filters).map(([key, value]) => {
    if (key === 'sector') return `sector ${sectorNaam(value)}`;
    if (key === 'zoek') return `zoekterm “${value}”`;
    if (key === 'teBeoordelen') return 'te beoordelen dit jaar';
    const vraag = VRAGEN[key as VraagSleutel];
    return vraag ? `${vraag.kort.toLowerCase()}: ${antwoordTekst(value)}` : `${key}: ${value}`;
  });
  const filtersId = uid('filters');
  const initialChart = (VRAAG_SLEUTELS.find((v) => VRAGEN[v].code === q.get('grafiek')) ??
    'voldoetAanMinimumeisen') as VraagSleutel;

  ctx.render(
    kiezer,
    p(
      `${overview.totaal} organisaties actief in ${gemeenteNaam(gemeente)}, stand op ${datum(overview.peildatum)}. `,
      `${overview.teBeoordelenDitJaar} te beoordelen dit jaar, ${overview.gedektDoorAfspraak} onder een afspraak met een andere penvoerder.`,
    ),
    ctx.session?.rol === 'supervisor'
      ? h('div', { class: 'app-actions' }, buttonLink('#/organisaties/nieuw', 'Organisatie registreren', 'primary'))
      : null,
    section('De drie toezichtvragen', 2, countCards(overview, pageQuery)),
    chartSection(overview, initialChart),
    h(
      'section',
      { class: 'app-section', 'aria-labelledby': filtersId },
      heading(2, 'Organisaties', { id: filtersId }),
      filterForm(ctx, gemeente, filtersId),
      h(
        'p',
        { class: 'utrecht-paragraph', role: 'status' },
        active.length > 0
          ? `Gefilterd op ${active.join(', ')}: ${list.paginering.totaal} gevonden.`
          : `${list.paginering.totaal} organisaties.`,
      ),
      list.organisaties.length > 0 ? resultsTable(list) : p('Geen organisaties gevonden met deze filters.'),
      pagination(list.paginering, pageQuery),
    ),
  );
}
