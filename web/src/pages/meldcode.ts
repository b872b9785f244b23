import { CommandSender } from '../commands.ts';
import { h, uid } from '../dom.ts';
import { checkedValues, FormController, optional, textValue } from '../forms.ts';
import { MAATREGEL_SOORT, vandaag } from '../labels.ts';
import { currentMeldcode, orgFormFrame } from '../org-form.ts';
import type { PageContext } from '../page.ts';
import { type ElementRef, ref, variantOf } from '../reference.ts';
import { button, heading, link } from '../ui.ts';

interface MeasureDraft {
  soort: string;
  datum: string;
  bereikPercentage: string;
}

function elementChoice(e: ElementRef, sector: string) {
  const variant = variantOf(sector);
  const applies = e.geldtVoor.includes(sector);
  const notes = [e.grondslag[variant]];
  if (e.vereistVanaf) notes.push(`vereist sinds ${e.vereistVanaf.split('-').reverse().join('-')}`);
  if (!applies) notes.push(`niet vereist voor deze sector: ${e.nietVanToepassingOmdat ?? 'niet van toepassing'}`);
  else if (e.voorwaardelijk) notes.push('indien van toepassing');
  return { value: e.id, label: e.titelPerVariant[variant] ?? e.titel, description: notes.join('; ') };
}

/** Submit a (new version of the) meldcode: the checklist of Besluit art. 2 and the Q3 measures. */
export async function meldcodePage(ctx: PageContext): Promise<void> {
  const frame = await orgFormFrame(ctx, 'Meldcode indienen');
  if (!frame) return;
  const sector = frame.org.sector;
  const current = await currentMeldcode(ctx, frame.org.id);
  if (ctx.signal.aborted) return;

  const form = new FormController('formulier-titel');
  form.text({
    name: 'versie',
    label: 'Versie van de meldcode',
    description: 'Zoals de organisatie haar noemt, bijvoorbeeld 2024-1.',
    size: 'medium',
  });
  form.text({
    name: 'vastgesteldOp',
    label: 'Vastgesteld op',
    description: 'De datum waarop de organisatie deze versie heeft vastgesteld.',
    type: 'date',
    max: vandaag(),
  });

  const checked = current ? [...current.elementen] : [];
  form.group({
    name: 'elementen',
    label: 'Elementen van de meldcode (Besluit verplichte meldcode, art. 2 lid 1)',
    description: current
      ? `Overgenomen uit de huidige meldcode (versie ${current.versie}); pas aan wat in deze versie anders is.`
      : 'Vink aan welke elementen de meldcode bevat.',
    kind: 'checkbox',
    checked,
    choices: ref()
      .elementen.filter((e) => e.soort === 'element')
      .map((e) => elementChoice(e, sector)),
  });
  form.group({
    name: 'elementen.stappen',
    inputName: 'elementen',
    label: 'Het stappenplan (art. 2 lid 2)',
    description: 'Vink aan welke stappen het stappenplan bevat.',
    kind: 'checkbox',
    checked,
    choices: ref()
      .elementen.filter((e) => e.soort === 'stap')
      .map((e) => elementChoice(e, sector)),
  });

  const advies = form.fieldset('Aanbevelingen (geen wettelijke eis)');
  form.checkbox({
    name: 'aandachtsfunctionaris',
    label: 'Er is een aandachtsfunctionaris aangewezen',
    checked: current?.aandachtsfunctionaris === true,
    into: advies,
  });
  form.checkbox({
    name: 'dossiervorming',
    label: 'Signalen, consultaties, besluiten en acties worden vastgelegd in het dossier',
    checked: current?.dossiervorming === true,
    into: advies,
  });

  // Measures for Q3: a list the person can grow and shrink. Field names follow the API's paths
  // (maatregelen[0].datum), so a server error lands on the exact input.
  const measures: MeasureDraft[] = [];
  const measuresSet = form.fieldset(
    'Maatregelen voor kennis en gebruik (vraag 3)',
    'Voorlichting, scholing of training sinds de vorige indiening. Eerder opgegeven maatregelen blijven meetellen.',
  );
  const measuresList = h('div', { class: 'app-measures' });
  const addButton = button('Maatregel toevoegen', { appearance: 'secondary' });
  measuresSet.append(measuresList, addButton);

  const readMeasures = (): void => {
    measures.forEach((m, i) => {
      m.soort = textValue(form.form, `maatregelen[${i}].soort`);
      m.datum = textValue(form.form, `maatregelen[${i}].datum`);
      m.bereikPercentage = textValue(form.form, `maatregelen[${i}].bereikPercentage`);
    });
  };
  const drawMeasures = (focusIndex?: number): void => {
    form.unregisterPrefix('maatregelen[');
    measuresList.replaceChildren();
    measures.forEach((m, i) => {
      const legendId = uid('maatregel');
      const box = h(
        'fieldset',
        {
          class: 'utrecht-form-fieldset utrecht-form-fieldset--html-fieldset app-fieldset app-measure',
          'aria-labelledby': legendId,
        },
        h(
          'legend',
          { class: 'utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend', id: legendId },
          `Maatregel ${i + 1}`,
        ),
      );
      measuresList.appendChild(box);
      const soort = form.select({
        name: `maatregelen[${i}].soort`,
        label: 'Soort',
        placeholder: 'Kies een soort',
        value: m.soort,
        choices: ref().maatregelSoorten.map((s) => ({ value: s, label: MAATREGEL_SOORT[s] ?? s })),
        into: box,
      });
      form.text({
        name: `maatregelen[${i}].datum`,
        label: 'Datum',
        type: 'date',
        value: m.datum,
        max: vandaag(),
        into: box,
      });
      form.text({
        name: `maatregelen[${i}].bereikPercentage`,
        label: 'Bereik in procenten (niet verplicht)',
        description: 'Welk deel van de medewerkers is bereikt.',
        inputmode: 'numeric',
        size: 'small',
        value: m.bereikPercentage,
        into: box,
      });
      box.appendChild(
        button(`Maatregel ${i + 1} verwijderen`, {
          appearance: 'subtle',
          onClick: () => {
            readMeasures();
            measures.splice(i, 1);
            drawMeasures();
            addButton.focus();
          },
        }),
      );
      if (focusIndex === i) soort.focus();
    });
  };
  addButton.addEventListener('click', () => {
    readMeasures();
    measures.push({ soort: '', datum: '', bereikPercentage: '' });
    drawMeasures(measures.length - 1);
  });

  form.add(
    h(
      'div',
      { class: 'app-actions' },
      button('Meldcode indienen', { type: 'submit', appearance: 'primary' }),
      link(frame.backHref, 'Annuleren'),
    ),
  );
  const sender = new CommandSender(form);
  form.form.addEventListener('submit', (event) => {
    event.preventDefault();
    readMeasures();
    const body: Record<string, unknown> = {
      versie: textValue(form.form, 'versie'),
      vastgesteldOp: textValue(form.form, 'vastgesteldOp'),
      elementen: checkedValues(form.form, 'elementen'),
      aandachtsfunctionaris: checkedValues(form.form, 'aandachtsfunctionaris').length > 0,
      dossiervorming: checkedValues(form.form, 'dossiervorming').length > 0,
      maatregelen: measures.map((m) => {
        const out: Record<string, unknown> = { soort: m.soort, datum: m.datum };
        const reach = m.bereikPercentage.replace(',', '.');
        return optional(
          out,
          'bereikPercentage',
          reach === '' ? undefined : Number.isNaN(Number(reach)) ? reach : Number(reach),
        );
      }),
    };
    void frame.send(sender, 'POST', '/meldcodes', { body }).then((response) => {
      if (response) frame.backAfter(response, 'meldcode');
    });
  });

  ctx.render(frame.summary, heading(2, 'Gegevens van de meldcode'), form.form);
}
