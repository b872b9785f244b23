import { ApiError } from './api.ts';
import { type Attrs, type Child, h, uid } from './dom.ts';

/** NL Design System (Utrecht) building blocks, as small functions over `h`. */

export function heading(level: 1 | 2 | 3 | 4, text: Child, attrs: Attrs = {}): HTMLHeadingElement {
  const tag = `h${level}` as 'h1' | 'h2' | 'h3' | 'h4';
  const extra = typeof attrs.class === 'string' ? ` ${attrs.class}` : '';
  return h(tag, { ...attrs, class: `utrecht-heading-${level}${extra}` }, text);
}

export function p(...children: Child[]): HTMLParagraphElement {
  return h('p', { class: 'utrecht-paragraph' }, ...children);
}

export function lead(...children: Child[]): HTMLParagraphElement {
  return h('p', { class: 'utrecht-paragraph utrecht-paragraph--lead' }, ...children);
}

export function link(hrefValue: string, text: Child, attrs: Attrs = {}): HTMLAnchorElement {
  const extra = typeof attrs.class === 'string' ? ` ${attrs.class}` : '';
  return h('a', { ...attrs, href: hrefValue, class: `utrecht-link utrecht-link--html-a${extra}` }, text);
}

/** A link that looks like a button (NL DS "button-link"). */
export function buttonLink(
  hrefValue: string,
  text: Child,
  appearance: 'primary' | 'secondary' = 'secondary',
): HTMLAnchorElement {
  return h(
    'a',
    {
      href: hrefValue,
      class: `utrecht-button-link utrecht-button-link--html-a utrecht-button-link--${appearance}-action`,
    },
    text,
  );
}

export function button(
  text: Child,
  options: {
    type?: 'button' | 'submit';
    appearance?: 'primary' | 'secondary' | 'subtle';
    onClick?: (e: Event) => void;
    attrs?: Attrs;
  } = {},
): HTMLButtonElement {
  const appearance = options.appearance ?? 'secondary';
  return h(
    'button',
    {
      ...(options.attrs ?? {}),
      type: options.type ?? 'button',
      class: `utrecht-button utrecht-button--${appearance === 'subtle' ? 'subtle' : `${appearance}-action`}${options.type === 'submit' ? ' utrecht-button--submit' : ''}`,
      onclick: options.onClick,
    },
    text,
  );
}

export function buttonGroup(...children: Child[]): HTMLDivElement {
  return h('div', { class: 'utrecht-button-group app-actions' }, ...children);
}

export type AlertType = 'info' | 'ok' | 'warning' | 'error';

/**
 * An alert. Errors and confirmations get `role="alert"`/`role="status"` only when they appear in
 * response to an action (pass `live`), so a page that merely shows one does not shout.
 */
export function alert(type: AlertType, title: Child, body: Child[] = [], live = false): HTMLDivElement {
  const titleId = uid('alert');
  return h(
    'div',
    {
      class: `utrecht-alert utrecht-alert--${type} app-alert`,
      role: live ? (type === 'error' || type === 'warning' ? 'alert' : 'status') : undefined,
      'aria-labelledby': titleId,
    },
    h(
      'div',
      { class: 'utrecht-alert__content' },
      h(
        'div',
        { class: 'utrecht-alert__message' },
        h('p', { class: 'utrecht-paragraph app-alert__title', id: titleId }, h('strong', null, title)),
        ...body,
      ),
    ),
  );
}

/** An alert for a failed API call, in words a supervisor understands. */
export function errorAlert(error: unknown, context = 'Het ophalen van de gegevens is mislukt'): HTMLDivElement {
  if (error instanceof ApiError) {
    const lines: Child[] = [];
    if (error.status === 403) lines.push(p('U hebt geen toegang tot dit onderdeel met uw rol of gemeente.'));
    else if (error.status === 404) lines.push(p('Dit bestaat niet, of het is niet zichtbaar voor uw gemeente.'));
    if (error.detail) lines.push(p(error.detail));
    return alert('error', `${context}: ${error.title}`, lines, true);
  }
  return alert('error', context, [p(error instanceof Error ? error.message : String(error))], true);
}

export type BadgeTone = 'safe' | 'danger' | 'neutral' | 'warning';

export function badge(text: string, tone: BadgeTone): HTMLSpanElement {
  return h('span', { class: `utrecht-status-badge utrecht-status-badge--${tone} app-badge app-badge--${tone}` }, text);
}

/** A definition list (NL DS data list). */
export function dataList(items: readonly (readonly [Child, Child] | null | false)[]): HTMLDListElement {
  return h(
    'dl',
    { class: 'utrecht-data-list utrecht-data-list--rows app-data-list' },
    items.flatMap((item) =>
      item
        ? [
            h(
              'div',
              { class: 'utrecht-data-list__item' },
              h('dt', { class: 'utrecht-data-list__item-key' }, item[0]),
              h('dd', { class: 'utrecht-data-list__item-value utrecht-data-list__item-value--html-dd' }, item[1]),
            ),
          ]
        : [],
    ),
  );
}

export interface Column<T> {
  readonly header: Child;
  readonly cell: (row: T) => Child;
  readonly numeric?: boolean;
  /** The column that names the row: a row header (`th scope="row"`). */
  readonly rowHeader?: boolean;
}

/**
 * A table in a focusable, labelled scroll container: on a narrow screen the table scrolls inside
 * its box, never the page.
 */
export function table<T>(
  caption: string,
  columns: readonly Column<T>[],
  rows: readonly T[],
  attrs: Attrs = {},
): HTMLDivElement {
  const captionId = uid('tabel');
  const headerRow = h(
    'tr',
    { class: 'utrecht-table__row' },
    columns.map((c) =>
      h(
        'th',
        {
          scope: 'col',
          class: `utrecht-table__header-cell${c.numeric ? ' utrecht-table__header-cell--numeric-column' : ''}`,
        },
        c.header,
      ),
    ),
  );
  const bodyRows = rows.map((row) =>
    h(
      'tr',
      { class: 'utrecht-table__row' },
      columns.map((c) =>
        c.rowHeader
          ? h('th', { scope: 'row', class: 'utrecht-table__cell app-row-header' }, c.cell(row))
          : h(
              'td',
              { class: `utrecht-table__cell${c.numeric ? ' utrecht-table__cell--numeric-data' : ''}` },
              c.cell(row),
            ),
      ),
    ),
  );
  // The caption stays in the table for its semantics but is shown above the scroll box, so that on
  // a narrow screen it wraps in view instead of scrolling away with a wide table.
  return h(
    'div',
    { class: 'app-table' },
    h('p', { class: 'utrecht-paragraph app-table__title', 'aria-hidden': 'true' }, caption),
    h(
      'div',
      {
        class: 'utrecht-table__container app-table-scroll',
        role: 'region',
        'aria-labelledby': captionId,
        tabindex: 0,
        ...attrs,
      },
      h(
        'table',
        { class: 'utrecht-table utrecht-table--html-table' },
        h('caption', { class: 'utrecht-table__caption app-visually-hidden', id: captionId }, caption),
        h('thead', { class: 'utrecht-table__header' }, headerRow),
        h('tbody', { class: 'utrecht-table__body' }, bodyRows),
      ),
    ),
  );
}

export function section(titleText: string, level: 2 | 3, ...children: Child[]): HTMLElement {
  const id = uid('sectie');
  return h('section', { class: 'app-section', 'aria-labelledby': id }, heading(level, titleText, { id }), ...children);
}

export function ul(items: readonly Child[], attrs: Attrs = {}): HTMLUListElement {
  return h(
    'ul',
    { class: 'utrecht-unordered-list', ...attrs },
    items.map((item) => h('li', { class: 'utrecht-unordered-list__item' }, item)),
  );
}

/** A polite status line for "bezig met laden" and similar. */
export function statusLine(text: string): HTMLParagraphElement {
  return h('p', { class: 'utrecht-paragraph app-status', role: 'status' }, text);
}
