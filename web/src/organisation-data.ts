import { ApiError, type ApiResponse, api } from './api.ts';
import type { Organisatie } from './types.ts';

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(new DOMException('aborted', 'AbortError'));
      },
      { once: true },
    );
  });

/**
 * Reads an organisation. Views follow the event store within moments (the pipeline is
 * asynchronous), so after a command the page asks for at least the version the command returned
 * and waits a little while the view still shows an older one, or does not show the new
 * organisation yet.
 */
export async function loadOrganisation(
  id: string,
  signal: AbortSignal,
  atLeastVersion?: number,
  timeoutMs = 10_000,
): Promise<ApiResponse<Organisatie> & { stale: boolean }> {
  const deadline = Date.now() + timeoutMs;
  const path = `/v1/organisaties/${encodeURIComponent(id)}`;
  for (;;) {
    try {
      const response = await api<Organisatie>('GET', path, { signal });
      const version = response.data.versie ?? response.version ?? 0;
      if (atLeastVersion === undefined || version >= atLeastVersion) return { ...response, stale: false };
      if (Date.now() > deadline) return { ...response, stale: true };
    } catch (error) {
      const waiting = atLeastVersion !== undefined && error instanceof ApiError && error.status === 404;
      if (!waiting || Date.now() > deadline) throw error;
    }
    await sleep(250, signal);
  }
}
