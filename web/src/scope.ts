import { h } from './dom.ts';
import { FormController, textValue } from './forms.ts';
import type { PageContext } from './page.ts';
import { ref } from './reference.ts';
import { href, navigate } from './router.ts';
import { button } from './ui.ts';

/**
 * The gemeente a page is about: the signed-in supervisor's or viewer's own, or for an auditor the
 * one chosen in the page's `gemeente` query (an auditor acts for no gemeente).
 */
export function gemeenteScope(ctx: PageContext): string | undefined {
  if (ctx.session?.rol === 'auditor') return ctx.route.query.get('gemeente') ?? ctx.session.gemeente ?? undefined;
  return ctx.session?.gemeente;
}

/** For an auditor: a small form to pick the gemeente to look at; keeps the other query values. */
export function gemeenteKiezer(
  ctx: PageContext,
  current: string | undefined,
  labelledBy: string,
  allowAll = false,
): HTMLElement | null {
  if (ctx.session?.rol !== 'auditor') return null;
  const form = new FormController(labelledBy);
  form.form.classList.add('app-filters');
  form.select({
    name: 'gemeente',
    label: 'Gemeente',
    description: 'Als auditor kiest u welke gemeente u bekijkt.',
    value: current,
    placeholder: allowAll ? 'Alle gemeenten' : 'Kies een gemeente',
    choices: [...ref().gemeenten]
      .sort((a, b) => a.naam.localeCompare(b.naam, 'nl'))
      .map((g) => ({ value: g.code, label: `${g.naam} (${g.code})` })),
  });
  form.add(h('div', { class: 'app-actions' }, button('Bekijken', { type: 'submit', appearance: 'secondary' })));
  form.form.addEventListener('submit', (event) => {
    event.preventDefault();
    const query: Record<string, string> = {};
    for (const [key, value] of ctx.route.query) query[key] = value;
    delete query.pagina;
    query.gemeente = textValue(form.form, 'gemeente');
    navigate(href(ctx.route.path, query));
  });
  return form.form;
}
