/**
 * Compare mode on the heat map and the landscape (issue 16, item 1's web part), in Debian's
 * Chromium at 1440 and 390 px against the real server and the seeded test Neo4j: switched on by
 * keyboard, the marked cells and services are the ones heatMapDiff and landscapeDiff give, axe-core
 * clean, screenshots in test/artifacts/ (git-ignored). The browser, axe and the helpers: ./harness.ts.
 */
import type { Browser, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../app';
import {
  CHROMIUM,
  NO_CHROMIUM,
  SCREEN_WIDTHS,
  SERVICE,
  buildWebApp,
  closeBrowserAndApp,
  focusedId,
  openBrowser,
  openFresh,
  runAxe,
  screenshot,
  setWidth,
  tabTo,
  waitForReady,
  type Width,
} from './harness';

describe.skipIf(NO_CHROMIUM)(`compare mode on the heat map and landscape in Chromium (skipped when ${CHROMIUM} is missing)`, () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  const open = async (hash: string, width: Width) => {
    await setWidth(page, width);
    await openFresh(page, `${app.url}${hash}`);
  };
  const axe = () => runAxe(page);

  const marked = () => page.evaluate(() => [...new Set(window.reguleringsplan?.cy?.nodes('.changed').map((n) => String(n.data('ref'))) ?? [])].sort());
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

  beforeAll(async () => {
    await buildWebApp();
    app = await startTestApp();
    ({ browser, page } = await openBrowser(pageErrors));
  });

  afterAll(() => closeBrowserAndApp(browser, app, [], []));

  it('heat map: switched on by keyboard, the marked cells are heatMapDiff’s, before → after in the label and the list', async () => {
    const from = '2021-01-01';
    const to = '2028-12-31';
    const res = await app.gql<{ heatMapDiff: { cells: { element: { id: string } | null; gap: { id: string } | null }[] } }>(
      `{ heatMapDiff(service: "${SERVICE}", from: "${from}", to: "${to}") { cells { element { id } gap { id } } } }`,
    );
    const expected = (res.data?.heatMapDiff.cells ?? []).map((c) => c.element?.id ?? c.gap?.id ?? '').sort();
    expect(expected.length).toBeGreaterThan(0);

    await open(`#/varmekart?service=${SERVICE}&asOf=${from}`, 1440);
    await waitForReady(page, '#heatmap');
    expect(await marked()).toEqual([]);
    // Keyboard: Tab from the top to the switch, Space turns compare mode on; the focus stays on it.
    await tabTo(page, '#compare-toggle', 40);
    expect(await focusedId(page)).toBe('compare-toggle');
    await page.keyboard.press('Space');
    await page.waitForURL(/sammenlign=\d{4}-12-31/);
    await waitForReady(page, '#heatmap');
    expect(await focusedId(page)).toBe('compare-toggle');
    await page.locator('#compare-date').fill(to);
    await page.waitForURL(new RegExp(`sammenlign=${to}`));
    await page.waitForSelector(`#compare-box .compare-summary[data-changed="${expected.length}"]`);
    await waitForReady(page, '#heatmap');
    const renderMs = await page.evaluate(() => window.reguleringsplan?.renderMs ?? NaN);
    console.log(
      `heat map compare mode (Journaldokumenter ${from} → ${to}): ${renderMs.toFixed(0)} ms from the request to drawn, ${expected.length} changed cells`,
    );
    expect(await marked()).toEqual(expected);
    // Each marked cell says before → after in its label; the list view says it too.
    const labels = await page.evaluate(() => window.reguleringsplan?.cy?.nodes('.changed').map((n) => String(n.data('label'))) ?? []);
    for (const l of labels) expect(l).toMatch(/ → /);
    const listed = await page
      .locator('.element-list li.changed button')
      .evaluateAll((bs) => [...new Set(bs.map((b) => b.getAttribute('data-id') ?? ''))].sort());
    expect(listed).toEqual(expected);
    await screenshot(page, `compare-heatmap-1440`);
    expect(await axe(), 'heat map compare at 1440 px').toEqual([]);

    // The route is the deep link: at 390 px the list comes first and says before → after.
    const hash = `#/varmekart?service=${SERVICE}&asOf=${from}&sammenlign=${to}`;
    expect(page.url()).toContain(hash.slice(2));
    await open(hash, 390);
    await waitForReady(page, '#heatmap');
    expect(await marked()).toEqual(expected);
    expect(await page.locator('.element-list li.changed .list-change').count()).toBe(expected.length);
    await screenshot(page, `compare-heatmap-390`);
    await screenshot(page.locator('#heatmap'), `compare-heatmap-390-map`);
    expect(await axe(), 'heat map compare at 390 px').toEqual([]);
    expect(await overflow()).toBeLessThanOrEqual(1);

    // One request brings the map and its diff: two root fields, one Cypher round trip each.
    const diffRequests: { heatMap: boolean; roundTrips: string | null }[] = [];
    const onResponse = (r: Response) => {
      const body = r.request().postData() ?? '';
      if (r.url().endsWith('/graphql') && body.includes('heatMapDiff'))
        diffRequests.push({ heatMap: body.includes('heatMap('), roundTrips: r.headers()['x-cypher-round-trips'] ?? null });
    };
    page.on('response', onResponse);
    // Paper: the toolbar goes, the summary and the map stay.
    await open(hash, 1440);
    await waitForReady(page, '#heatmap');
    page.off('response', onResponse);
    expect(diffRequests).toEqual([{ heatMap: true, roundTrips: '2' }]);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.toolbar').isVisible()).toBe(false);
    expect(await page.locator('#compare-box .compare-summary').isVisible()).toBe(true);
    expect(await page.locator('#heatmap').isVisible()).toBe(true);
    await screenshot(page, `compare-heatmap-print`);
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
    for (const width of SCREEN_WIDTHS) {
      await open(`#/landskap?asOf=${from}`, width);
      await waitForReady(page, '#landscape');
      await page.locator('#compare-toggle').focus();
      await page.keyboard.press('Space');
      await page.waitForURL(/sammenlign=/);
      await page.locator('#compare-date').fill(to);
      await page.waitForSelector(`#compare-box .compare-summary[data-changed="${diff?.changedCount}"]`);
      await waitForReady(page, '#landscape');
      if (width === 1440)
        console.log(
          `landscape compare mode (${from} → ${to}): ${(await page.evaluate(() => window.landscapeRenderMs ?? NaN)).toFixed(0)} ms from the request to drawn, ${diff?.changedCount} changed cells in ${changed.size} services`,
        );
      const shown = await page
        .locator('li.service.changed')
        .evaluateAll((lis) =>
          lis.map((li): [string, string] => [li.querySelector('a')?.getAttribute('data-service') ?? '', li.getAttribute('data-changed') ?? '']),
        );
      expect(new Map(shown)).toEqual(changed);
      // A marked service opens its heat map in compare mode between the same dates.
      expect(await page.locator(`li.service.changed a[data-service="${SERVICE}"]`).first().getAttribute('href')).toContain(`sammenlign=${to}`);
      await screenshot(page, `compare-landscape-${width}`);
      expect(await axe(), `landscape compare at ${width} px`).toEqual([]);
      expect(await overflow()).toBeLessThanOrEqual(1);
    }
    expect(pageErrors).toEqual([]);
  }, 180_000);
});
