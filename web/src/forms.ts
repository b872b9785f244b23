import type { InvalidParam } from './api.ts';
import { type Child, h, replaceChildren, uid } from './dom.ts';
import { parseGemeenten } from './reference.ts';
import { button, heading, link, p } from './ui.ts';

/**
 * Form fields in NL Design System markup, and the one place that shows the API's validation
 * errors: each `invalidParams` entry goes next to the field it names (`kvkNummer`,
 * `maatregelen[0].datum`, `gemeenten[2]`), wired to the input with `aria-describedby` and
 * `aria-invalid`; a summary above the form links to every field at fault (WCAG 3.3.1, 3.3.3).
 */

interface FieldBase {
  /** The request field it fills, as the API names it in `invalidParams`. */
  readonly name: string;
  readonly label: string;
  readonly description?: string;
  /** Where to put the field; default the end of the form. */
  readonly into?: HTMLElement;
}

export interface TextFieldOptions extends FieldBase {
  readonly type?: 'text' | 'date' | 'number' | 'search';
  readonly value?: string;
  readonly autocomplete?: string;
  readonly inputmode?: 'numeric' | 'text' | 'decimal';
  readonly size?: 'small' | 'medium' | 'large';
  readonly required?: boolean;
  readonly min?: string;
  readonly max?: string;
  readonly list?: string;
}

export interface Choice {
  readonly value: string;
  readonly label: string;
  readonly description?: string;
}

interface RegisteredField {
  readonly name: string;
  readonly container: HTMLElement;
  /** The element the summary links to and focus goes to. */
  readonly focusTarget: HTMLElement;
  readonly inputs: readonly (HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement)[];
  readonly error: HTMLElement;
  readonly label: string;
}

/** Zod's English defaults, said in Dutch for people. */
export function reasonInDutch(reason: string): string {
  if (/^(Invalid input|Ongeldige invoer): .*(received|ontv\w*) undefined/i.test(reason)) return 'is verplicht';
  if (/^Ongeldige optie/i.test(reason)) return 'kies een van de mogelijkheden';
  if (/^Invalid option/i.test(reason)) return 'kies een van de mogelijkheden';
  if (/^Invalid input: expected (number|int)/i.test(reason)) return 'verwacht een getal';
  if (/^Invalid input: expected string/i.test(reason)) return 'verwacht tekst';
  if (/^Invalid input: expected boolean/i.test(reason)) return 'verwacht ja of nee';
  if (/^Invalid input: expected array/i.test(reason)) return 'verwacht een lijst';
  if (/^Invalid (ISO )?date/i.test(reason)) return 'verwacht een datum JJJJ-MM-DD';
  if (/^Too small/i.test(reason)) return 'is te klein of te kort';
  if (/^Too big/i.test(reason)) return 'is te groot of te lang';
  return reason;
}

/** A unique element id for a field, readable from its name. */
const fieldId = (name: string): string => uid(`veld-${name.replace(/[^a-z0-9]/gi, '-')}`);

export class FormController {
  readonly form: HTMLFormElement;
  private readonly fields = new Map<string, RegisteredField>();
  private readonly summary: HTMLDivElement;

  constructor(labelledBy: string) {
    this.summary = h('div', { class: 'app-error-summary', tabindex: -1, hidden: true });
    this.form = h(
      'form',
      { class: 'utrecht-form app-form', novalidate: true, 'aria-labelledby': labelledBy },
      this.summary,
    );
  }

  /** Registers a field under its name (errors land on it) and puts it in the form or `into`. */
  private place(opts: FieldBase, field: Omit<RegisteredField, 'name' | 'label'>): void {
    this.fields.set(opts.name, { ...field, name: opts.name, label: opts.label });
    (opts.into ?? this.form).appendChild(field.container);
  }

  /** A field whose label, description and error stand above its one input (text, textarea, select). */
  private placeLabelled<T extends HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(
    opts: FieldBase,
    kind: 'text' | 'textarea' | 'select',
    shell: { label: HTMLElement; description: HTMLElement | null; error: HTMLElement },
    input: T,
  ): T {
    const container = h(
      'div',
      { class: `utrecht-form-field utrecht-form-field--${kind} utrecht-form-field--distanced` },
      shell.label,
      shell.description,
      shell.error,
      h('div', { class: 'utrecht-form-field__input' }, input),
    );
    this.place(opts, { container, focusTarget: input, inputs: [input], error: shell.error });
    return input;
  }

  /** Appends children to the form. */
  add(...children: Child[]): this {
    for (const child of children) {
      if (child instanceof Node) this.form.appendChild(child);
      else if (Array.isArray(child)) this.add(...(child as Child[]));
    }
    return this;
  }

  private fieldShell(opts: FieldBase, inputId: string, kind: 'text' | 'checkbox' = 'text') {
    const descriptionId = opts.description ? uid('beschrijving') : undefined;
    const errorId = uid('fout');
    const error = h('p', { class: 'utrecht-form-field-error-message app-field-error', id: errorId, hidden: true });
    const label = h(
      'label',
      {
        class: `utrecht-form-label${kind === 'checkbox' ? ' utrecht-form-label--checkbox' : ''} utrecht-form-field__label`,
        for: inputId,
      },
      opts.label,
    );
    const description = opts.description
      ? h(
          'div',
          { class: 'utrecht-form-field-description utrecht-form-field__description', id: descriptionId },
          opts.description,
        )
      : null;
    return { descriptionId, errorId, error, label, description };
  }

  text(opts: TextFieldOptions): HTMLInputElement {
    const id = fieldId(opts.name);
    const shell = this.fieldShell(opts, id);
    const sizeClass = opts.size ? ` app-input--${opts.size}` : '';
    const input = h('input', {
      id,
      name: opts.name,
      type: opts.type ?? 'text',
      class: `utrecht-textbox utrecht-textbox--html-input utrecht-form-field__input${sizeClass}`,
      value: opts.value,
      autocomplete: opts.autocomplete ?? 'off',
      inputmode: opts.inputmode,
      min: opts.min,
      max: opts.max,
      list: opts.list,
      'aria-required': opts.required ? 'true' : undefined,
      'aria-describedby': shell.descriptionId,
    });
    return this.placeLabelled(opts, 'text', shell, input);
  }

  textarea(opts: FieldBase & { value?: string; rows?: number }): HTMLTextAreaElement {
    const id = fieldId(opts.name);
    const shell = this.fieldShell(opts, id);
    const input = h(
      'textarea',
      {
        id,
        name: opts.name,
        rows: opts.rows ?? 3,
        class: 'utrecht-textarea utrecht-textarea--html-textarea utrecht-form-field__input',
        'aria-describedby': shell.descriptionId,
      },
      opts.value ?? '',
    );
    return this.placeLabelled(opts, 'textarea', shell, input);
  }

  select(
    opts: FieldBase & { choices: readonly Choice[]; value?: string; placeholder?: string; groups?: boolean },
  ): HTMLSelectElement {
    const id = fieldId(opts.name);
    const shell = this.fieldShell(opts, id);
    const input = h(
      'select',
      {
        id,
        name: opts.name,
        class: 'utrecht-select utrecht-select--html-select utrecht-form-field__input',
        'aria-describedby': shell.descriptionId,
      },
      opts.placeholder !== undefined ? h('option', { value: '' }, opts.placeholder) : null,
      opts.choices.map((c) => h('option', { value: c.value, selected: c.value === opts.value }, c.label)),
    );
    return this.placeLabelled(opts, 'select', shell, input);
  }

  checkbox(opts: FieldBase & { checked?: boolean; value?: string }): HTMLInputElement {
    const id = fieldId(opts.name);
    const shell = this.fieldShell(opts, id, 'checkbox');
    const input = h('input', {
      id,
      name: opts.name,
      type: 'checkbox',
      value: opts.value ?? 'ja',
      checked: opts.checked,
      class: 'utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom utrecht-form-field__input',
      'aria-describedby': shell.descriptionId,
    });
    const container = h(
      'div',
      { class: 'utrecht-form-field utrecht-form-field--checkbox' },
      h('div', { class: 'utrecht-form-field__input' }, input),
      shell.label,
      shell.description,
      shell.error,
    );
    this.place(opts, { container, focusTarget: input, inputs: [input], error: shell.error });
    return input;
  }

  /**
   * A fieldset of checkboxes (`multiple`) or radio buttons, registered under one name so an
   * error on `elementen` or `elementen[3]` lands on the group.
   */
  group(
    opts: FieldBase & {
      kind: 'checkbox' | 'radio';
      choices: readonly Choice[];
      checked?: readonly string[];
      /** The inputs' name when it differs from the name errors are registered under. */
      inputName?: string;
    },
  ): HTMLInputElement[] {
    const legendId = uid('legenda');
    const descriptionId = opts.description ? uid('beschrijving') : undefined;
    const errorId = uid('fout');
    const error = h('p', { class: 'utrecht-form-field-error-message app-field-error', id: errorId, hidden: true });
    const inputs: HTMLInputElement[] = [];
    const items = opts.choices.map((choice) => {
      const id = uid(`keuze-${opts.name.replace(/[^a-z0-9]/gi, '-')}`);
      const choiceDescriptionId = choice.description ? uid('beschrijving') : undefined;
      const input = h('input', {
        id,
        name: opts.inputName ?? opts.name,
        type: opts.kind,
        value: choice.value,
        checked: opts.checked?.includes(choice.value),
        class:
          opts.kind === 'checkbox'
            ? 'utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom utrecht-form-field__input'
            : 'utrecht-radio-button utrecht-radio-button--html-input utrecht-form-field__input',
        'aria-describedby': choiceDescriptionId,
      });
      inputs.push(input);
      return h(
        'div',
        { class: `utrecht-form-field utrecht-form-field--${opts.kind === 'checkbox' ? 'checkbox' : 'radio'}` },
        h('div', { class: 'utrecht-form-field__input' }, input),
        h(
          'label',
          {
            class: `utrecht-form-label utrecht-form-label--${opts.kind === 'checkbox' ? 'checkbox' : 'radio'} utrecht-form-field__label`,
            for: id,
          },
          choice.label,
        ),
        choice.description
          ? h(
              'div',
              { class: 'utrecht-form-field-description utrecht-form-field__description', id: choiceDescriptionId },
              choice.description,
            )
          : null,
      );
    });
    const fieldset = h(
      'fieldset',
      {
        class:
          'utrecht-form-fieldset utrecht-form-fieldset--html-fieldset utrecht-form-fieldset--distanced app-fieldset',
        'aria-describedby': [descriptionId, errorId].filter(Boolean).join(' ') || undefined,
      },
      h(
        'legend',
        { class: 'utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend', id: legendId },
        opts.label,
      ),
      opts.description
        ? h('p', { class: 'utrecht-form-field-description', id: descriptionId }, opts.description)
        : null,
      error,
      h('div', { class: `app-choices${opts.kind === 'radio' ? ' app-choices--radio' : ''}` }, items),
    );
    const first = inputs[0];
    this.place(opts, { container: fieldset, focusTarget: first ?? fieldset, inputs, error });
    return inputs;
  }

  /** A fieldset for grouping; not a field of its own. */
  fieldset(legend: string, description?: string, into: HTMLElement = this.form): HTMLFieldSetElement {
    const fs = h(
      'fieldset',
      {
        class:
          'utrecht-form-fieldset utrecht-form-fieldset--html-fieldset utrecht-form-fieldset--distanced app-fieldset',
      },
      h('legend', { class: 'utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend' }, legend),
      description ? p(description) : null,
    );
    into.appendChild(fs);
    return fs;
  }

  /** Moves a registered field (built with `text`, `select`…) into a container, e.g. a fieldset. */
  moveInto(container: HTMLElement, ...names: string[]): void {
    for (const name of names) {
      const field = this.fields.get(name);
      if (field) container.appendChild(field.container);
    }
  }

  unregisterPrefix(prefix: string): void {
    for (const name of [...this.fields.keys()]) if (name.startsWith(prefix)) this.fields.delete(name);
  }

  /** Which registered field an API parameter name belongs to: exact, else the nearest parent. */
  fieldFor(paramName: string): RegisteredField | undefined {
    let name = paramName.replace(/^body\.?/, '');
    for (;;) {
      const field = this.fields.get(name);
      if (field) return field;
      const shorter = name.replace(/(\[\d+\]|\.[^.[\]]+)$/, '');
      if (shorter === name || shorter === '') return undefined;
      name = shorter;
    }
  }

  clearErrors(): void {
    for (const field of this.fields.values()) {
      field.error.hidden = true;
      field.error.replaceChildren();
      field.container.classList.remove('utrecht-form-field--invalid', 'utrecht-form-fieldset--invalid', 'app-invalid');
      for (const input of field.inputs) {
        input.removeAttribute('aria-invalid');
        input.classList.remove('utrecht-textbox--invalid', 'utrecht-select--invalid', 'utrecht-checkbox--invalid');
        const describedBy = (input.getAttribute('aria-describedby') ?? '')
          .split(' ')
          .filter((id) => id && id !== field.error.id)
          .join(' ');
        if (describedBy) input.setAttribute('aria-describedby', describedBy);
        else input.removeAttribute('aria-describedby');
      }
    }
    this.summary.hidden = true;
    this.summary.replaceChildren();
    this.summary.className = 'app-error-summary';
  }

  /**
   * Shows the API's validation errors at their fields and a summary that links to them, then
   * moves focus to the summary. `extra` are messages for the whole form (e.g. a conflict).
   */
  showErrors(params: readonly InvalidParam[], title = 'Controleer de invoer', extra: readonly Child[] = []): void {
    this.clearErrors();
    const byField = new Map<RegisteredField, string[]>();
    const unplaced: InvalidParam[] = [];
    for (const param of params) {
      const field = this.fieldFor(param.name);
      const reason = reasonInDutch(param.reason);
      if (!field) {
        unplaced.push({ name: param.name, reason });
        continue;
      }
      const fieldName = param.name.replace(/^body\.?/, '');
      const suffix = fieldName !== field.name ? ` (${fieldName})` : '';
      const list = byField.get(field) ?? [];
      list.push(`${reason}${suffix}`);
      byField.set(field, list);
    }
    const links: Child[] = [];
    for (const [field, reasons] of byField) {
      field.error.hidden = false;
      replaceChildren(field.error, h('span', { class: 'app-visually-hidden' }, 'Fout: '), reasons.join('; '));
      field.container.classList.add(
        field.container.tagName === 'FIELDSET' ? 'utrecht-form-fieldset--invalid' : 'utrecht-form-field--invalid',
        'app-invalid',
      );
      for (const input of field.inputs) {
        input.setAttribute('aria-invalid', 'true');
        if (
          input instanceof HTMLInputElement &&
          (input.type === 'text' || input.type === 'date' || input.type === 'number')
        ) {
          input.classList.add('utrecht-textbox--invalid');
        }
        if (input instanceof HTMLSelectElement) input.classList.add('utrecht-select--invalid');
        const describedBy = new Set((input.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean));
        describedBy.add(field.error.id);
        input.setAttribute('aria-describedby', [...describedBy].join(' '));
      }
      links.push(
        h(
          'a',
          {
            class: 'utrecht-link utrecht-link--html-a',
            href: `#${field.focusTarget.id}`,
            onclick: (event: Event) => {
              event.preventDefault();
              field.focusTarget.focus();
              field.container.scrollIntoView({ block: 'center' });
            },
          },
          `${field.label}: ${reasons.join('; ')}`,
        ),
      );
    }
    for (const param of unplaced) links.push(`${param.name}: ${param.reason}`);
    this.showAlert('error', 'foutoverzicht', title, [
      ...extra,
      links.length > 0
        ? h(
            'ul',
            { class: 'utrecht-unordered-list' },
            links.map((l) => h('li', { class: 'utrecht-unordered-list__item' }, l)),
          )
        : null,
    ]);
  }

  /** A message above the form that is not about one field (a conflict, a network failure). */
  showMessage(type: 'error' | 'warning' | 'ok', title: string, body: readonly Child[] = []): void {
    this.clearErrors();
    this.showAlert(type, 'melding', title, body);
  }

  /** Fills the alert above the form (the error summary's place), announces it and moves focus to it. */
  private showAlert(type: 'error' | 'warning' | 'ok', idPrefix: string, title: string, body: readonly Child[]): void {
    const titleId = uid(idPrefix);
    this.summary.className = `utrecht-alert utrecht-alert--${type} app-alert app-error-summary`;
    this.summary.setAttribute('aria-labelledby', titleId);
    this.summary.setAttribute('role', type === 'ok' ? 'status' : 'alert');
    replaceChildren(
      this.summary,
      h(
        'div',
        { class: 'utrecht-alert__content' },
        h(
          'div',
          { class: 'utrecht-alert__message' },
          heading(2, title, { id: titleId, class: 'app-alert__heading' }),
          ...body,
        ),
      ),
    );
    this.summary.hidden = false;
    this.summary.focus();
  }
}

/** Reads a form's current values. */
export function textValue(form: HTMLFormElement, name: string): string {
  const element = form.elements.namedItem(name);
  if (
    element instanceof HTMLInputElement ||
    element instanceof HTMLSelectElement ||
    element instanceof HTMLTextAreaElement
  ) {
    return element.value.trim();
  }
  return '';
}

export function checkedValues(form: HTMLFormElement, name: string): string[] {
  return [...form.querySelectorAll<HTMLInputElement>('input')]
    .filter((input) => input.name === name && input.checked)
    .map((input) => input.value);
}

export function radioValue(form: HTMLFormElement, name: string): string | undefined {
  return checkedValues(form, name)[0];
}

/** Puts `value` in `body[key]` unless it is empty: optional fields are left out, not sent empty. */
export function optional<T extends Record<string, unknown>>(body: T, key: string, value: unknown): T {
  if (value !== undefined && value !== null && value !== '') (body as Record<string, unknown>)[key] = value;
  return body;
}

/**
 * The gemeenten typed in a field, by name or code (`Utrecht, GM0307`); null when one is unknown,
 * which is then shown at the field.
 */
export function gemeentenValue(form: FormController, name: string): string[] | null {
  const { codes, unknown } = parseGemeenten(textValue(form.form, name));
  if (unknown.length === 0) return codes;
  form.showErrors([{ name, reason: `onbekende gemeente: ${unknown.join(', ')}` }]);
  return null;
}

/** The row below a form: its submit button and a way back. */
export function formActions(submitLabel: string, cancelHref: string): HTMLDivElement {
  return h(
    'div',
    { class: 'app-actions' },
    button(submitLabel, { type: 'submit', appearance: 'primary' }),
    link(cancelHref, 'Annuleren'),
  );
}

/**
 * A confirmation step before a command that cannot be undone. The first submit puts, in place of
 * the form's actions, what will happen with a button to go ahead and one to go back; only a submit
 * while that is shown goes through (`confirmed()`). Going back, or changing any field, restores the
 * actions, so what is confirmed is always what the form holds.
 */
export class ConfirmStep {
  private readonly panel: HTMLDivElement;
  private readonly title: HTMLHeadingElement;
  private readonly body: HTMLDivElement;

  constructor(
    private readonly form: FormController,
    private readonly actions: HTMLElement,
    private readonly opts: { title: string; confirm: string; describe: () => Child[] },
  ) {
    const titleId = uid('bevestigen');
    this.title = heading(2, opts.title, { id: titleId, class: 'app-alert__heading', tabindex: -1 });
    this.body = h('div');
    this.panel = h(
      'div',
      {
        class: 'utrecht-alert utrecht-alert--warning app-alert',
        role: 'group',
        'aria-labelledby': titleId,
      },
      h(
        'div',
        { class: 'utrecht-alert__content' },
        h(
          'div',
          { class: 'utrecht-alert__message' },
          this.title,
          this.body,
          h(
            'div',
            { class: 'app-actions' },
            button(opts.confirm, { type: 'submit', appearance: 'primary' }),
            button('Nee, terug naar het formulier', {
              onClick: () => {
                this.reset();
                this.actions.querySelector<HTMLElement>('button')?.focus();
              },
            }),
          ),
        ),
      ),
    );
    for (const type of ['input', 'change']) form.form.addEventListener(type, () => this.reset());
  }

  /** On submit: true when the person has confirmed; otherwise shows the step and returns false. */
  confirmed(): boolean {
    if (this.panel.isConnected) return true;
    this.form.clearErrors();
    replaceChildren(this.body, ...this.opts.describe());
    this.actions.replaceWith(this.panel);
    this.title.focus();
    return false;
  }

  /** Back to the form's own actions (also after the server refused). */
  reset(): void {
    if (this.panel.isConnected) this.panel.replaceWith(this.actions);
  }
}

/** Disables the submit button while a request runs, and says so. */
export async function whileBusy<T>(form: HTMLFormElement, work: () => Promise<T>): Promise<T> {
  const buttons = [...form.querySelectorAll<HTMLButtonElement>('button[type="submit"]')];
  for (const b of buttons) {
    b.disabled = true;
    b.setAttribute('aria-busy', 'true');
    b.classList.add('utrecht-button--busy');
  }
  try {
    return await work();
  } finally {
    for (const b of buttons) {
      b.disabled = false;
      b.removeAttribute('aria-busy');
      b.classList.remove('utrecht-button--busy');
    }
  }
}
