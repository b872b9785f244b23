import { api } from '../api.ts';
import { CommandSender } from '../commands.ts';
import { h } from '../dom.ts';
import { FormController, gemeentenValue, optional, textValue } from '../forms.ts';
import { vandaag } from '../labels.ts';
import type { PageContext } from '../page.ts';
import { gemeenteNaam, ref } from '../reference.ts';
import { href, navigate } from '../router.ts';
import type { Verwerkt } from '../types.ts';
import { alert, button, link, p } from '../ui.ts';

/** Registers an organisation active in (at least) the supervisor's own gemeente. */
export function registrerenPage(ctx: PageContext): void {
  const h1 = ctx.title('Organisatie registreren');
  h1.id = 'registreren-titel';
  const own = ctx.session?.gemeente;
  if (ctx.session?.rol !== 'supervisor' || !own) {
    ctx.render(
      alert('warning', 'Alleen een toezichthouder registreert organisaties', [
        p('Log in met de rol Toezichthouder voor uw gemeente.'),
      ]),
    );
    return;
  }
  const form = new FormController('registreren-titel');
  form.text({ name: 'naam', label: 'Naam van de organisatie', autocomplete: 'organization', required: true });
  form.text({
    name: 'kvkNummer',
    label: 'KvK-nummer',
    description: '8 cijfers, zoals in het Handelsregister.',
    inputmode: 'numeric',
    size: 'small',
    required: true,
  });
  form.text({
    name: 'vestigingsnummer',
    label: 'Vestigingsnummer (niet verplicht)',
    description: '12 cijfers. Vul het in als de organisatie meer vestigingen heeft.',
    inputmode: 'numeric',
    size: 'medium',
  });
  form.select({
    name: 'sector',
    label: 'Sector',
    placeholder: 'Kies een sector',
    choices: ref().sectoren.map((s) => ({
      value: s.code,
      label: s.toezichtDoorGemeente ? s.naam : `${s.naam} (geen toezicht door de gemeente)`,
    })),
  });
  form.text({
    name: 'lrkNummer',
    label: 'LRK-nummer (niet verplicht)',
    description: 'Voor kinderopvang: 9 cijfers uit het Landelijk Register Kinderopvang.',
    inputmode: 'numeric',
    size: 'small',
  });
  form.text({
    name: 'bestaatSinds',
    label: 'Bestaat sinds (niet verplicht)',
    description: 'Datum van inschrijving bij de KvK.',
    type: 'date',
    max: vandaag(),
  });
  form.textarea({
    name: 'gemeenten',
    label: 'Ook actief in deze gemeenten (niet verplicht)',
    description: `De organisatie wordt geregistreerd voor ${gemeenteNaam(own)}. Noem andere gemeenten bij naam of code (bijvoorbeeld GM0363), gescheiden door komma's.`,
    rows: 2,
  });
  form.add(
    h(
      'div',
      { class: 'app-actions' },
      button('Registreren', { type: 'submit', appearance: 'primary' }),
      link('#/', 'Annuleren'),
    ),
  );
  const sender = new CommandSender(form);

  form.form.addEventListener('submit', (event) => {
    event.preventDefault();
    const extra = gemeentenValue(form, 'gemeenten');
    if (!extra) return;
    const body: Record<string, unknown> = {
      naam: textValue(form.form, 'naam'),
      kvkNummer: textValue(form.form, 'kvkNummer'),
      gemeenten: [own, ...extra.filter((c) => c !== own)],
    };
    optional(body, 'sector', textValue(form.form, 'sector'));
    optional(body, 'vestigingsnummer', textValue(form.form, 'vestigingsnummer'));
    optional(body, 'lrkNummer', textValue(form.form, 'lrkNummer'));
    optional(body, 'bestaatSinds', textValue(form.form, 'bestaatSinds'));
    void sender
      .send((idempotencyKey) => api<Verwerkt>('POST', '/v1/organisaties', { body, idempotencyKey }), {
        conflictField: 'kvkNummer',
      })
      .then((response) => {
        if (!response) return;
        const id = response.data?.id ?? response.location?.split('/').pop() ?? '';
        navigate(
          href(`/organisaties/${encodeURIComponent(id)}`, {
            versie: response.data?.versie ?? response.version,
            melding: 'geregistreerd',
          }),
        );
      });
  });

  ctx.render(p('Registreer een organisatie die onder de Wet verplichte meldcode valt.'), form.form);
}
