import { CommandSender, type Refusal } from '../commands.ts';
import { h, replaceChildren } from '../dom.ts';
import { ConfirmStep, FormController, formActions, gemeentenValue, optional, textValue } from '../forms.ts';
import { datum, vandaag } from '../labels.ts';
import { type OrgFormFrame, orgFormFrame } from '../org-form.ts';
import { gemeentenLijst } from '../org-parts.ts';
import type { PageContext } from '../page.ts';
import { gemeenteNaam } from '../reference.ts';
import { alert, buttonLink, heading, link, p, section } from '../ui.ts';

/** The refusals both forms explain at their date. */
const dateRefusals = (frame: OrgFormFrame): Record<string, Refusal> => ({
  'activity-before-organisation-existed': {
    field: 'perDatum',
    reason: `ligt vóór de datum waarop de organisatie bestaat (${datum(frame.org.bestaatSinds)})`,
  },
  'activity-date-in-future': { field: 'perDatum', reason: 'mag niet in de toekomst liggen' },
});

/** Also active in these gemeenten (`POST …/gemeenten`), as of a date. */
function toevoegenForm(frame: OrgFormFrame, titleId: string, afterRefresh: () => void): HTMLFormElement {
  const form = new FormController(titleId);
  form.textarea({
    name: 'gemeenten',
    label: 'Gemeenten',
    description:
      "Bij naam of code (bijvoorbeeld Amersfoort of GM0307), gescheiden door komma's. Een gemeente waar de organisatie al actief is, blijft zoals zij is.",
    rows: 2,
  });
  form.text({
    name: 'perDatum',
    label: 'Actief sinds',
    description: 'Sinds wanneer de organisatie in deze gemeenten actief is; niet in de toekomst.',
    type: 'date',
    value: vandaag(),
    max: vandaag(),
  });
  form.add(formActions('Gemeenten toevoegen', frame.backHref));
  const sender = new CommandSender(form);
  form.form.addEventListener('submit', (event) => {
    event.preventDefault();
    const gemeenten = gemeentenValue(form, 'gemeenten');
    if (!gemeenten) return;
    const body = optional({ gemeenten }, 'perDatum', textValue(form.form, 'perDatum'));
    void frame
      .send(sender, 'POST', '/gemeenten', { body }, { afterRefresh, refusals: dateRefusals(frame) })
      .then((response) => {
        if (!response) return;
        const changed = (response.data?.gebeurtenissen.length ?? 0) > 0;
        frame.backAfter(response, changed ? 'gemeenten-toegevoegd' : 'gemeenten-ongewijzigd');
      });
  });
  return form.form;
}

/**
 * No longer active in the supervisor's own gemeente (`DELETE …/gemeenten/{eigen}`): the API lets
 * a gemeente remove only itself, and never the last one. Afterwards the organisation is no longer
 * visible to that gemeente, so the page says so instead of returning to the organisation.
 */
function verwijderenForm(
  ctx: PageContext,
  frame: OrgFormFrame,
  titleId: string,
  afterRefresh: () => void,
): HTMLFormElement {
  const own = ctx.session?.gemeente ?? '';
  const others = () =>
    frame.org.gemeenten.filter((g) => g.gemeentecode !== own).map((g) => g.naam ?? gemeenteNaam(g.gemeentecode));
  const form = new FormController(titleId);
  form.add(
    p(
      `Is de organisatie gestopt in ${gemeenteNaam(own)}? Dan staat zij daarna niet meer in uw overzicht en kunt u haar niet meer openen. De andere gemeenten waar zij actief is, houden haar.`,
    ),
  );
  form.text({
    name: 'perDatum',
    label: 'Niet meer actief vanaf',
    description: 'De datum waarop de organisatie in uw gemeente is gestopt; niet in de toekomst.',
    type: 'date',
    value: vandaag(),
    max: vandaag(),
  });
  const actions = formActions(`Verwijderen uit ${gemeenteNaam(own)}`, frame.backHref);
  form.add(actions);
  const step = new ConfirmStep(form, actions, {
    title: `Weet u zeker dat de organisatie niet meer actief is in ${gemeenteNaam(own)}?`,
    confirm: `Ja, verwijderen uit ${gemeenteNaam(own)}`,
    describe: () => [
      p(
        `${frame.org.naam} is dan vanaf ${datum(textValue(form.form, 'perDatum') || vandaag())} niet meer actief in ${gemeenteNaam(own)}, wel in ${others().join(', ')}.`,
      ),
      p(
        'U ziet de organisatie daarna niet meer. Alleen een toezichthouder van een gemeente waar zij actief is, kan uw gemeente weer toevoegen.',
      ),
    ],
  });
  const sender = new CommandSender(form);
  form.form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!step.confirmed()) return;
    const perDatum = textValue(form.form, 'perDatum');
    void frame
      .send(
        sender,
        'DELETE',
        `/gemeenten/${encodeURIComponent(own)}`,
        { query: { perDatum } },
        {
          afterRefresh,
          refusals: {
            ...dateRefusals(frame),
            'last-gemeente-removed': {
              reason:
                'De organisatie is alleen nog in uw gemeente actief; zij moet in ten minste één gemeente actief blijven.',
            },
          },
        },
      )
      .then((response) => {
        if (!response) {
          step.reset();
          return;
        }
        const h1 = ctx.title('Gemeente verwijderd');
        ctx.render(
          alert('ok', `${frame.org.naam} is niet meer actief in ${gemeenteNaam(own)}`, [
            p(
              `Vanaf ${datum(perDatum || vandaag())}. De organisatie staat niet meer in uw overzicht; ${others().join(', ')} ${others().length === 1 ? 'ziet' : 'zien'} haar nog.`,
            ),
          ]),
          p(buttonLink('#/', 'Naar het overzicht', 'primary')),
        );
        h1.focus();
      });
  });
  return form.form;
}

/** Change the gemeenten where the organisation is active: add gemeenten, or remove one's own. */
export async function gemeentenPage(ctx: PageContext): Promise<void> {
  const frame = await orgFormFrame(ctx, 'Gemeenten wijzigen');
  if (!frame) return;
  const own = ctx.session?.gemeente ?? '';
  // After a 409/412 the frame reloads the organisation; the list of gemeenten follows it.
  const lijst = h('div', null, gemeentenLijst(frame.org));
  const drawList = () => replaceChildren(lijst, gemeentenLijst(frame.org));
  const toevoegenId = 'gemeenten-toevoegen';
  const verwijderenId = 'gemeente-verwijderen';
  ctx.render(
    frame.summary,
    section('Actief in', 2, lijst),
    h(
      'section',
      { class: 'app-section', 'aria-labelledby': toevoegenId },
      heading(2, 'Gemeenten toevoegen', { id: toevoegenId }),
      toevoegenForm(frame, toevoegenId, drawList),
    ),
    h(
      'section',
      { class: 'app-section', 'aria-labelledby': verwijderenId },
      heading(2, `Niet meer actief in ${gemeenteNaam(own)}`, { id: verwijderenId }),
      frame.org.gemeenten.length > 1
        ? verwijderenForm(ctx, frame, verwijderenId, drawList)
        : p(
            `De organisatie is alleen in ${gemeenteNaam(own)} actief, en zij moet in ten minste één gemeente actief blijven. Is zij naar een andere gemeente gegaan? Voeg die dan eerst hierboven toe.`,
          ),
    ),
    p(link(frame.backHref, 'Terug naar de organisatie')),
  );
}
