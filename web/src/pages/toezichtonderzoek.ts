import { CommandSender } from '../commands.ts';
import { h } from '../dom.ts';
import { checkedValues, FormController, optional, radioValue, textValue } from '../forms.ts';
import { VRAGEN, vandaag } from '../labels.ts';
import { orgFormFrame } from '../org-form.ts';
import type { PageContext } from '../page.ts';
import { gemeenteNaam, ref, variantOf } from '../reference.ts';
import { button, heading, link, p } from '../ui.ts';

/** Record a completed supervision with its findings per question. */
export async function toezichtonderzoekPage(ctx: PageContext): Promise<void> {
  const frame = await orgFormFrame(ctx, 'Toezichtonderzoek vastleggen');
  if (!frame) return;
  const own = ctx.session?.gemeente ?? '';
  const variant = variantOf(frame.org.sector);
  const form = new FormController('formulier-titel');
  form.add(p(`Het onderzoek is uitgevoerd namens de gemeente ${gemeenteNaam(own)}.`));
  form.text({
    name: 'toezichthouder',
    label: 'Toezichthouder (niet verplicht)',
    description: 'Bijvoorbeeld de GGD die het onderzoek namens de gemeente deed.',
  });
  form.text({ name: 'uitgevoerdOp', label: 'Uitgevoerd op', type: 'date', max: vandaag() });
  form.group({
    name: 'oordeel',
    label: 'Eindoordeel',
    kind: 'radio',
    choices: [
      { value: 'voldoet', label: 'Voldoet' },
      { value: 'voldoet-deels', label: 'Voldoet deels' },
      { value: 'voldoet-niet', label: 'Voldoet niet' },
    ],
  });

  const bevindingen = form.fieldset(
    'Bevindingen per vraag',
    'Laat een vraag op "niet beoordeeld" staan als het onderzoek haar niet behandelde.',
  );
  const jaNee = [
    { value: '', label: 'Niet beoordeeld' },
    { value: 'ja', label: 'Ja' },
    { value: 'nee', label: 'Nee' },
  ];
  const q1Set = form.fieldset(`Q1. ${VRAGEN.meldcodeBeschikbaar.vraag}`, undefined, bevindingen);
  form.group({
    name: 'bevindingen.meldcodeBeschikbaar.antwoord',
    label: 'Antwoord',
    kind: 'radio',
    choices: jaNee,
    checked: [''],
  });
  form.moveInto(q1Set, 'bevindingen.meldcodeBeschikbaar.antwoord');
  form.textarea({
    name: 'bevindingen.meldcodeBeschikbaar.toelichting',
    label: 'Toelichting (niet verplicht)',
    rows: 2,
    into: q1Set,
  });

  const q2Set = form.fieldset(`Q2. ${VRAGEN.voldoetAanMinimumeisen.vraag}`, undefined, bevindingen);
  form.group({
    name: 'bevindingen.voldoetAanMinimumeisen.antwoord',
    label: 'Antwoord',
    kind: 'radio',
    choices: jaNee,
    checked: [''],
  });
  form.moveInto(q2Set, 'bevindingen.voldoetAanMinimumeisen.antwoord');
  form.group({
    name: 'bevindingen.voldoetAanMinimumeisen.aanwezigeElementen',
    label: 'Aanwezige elementen en stappen volgens het onderzoek (niet verplicht)',
    description: 'Vink aan wat u in de meldcode hebt aangetroffen; dit gaat dan voor wat de organisatie opgaf.',
    kind: 'checkbox',
    choices: ref().elementen.map((e) => ({ value: e.id, label: e.titelPerVariant[variant] ?? e.titel })),
  });
  form.moveInto(q2Set, 'bevindingen.voldoetAanMinimumeisen.aanwezigeElementen');
  form.textarea({
    name: 'bevindingen.voldoetAanMinimumeisen.toelichting',
    label: 'Toelichting (niet verplicht)',
    rows: 2,
    into: q2Set,
  });

  const q3Set = form.fieldset(`Q3. ${VRAGEN.bevorderingKennisEnGebruik.vraag}`, undefined, bevindingen);
  form.group({
    name: 'bevindingen.bevorderingKennisEnGebruik.antwoord',
    label: 'Antwoord',
    kind: 'radio',
    checked: [''],
    choices: [
      { value: '', label: 'Niet beoordeeld' },
      { value: 'voldoende', label: 'Voldoende' },
      { value: 'onvoldoende', label: 'Onvoldoende' },
    ],
  });
  form.moveInto(q3Set, 'bevindingen.bevorderingKennisEnGebruik.antwoord');
  form.textarea({
    name: 'bevindingen.bevorderingKennisEnGebruik.toelichting',
    label: 'Toelichting (niet verplicht)',
    rows: 2,
    into: q3Set,
  });

  form.text({
    name: 'herstelTermijn',
    label: 'Hersteltermijn (niet verplicht)',
    description: 'De uiterste datum waarop de organisatie de tekortkomingen moet hebben hersteld.',
    type: 'date',
  });
  form.add(
    h(
      'div',
      { class: 'app-actions' },
      button('Toezichtonderzoek vastleggen', { type: 'submit', appearance: 'primary' }),
      link(frame.backHref, 'Annuleren'),
    ),
  );

  const sender = new CommandSender(form);
  form.form.addEventListener('submit', (event) => {
    event.preventDefault();
    const f = form.form;
    const finding = (key: string, extra: Record<string, unknown> = {}): Record<string, unknown> | undefined => {
      const antwoord = radioValue(f, `bevindingen.${key}.antwoord`);
      if (!antwoord) return undefined;
      return optional({ antwoord, ...extra }, 'toelichting', textValue(f, `bevindingen.${key}.toelichting`));
    };
    const elementen = checkedValues(f, 'bevindingen.voldoetAanMinimumeisen.aanwezigeElementen');
    const found: Record<string, unknown> = {};
    optional(found, 'meldcodeBeschikbaar', finding('meldcodeBeschikbaar'));
    optional(
      found,
      'voldoetAanMinimumeisen',
      finding('voldoetAanMinimumeisen', elementen.length > 0 ? { aanwezigeElementen: elementen } : {}),
    );
    optional(found, 'bevorderingKennisEnGebruik', finding('bevorderingKennisEnGebruik'));
    const body: Record<string, unknown> = {
      gemeente: own,
      uitgevoerdOp: textValue(f, 'uitgevoerdOp'),
      bevindingen: found,
    };
    optional(body, 'oordeel', radioValue(f, 'oordeel'));
    optional(body, 'toezichthouder', textValue(f, 'toezichthouder'));
    optional(body, 'herstelTermijn', textValue(f, 'herstelTermijn'));
    void frame.send(sender, 'POST', '/toezichtonderzoeken', { body }).then((response) => {
      if (response) frame.backAfter(response, 'toezichtonderzoek');
    });
  });

  ctx.render(frame.summary, heading(2, 'Gegevens van het onderzoek'), form.form);
}
