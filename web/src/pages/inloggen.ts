import { currentSession, localSignIn, ROL_NAMEN, type Rol, startRemoteSignIn } from '../auth.ts';
import { h } from '../dom.ts';
import { FormController, radioValue, textValue, whileBusy } from '../forms.ts';
import type { PageContext } from '../page.ts';
import { gemeenteNaam, ref } from '../reference.ts';
import { alert, button, buttonLink, p } from '../ui.ts';

const TERUG_KEY = 'meldcode-toezicht.terug';

function afterSignIn(): void {
  const back = sessionStorage.getItem(TERUG_KEY) ?? '#/';
  sessionStorage.removeItem(TERUG_KEY);
  location.hash = back === '#/inloggen' ? '#/' : back;
}

/**
 * Sign-in. Locally: choose a gemeente and a role, and the local issuer mints a token (there are no
 * passwords on one machine). On AWS: the Cognito hosted UI.
 */
export async function inloggenPage(ctx: PageContext): Promise<void> {
  const h1 = ctx.title('Inloggen');
  const session = currentSession();
  if (ctx.config.mode !== 'local') {
    const config = ctx.config;
    ctx.render(
      session ? alert('info', 'U bent al ingelogd', [p(buttonLink('#/', 'Naar het overzicht', 'primary'))]) : null,
      p('U logt in met het account van uw organisatie.'),
      button('Inloggen', {
        appearance: 'primary',
        onClick: () =>
          void startRemoteSignIn(config, sessionStorage.getItem(TERUG_KEY) ?? '#/').catch((error: unknown) =>
            ctx.render(
              alert(
                'error',
                'Inloggen is niet gelukt',
                [p(error instanceof Error ? error.message : String(error))],
                true,
              ),
            ),
          ),
      }),
    );
    return;
  }

  const form = new FormController(h1.id || 'inloggen-titel');
  h1.id = 'inloggen-titel';
  const intro = p(
    'Dit is de lokale omgeving. Kies de gemeente waarvoor u werkt en uw rol; er is geen wachtwoord. ',
    'Een auditor mag de gemeente leeg laten en ziet dan alle gemeenten.',
  );
  const provincies = [...new Set(ref().gemeenten.map((g) => g.provincie))].sort((a, b) => a.localeCompare(b, 'nl'));
  const gemeenteSelect = form.select({
    name: 'gemeente',
    label: 'Gemeente',
    description: `Een van de ${ref().gemeenten.length} gemeenten van ${ref().gemeentenJaar}.`,
    choices: [],
    placeholder: 'Geen gemeente (alleen voor een auditor)',
  });
  for (const provincie of provincies) {
    gemeenteSelect.appendChild(
      h(
        'optgroup',
        { label: provincie },
        ref()
          .gemeenten.filter((g) => g.provincie === provincie)
          .sort((a, b) => a.naam.localeCompare(b.naam, 'nl'))
          .map((g) =>
            h(
              'option',
              { value: g.code, selected: g.code === (session?.gemeente ?? 'GM0344') },
              `${g.naam} (${g.code})`,
            ),
          ),
      ),
    );
  }
  form.group({
    name: 'rol',
    label: 'Rol',
    kind: 'radio',
    checked: [session?.rol ?? 'supervisor'],
    choices: (['supervisor', 'viewer', 'auditor'] as const).map((rol) => ({
      value: rol,
      label: ROL_NAMEN[rol],
      description:
        rol === 'supervisor'
          ? 'Bekijkt en legt vast voor de eigen gemeente.'
          : rol === 'viewer'
            ? 'Bekijkt de gegevens van de eigen gemeente.'
            : 'Bekijkt alles, controleert de integriteit en reconstrueert; wijzigt niets.',
    })),
  });
  form.add(h('div', { class: 'app-actions' }, button('Inloggen', { type: 'submit', appearance: 'primary' })));
  form.form.addEventListener('submit', (event) => {
    event.preventDefault();
    const gemeente = textValue(form.form, 'gemeente') || undefined;
    const rol = (radioValue(form.form, 'rol') ?? 'supervisor') as Rol;
    void whileBusy(form.form, async () => {
      try {
        await localSignIn(ctx.config, gemeente, rol);
        afterSignIn();
      } catch (error) {
        form.showMessage('error', 'Inloggen is mislukt', [
          p(error instanceof Error ? error.message : String(error)),
          rol !== 'auditor' && !gemeente ? p('Kies een gemeente: alleen een auditor werkt zonder gemeente.') : null,
        ]);
      }
    });
  });
  ctx.render(
    session
      ? alert(
          'info',
          `U bent ingelogd als ${ROL_NAMEN[session.rol]}${session.gemeente ? ` voor ${gemeenteNaam(session.gemeente)}` : ''}`,
          [p('U kunt hieronder als iemand anders inloggen.')],
        )
      : null,
    intro,
    form.form,
  );
}
