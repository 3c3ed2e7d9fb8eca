/**
 * The planning views end to end (issue 16): compare two dates, the timeline, what-if
 * prioritisation and norms for a role, in Debian's Chromium at 1440 and 390 px against the real
 * server and the seeded test Neo4j. What each view shows is checked against the GraphQL API (its
 * only data source); each is checked with axe-core and reached by keyboard; the render time
 * (request to drawn) is logged. Screenshots go to test/artifacts/ (git-ignored). The browser, axe
 * and the helpers: ./harness.ts.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../app';
import {
  CHROMIUM,
  NO_CHROMIUM,
  SCREEN_WIDTHS,
  SERVICE,
  analystToken,
  buildWebApp,
  downloaded,
  closeBrowserAndApp,
  openBrowser,
  openFresh,
  planningRenderMs,
  runAxe,
  screenshot,
  setWidth,
  signIn,
  tabTo,
  waitForReady,
  type Width,
} from './harness';

const GP = 'aktortype-helsepersonell-primaerhelsetjenesten';

describe.skipIf(NO_CHROMIUM)(`planning views in Chromium (skipped when ${CHROMIUM} is missing)`, () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const tokenIds: string[] = [];

  const open = async (hash: string, width: Width = 1440) => {
    await setWidth(page, width);
    await openFresh(page, `${app.url}${hash}`);
  };
  const ready = (selector: string) => waitForReady(page, selector);
  const renderMs = () => planningRenderMs(page);

  /** The view at both widths: a screenshot each, no axe violations, nothing wider than the window. */
  async function shots(name: string, hash: string, selector: string): Promise<void> {
    for (const width of SCREEN_WIDTHS) {
      await open(hash, width);
      await ready(selector);
      await screenshot(page, `planning-${name}-${width}`);
      expect(await runAxe(page), `${name} at ${width} px`).toEqual([]);
      // Nothing wider than the window but the parts meant to scroll sideways.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${name} at ${width} px scrolls sideways`).toBeLessThanOrEqual(1);
    }
  }

  beforeAll(async () => {
    await buildWebApp();
    app = await startTestApp();
    ({ browser, page } = await openBrowser(pageErrors));
  });

  afterAll(() => closeBrowserAndApp(browser, app, tokenIds, ['Scenario']));

  it('compare: the Journaldokumenter cells that change between two dates, as heatMapDiff gives them', async () => {
    const from = '2021-01-01';
    const to = '2028-12-31';
    const res = await app.gql<{ heatMapDiff: { cells: { element: { id: string } | null; gap: { id: string } | null; after: string | null }[] } }>(
      `{ heatMapDiff(service: "${SERVICE}", from: "${from}", to: "${to}") { cells { element { id } gap { id } after } } }`,
    );
    const cells = res.data?.heatMapDiff.cells ?? [];
    const hash = `#/sammenlign?service=${SERVICE}&from=${from}&to=${to}`;
    await open(hash);
    await ready('#compare');
    console.log(`compare (Journaldokumenter ${from} → ${to}): ${(await renderMs()).toFixed(0)} ms from the request to drawn, ${cells.length} changed cells`);
    expect(await page.locator('.diff-cell').count()).toBe(cells.length);
    for (const c of cells)
      expect(await page.locator(`.diff-cell[data-id="${c.element?.id ?? c.gap?.id ?? ''}"]`).getAttribute('data-after')).toBe(c.after ?? 'NONE');
    await shots('compare-service', hash, '#compare');
  });

  it('compare over the landscape: per service the changed cells; a row opens that service, and the landscape links here', async () => {
    const res = await app.gql<{ landscapeDiff: { services: { service: { id: string }; changedCount: number }[] } }>(
      '{ landscapeDiff(from: "2019-01-01", to: "2035-12-31") { services { service { id } changedCount } } }',
    );
    const services = res.data?.landscapeDiff.services ?? [];
    const hash = '#/sammenlign?from=2019-01-01&to=2035-12-31';
    await open(hash);
    await ready('#compare');
    console.log(`compare (landscape 2019 → 2035): ${(await renderMs()).toFixed(0)} ms from the request to drawn`);
    expect(await page.locator('.diff-table tbody tr').count()).toBe(services.length);
    for (const s of services.slice(0, 5)) {
      await expect(page.locator(`tr[data-service="${s.service.id}"] td.num`).textContent()).resolves.toBe(String(s.changedCount));
    }
    await page.locator(`tr[data-service="${SERVICE}"] a`).click();
    await ready('#compare');
    expect(page.url()).toContain(`service=${SERVICE}`);
    await shots('compare-landscape', hash, '#compare');
    // "What changes by next year" from the landscape, and "compare dates" from the heat map.
    await open('#/landskap');
    await page.locator('#landscape-compare').click();
    await ready('#compare');
    expect(page.url()).toContain('#/sammenlign');
  });

  it('timeline: every dated change, event and measure drawn as a link, overdue ones marked, today marked, exports as SVG and PNG', async () => {
    const res = await app.gql<{ timeline: { changes: { overdue: boolean; change: { dueBy: string | null } }[]; events: unknown[]; measures: unknown[] } }>(
      '{ timeline { changes { overdue change { dueBy } } events { event { id } } measures { measure { id } } } }',
    );
    const tl = res.data?.timeline;
    const dated = tl?.changes.filter((c) => c.change.dueBy !== null) ?? [];
    await open('#/tidslinje');
    await ready('#timeline');
    console.log(
      `timeline: ${(await renderMs()).toFixed(0)} ms from the request to drawn (${dated.length} dated changes, ${tl?.events.length} events, ${tl?.measures.length} measures)`,
    );
    // Grouped by layer an item can be drawn once per layer; each item is there at least once.
    expect(await page.locator('a.tl-change').count()).toBeGreaterThanOrEqual(dated.length);
    expect(await page.locator('a.tl-overdue').count()).toBeGreaterThanOrEqual(dated.filter((c) => c.overdue).length);
    expect(await page.locator('.tl-today').count()).toBe(1);
    // Filters: only overdue changes, grouped by measure.
    await page.locator('#timeline-status').selectOption('overdue');
    await page.waitForURL(/status=overdue/);
    expect(await page.locator('a.tl-item:not(.tl-overdue)').count()).toBe(0);
    await page.locator('#timeline-group').selectOption('measure');
    await page.waitForURL(/group=measure/);
    // Keyboard: an item is a link reached by Tab; Enter opens its element's panel.
    await tabTo(page, 'a.tl-item');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#panel:not([hidden]) #panel-title');
    const svgText = (await downloaded(page, () => page.locator('#timeline-svg').click())).body.toString('utf8');
    expect(svgText).toContain('<svg');
    expect(svgText).toContain('tl-overdue');
    const png = (await downloaded(page, () => page.locator('#timeline-png').click())).body;
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    await shots('timeline', '#/tidslinje', '#timeline');
  });

  it('what-if: equal weights give the official formula; doubling a weight moves the ranking at once; a saved scenario is a deep link', async () => {
    const res = await app.gql<{ measures: { id: string; rank: number | null; computedRank: number | null }[] }>('{ measures { id rank computedRank } }');
    const measures = res.data?.measures ?? [];
    await open('#/prioritering');
    await ready('#priorities');
    console.log(`what-if prioritisation: ${(await renderMs()).toFixed(0)} ms from the request to drawn`);
    const ranks = () =>
      page
        .locator('.priorities-table tbody tr')
        .evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-id'), r.querySelector('.rank')?.textContent ?? '']));
    const initial = await ranks();
    for (const m of measures) expect(initial.find(([id]) => id === m.id)?.[1]).toBe(m.computedRank === null ? '–' : String(m.computedRank));
    const topOfficial = [...measures]
      .filter((m) => m.rank !== null)
      .sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0))
      .slice(0, 3)
      .map((m) => m.id);
    console.log(
      `what-if: top three under equal weights ${initial
        .slice(0, 3)
        .map(([id]) => id)
        .join(', ')}; official ${topOfficial.join(', ')}`,
    );
    // Keyboard: the weight of Kostnader, reached by Tab and typed into.
    await tabTo(page, 'input.weight-input[data-group^="Kostnader"]');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('4');
    const moved = await ranks();
    expect(moved.map(([id]) => id)).not.toEqual(initial.map(([id]) => id));
    console.log(
      `what-if: top three with Kostnader weighted 4: ${moved
        .slice(0, 3)
        .map(([id]) => id)
        .join(', ')}`,
    );
    await screenshot(page, `planning-priorities-weighted-1440`);
    // Sign in and save the scenario; it comes back from the API under its deep link.
    await signIn(page, await analystToken(app, `planning e2e ${Date.now()}`, tokenIds));
    const name = `E2E kostnader ${Date.now()}`;
    await page.locator('#scenario-name').fill(name);
    await page.locator('#save-scenario').click();
    await page.waitForURL(/scenario=scenario-e2e-kostnader-/);
    const saved = await app.gql<{ scenarios: { id: string; name: string; weights: { criterion: string; weight: number }[] }[] }>(
      '{ scenarios { id name weights { criterion weight } } }',
    );
    const scenario = saved.data?.scenarios.find((s) => s.name === name);
    expect(scenario?.weights).toEqual([{ criterion: 'Kostnader (10 = lite kompleks)', weight: 4 }]);
    await open(`#/prioritering?scenario=${scenario?.id ?? ''}`);
    await ready('#priorities');
    expect((await ranks()).map(([id]) => id)).toEqual(moved.map(([id]) => id));
    await shots('priorities', '#/prioritering', '#priorities');
  });

  it('norms for my role: the norms for primary-care health personnel per layer, as normsFor gives them, in English too', async () => {
    const res = await app.gql<{ normsFor: { totalCount: number; layers: { layer: string; norms: { element: { id: string } }[] }[] } }>(
      `{ normsFor(actorType: "${GP}", asOf: "2027-12-31") { totalCount layers { layer norms { element { id } } } } }`,
    );
    const hash = `#/rolle?actor=${GP}&asOf=2027-12-31`;
    await open(hash);
    await ready('#roles');
    console.log(`norms for my role (${GP}, 2027-12-31): ${(await renderMs()).toFixed(0)} ms from the request to drawn, ${res.data?.normsFor.totalCount} norms`);
    for (const l of res.data?.normsFor.layers ?? []) {
      expect(await page.locator(`.role-layer[data-layer="${l.layer}"] tbody tr`).count(), l.layer).toBe(l.norms.length);
    }
    await tabTo(page, '.role-table button.link-button');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#panel:not([hidden]) #panel-title');
    await shots('roles', hash, '#roles');
    await open(`${hash}&lang=en`);
    await ready('#roles');
    await expect(page.locator('#view-title').textContent()).resolves.toContain('Norms for my role');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await screenshot(page, `planning-roles-en-1440`);
    expect(pageErrors).toEqual([]);
  });
});
