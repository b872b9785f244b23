import { ApiError, type ApiResponse, newIdempotencyKey } from './api.ts';
import { type FormController, whileBusy } from './forms.ts';
import { p } from './ui.ts';

/** A refusal of the domain a form explains in Dutch: at a field (`field`, as the API names it) or above the form. */
export interface Refusal {
  readonly field?: string;
  readonly reason: string;
}

export interface SendOptions {
  /** Reloads what the page shows after a 409/412, so the person can check and send again. */
  readonly onConflict?: (error: ApiError) => Promise<void> | void;
  /** The field a duplicate organisation (`409 organisatie-bestaat-al`) is shown at. */
  readonly conflictField?: string;
  /** Refusals explained in Dutch, by the problem's `code` (`last-gemeente-removed`, ...). */
  readonly refusals?: Readonly<Record<string, Refusal>>;
}

/**
 * Sends a command from a form and shows what went wrong where it belongs:
 * - 400: each invalid field at the field (and in the summary);
 * - 409/412: someone changed the organisation meanwhile (or it already exists): explained, and
 *   `onConflict` refreshes what the page shows so the person can check and send again;
 * - a refusal the form knows (`refusals`, by the problem's `code`): explained in Dutch, at its field
 *   when it has one;
 * - anything else: a message above the form.
 * The Idempotency-Key stays the same while a request fails without an answer (a network failure),
 * so pressing the button again cannot record the same thing twice; it is renewed after any answer.
 */
export class CommandSender {
  private key = newIdempotencyKey();

  constructor(private readonly form: FormController) {}

  async send<T>(
    request: (idempotencyKey: string) => Promise<ApiResponse<T>>,
    options: SendOptions = {},
  ): Promise<ApiResponse<T> | null> {
    return whileBusy(this.form.form, async () => {
      try {
        const response = await request(this.key);
        this.key = newIdempotencyKey();
        return response;
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        if (error.status !== 0) this.key = newIdempotencyKey();
        await this.show(error, options);
        return null;
      }
    });
  }

  private async show(error: ApiError, options: SendOptions): Promise<void> {
    if (error.status === 400 || (error.status === 422 && error.invalidParams.length > 0)) {
      this.form.showErrors(
        error.invalidParams.length > 0 ? error.invalidParams : [{ name: 'body', reason: error.detail }],
        error.invalidParams.length === 1
          ? 'Er is 1 fout in het formulier'
          : `Er zijn ${error.invalidParams.length} fouten in het formulier`,
      );
      return;
    }
    const refusal = error.code === undefined ? undefined : options.refusals?.[error.code];
    if (refusal) {
      if (error.isConflict && options.onConflict) await options.onConflict(error);
      const title = 'Dit kan niet volgens de regels';
      if (refusal.field) this.form.showErrors([{ name: refusal.field, reason: refusal.reason }], title);
      else this.form.showMessage('error', title, [p(refusal.reason)]);
      return;
    }
    if (error.isConflict && options.conflictField && error.status === 409 && error.code === 'organisatie-bestaat-al') {
      this.form.showErrors(
        [{ name: options.conflictField, reason: error.detail || error.title }],
        'Deze organisatie bestaat al',
      );
      return;
    }
    if (error.isConflict) {
      if (options.onConflict) await options.onConflict(error);
      this.form.showMessage('warning', 'De organisatie is intussen gewijzigd', [
        p(
          error.status === 412
            ? 'Iemand anders heeft deze organisatie gewijzigd nadat u het formulier opende. Uw wijziging is niet vastgelegd.'
            : 'Een andere wijziging van deze organisatie kwam tegelijk binnen. Uw wijziging is niet vastgelegd.',
        ),
        p(
          'De gegevens op deze pagina zijn opnieuw geladen en uw invoer is bewaard. Controleer alles en verstuur het formulier opnieuw.',
        ),
        error.detail ? p(`Melding van de server: ${error.detail}`) : null,
      ]);
      return;
    }
    if (error.status === 422) {
      this.form.showMessage('error', 'Dit kan niet volgens de regels', [p(error.detail || error.title)]);
      return;
    }
    if (error.status === 403) {
      this.form.showMessage('error', 'Geen toegang', [p(error.detail || 'U mag dit niet met uw rol of gemeente.')]);
      return;
    }
    this.form.showMessage('error', error.title, [p(error.detail || 'Probeer het later opnieuw.')]);
  }
}
