import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import axe from 'axe-core';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { ulid } from 'ulid';
import { afterAll, afterEach, beforeAll, expect, inject } from 'vitest';
import { type LocalRuntime, startLocalRuntime } from '#local/runtime.ts';
import { buildWeb } from '../../../web/build.ts';

/**
 * The dashboard's end-to-end harness: the dashboard built into a temporary folder, the local
 * runtime serving it (ephemeral port, the e2e project's in-memory DynamoDB Local under a fresh
 * table prefix), and Debian's headless Chromium driven by playwright-core. Nothing downloads a
 * browser.
 */

const root = resolve(import.meta.dirname, '../../..');
export const SCREENSHOT_DIR = join(root, 'test-results', 'screenshots');
export const WIDTHS = { desktop: 1280, mobile: 390 } as const;

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface WebHarness {
  readonly runtime: LocalRuntime;
  readonly browser: Browser;
  readonly url: string;
  /** A fresh browser context (own sessionStorage) and page at desktop width; `errors` collects script errors. */
  newPage(): Promise<{ context: BrowserContext; page: Page; errors: string[] }>;
  /** A token for seeding over the HTTP API. */
  token(gemeente: string | undefined, rol: 'supervisor' | 'viewer' | 'auditor'): Promise<string>;
  stop(): Promise<void>;
}

export async function startWebHarness(): Promise<WebHarness> {
  const webDir = mkdtempSync(join(tmpdir(), 'meldcode-web-'));
  await buildWeb({ outDir: webDir });
  const runtime = await startLocalRuntime({
    port: 0,
    dynamodbEndpoint: inject('dynamodbEndpoint'),
    tablePrefix: `web${ulid().toLowerCase()}`,
    webDir,
  });
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  } catch (error) {
    await runtime.stop();
    throw error;
  }
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const contexts: BrowserContext[] = [];
  return {
    runtime,
    browser,
    url: runtime.url,
    async newPage() {
      const context = await browser.newContext({
        viewport: { width: WIDTHS.desktop, height: 900 },
        locale: 'nl-NL',
        timezoneId: 'Europe/Amsterdam',
      });
      contexts.push(context);
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
      return { context, page, errors };
    },
    token: (gemeente, rol) => runtime.issuer.mint({ rol, ...(gemeente ? { gemeente } : {}) }),
    async stop() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
      await runtime.stop();
      rmSync(webDir, { recursive: true, force: true });
    },
  };
}

/** A test file's harness and its one page, filled in by the `beforeAll` of `useWebHarness`. */
export interface WebSuite {
  readonly harness: WebHarness;
  readonly page: Page;
  /** Script errors of the page. */
  readonly errors: string[];
}

/**
 * The hooks every dashboard test file needs: the harness started (then `seed`, then the runtime
 * idle) and one page opened before the tests, a screenshot after a failed test, everything stopped
 * at the end. Read the suite's fields inside tests, once `beforeAll` has run.
 */
export function useWebHarness(seed?: (harness: WebHarness) => Promise<void>): WebSuite {
  const suite = {} as { harness: WebHarness; page: Page; errors: string[] };
  beforeAll(async () => {
    suite.harness = await startWebHarness();
    await seed?.(suite.harness);
    await suite.harness.runtime.whenIdle();
    ({ page: suite.page, errors: suite.errors } = await suite.harness.newPage());
  });
  afterEach(async (context) => {
    await screenshotOnFailure(suite.page, context);
  });
  afterAll(async () => {
    await suite.harness?.stop();
  });
  return suite;
}

/** Signs in through the local sign-in page: pick a gemeente and a role. */
export async function signIn(
  page: Page,
  url: string,
  gemeente: string | undefined,
  rol: 'supervisor' | 'viewer' | 'auditor',
): Promise<void> {
  await page.goto(`${url}/#/inloggen`);
  await page.getByLabel('Gemeente', { exact: true }).selectOption(gemeente ?? '');
  const rolLabel = { supervisor: 'Toezichthouder', viewer: 'Raadpleger', auditor: 'Auditor' }[rol];
  await page.getByLabel(rolLabel, { exact: true }).check();
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('button', { name: 'Uitloggen' }).waitFor();
}

/** Waits until the page has rendered its content (no "bezig met laden" line left). */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const status = [...document.querySelectorAll('.app-status')];
    return document.querySelector('h1') !== null && status.length === 0;
  });
  await page.evaluate(() => document.fonts.ready);
}

/** axe-core with the WCAG 2.1 A and AA rules; returns the violations as readable lines. */
export async function axeViolations(page: Page): Promise<string[]> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
  if (!loaded) await page.addScriptTag({ content: axe.source });
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: typeof axe }).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`.replace(/\s+/g, ' ').slice(0, 400)),
    }));
  });
  return violations.flatMap((v) => v.nodes.map((n) => `[${v.impact}] ${v.id} (${v.help}) ${n}`));
}

export interface LayoutReport {
  readonly scrollWidth: number;
  readonly innerWidth: number;
  readonly overlaps: readonly string[];
}

/**
 * No horizontal scrolling of the document, and no two visible interactive elements overlapping
 * (a label around its own input, or an element inside another, does not count).
 */
export async function layoutReport(page: Page): Promise<LayoutReport> {
  return page.evaluate(() => {
    // Measured from the top of the page: fixed elements parked above it (the skip link until it
    // is focused) are then off-screen, whatever was scrolled before.
    window.scrollTo(0, 0);
    const selector =
      'a[href], button, input:not([type="hidden"]), select, textarea, summary, [tabindex]:not([tabindex="-1"])';
    const describe = (el: Element): string => {
      const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
      const id = el.id ? `#${el.id}` : '';
      const name = el.getAttribute('name') ? `[name=${el.getAttribute('name')}]` : '';
      return `${el.tagName.toLowerCase()}${id}${name}${text ? ` "${text}"` : ''}`;
    };
    const visible = [...document.querySelectorAll(selector)].filter((el) => {
      const style = getComputedStyle(el);
      const rect = el.getBoundingClientRect();
      if (style.visibility === 'hidden' || style.display === 'none' || rect.width < 1 || rect.height < 1) return false;
      // Off-screen elements (the skip link until focused) overlap nothing a person sees.
      if (rect.bottom <= 0 || rect.right <= 0) return false;
      return el.closest('[hidden]') === null;
    });
    const overlaps: string[] = [];
    for (let i = 0; i < visible.length; i++) {
      for (let j = i + 1; j < visible.length; j++) {
        const a = visible[i] as Element;
        const b = visible[j] as Element;
        if (a.contains(b) || b.contains(a)) continue;
        const ra = a.getBoundingClientRect();
        const rb = b.getBoundingClientRect();
        const w = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
        const h = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
        if (w > 1 && h > 1)
          overlaps.push(`${describe(a)} overlaps ${describe(b)} (${Math.round(w)}x${Math.round(h)} px)`);
      }
    }
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, overlaps };
  });
}

/**
 * Checks a page the way every page is checked: zero axe violations, and at desktop and 390 px
 * wide no horizontal scrolling and no overlapping controls, with a full-page screenshot of each.
 */
export async function checkPage(page: Page, name: string): Promise<void> {
  await settled(page);
  expect(await axeViolations(page), `axe violations on ${name}`).toEqual([]);
  for (const [label, width] of Object.entries(WIDTHS)) {
    await page.setViewportSize({ width, height: 900 });
    await page.waitForTimeout(150);
    const layout = await layoutReport(page);
    expect(layout.scrollWidth, `${name} at ${width}px scrolls horizontally`).toBeLessThanOrEqual(layout.innerWidth);
    expect(layout.overlaps, `${name} at ${width}px has overlapping controls`).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-${label}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: WIDTHS.desktop, height: 900 });
}

/** After a failed test: a screenshot and the page's text, to see what the person would have seen. */
export async function screenshotOnFailure(
  page: Page | undefined,
  context: { task: { name: string; result?: { state?: string } } },
): Promise<void> {
  if (!page || context.task.result?.state !== 'fail') return;
  const name = `FAILED-${context.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}`;
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true }).catch(() => undefined);
  const text =
    (await page
      .locator('main')
      .textContent({ timeout: 2000 })
      .catch(() => '')) ?? '';
  console.error(`${context.task.name}: ${page.url()}\n${text.slice(0, 2000)}`);
}

/** A small HTTP client for seeding through the public API, as `npm run seed` does. */
export async function apiCall<T = unknown>(
  url: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; data: T; etag: string | null }> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, data: (text ? JSON.parse(text) : null) as T, etag: response.headers.get('etag') };
}
