import type { PageContext } from '../page.ts';
import { buttonLink, p } from '../ui.ts';

export function nietGevondenPage(ctx: PageContext): void {
  ctx.title('Pagina niet gevonden');
  ctx.render(p('Deze pagina bestaat niet (meer).'), p(buttonLink('#/', 'Naar het overzicht', 'primary')));
}
