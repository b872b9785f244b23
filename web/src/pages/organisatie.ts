import { api } from '../api.ts';
import type { Session } from '../auth.ts';
import { type Child, h, uid } from '../dom.ts';
import {
  antwoordBadge,
  BRON,
  CAMPAGNE_REDEN,
  datum,
  datumTijd,
  ELEMENT_STATUS,
  GEBEURTENIS,
  MAATREGEL_SOORT,
  OORDEEL,
  VRAGEN,
  type VraagSleutel,
} from '../labels.ts';
import { afspraakGegevens, afspraakStatus, gemeentenLijst, mayEndAgreement } from '../org-parts.ts';
import { loadOrganisation } from '../organisation-data.ts';
import type { PageContext } from '../page.ts';
import { elementTitel, gemeenteNaam, sectorNaam } from '../reference.ts';
import type {
  Afspraak,
  Bevinding,
  ElementControle,
  Gebeurtenis,
  Maatregel,
  MinimumeisenControle,
  Organisatie,
  ToezichtonderzoekUit,
} from '../types.ts';
import { alert, buttonLink, dataList, errorAlert, heading, link, p, section, statusLine, table, ul } from '../ui.ts';

const MELDINGEN: Record<string, string> = {
  geregistreerd: 'De organisatie is geregistreerd.',
  meldcode: 'De meldcode is ingediend en beoordeeld.',
  toezichtonderzoek: 'Het toezichtonderzoek is vastgelegd.',
  afspraak: 'De afspraak is vastgelegd.',
  'afspraak-beeindigd': 'De afspraak is beëindigd.',
  'gemeenten-toegevoegd': 'De gemeenten zijn toegevoegd.',
  'gemeenten-ongewijzigd': 'Er is niets veranderd: de organisatie was al actief in deze gemeenten.',
};

const Q3_REDEN: Record<string, string> = {
  'geen-maatregelen-bekend': 'Er zijn geen maatregelen bekend.',
  'geen-recente-maatregel': 'Er is in de afgelopen 12 maanden geen maatregel genomen.',
  'bereik-te-laag': 'De maatregelen van de afgelopen 12 maanden bereikten niet de meeste medewerkers (50% of minder).',
  'recente-maatregel-bereikt-meeste-medewerkers':
    'Een maatregel van de afgelopen 12 maanden bereikte de meeste medewerkers.',
  'recente-maatregel-bereik-onbekend': 'Er is een maatregel in de afgelopen 12 maanden; het bereik is niet opgegeven.',
};

function bevindingTekst<A extends string>(bevinding: Bevinding<A> | null): Child {
  if (!bevinding) return 'Nog geen bevinding van het toezicht.';
  return [
    `${bevinding.antwoord} (toezichtonderzoek van ${datum(bevinding.uitgevoerdOp)} namens ${gemeenteNaam(bevinding.gemeente)}`,
    bevinding.toezichthouder ? `, ${bevinding.toezichthouder}` : '',
    ')',
    bevinding.actueel ? '' : '. Niet meer actueel: er is daarna een nieuwe meldcode ingediend.',
    bevinding.toelichting ? h('br') : null,
    bevinding.toelichting ? `Toelichting: ${bevinding.toelichting}` : null,
  ];
}

function vraagBlok(vraag: VraagSleutel, antwoord: string, bron: string, ...inhoud: Child[]): HTMLElement {
  const titleId = uid('vraag');
  const tone =
    antwoord === 'ja' || antwoord === 'voldoende'
      ? 'ja'
      : antwoord === 'nee' || antwoord === 'onvoldoende'
        ? 'nee'
        : 'onbekend';
  return h(
    'section',
    { class: `app-question app-question--${tone}`, 'aria-labelledby': titleId, 'data-vraag': VRAGEN[vraag].code },
    heading(3, `${VRAGEN[vraag].code}. ${VRAGEN[vraag].vraag}`, { id: titleId }),
    h(
      'p',
      { class: 'utrecht-paragraph app-question__answer' },
      h('span', null, 'Antwoord: '),
      h('span', { 'data-antwoord': vraag }, antwoordBadge(antwoord)),
      h('span', null, `(${BRON[bron] ?? bron})`),
    ),
    ...inhoud,
  );
}

function elementenTabel(
  zelf: MinimumeisenControle,
  toezicht: MinimumeisenControle | null,
  sector: string,
): HTMLElement {
  const toezichtPer = new Map((toezicht?.elementen ?? []).map((e) => [e.element, e]));
  const statusCel = (e: ElementControle | undefined): Child => {
    if (!e) return '—';
    const tekst = ELEMENT_STATUS[e.status] ?? e.status;
    return [
      e.status === 'ontbreekt' ? h('strong', null, tekst) : tekst,
      e.toelichting ? h('span', { class: 'app-timeline__meta' }, ` (${e.toelichting})`) : null,
    ];
  };
  const wrapper = table<ElementControle>(
    `Elementen en stappen van de meldcode, beoordeeld naar de stand van ${datum(zelf.beoordeeldOp)}`,
    [
      { header: 'Element of stap', rowHeader: true, cell: (e) => e.titel || elementTitel(e.element, sector) },
      { header: 'Opgegeven door de organisatie', cell: (e) => statusCel(e) },
      ...(toezicht
        ? [
            {
              header: 'Bevinding van het toezicht',
              cell: (e: ElementControle) => statusCel(toezichtPer.get(e.element)),
            },
          ]
        : []),
      { header: 'Wettelijke grondslag', cell: (e) => e.grondslag },
    ],
    zelf.elementen,
  );
  // Mark the rows of missing elements, so they stand out beyond the word "ontbreekt".
  const rows = wrapper.querySelectorAll('tbody tr');
  zelf.elementen.forEach((e, i) => {
    if (e.status === 'ontbreekt' || toezichtPer.get(e.element)?.status === 'ontbreekt')
      rows[i]?.classList.add('app-missing');
  });
  return wrapper;
}

function toezichtstatusSectie(org: Organisatie): HTMLElement {
  const { meldcodeBeschikbaar: q1, voldoetAanMinimumeisen: q2, bevorderingKennisEnGebruik: q3 } = org.toezichtstatus;
  const ontbrekend = [
    ...new Set([
      ...(q2.antwoord === 'nee'
        ? q2.bron === 'toezichtonderzoek'
          ? (q2.toezichtonderzoek?.controle?.ontbrekend ?? [])
          : q2.zelfverklaring.ontbrekend
        : []),
    ]),
  ];
  const zelfControle = q2.zelfverklaring;
  const toezichtControle = q2.toezichtonderzoek?.controle ?? null;

  const q1Blok = vraagBlok(
    'meldcodeBeschikbaar',
    q1.antwoord,
    q1.bron,
    dataList([
      [
        'Meldcode',
        org.meldcode
          ? `versie ${org.meldcode.versie}, vastgesteld op ${datum(org.meldcode.vastgesteldOp)}`
          : 'Geen meldcode bekend.',
      ],
      ['Wettelijke plicht', q1.grondslag ?? 'Geen wettelijke plicht voor deze sector.'],
      ['Toezicht', bevindingTekst(q1.toezichtonderzoek)],
    ]),
  );

  const q2Blok = vraagBlok(
    'voldoetAanMinimumeisen',
    q2.antwoord,
    q2.bron,
    ontbrekend.length > 0
      ? h(
          'div',
          { class: 'app-missing-list' },
          p(h('strong', null, `Ontbreekt (${ontbrekend.length}):`)),
          ul(
            ontbrekend.map((id) => {
              const e = [...zelfControle.elementen, ...(toezichtControle?.elementen ?? [])].find(
                (x) => x.element === id,
              );
              return h(
                'span',
                { 'data-ontbrekend': id },
                e?.titel ?? elementTitel(id, org.sector),
                e ? ` (${e.grondslag})` : '',
              );
            }),
          ),
        )
      : null,
    q2.antwoord === 'onbekend' && zelfControle.elementen.length === 0
      ? p('Er is nog geen meldcode om te beoordelen.')
      : elementenTabel(zelfControle, toezichtControle, org.sector),
    zelfControle.adviezen.length > 0
      ? h(
          'div',
          null,
          heading(4, 'Adviezen (aanbevelingen, geen wettelijke eis)'),
          ul(
            zelfControle.adviezen.map(
              (a) =>
                `${a.titel}: ${a.status === 'aanwezig' ? 'aanwezig' : a.status === 'afwezig' ? 'niet aanwezig, advies om toe te voegen' : 'onbekend'}`,
            ),
          ),
        )
      : null,
    dataList([['Toezicht', bevindingTekst(q2.toezichtonderzoek)]]),
  );

  const zelfQ3 = q3.zelfverklaring;
  const recent = new Set(zelfQ3.recenteMaatregelen.map((m) => `${m.soort}|${m.datum}|${m.bereikPercentage ?? ''}`));
  const q3Blok = vraagBlok(
    'bevorderingKennisEnGebruik',
    q3.antwoord,
    q3.bron,
    p(Q3_REDEN[zelfQ3.reden] ?? zelfQ3.reden, ` Wettelijke grondslag: ${zelfQ3.grondslag}.`),
    zelfQ3.maatregelen.length > 0
      ? table<Maatregel>(
          `Maatregelen voor kennis en gebruik (telt mee: vanaf ${datum(zelfQ3.vensterVanaf)})`,
          [
            { header: 'Maatregel', rowHeader: true, cell: (m) => MAATREGEL_SOORT[m.soort] ?? m.soort },
            { header: 'Datum', cell: (m) => datum(m.datum) },
            {
              header: 'Bereik',
              numeric: true,
              cell: (m) => (m.bereikPercentage === null ? 'onbekend' : `${m.bereikPercentage}%`),
            },
            {
              header: 'Telt mee',
              cell: (m) =>
                recent.has(`${m.soort}|${m.datum}|${m.bereikPercentage ?? ''}`) ? 'ja' : 'nee, ouder dan 12 maanden',
            },
          ],
          zelfQ3.maatregelen,
        )
      : null,
    dataList([['Toezicht', bevindingTekst(q3.toezichtonderzoek)]]),
  );

  return section(`Toezichtstatus op ${datum(org.peildatum)}`, 2, q1Blok, q2Blok, q3Blok);
}

/** The page of the form that ends an agreement. */
const beeindigenHref = (org: Organisatie, a: Afspraak): string =>
  `#/organisaties/${encodeURIComponent(org.id)}/afspraken/${encodeURIComponent(a.afspraakId)}/beeindigen`;

function afspraakSectie(org: Organisatie, session: Session | null): HTMLElement {
  const overige = org.afspraken.filter((a) => a.afspraakId !== org.huidigeAfspraak?.afspraakId);
  const huidige = org.huidigeAfspraak;
  const endable = overige.filter((a) => mayEndAgreement(a, session));
  return section(
    'Afspraak',
    2,
    huidige
      ? [
          afspraakGegevens(huidige),
          mayEndAgreement(huidige, session)
            ? h('div', { class: 'app-actions' }, buttonLink(beeindigenHref(org, huidige), 'Afspraak beëindigen'))
            : null,
        ]
      : p(
          org.gemeenten.length > 1
            ? 'Er is geen geldige afspraak tussen de gemeenten.'
            : 'De organisatie is in één gemeente actief; een afspraak is niet nodig.',
        ),
    overige.length > 0
      ? table<Afspraak>(
          'Eerdere en toekomstige afspraken',
          [
            { header: 'Penvoerder', rowHeader: true, cell: (a) => gemeenteNaam(a.penvoerder) },
            { header: 'Geldig', cell: (a) => `${datum(a.geldigVanaf)} – ${datum(a.geldigTot)}` },
            { header: 'Status', cell: (a) => afspraakStatus(a) },
            { header: 'Vragen', cell: (a) => a.vragen.join(', ') },
            ...(endable.length > 0
              ? [
                  {
                    header: 'Beëindigen',
                    cell: (a: Afspraak) =>
                      endable.includes(a)
                        ? link(beeindigenHref(org, a), [
                            'Beëindigen',
                            h('span', { class: 'app-visually-hidden' }, ` (afspraak vanaf ${datum(a.geldigVanaf)})`),
                          ])
                        : '—',
                  },
                ]
              : []),
          ],
          overige,
        )
      : null,
  );
}

function gebeurtenisSamenvatting(e: Gebeurtenis): string {
  const d = e.gegevens as Record<string, unknown>;
  const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);
  switch (e.type) {
    case 'OrganisationRegistered':
      return `${String(d.name ?? '')}, KvK ${String(d.kvkNumber ?? '')}, sector ${sectorNaam(String(d.sector ?? ''))}; actief in ${list(d.gemeenten).map(gemeenteNaam).join(', ')}`;
    case 'OrganisationActivityChanged': {
      const parts: string[] = [];
      if (list(d.added).length) parts.push(`erbij: ${list(d.added).map(gemeenteNaam).join(', ')}`);
      if (list(d.removed).length) parts.push(`eraf: ${list(d.removed).map(gemeenteNaam).join(', ')}`);
      return `${parts.join('; ')} (per ${datum(String(d.effectiveOn ?? ''))})`;
    }
    case 'MeldcodeSubmitted':
      return `Versie ${String(d.label ?? '')}, vastgesteld op ${datum(String(d.adoptedOn ?? ''))}; ${list(d.elements).length} elementen en stappen`;
    case 'SupervisionScheduled':
      return `Campagne ${String(d.campaignYear ?? '')} voor ${gemeenteNaam(String(d.gemeente ?? ''))}, uiterlijk ${datum(String(d.dueOn ?? ''))}; ${list(
        d.reasons,
      )
        .map((r) => CAMPAGNE_REDEN[r] ?? r)
        .join(', ')}`;
    case 'SupervisionCompleted':
      return `Namens ${gemeenteNaam(String(d.gemeente ?? ''))} op ${datum(String(d.performedOn ?? ''))}: ${OORDEEL[String(d.verdict)] ?? String(d.verdict ?? '')}`;
    case 'AgreementMade':
      return `Penvoerder ${gemeenteNaam(String(d.lead ?? ''))} met ${list(d.gemeenten).length} gemeenten, ${datum(String(d.validFrom ?? ''))} tot en met ${datum(String(d.validUntil ?? ''))}`;
    case 'AgreementEnded':
      return `Per ${datum(String(d.endedOn ?? ''))}${d.reason ? `: ${String(d.reason)}` : ''}`;
    default:
      return '';
  }
}

function tijdlijn(events: readonly Gebeurtenis[]): HTMLElement {
  return h(
    'ol',
    { class: 'app-timeline' },
    events.map((e) =>
      h(
        'li',
        { class: 'app-timeline__item' },
        h(
          'p',
          { class: 'utrecht-paragraph' },
          h('strong', null, GEBEURTENIS[e.type] ?? e.type),
          ` — ${gebeurtenisSamenvatting(e)}`,
        ),
        h(
          'p',
          { class: 'utrecht-paragraph app-timeline__meta' },
          `Gebeurd ${datum(e.gebeurdOp)}, vastgelegd ${datumTijd(e.vastgelegdOp)}`,
          e.gemeente ? ` door ${gemeenteNaam(e.gemeente)}` : '',
          ` (${e.rol}), versie ${e.versie}`,
        ),
      ),
    ),
  );
}

export async function organisatiePage(ctx: PageContext): Promise<void> {
  const id = ctx.route.params.id ?? '';
  const expected = Number.parseInt(ctx.route.query.get('versie') ?? '', 10);
  ctx.title('Organisatie');
  ctx.render(statusLine(Number.isFinite(expected) ? 'De gegevens worden bijgewerkt…' : 'De gegevens worden geladen…'));
  let org: Organisatie;
  let stale = false;
  try {
    const response = await loadOrganisation(id, ctx.signal, Number.isFinite(expected) ? expected : undefined);
    org = response.data;
    stale = response.stale;
  } catch (error) {
    if (ctx.signal.aborted) return;
    ctx.render(errorAlert(error, 'De organisatie kon niet worden geladen'), p(buttonLink('#/', 'Naar het overzicht')));
    return;
  }
  const path = `/v1/organisaties/${encodeURIComponent(id)}`;
  const [events, supervisions] = await Promise.allSettled([
    api<{ gebeurtenissen: Gebeurtenis[] }>('GET', `${path}/gebeurtenissen`, { signal: ctx.signal }),
    api<{ toezichtonderzoeken: ToezichtonderzoekUit[] }>('GET', `${path}/toezichtonderzoeken`, { signal: ctx.signal }),
  ]);
  if (ctx.signal.aborted) return;

  ctx.title(org.naam);
  const melding = ctx.route.query.get('melding');
  const supervisor = ctx.session?.rol === 'supervisor';
  const base = `#/organisaties/${encodeURIComponent(org.id)}`;
  ctx.render(
    melding && MELDINGEN[melding] ? alert('ok', MELDINGEN[melding], [], true) : null,
    stale
      ? alert(
          'warning',
          'De gegevens zijn mogelijk nog niet bijgewerkt',
          [p('Vernieuw de pagina over enkele ogenblikken.')],
          true,
        )
      : null,
    dataList([
      ['KvK-nummer', org.kvkNummer],
      org.vestigingsnummer ? ['Vestigingsnummer', org.vestigingsnummer] : null,
      org.lrkNummer ? ['LRK-nummer', org.lrkNummer] : null,
      ['Sector', sectorNaam(org.sector)],
      ['Bestaat sinds', datum(org.bestaatSinds)],
      [
        'Toezicht door',
        org.toezichtDoorGemeente
          ? 'de gemeente'
          : org.toezichtDoor === 'none' || org.toezichtDoor === 'geen'
            ? 'niemand (geen meldcodeplicht)'
            : org.toezichtDoor,
      ],
      [
        'Laatste oordeel',
        org.oordeel
          ? `${OORDEEL[org.oordeel] ?? org.oordeel}${org.herstelTermijn ? `, herstel uiterlijk ${datum(org.herstelTermijn)}${org.herstelTermijnVerstreken ? ' (verstreken)' : ''}` : ''}`
          : 'nog geen toezichtonderzoek',
      ],
      [
        'Volgend toezicht',
        org.volgendToezicht
          ? `campagne ${org.volgendToezicht.campagnejaar}, uiterlijk ${datum(org.volgendToezicht.uiterlijk)} (${org.volgendToezicht.redenen.map((r) => CAMPAGNE_REDEN[r] ?? r).join(', ')})`
          : 'niet gepland',
      ],
      ['Versie', String(org.versie)],
    ]),
    supervisor
      ? h(
          'div',
          { class: 'app-actions' },
          buttonLink(`${base}/meldcode`, 'Meldcode indienen', 'primary'),
          org.toezichtDoorGemeente ? buttonLink(`${base}/toezichtonderzoek`, 'Toezichtonderzoek vastleggen') : null,
          org.gemeenten.length > 1 ? buttonLink(`${base}/afspraak`, 'Afspraak maken') : null,
        )
      : null,
    toezichtstatusSectie(org),
    section(
      'Gemeenten',
      2,
      gemeentenLijst(org),
      supervisor ? h('div', { class: 'app-actions' }, buttonLink(`${base}/gemeenten`, 'Gemeenten wijzigen')) : null,
    ),
    afspraakSectie(org, ctx.session),
    section(
      'Toezichtonderzoeken',
      2,
      supervisions.status === 'rejected'
        ? errorAlert(supervisions.reason, 'De toezichtonderzoeken konden niet worden geladen')
        : supervisions.value.data.toezichtonderzoeken.length === 0
          ? p('Er is nog geen toezichtonderzoek vastgelegd.')
          : table<ToezichtonderzoekUit>(
              'Uitgevoerde toezichtonderzoeken',
              [
                { header: 'Uitgevoerd op', rowHeader: true, cell: (t) => datum(t.uitgevoerdOp) },
                {
                  header: 'Namens',
                  cell: (t) => `${gemeenteNaam(t.gemeente)}${t.toezichthouder ? ` (${t.toezichthouder})` : ''}`,
                },
                { header: 'Oordeel', cell: (t) => OORDEEL[t.oordeel] ?? t.oordeel },
                { header: 'Vragen', cell: (t) => t.vragen.join(', ') },
                { header: 'Herstel uiterlijk', cell: (t) => datum(t.herstelTermijn) },
              ],
              supervisions.value.data.toezichtonderzoeken,
            ),
    ),
    section(
      'Tijdlijn',
      2,
      events.status === 'rejected'
        ? errorAlert(events.reason, 'De gebeurtenissen konden niet worden geladen')
        : tijdlijn(events.value.data.gebeurtenissen),
    ),
  );
}
