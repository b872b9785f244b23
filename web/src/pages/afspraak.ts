import { CommandSender } from '../commands.ts';
import { h } from '../dom.ts';
import { checkedValues, FormController, optional, textValue } from '../forms.ts';
import { VRAGEN, vandaag } from '../labels.ts';
import { orgFormFrame } from '../org-form.ts';
import type { PageContext } from '../page.ts';
import { gemeenteNaam } from '../reference.ts';
import { alert, button, heading, link, p } from '../ui.ts';

/** Make an agreement between the gemeenten where the organisation is active. */
export async function afspraakPage(ctx: PageContext): Promise<void> {
  const frame = await orgFormFrame(ctx, 'Afspraak maken');
  if (!frame) return;
  const org = frame.org;
  const own = ctx.session?.gemeente ?? '';
  if (org.gemeenten.length < 2) {
    ctx.render(
      frame.summary,
      alert('info', 'Een afspraak is niet nodig', [p('De organisatie is in één gemeente actief.')]),
      p(link(frame.backHref, 'Terug naar de organisatie')),
    );
    return;
  }
  const choices = org.gemeenten.map((g) => ({
    value: g.gemeentecode,
    label: `${g.naam ?? gemeenteNaam(g.gemeentecode)} (${g.gemeentecode})`,
  }));
  const form = new FormController('formulier-titel');
  form.group({
    name: 'gemeenten',
    label: 'Deelnemende gemeenten',
    description: 'Ten minste twee gemeenten waar de organisatie actief is.',
    kind: 'checkbox',
    checked: choices.map((c) => c.value),
    choices,
  });
  form.select({
    name: 'penvoerder',
    label: 'Penvoerder',
    description: 'De gemeente die het toezicht uitvoert namens alle deelnemers.',
    value: own,
    choices,
  });
  form.text({
    name: 'toezichthouder',
    label: 'Regionale toezichthouder (niet verplicht)',
    description: 'Bijvoorbeeld de GGD die voor alle deelnemers optreedt.',
  });
  form.group({
    name: 'vragen',
    label: 'Vragen waarover de afspraak gaat',
    kind: 'checkbox',
    checked: ['Q1', 'Q2', 'Q3'],
    choices: Object.values(VRAGEN).map((v) => ({ value: v.code, label: `${v.code}. ${v.vraag}` })),
  });
  form.checkbox({
    name: 'bevindingenDelen',
    label: 'De bevindingen worden gedeeld met alle deelnemers',
    checked: true,
  });
  form.text({ name: 'geldigVanaf', label: 'Geldig vanaf', type: 'date', value: vandaag() });
  form.text({ name: 'geldigTot', label: 'Geldig tot en met', type: 'date' });
  form.add(
    h(
      'div',
      { class: 'app-actions' },
      button('Afspraak vastleggen', { type: 'submit', appearance: 'primary' }),
      link(frame.backHref, 'Annuleren'),
    ),
  );

  const sender = new CommandSender(form);
  form.form.addEventListener('submit', (event) => {
    event.preventDefault();
    const f = form.form;
    const body: Record<string, unknown> = {
      gemeenten: checkedValues(f, 'gemeenten'),
      penvoerder: textValue(f, 'penvoerder'),
      vragen: checkedValues(f, 'vragen'),
      bevindingenDelen: checkedValues(f, 'bevindingenDelen').length > 0,
      geldigVanaf: textValue(f, 'geldigVanaf'),
      geldigTot: textValue(f, 'geldigTot'),
    };
    optional(body, 'toezichthouder', textValue(f, 'toezichthouder'));
    void frame.send(sender, 'POST', '/afspraken', { body }).then((response) => {
      if (response) frame.backAfter(response, 'afspraak');
    });
  });

  ctx.render(frame.summary, heading(2, 'Gegevens van de afspraak'), form.form);
}
