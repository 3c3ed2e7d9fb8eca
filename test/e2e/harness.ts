/**
 * The browser-test harness: what every end-to-end file needs and had written again for itself.
 * It owns launching Debian's Chromium through playwright-core (nothing downloads a browser), the
 * web bundle the server serves, page loads and waits, the viewport widths the screenshots are
 * taken at (into test/artifacts/, git-ignored), axe-core (injected through the DevTools protocol,
 * because the app's Content-Security-Policy rightly blocks an injected <script>), keyboard and
 * download helpers, signing in as an analyst, the render times the app reports, and removing what
 * the tests' analyst tokens wrote. The server itself comes from test/app.ts; each test file keeps
 * only its own cases. One concern per function, so a file takes what it needs and nothing more.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type ConsoleMessage,
  type Download,
  type Locator,
  type Page,
} from 'playwright-core';
import { build } from 'vite';
import { createToken } from '../../api/auth/tokens';
import type { TestApp } from '../app';

export const CHROMIUM = '/usr/bin/chromium';
/** For `describe.skipIf`: the browser tests need Debian's chromium package and say so in their title. */
export const NO_CHROMIUM = !existsSync(CHROMIUM);
const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const AXE = `${ROOT}node_modules/axe-core/axe.min.js`;

/** The service the browser tests open: the one the sources say most about. */
export const SERVICE = 'tjeneste-journaldokumenter';

/** The window heights that go with each width tested: desktop, small laptop, tablet, phone. */
export const VIEWPORTS = { 1440: 900, 1280: 800, 1024: 768, 768: 1024, 390: 844 } as const;
export type Width = keyof typeof VIEWPORTS;
/** The two widths every view is shown at (the project's standard: desktop and phone). */
export const SCREEN_WIDTHS = [1440, 390] as const satisfies readonly Width[];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

/** The server serves dist/web: build it from the current source before the browser opens it. */
export async function buildWebApp(): Promise<void> {
  await build({ configFile: `${ROOT}web/vite.config.ts`, logLevel: 'warn' });
}

/** A context as the app's users have it: Norwegian locale, downloads kept, a desktop window. */
function newAppContext(browser: Browser, width: Width = 1440, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width, height: VIEWPORTS[width] }, acceptDownloads: true, locale: 'nb-NO', ...options });
}

export interface BrowserSession {
  browser: Browser;
  context: BrowserContext;
  page: Page;
}

/** Chromium with one app context (see newAppContext) and one page, whose script errors go into `pageErrors`. */
export async function openBrowser(pageErrors: string[], width: Width = 1440): Promise<BrowserSession> {
  const browser = await launchChromium();
  const context = await newAppContext(browser, width);
  const page = await context.newPage();
  recordPageErrors(page, pageErrors);
  return { browser, context, page };
}

/**
 * The end of a browser file: closes the browser, removes what its analyst tokens wrote (nodes
 * with one of `labels`, see removeAnalystWrites) and stops the server, even when a step before fails.
 */
export async function closeBrowserAndApp(browser: Browser | undefined, app: TestApp | undefined, tokenIds: string[], labels: readonly string[]): Promise<void> {
  await browser?.close();
  if (!app) return;
  try {
    await removeAnalystWrites(app, tokenIds, labels);
  } finally {
    await app.stop();
  }
}

/** Collects the page's uncaught script errors into `into` (a test asserts it stays empty). */
export function recordPageErrors(page: Page, into: string[] = []): string[] {
  page.on('pageerror', (e) => into.push(e.message));
  return into;
}

/** Collects the console messages `which` picks into `into`. */
export function recordConsole(page: Page, which: (m: ConsoleMessage) => boolean, into: string[] = []): string[] {
  page.on('console', (m) => {
    if (which(m)) into.push(m.text());
  });
  return into;
}

/** Chromium reports what the Content-Security-Policy blocked on the console. */
export const isCspViolation = (m: ConsoleMessage): boolean => /Content Security Policy/i.test(m.text());

/** A fresh page load: going to a URL that differs only in the hash would not reload the app. */
export async function openFresh(page: Page, url: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(url);
}

/** Waits until the view `selector` has drawn its data (the views set data-state="ready"). */
export async function waitForReady(page: Page, selector: string): Promise<void> {
  await page.waitForSelector(`${selector}[data-state="ready"]`, { timeout: 30_000 });
}

export function setWidth(page: Page, width: Width): Promise<void> {
  return page.setViewportSize({ width, height: VIEWPORTS[width] });
}

export interface AtWidthsOptions {
  /** Run at the last width, after the bodies (an axe check of the narrowest layout, say). */
  then?: () => Promise<void>;
  /** The size to put the window back to, even when a body fails, for the cases after this one. */
  restore?: Width;
}

/** Runs `body` at each width in turn (the window's height to match), then `then`, then restores the size. */
export async function atWidths<W extends Width>(
  page: Page,
  widths: readonly W[],
  body: (width: W) => Promise<void>,
  options: AtWidthsOptions = {},
): Promise<void> {
  try {
    for (const width of widths) {
      await setWidth(page, width);
      await body(width);
    }
    await options.then?.();
  } finally {
    if (options.restore) await setWidth(page, options.restore);
  }
}

/** Saves test/artifacts/<name>.png of the page's window or of one element. */
export async function screenshot(target: Page | Locator, name: string): Promise<void> {
  await mkdir(ARTIFACTS, { recursive: true });
  await target.screenshot({ path: `${ARTIFACTS}${name}.png` });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core's serious and critical violations on the page as it is now (all of axe's default rules run). */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not
  // govern; a <script> tag would be blocked by it (script-src 'self'), as it should be.
  await page.evaluate(await readFile(AXE, 'utf8'));
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const r = await axe.run(document);
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Tabs from `from` (the top of the page by default) until `selector` has focus; fails after `max` presses. */
export async function tabTo(page: Page, selector: string, max = 60, from: Locator = page.locator('body')): Promise<void> {
  await from.focus();
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`${selector} not reached by Tab in ${max} presses`);
}

/** The id of the element that has focus ('' for none). */
export function focusedId(page: Page): Promise<string> {
  return page.evaluate(() => document.activeElement?.id ?? '');
}

/** What `action` (a click) downloads, and its bytes. */
export async function downloaded(page: Page, action: () => Promise<void>): Promise<{ download: Download; body: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), action()]);
  return { download, body: await readFile(await download.path()) };
}

/** A new analyst token for this file; its id goes into `ids` so that `removeAnalystWrites` can find what it wrote. */
export async function analystToken(app: TestApp, name: string, ids: string[]): Promise<string> {
  const token = await createToken(app.db, { name, role: 'ANALYST' });
  ids.push(token.id);
  return token.secret;
}

/** Signs in through the header's dialog, finding the field by its label as a screen reader would. */
export async function signIn(page: Page, secret: string): Promise<void> {
  await page.locator('#sign-in').click();
  await page.getByLabel('Tilgangsnøkkel (bearer token)').fill(secret);
  await page.locator('dialog button[type="submit"]').click();
  await page.waitForSelector('#signed-in');
}

/**
 * Deletes what the tokens `ids` wrote (the nodes with one of `labels` their audit events name),
 * those audit events and the tokens, in one transaction, so later files see the seeded map.
 */
async function removeAnalystWrites(app: TestApp, ids: string[], labels: readonly string[]): Promise<void> {
  if (ids.length === 0) return; // a file that never signed in wrote nothing
  await app.db.write(async (tx) => {
    await tx.run(
      `MATCH (a:AuditEvent) WHERE a.tokenId IN $tokens
       WITH collect(DISTINCT a.target) AS targets
       MATCH (n) WHERE n.id IN targets AND any(l IN labels(n) WHERE l IN $labels) DETACH DELETE n`,
      { tokens: ids, labels },
    );
    await tx.run('MATCH (a:AuditEvent) WHERE a.tokenId IN $tokens OR a.target IN $tokens DELETE a', { tokens: ids });
    await tx.run('MATCH (t:ApiToken) WHERE t.id IN $tokens DELETE t', { tokens: ids });
  });
}

export interface HeatMapTiming {
  /** From just before `action` to the heat map's data-state="ready" (Cytoscape's layoutstop). */
  fromAction: number;
  /** The app's own figure: from its request to drawn. */
  app: number;
  /** Of which the API's answer. */
  data: number;
}

/** Runs `action` (a click that opens the heat map) and reads how long the map took to draw. */
export async function timeHeatMap(page: Page, action: () => Promise<void>): Promise<HeatMapTiming> {
  await page.evaluate(() => {
    (window as unknown as { t0: number }).t0 = performance.now();
  });
  await action();
  await waitForReady(page, '#heatmap');
  return page.evaluate(() => ({
    fromAction: performance.now() - (window as unknown as { t0: number }).t0,
    app: window.reguleringsplan?.renderMs ?? NaN,
    data: window.reguleringsplan?.dataMs ?? NaN,
  }));
}

/** "N ms from the request: N ms API, N ms drawing", the part of a heat map timing line every log shares. */
export function heatMapTimingText(t: HeatMapTiming): string {
  return `${t.app.toFixed(0)} ms from the request: ${t.data.toFixed(0)} ms API, ${(t.app - t.data).toFixed(0)} ms drawing`;
}

/** The planning views' own figure: from their request to drawn. */
export function planningRenderMs(page: Page): Promise<number> {
  return page.evaluate(() => window.planningRenderMs ?? NaN);
}
