import { CommandSender } from '../commands.ts';
import { h, replaceChildren } from '../dom.ts';
import { ConfirmStep, FormController, formActions, textValue } from '../forms.ts';
import { datum, vandaag } from '../labels.ts';
import { orgFormFrame } from '../org-form.ts';
import { afspraakGegevens, mayEndAgreement } from '../org-parts.ts';
import type { PageContext } from '../page.ts';
import { gemeenteNaam } from '../reference.ts';
import { alert, heading, link, p } from '../ui.ts';

/**
 * End an agreement between gemeenten (`DELETE …/afspraken/{afspraakId}?perDatum=`): any gemeente
 * that takes part may. Ending cannot be undone, so the form asks to confirm first.
 */
export async function afspraakBeeindigenPage(ctx: PageContext): Promise<void> {
  const frame = await orgFormFrame(ctx, 'Afspraak beëindigen');
  if (!frame) return;
  const afspraakId = ctx.route.params.afspraakId ?? '';
  const afspraak = () => frame.org.afspraken.find((a) => a.afspraakId === afspraakId);
  const gegevens = h('div');
  const drawAgreement = (): boolean => {
    const a = afspraak();
    replaceChildren(gegevens, a ? afspraakGegevens(a) : null);
    return a !== undefined && mayEndAgreement(a, ctx.session);
  };
  if (!drawAgreement()) {
    const a = afspraak();
    ctx.render(
      frame.summary,
      gegevens,
      alert('info', a ? 'Deze afspraak kunt u niet beëindigen' : 'Deze afspraak bestaat niet', [
        p(
          a
            ? 'Alleen een toezichthouder van een gemeente die aan de afspraak deelneemt, beëindigt een afspraak die nog geldt of nog moet ingaan.'
            : 'De organisatie heeft geen afspraak met dit kenmerk.',
        ),
      ]),
      p(link(frame.backHref, 'Terug naar de organisatie')),
    );
    return;
  }

  const form = new FormController('formulier-titel');
  form.add(
    p(
      'Na het beëindigen houdt elke gemeente weer zelf toezicht op de organisatie, tot er een nieuwe afspraak is. Beëindigen kan niet ongedaan worden gemaakt; u kunt wel een nieuwe afspraak maken.',
    ),
  );
  form.text({
    name: 'perDatum',
    label: 'Geldt niet meer vanaf',
    description:
      'De eerste dag waarop de afspraak niet meer geldt. Een datum op of vóór de ingangsdatum betekent dat de afspraak nooit is ingegaan.',
    type: 'date',
    value: vandaag(),
  });
  const actions = formActions('Afspraak beëindigen', frame.backHref);
  form.add(actions);
  const step = new ConfirmStep(form, actions, {
    title: 'Weet u zeker dat u deze afspraak wilt beëindigen?',
    confirm: 'Ja, afspraak beëindigen',
    describe: () => {
      const a = afspraak();
      return [
        p(
          `De afspraak met penvoerder ${gemeenteNaam(a?.penvoerder)} tussen ${(a?.gemeenten ?? []).map((g) => gemeenteNaam(g)).join(', ')} geldt niet meer vanaf ${datum(textValue(form.form, 'perDatum') || vandaag())}.`,
        ),
        p('Dit kan niet ongedaan worden gemaakt.'),
      ];
    },
  });

  const sender = new CommandSender(form);
  form.form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!step.confirmed()) return;
    void frame
      .send(
        sender,
        'DELETE',
        `/afspraken/${encodeURIComponent(afspraakId)}`,
        { query: { perDatum: textValue(form.form, 'perDatum') } },
        {
          afterRefresh: drawAgreement,
          refusals: {
            'agreement-already-ended': { reason: 'Deze afspraak is al beëindigd; het eerste einde blijft staan.' },
            'actor-not-party-to-agreement': {
              reason: 'Uw gemeente neemt niet deel aan deze afspraak en kan haar daarom niet beëindigen.',
            },
            'agreement-not-found': { reason: 'De organisatie heeft geen afspraak met dit kenmerk.' },
          },
        },
      )
      .then((response) => {
        if (response) frame.backAfter(response, 'afspraak-beeindigd');
        else step.reset();
      });
  });

  ctx.render(frame.summary, heading(2, 'De afspraak'), gegevens, heading(2, 'Beëindigen'), form.form);
}
