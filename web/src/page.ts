import type { Session } from './auth.ts';
import type { AppConfig } from './config.ts';
import { type Child, h, replaceChildren } from './dom.ts';
import type { Route } from './router.ts';
import { heading } from './ui.ts';

/** What a page gets: where it renders, who is signed in, and a signal that aborts on navigation. */
export interface PageContext {
  readonly route: Route;
  readonly session: Session | null;
  readonly config: AppConfig;
  readonly main: HTMLElement;
  readonly signal: AbortSignal;
  /** Sets the document title and the page's h1; returns the h1 (focus moves there on navigation). */
  title(text: string, ...extra: Child[]): HTMLHeadingElement;
  /** Replaces the page's content below the h1. */
  render(...children: Child[]): void;
}

export type Page = (ctx: PageContext) => Promise<void> | void;

export const SITE_NAME = 'Meldcodetoezicht';

export function createContext(
  main: HTMLElement,
  route: Route,
  session: Session | null,
  config: AppConfig,
  signal: AbortSignal,
): PageContext {
  const head = h('div', { class: 'app-page-head' });
  const body = h('div', { class: 'app-page-body' });
  replaceChildren(main, head, body);
  return {
    route,
    session,
    config,
    main,
    signal,
    title(text, ...extra) {
      document.title = `${text} - ${SITE_NAME}`;
      const h1 = heading(1, text, { class: 'app-page-heading', tabindex: -1 });
      replaceChildren(head, h1, ...extra);
      return h1;
    },
    render(...children) {
      if (signal.aborted) return;
      replaceChildren(body, ...children);
    },
  };
}
