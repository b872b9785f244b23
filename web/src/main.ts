import { configureApi } from './api.ts';
import { completeRemoteSignIn, currentSession, ROL_NAMEN, type Session, signOut } from './auth.ts';
import { type AppConfig, loadConfig } from './config.ts';
import { h, replaceChildren } from './dom.ts';
import { createContext, type Page } from './page.ts';
import { afspraakPage } from './pages/afspraak.ts';
import { afspraakBeeindigenPage } from './pages/afspraak-beeindigen.ts';
import { afstemmingPage } from './pages/afstemming.ts';
import { auditPage } from './pages/audit.ts';
import { campagnePage } from './pages/campagne.ts';
import { gemeentenPage } from './pages/gemeenten.ts';
import { inloggenPage } from './pages/inloggen.ts';
import { meldcodePage } from './pages/meldcode.ts';
import { nietGevondenPage } from './pages/niet-gevonden.ts';
import { organisatiePage } from './pages/organisatie.ts';
import { overzichtPage } from './pages/overzicht.ts';
import { registrerenPage } from './pages/registreren.ts';
import { toezichtonderzoekPage } from './pages/toezichtonderzoek.ts';
import { gemeenteNaam, loadReference } from './reference.ts';
import { currentRoute, match, type RouteDefinition } from './router.ts';
import { alert, button, p } from './ui.ts';

type RouteName =
  | 'overzicht'
  | 'registreren'
  | 'organisatie'
  | 'meldcode'
  | 'toezichtonderzoek'
  | 'afspraak'
  | 'afspraakBeeindigen'
  | 'gemeenten'
  | 'afstemming'
  | 'campagne'
  | 'audit'
  | 'inloggen';

const ROUTES: readonly RouteDefinition<RouteName>[] = [
  { name: 'overzicht', pattern: '/' },
  { name: 'registreren', pattern: '/organisaties/nieuw' },
  { name: 'organisatie', pattern: '/organisaties/:id' },
  { name: 'meldcode', pattern: '/organisaties/:id/meldcode' },
  { name: 'toezichtonderzoek', pattern: '/organisaties/:id/toezichtonderzoek' },
  { name: 'afspraak', pattern: '/organisaties/:id/afspraak' },
  { name: 'afspraakBeeindigen', pattern: '/organisaties/:id/afspraken/:afspraakId/beeindigen' },
  { name: 'gemeenten', pattern: '/organisaties/:id/gemeenten' },
  { name: 'afstemming', pattern: '/afstemming' },
  { name: 'campagne', pattern: '/campagne' },
  { name: 'audit', pattern: '/audit' },
  { name: 'inloggen', pattern: '/inloggen' },
];

const PAGES: Record<RouteName, Page> = {
  overzicht: overzichtPage,
  registreren: registrerenPage,
  organisatie: organisatiePage,
  meldcode: meldcodePage,
  toezichtonderzoek: toezichtonderzoekPage,
  afspraak: afspraakPage,
  afspraakBeeindigen: afspraakBeeindigenPage,
  gemeenten: gemeentenPage,
  afstemming: afstemmingPage,
  campagne: campagnePage,
  audit: auditPage,
  inloggen: inloggenPage,
};

interface MenuItem {
  readonly label: string;
  readonly href: string;
  readonly routes: readonly RouteName[];
  readonly visible: (session: Session) => boolean;
}

const MENU: readonly MenuItem[] = [
  {
    label: 'Overzicht',
    href: '#/',
    routes: [
      'overzicht',
      'organisatie',
      'meldcode',
      'toezichtonderzoek',
      'afspraak',
      'afspraakBeeindigen',
      'gemeenten',
    ],
    visible: () => true,
  },
  {
    label: 'Organisatie registreren',
    href: '#/organisaties/nieuw',
    routes: ['registreren'],
    visible: (s) => s.rol === 'supervisor',
  },
  { label: 'Afstemming', href: '#/afstemming', routes: ['afstemming'], visible: () => true },
  { label: 'Campagne', href: '#/campagne', routes: ['campagne'], visible: () => true },
  { label: 'Audit', href: '#/audit', routes: ['audit'], visible: (s) => s.rol === 'auditor' },
];

let controller: AbortController | undefined;
let firstRender = true;

function renderChrome(config: AppConfig, session: Session | null, active: RouteName | null): void {
  const nav = document.getElementById('hoofdmenu');
  const menu = document.getElementById('menu');
  const account = document.getElementById('account');
  if (!nav || !menu || !account) return;
  nav.hidden = session === null;
  replaceChildren(
    menu,
    session
      ? MENU.filter((item) => item.visible(session)).map((item) =>
          h(
            'li',
            { class: 'utrecht-nav-list__item' },
            h(
              'a',
              {
                class: 'utrecht-nav-list__link',
                href: item.href,
                'aria-current': active !== null && item.routes.includes(active) ? 'page' : undefined,
              },
              item.label,
            ),
          ),
        )
      : null,
  );
  replaceChildren(
    account,
    session
      ? [
          h(
            'p',
            { class: 'utrecht-paragraph' },
            h('span', { class: 'app-visually-hidden' }, 'Ingelogd als '),
            session.gemeente
              ? `${ROL_NAMEN[session.rol]}, gemeente ${gemeenteNaam(session.gemeente)}`
              : ROL_NAMEN[session.rol],
          ),
          button('Uitloggen', { appearance: 'secondary', onClick: () => void signOut(config) }),
        ]
      : null,
  );
}

async function renderRoute(config: AppConfig): Promise<void> {
  controller?.abort();
  controller = new AbortController();
  const main = document.getElementById('inhoud');
  if (!main) return;
  const route = currentRoute();
  const session = currentSession();
  const found = match(ROUTES, route);
  if (!session && found?.name !== 'inloggen') {
    const back = location.hash && location.hash !== '#/inloggen' ? location.hash : '#/';
    sessionStorage.setItem('meldcode-toezicht.terug', back);
    location.replace('#/inloggen');
    return;
  }
  renderChrome(config, session, found?.name ?? null);
  const ctx = createContext(main, found?.route ?? route, session, config, controller.signal);
  const page = found ? PAGES[found.name] : nietGevondenPage;
  try {
    await page(ctx);
  } catch (error) {
    if (controller.signal.aborted) return;
    ctx.render(alert('error', 'Er ging iets mis', [p(error instanceof Error ? error.message : String(error))], true));
  }
  if (!firstRender) {
    // After navigation, focus moves to the new page's heading so screen readers announce it.
    const h1 = main.querySelector<HTMLElement>('h1');
    (h1 ?? main).focus();
  }
  firstRender = false;
}

async function start(): Promise<void> {
  const main = document.getElementById('inhoud');
  try {
    const [config] = await Promise.all([loadConfig(), loadReference()]);
    configureApi(config, () => {
      if (location.hash !== '#/inloggen') {
        sessionStorage.setItem('meldcode-toezicht.terug', location.hash || '#/');
        location.hash = '#/inloggen';
      }
    });
    if (config.mode !== 'local') {
      const returnTo = await completeRemoteSignIn(config);
      if (returnTo) location.replace(returnTo);
    }
    const skip = document.querySelector<HTMLAnchorElement>('[data-skip-link]');
    skip?.addEventListener('click', (event) => {
      // The skip link must not change the hash: that is the router's.
      event.preventDefault();
      document.getElementById('inhoud')?.focus();
    });
    window.addEventListener('hashchange', () => void renderRoute(config));
    await renderRoute(config);
  } catch (error) {
    if (main) {
      replaceChildren(
        main,
        alert(
          'error',
          'Het dashboard kon niet starten',
          [p(error instanceof Error ? error.message : String(error))],
          true,
        ),
      );
    }
  }
}

void start();
