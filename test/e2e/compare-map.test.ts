/**
 * Compare mode on the heat map and the landscape (issue 16, item 1's web part), in Debian's
 * Chromium at 1440 and 390 px against the real server and the seeded test Neo4j: switched on by
 * keyboard, the marked cells and services are the ones heatMapDiff and landscapeDiff give, axe-core
 * clean, screenshots in test/artifacts/ (git-ignored). Self-contained on purpose (its own small harness).
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page, type Response } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../app';

const CHROMIUM = '/usr/bin/chromium';
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));
const AXE = `${ROOT}node_modules/axe-core/axe.min.js`;
const SERVICE = 'tjeneste-journaldokumenter';

interface AxeViolation {
  id: string;
  impact: string | null;
  nodes: { target: string[] }[];
}

describe.skipIf(!existsSync(CHROMIUM))(`compare mode on the heat map and landscape in Chromium (skipped when ${CHROMIUM} is missing)`, () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  const open = async (hash: string, width: number) => {
    await page.setViewportSize({ width, height: width > 500 ? 900 : 844 });
    await page.goto('about:blank');
    await page.goto(`${app.url}${hash}`);
  };

  async function axe(): Promise<AxeViolation[]> {
    // Through page.evaluate: the page's CSP (script-src 'self') rightly blocks a <script> tag.
    await page.evaluate(await readFile(AXE, 'utf8'));
    const violations = await page.evaluate(async () => {
      const run = (window as unknown as { axe: { run: (d: Document) => Promise<{ violations: AxeViolation[] }> } }).axe.run;
      const r = await run(document);
      return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => ({ target: n.target })) }));
    });
    return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  }

  const marked = () => page.evaluate(() => [...new Set(window.reguleringsplan?.cy?.nodes('.changed').map((n) => String(n.data('ref'))) ?? [])].sort());
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

  beforeAll(async () => {
    await build({ configFile: `${ROOT}web/vite.config.ts`, logLevel: 'warn' });
    await mkdir(ARTIFACTS, { recursive: true });
    app = await startTestApp();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
    page = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'nb-NO' })).newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('heat map: switched on by keyboard, the marked cells are heatMapDiff’s, before → after in the label and the list', async () => {
    const from = '2021-01-01';
    const to = '2028-12-31';
    const res = await app.gql<{ heatMapDiff: { cells: { element: { id: string } | null; gap: { id: string } | null }[] } }>(
      `{ heatMapDiff(service: "${SERVICE}", from: "${from}", to: "${to}") { cells { element { id } gap { id } } } }`,
    );
    const expected = (res.data?.heatMapDiff.cells ?? []).map((c) => c.element?.id ?? c.gap?.id ?? '').sort();
    expect(expected.length).toBeGreaterThan(0);

    await open(`#/varmekart?service=${SERVICE}&asOf=${from}`, 1440);
    await page.waitForSelector('#heatmap[data-state="ready"]');
    expect(await marked()).toEqual([]);
    // Keyboard: Tab from the top to the switch, Space turns compare mode on; the focus stays on it.
    await page.locator('body').focus();
    for (let i = 0; i < 40 && !(await page.evaluate(() => document.activeElement?.id === 'compare-toggle')); i++) await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('compare-toggle');
    await page.keyboard.press('Space');
    await page.waitForURL(/sammenlign=\d{4}-12-31/);
    await page.waitForSelector('#heatmap[data-state="ready"]');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('compare-toggle');
    await page.locator('#compare-date').fill(to);
    await page.waitForURL(new RegExp(`sammenlign=${to}`));
    await page.waitForSelector(`#compare-box .compare-summary[data-changed="${expected.length}"]`);
    await page.waitForSelector('#heatmap[data-state="ready"]');
    const renderMs = await page.evaluate(() => window.reguleringsplan?.renderMs ?? NaN);
    console.log(`heat map compare mode (Journaldokumenter ${from} → ${to}): ${renderMs.toFixed(0)} ms from the request to drawn, ${expected.length} changed cells`);
    expect(await marked()).toEqual(expected);
    // Each marked cell says before → after in its label; the list view says it too.
    const labels = await page.evaluate(() => window.reguleringsplan?.cy?.nodes('.changed').map((n) => String(n.data('label'))) ?? []);
    for (const l of labels) expect(l).toMatch(/ → /);
    const listed = await page.locator('.element-list li.changed button').evaluateAll((bs) => [...new Set(bs.map((b) => b.getAttribute('data-id') ?? ''))].sort());
    expect(listed).toEqual(expected);
    await page.screenshot({ path: `${ARTIFACTS}compare-heatmap-1440.png` });
    expect(await axe(), 'heat map compare at 1440 px').toEqual([]);

    // The route is the deep link: at 390 px the list comes first and says before → after.
    const hash = `#/varmekart?service=${SERVICE}&asOf=${from}&sammenlign=${to}`;
    expect(page.url()).toContain(hash.slice(2));
    await open(hash, 390);
    await page.waitForSelector('#heatmap[data-state="ready"]');
    expect(await marked()).toEqual(expected);
    expect(await page.locator('.element-list li.changed .list-change').count()).toBe(expected.length);
    await page.screenshot({ path: `${ARTIFACTS}compare-heatmap-390.png` });
    await page.locator('#heatmap').screenshot({ path: `${ARTIFACTS}compare-heatmap-390-map.png` });
    expect(await axe(), 'heat map compare at 390 px').toEqual([]);
    expect(await overflow()).toBeLessThanOrEqual(1);

    // One request brings the map and its diff: two root fields, one Cypher round trip each.
    const diffRequests: { heatMap: boolean; roundTrips: string | null }[] = [];
    const onResponse = (r: Response) => {
      const body = r.request().postData() ?? '';
      if (r.url().endsWith('/graphql') && body.includes('heatMapDiff')) diffRequests.push({ heatMap: body.includes('heatMap('), roundTrips: r.headers()['x-cypher-round-trips'] ?? null });
    };
    page.on('response', onResponse);
    // Paper: the toolbar goes, the summary and the map stay.
    await open(hash, 1440);
    await page.waitForSelector('#heatmap[data-state="ready"]');
    page.off('response', onResponse);
    expect(diffRequests).toEqual([{ heatMap: true, roundTrips: '2' }]);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.toolbar').isVisible()).toBe(false);
    expect(await page.locator('#compare-box .compare-summary').isVisible()).toBe(true);
    expect(await page.locator('#heatmap').isVisible()).toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}compare-heatmap-print.png` });
    await page.emulateMedia({ media: 'screen' });
  }, 180_000);

  it('landscape: the services whose cells change are marked with landscapeDiff’s counts', async () => {
    const from = '2019-01-01';
    const to = '2035-12-31';
    const res = await app.gql<{ landscapeDiff: { changedCount: number; services: { service: { id: string }; changedCount: number }[] } }>(
      `{ landscapeDiff(from: "${from}", to: "${to}") { changedCount services { service { id } changedCount } } }`,
    );
    const diff = res.data?.landscapeDiff;
    const changed = new Map((diff?.services ?? []).filter((s) => s.changedCount > 0).map((s) => [s.service.id, String(s.changedCount)]));
    expect(changed.size).toBeGreaterThan(0);
    for (const width of [1440, 390]) {
      await open(`#/landskap?asOf=${from}`, width);
      await page.waitForSelector('#landscape[data-state="ready"]');
      await page.locator('#compare-toggle').focus();
      await page.keyboard.press('Space');
      await page.waitForURL(/sammenlign=/);
      await page.locator('#compare-date').fill(to);
      await page.waitForSelector(`#compare-box .compare-summary[data-changed="${diff?.changedCount}"]`);
      await page.waitForSelector('#landscape[data-state="ready"]');
      if (width === 1440) console.log(`landscape compare mode (${from} → ${to}): ${(await page.evaluate(() => window.landscapeRenderMs ?? NaN)).toFixed(0)} ms from the request to drawn, ${diff?.changedCount} changed cells in ${changed.size} services`);
      const shown = await page.locator('li.service.changed').evaluateAll((lis) => lis.map((li): [string, string] => [li.querySelector('a')?.getAttribute('data-service') ?? '', li.getAttribute('data-changed') ?? '']));
      expect(new Map(shown)).toEqual(changed);
      // A marked service opens its heat map in compare mode between the same dates.
      expect(await page.locator(`li.service.changed a[data-service="${SERVICE}"]`).first().getAttribute('href')).toContain(`sammenlign=${to}`);
      await page.screenshot({ path: `${ARTIFACTS}compare-landscape-${width}.png` });
      expect(await axe(), `landscape compare at ${width} px`).toEqual([]);
      expect(await overflow()).toBeLessThanOrEqual(1);
    }
    expect(pageErrors).toEqual([]);
  }, 180_000);
});
