import { ApiError, api } from '../api.ts';
import { type Child, h, replaceChildren, uid } from '../dom.ts';
import { FormController, textValue, whileBusy } from '../forms.ts';
import { ANTWOORD_SERIES, antwoordBadge, datum, datumTijd, VRAAG_SLEUTELS, VRAGEN, vandaag } from '../labels.ts';
import type { PageContext } from '../page.ts';
import { gemeenteNaam, ref, sectorNaam } from '../reference.ts';
import type { AfstemmingOrganisatie, GemeenteOrganisatie, GemeenteVerwijzing } from '../types.ts';
import { alert, button, dataList, errorAlert, heading, link, p, table } from '../ui.ts';
import type { CampagneGemeente } from './campagne.ts';

/** `GET /v1/audit/integriteit`. */
export interface Integriteit {
  readonly intact: boolean;
  readonly stromenGecontroleerd: number;
  readonly gebeurtenissenGecontroleerd: number;
  readonly gebrokenSchakels: readonly GebrokenSchakel[];
}

interface GebrokenSchakel {
  readonly stroom: string;
  readonly versie: number;
  readonly reden: string;
  readonly toelichting: string;
  readonly details: string;
}

/** `GET /v1/audit/reconstructie?peildatum=…[&gemeente=…]`. */
export interface Reconstructie {
  readonly peildatum: string;
  readonly gemeente: GemeenteVerwijzing | null;
  readonly grondslag: {
    readonly vastgelegdTotEnMet: string;
    readonly gebeurtenissen: number;
    readonly organisaties: number;
  };
  readonly integriteit: Integriteit;
  /** With a gemeente: its overview as it was. */
  readonly organisaties?: readonly GemeenteOrganisatie[];
  /** Without a gemeente: the number of organisations per gemeente. */
  readonly gemeenten?: readonly { gemeente: GemeenteVerwijzing; organisaties: number }[];
  readonly afstemming: readonly AfstemmingOrganisatie[];
  readonly toezichtcampagnes: readonly CampagneGemeente[];
}

const REDEN: Record<string, string> = {
  'inhoud-gewijzigd': 'inhoud gewijzigd',
  'schakel-verbroken': 'schakel verbroken',
  'versie-ontbreekt': 'versie ontbreekt',
  'verkeerde-stroom': 'verkeerde stroom',
};

function integriteitResultaat(data: Integriteit, live: boolean): Child[] {
  const broken = data.gebrokenSchakels;
  return [
    data.intact
      ? alert(
          'ok',
          'De keten is intact',
          [p('Elke gebeurtenis sluit aan op de vorige; er is niets gewijzigd, weggelaten of tussengevoegd.')],
          live,
        )
      : alert(
          'error',
          `De keten is verbroken in ${broken.length} ${broken.length === 1 ? 'stroom' : 'stromen'}`,
          [p('Gebeurtenissen vanaf de genoemde versie zijn niet te vertrouwen.')],
          live,
        ),
    dataList([
      ['Gecontroleerde stromen (organisaties)', String(data.stromenGecontroleerd)],
      ['Gecontroleerde gebeurtenissen', String(data.gebeurtenissenGecontroleerd)],
    ]),
    broken.length > 0
      ? table<GebrokenSchakel>(
          'Gebroken schakels (de eerste van elke stroom)',
          [
            { header: 'Stroom', rowHeader: true, cell: (b) => b.stroom },
            { header: 'Versie', numeric: true, cell: (b) => String(b.versie) },
            { header: 'Reden', cell: (b) => REDEN[b.reden] ?? b.reden },
            { header: 'Toelichting', cell: (b) => [b.toelichting, h('br'), h('code', null, b.details)] },
          ],
          broken,
        )
      : null,
  ];
}

function tellingen(organisaties: readonly GemeenteOrganisatie[]): HTMLElement {
  const count = (vraag: keyof GemeenteOrganisatie['antwoorden'], antwoord: string): number =>
    organisaties.filter((o) => o.antwoorden[vraag] === antwoord).length;
  return dataList(
    VRAAG_SLEUTELS.map((vraag) => [
      `${VRAGEN[vraag].code} ${VRAGEN[vraag].kort}`,
      ANTWOORD_SERIES[vraag].map((s) => `${count(vraag, s.key)} ${s.label}`).join(', '),
    ]),
  );
}

function reconstructieResultaat(data: Reconstructie): Child[] {
  const waar = data.gemeente ? ` in ${data.gemeente.naam ?? gemeenteNaam(data.gemeente.gemeentecode)}` : '';
  const gaps = data.afstemming.filter((o) => o.tekortkomingen.length > 0).length;
  return [
    alert(
      data.integriteit.intact ? 'info' : 'warning',
      `Reconstructie op ${datum(data.peildatum)}${waar}`,
      [
        p(
          `Opnieuw afgespeeld: ${data.grondslag.gebeurtenissen} gebeurtenissen, vastgelegd tot en met ${datumTijd(data.grondslag.vastgelegdTotEnMet)}; `,
          `${data.grondslag.organisaties} organisaties.`,
        ),
        data.integriteit.intact
          ? p('De hashketen van deze gebeurtenissen is intact.')
          : p(
              `Let op: de keten is verbroken in ${data.integriteit.gebrokenSchakels.length} stromen; `,
              'voor die organisaties stopt de reconstructie bij de gebroken schakel.',
            ),
      ],
      true,
    ),
    data.organisaties
      ? [
          heading(3, `Overzicht${waar} op ${datum(data.peildatum)}`),
          tellingen(data.organisaties),
          data.organisaties.length > 0
            ? table<GemeenteOrganisatie>(
                `Organisaties${waar} op ${datum(data.peildatum)}`,
                [
                  {
                    header: 'Organisatie',
                    rowHeader: true,
                    cell: (o) => link(`#/organisaties/${encodeURIComponent(o.organisatieId)}`, o.naam),
                  },
                  { header: 'KvK-nummer', cell: (o) => o.kvkNummer },
                  { header: 'Sector', cell: (o) => sectorNaam(o.sector) },
                  { header: 'Q1', cell: (o) => antwoordBadge(o.antwoorden.meldcodeBeschikbaar) },
                  { header: 'Q2', cell: (o) => antwoordBadge(o.antwoorden.voldoetAanMinimumeisen) },
                  { header: 'Q3', cell: (o) => antwoordBadge(o.antwoorden.bevorderingKennisEnGebruik) },
                ],
                data.organisaties,
              )
            : p('Op die dag was hier nog geen organisatie geregistreerd.'),
        ]
      : null,
    data.gemeenten
      ? [
          heading(3, `Organisaties per gemeente op ${datum(data.peildatum)}`),
          data.gemeenten.length > 0
            ? table<{ gemeente: GemeenteVerwijzing; organisaties: number }>(
                'Aantal organisaties per gemeente',
                [
                  {
                    header: 'Gemeente',
                    rowHeader: true,
                    cell: (g) =>
                      `${g.gemeente.naam ?? gemeenteNaam(g.gemeente.gemeentecode)} (${g.gemeente.gemeentecode})`,
                  },
                  { header: 'Organisaties', numeric: true, cell: (g) => String(g.organisaties) },
                ],
                [...data.gemeenten].sort((a, b) => b.organisaties - a.organisaties),
              )
            : p('Op die dag was er nog geen organisatie geregistreerd.'),
        ]
      : null,
    heading(3, 'Afstemming en campagnes'),
    dataList([
      ['Organisaties in meer gemeenten', String(data.afstemming.length)],
      ['Daarvan met tekortkomingen', String(gaps)],
      [
        'Campagnes',
        data.toezichtcampagnes.length === 0
          ? 'geen'
          : data.toezichtcampagnes
              .map(
                (c) =>
                  `${c.gemeente.naam ?? gemeenteNaam(c.gemeente.gemeentecode)} ${c.jaar}: ${c.uitgevoerd} van ${c.gepland} uitgevoerd`,
              )
              .join('; '),
      ],
    ]),
  ];
}

/** For auditors: verify the hash chains, and rebuild the views as they were on a date. */
export function auditPage(ctx: PageContext): void {
  ctx.title('Audit');
  if (ctx.session?.rol !== 'auditor') {
    ctx.render(
      alert('warning', 'Alleen voor auditors', [
        p('Log in met de rol Auditor om de integriteit te controleren en te reconstrueren.'),
      ]),
    );
    return;
  }

  const integriteitId = uid('integriteit');
  const integriteitUit = h('div', { class: 'app-result', 'aria-live': 'polite' });
  const integriteitKnop = button('Integriteit controleren', { appearance: 'primary' });
  integriteitKnop.addEventListener('click', async () => {
    integriteitKnop.disabled = true;
    replaceChildren(integriteitUit, p('Bezig met controleren…'));
    try {
      const data = (await api<Integriteit>('GET', '/v1/audit/integriteit', { signal: ctx.signal })).data;
      replaceChildren(integriteitUit, integriteitResultaat(data, true));
    } catch (error) {
      if (!ctx.signal.aborted) replaceChildren(integriteitUit, errorAlert(error, 'De controle is mislukt'));
    } finally {
      integriteitKnop.disabled = false;
    }
  });

  const reconstructieId = uid('reconstructie');
  const form = new FormController(reconstructieId);
  form.text({
    name: 'peildatum',
    label: 'Peildatum',
    description: 'De dag waarvan u wilt zien wat er toen bekend was.',
    type: 'date',
    value: vandaag(),
    max: vandaag(),
  });
  form.select({
    name: 'gemeente',
    label: 'Gemeente (niet verplicht)',
    placeholder: 'Alle gemeenten',
    choices: [...ref().gemeenten]
      .sort((a, b) => a.naam.localeCompare(b.naam, 'nl'))
      .map((g) => ({ value: g.code, label: `${g.naam} (${g.code})` })),
  });
  form.add(h('div', { class: 'app-actions' }, button('Reconstrueren', { type: 'submit', appearance: 'primary' })));
  const reconstructieUit = h('div', { class: 'app-result' });
  form.form.addEventListener('submit', (event) => {
    event.preventDefault();
    const peildatum = textValue(form.form, 'peildatum');
    const gemeente = textValue(form.form, 'gemeente');
    void whileBusy(form.form, async () => {
      replaceChildren(reconstructieUit, p('Bezig met reconstrueren…'));
      try {
        const data = (
          await api<Reconstructie>('GET', '/v1/audit/reconstructie', {
            query: { peildatum, gemeente },
            signal: ctx.signal,
          })
        ).data;
        form.clearErrors();
        replaceChildren(reconstructieUit, reconstructieResultaat(data));
      } catch (error) {
        replaceChildren(reconstructieUit);
        if (error instanceof ApiError && error.status === 400 && error.invalidParams.length > 0)
          form.showErrors(error.invalidParams);
        else if (!ctx.signal.aborted)
          replaceChildren(reconstructieUit, errorAlert(error, 'De reconstructie is mislukt'));
      }
    });
  });

  ctx.render(
    h(
      'section',
      { class: 'app-section', 'aria-labelledby': integriteitId },
      heading(2, 'Integriteit van het gebeurtenissenlogboek', { id: integriteitId }),
      p(
        'Controleert voor elke organisatie de hashketen van haar gebeurtenissen: is er iets gewijzigd, weggelaten of tussengevoegd?',
      ),
      h('div', { class: 'app-actions' }, integriteitKnop),
      integriteitUit,
    ),
    h(
      'section',
      { class: 'app-section', 'aria-labelledby': reconstructieId },
      heading(2, 'Reconstructie op een datum', { id: reconstructieId }),
      p(
        'Bouwt de overzichten opnieuw op uit de gebeurtenissen die tot en met die dag zijn vastgelegd, met dezelfde regels als de projecties.',
      ),
      form.form,
      reconstructieUit,
    ),
  );
}
