/**
 * The web app end to end: the real server (API + the built bundle in dist/web) against
 * the seeded test Neo4j, driven by Debian's Chromium through playwright-core at 1280×800. The
 * numbers on screen are checked against the GraphQL API, the web app's only data source.
 * Screenshots go to test/artifacts/ (git-ignored). The browser, axe and the helpers: ./harness.ts.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyMap } from '../../schema/map';
import { writeMap } from '../../store/write-map';
import { startTestApp, type TestApp } from '../app';
import {
  CHROMIUM,
  NO_CHROMIUM,
  SCREEN_WIDTHS,
  SERVICE,
  analystToken,
  atWidths,
  buildWebApp,
  downloaded,
  focusedId,
  isCspViolation,
  closeBrowserAndApp,
  openBrowser,
  openFresh,
  recordConsole,
  runAxe,
  screenshot,
  signIn,
  tabTo,
  heatMapTimingText,
  timeHeatMap,
  waitForReady,
} from './harness';

const LAYERS = ['LEGAL', 'ORGANISATIONAL', 'SEMANTIC', 'TECHNICAL'] as const;

interface ApiHeatMap {
  heatMap: {
    service: { name: string; nameEn: string };
    rows: { layer: string; cells: { element: { id: string; name: string } }[]; gaps: { id: string }[]; counts: { status: string; count: number }[] }[];
    counts: { status: string; count: number }[];
  };
}

const HEAT_MAP = `query($service: ID!) { heatMap(service: $service) {
  service { name nameEn }
  rows { layer cells { element { id name } } gaps { id } counts { status count } }
  counts { status count }
} }`;

describe.skipIf(NO_CHROMIUM)(`web app in Chromium (skipped when ${CHROMIUM} is missing: install Debian's chromium; no browser is downloaded)`, () => {
  let app: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let api: ApiHeatMap['heatMap'];
  const pageErrors: string[] = [];
  const tokenIds: string[] = [];
  const gapTitle = `E2E-behov ${Date.now()}`;
  const perspectiveId = `perspektiv-e2e-web-${Date.now()}`;

  const heatMapUrl = (extra = '') => `${app.url}#/varmekart?service=${SERVICE}${extra}`;
  const open = (url: string) => openFresh(page, url);
  const waitForHeatMap = () => waitForReady(page, '#heatmap');
  const noAxeViolations = async () => expect(await runAxe(page)).toEqual([]);
  const bandCounts = () =>
    page.evaluate(
      (layers) => {
        const cy = window.reguleringsplan?.cy;
        if (!cy) throw new Error('no heat map drawn');
        return Object.fromEntries(layers.map((l) => [l, cy.nodes(`node.cell[layer = "${l}"], node.gap[layer = "${l}"]`).length]));
      },
      LAYERS as unknown as string[],
    );

  beforeAll(async () => {
    await buildWebApp();
    app = await startTestApp();
    const res = await app.gql<ApiHeatMap>(HEAT_MAP, { service: SERVICE });
    if (!res.data) throw new Error(`heatMap failed: ${JSON.stringify(res.errors)}`);
    api = res.data.heatMap;
    ({ browser, context, page } = await openBrowser(pageErrors, 1280));
    // The server's Content-Security-Policy must not block anything the app does.
    recordConsole(page, isCspViolation, pageErrors);
  });

  // What the analyst wrote through the app (a gap, a planned change, a perspective) goes, found through its token.
  afterAll(() => closeBrowserAndApp(browser, app, tokenIds, ['Gap', 'PlannedChange', 'Perspective']));

  it('opens the landscape: the work processes with their information services and status counts', async () => {
    const res = await app.gql<{ workProcesses: { id: string; informationServices: { id: string }[] }[] }>(
      '{ workProcesses { id informationServices { id } } }',
    );
    expect(res.errors).toBeUndefined();
    const processes = res.data?.workProcesses ?? [];
    expect(processes).toHaveLength(7);
    await open(app.url);
    await waitForReady(page, '#landscape');
    expect(await page.locator('.process').count()).toBe(7);
    expect(await page.locator('.service-link').count()).toBe(processes.reduce((n, p) => n + p.informationServices.length, 0));
    expect(await page.locator(`a[data-service="${SERVICE}"]`).count()).toBeGreaterThan(0);
    expect(await page.locator('html').getAttribute('lang')).toBe('nb');
    // The intro counts the work processes the map has, not a number written into the text.
    expect(await page.locator('#landscape-intro').textContent()).toContain(`${processes.length} arbeidsprosesser`);
    await screenshot(page, `landscape`);
    await atWidths(page, SCREEN_WIDTHS, (width) => screenshot(page, `landscape-${width}`), { restore: 1280 });
  });

  it('opens the Journaldokumenter heat map from the landscape, and measures how long it takes to draw', async () => {
    await open(app.url);
    await waitForReady(page, '#landscape');
    const click = () => page.locator(`a[data-service="${SERVICE}"]`).first().click();
    const timing = await timeHeatMap(page, click);
    console.log(`Journaldokumenter heat map: ${timing.fromAction.toFixed(0)} ms from the click to Cytoscape's layoutstop (${heatMapTimingText(timing)})`);
    expect(timing.app).toBeLessThan(5_000);
    expect(page.url()).toContain(`service=${SERVICE}`);
    await expect(page.locator('#view-title').textContent()).resolves.toContain(api.service.name);
    await screenshot(page, `heatmap-journaldokumenter`);

    // Again, now that the database has answered this query once.
    await page.goBack();
    await waitForReady(page, '#landscape');
    const warm = await timeHeatMap(page, click);
    console.log(`Journaldokumenter heat map, second time: ${warm.fromAction.toFixed(0)} ms from the click to layoutstop (${heatMapTimingText(warm)})`);

    // A cold deep link, as someone would paste it.
    const cold = await context.newPage();
    const t0 = Date.now();
    await cold.goto(heatMapUrl());
    await waitForReady(cold, '#heatmap');
    console.log(`Journaldokumenter heat map from a cold deep link: ${Date.now() - t0} ms (page load to layoutstop)`);
    await cold.close();
  });

  it('draws as many elements in each layer band as the API counts', async () => {
    await open(heatMapUrl());
    await waitForHeatMap();
    const drawn = await bandCounts();
    for (const row of api.rows) {
      const apiCount = row.counts.reduce((n, c) => n + c.count, 0);
      expect(row.cells.length + row.gaps.length).toBe(apiCount);
      expect(drawn[row.layer], row.layer).toBe(apiCount);
    }
    expect(Object.keys(drawn)).toEqual([...LAYERS]);
    // The legend shows the API's counts per status.
    for (const c of api.counts) {
      await expect(page.locator(`.legend [data-status="${c.status}"] .swatch`).textContent()).resolves.toBe(String(c.count));
    }
  });

  it('opens an element by clicking it: the side panel shows its sources (document and lines)', async () => {
    await open(heatMapUrl());
    await waitForHeatMap();
    const id = api.rows.find((r) => r.layer === 'LEGAL')?.cells[0]?.element.id;
    expect(id).toBeTruthy();
    const point = await page.evaluate((nodeId) => {
      const cy = window.reguleringsplan?.cy;
      const node = cy?.nodes('.cell').filter((n) => n.data('ref') === nodeId && n.data('layer') === 'LEGAL');
      const box = cy?.container()?.getBoundingClientRect();
      if (!node || node.empty() || !box) throw new Error('node not drawn');
      const bb = node.renderedBoundingBox();
      return { x: box.left + (bb.x1 + bb.x2) / 2, y: box.top + (bb.y1 + bb.y2) / 2 };
    }, id ?? '');
    await page.mouse.click(point.x, point.y);
    await page.waitForSelector('#panel .sources li');
    expect(page.url()).toContain(`sel=${id}`);
    const element = await app.gql<{ element: { sources: { document: string; fromLine: number }[] } }>(
      'query($id: ID!) { element(id: $id) { sources { document fromLine } } }',
      { id },
    );
    const first = element.data?.element.sources[0];
    expect(first).toBeDefined();
    const panelText = (await page.locator('#panel').textContent()) ?? '';
    expect(panelText).toContain(first?.document ?? '?');
    expect(panelText).toContain(String(first?.fromLine));
    await expect(page.locator('#panel-title').textContent()).resolves.toBe(api.rows[0]?.cells[0]?.element.name);
    await screenshot(page, `heatmap-panel`);

    // A deep link with a selection opens the same panel; closing it clears the selection from the link.
    await open(heatMapUrl(`&sel=${id}`));
    await page.waitForSelector('#panel .sources li');
    await page.locator('#panel button.close').click();
    await page.waitForSelector('#panel', { state: 'hidden' });
    expect(page.url()).not.toContain('sel=');
  });

  it('says when the sources record no norms for a service instead of four empty bands, at 1440 and 390 px', async () => {
    const res = await app.gql<{ informationServices: { id: string; normsRecorded: boolean }[] }>('{ informationServices { id normsRecorded } }');
    const without = res.data?.informationServices.find((s) => !s.normsRecorded);
    expect(without, 'a service the five documents give no norms for').toBeDefined();
    await atWidths(
      page,
      SCREEN_WIDTHS,
      async (width) => {
        await open(`${app.url}#/varmekart?service=${without?.id ?? ''}`);
        await waitForHeatMap();
        const note = page.locator('.no-norms');
        await expect(note.textContent()).resolves.toContain('Kildene oppgir ennå ingen normer for denne tjenesten.');
        expect(await note.isVisible()).toBe(true);
        expect(await note.getAttribute('role')).toBe('status');
        await screenshot(page, `heatmap-no-norms-${width}`);
      },
      { then: noAxeViolations, restore: 1280 },
    );
  });

  it("shows an element's other names, a withdrawn status with the lines that give it, and its dated events, at 1440 and 390 px", async () => {
    const id = 'lov-prop-65-l-2019-2020-lov-om-e-helse';
    const res = await app.gql<{
      element: { aliases: string[]; lifecycleSources: { document: string | null; fromLine: number | null }[]; events: { title: string }[] };
    }>('query($id: ID!) { element(id: $id) { aliases lifecycleSources { document fromLine } events { title } } }', { id });
    const el = res.data?.element;
    expect(el?.aliases.length).toBeGreaterThan(0);
    await atWidths(
      page,
      SCREEN_WIDTHS,
      async (width) => {
        await open(heatMapUrl(`&sel=${id}`));
        await page.waitForSelector('#panel .sources li');
        const text = (await page.locator('#panel').textContent()) ?? '';
        for (const alias of el?.aliases ?? []) expect(text).toContain(alias);
        expect(text).toContain('Trukket tilbake');
        expect(text).toContain('Ikke i kraft');
        expect(await page.locator('#panel .chip[data-status="EXISTS"]').count()).toBe(0);
        expect(text).toContain(`${el?.lifecycleSources[0]?.document ?? '?'}`);
        for (const ev of el?.events ?? []) expect(text).toContain(ev.title);
        await screenshot(page, `panel-withdrawn-bill-${width}`);
      },
      { then: noAxeViolations, restore: 1280 },
    );
  });

  it('shows the neighbourhood graph and what the element affects (impact) in the side panel', async () => {
    const id = 'standard-ihe-xds';
    await open(heatMapUrl(`&sel=${id}`));
    await waitForHeatMap();
    await page.waitForSelector('#neighbourhood[data-state="ready"]');
    const graph = page.locator('#neighbourhood');
    expect(Number(await graph.getAttribute('data-nodes'))).toBeGreaterThanOrEqual(2);
    // The neighbours sit around the element, not stacked on it: wider than the element's own box (132).
    expect(Number(await graph.getAttribute('data-extent'))).toBeGreaterThan(200);
    expect(await graph.getAttribute('aria-label')).toContain('IHE XDS');
    const impact = await app.gql<{ impact: { dependents: { element: { id: string } }[] } }>(
      'query($id: ID!) { impact(element: $id, depth: 2) { dependents { element { id } } } }',
      { id },
    );
    const dependents = impact.data?.impact.dependents ?? [];
    expect(await page.locator('#panel .impact-list li').count()).toBe(dependents.length);
    expect((await page.locator('#panel .impact').textContent()) ?? '').toContain('Journaldokumenter');
    await page.locator('#panel .neighbourhood').scrollIntoViewIfNeeded();
    await screenshot(page, `panel-neighbourhood`);
    expect(await runAxe(page)).toEqual([]);
    // A dependent in the list opens in the panel.
    await page.locator('#panel .impact-list button', { hasText: 'Journaldokumenter' }).first().click();
    await page.waitForFunction(() => location.hash.includes('sel=tjeneste-journaldokumenter'));
    await page.waitForSelector('#neighbourhood[data-state="ready"]');
    await expect(page.locator('#panel-title').textContent()).resolves.toBe('Journaldokumenter');
  });

  it('is usable with the keyboard: arrows move through the map, Enter opens, Escape closes', async () => {
    await open(heatMapUrl());
    await waitForHeatMap();
    await page.locator('#heatmap').focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#panel .facts');
    expect(page.url()).toContain(`sel=${api.rows.flatMap((r) => [...r.cells.map((c) => c.element.id), ...r.gaps.map((g) => g.id)])[1]}`);
    await page.locator('#heatmap').focus();
    await page.keyboard.press('Escape');
    await page.waitForSelector('#panel', { state: 'hidden' });
    // Escape in the panel closes it too.
    await page.keyboard.press('Enter');
    await page.waitForSelector('#panel .facts');
    await page.keyboard.press('Escape');
    await page.waitForSelector('#panel', { state: 'hidden' });
  });

  it('exports the heat map as PNG of the expected size, and the norms as CSV', async () => {
    await open(heatMapUrl());
    await waitForHeatMap();
    const expected = await page.evaluate(() => {
      const cy = window.reguleringsplan?.cy;
      if (!cy) throw new Error('no heat map');
      const bb = cy.elements().boundingBox();
      return { width: Math.floor(Math.ceil(bb.w) * 2 * devicePixelRatio), height: Math.floor(Math.ceil(bb.h) * 2 * devicePixelRatio) };
    });
    const png = await downloaded(page, () => page.locator('#export-png').click());
    expect(png.download.suggestedFilename()).toMatch(/^varmekart-tjeneste-journaldokumenter-\d{4}-\d{2}-\d{2}\.png$/);
    expect(png.body.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(png.body.length).toBeGreaterThan(10_000);
    expect({ width: png.body.readUInt32BE(16), height: png.body.readUInt32BE(20) }).toEqual(expected);

    const svg = await downloaded(page, () => page.locator('#export-svg').click());
    expect(svg.body.toString('utf8')).toContain('<svg');

    const csv = await downloaded(page, () => page.locator('#export-csv').click());
    expect(csv.download.suggestedFilename()).toMatch(/^normer-tjeneste-journaldokumenter-.*\.csv$/);
    const lines = csv.body
      .toString('utf8')
      .replace(/^\ufeff/, '')
      .trim()
      .split(/\r\n/);
    expect(lines[0]).toBe(
      'layer,layer_label,kind,kind_label,id,name,name_en,status,status_label,normative_level,normative_level_label,planned_changes,sources',
    );
    const norms = await app.gql<{ norms: { totalCount: number } }>('query($s: ID!) { norms(service: $s) { totalCount } }', { s: SERVICE });
    const cells = api.rows.reduce((n, r) => n + r.cells.length, 0);
    expect(lines.length - 1).toBe(norms.data?.norms.totalCount ?? cells);
    const firstId = api.rows[0]?.cells[0]?.element.id ?? '';
    expect(lines.some((l) => l.includes(`,${firstId},`))).toBe(true);
  });

  it('offers the whole map for Excel and Archi beside the CSV, at 1440 and 390 px', async () => {
    await open(heatMapUrl());
    await waitForHeatMap();
    const xlsx = await downloaded(page, () => page.locator('#export-xlsx').click());
    expect(xlsx.download.suggestedFilename()).toMatch(/^reguleringsplan-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(xlsx.body.subarray(0, 2).toString('latin1')).toBe('PK');
    const archimate = await downloaded(page, () => page.locator('#export-archimate').click());
    expect(archimate.download.suggestedFilename()).toMatch(/^reguleringsplan-\d{4}-\d{2}-\d{2}\.xml$/);
    const xml = archimate.body.toString('utf8');
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(xml).toContain(`<view identifier="view_${SERVICE}" xsi:type="Diagram">`);
    // Links, so the keyboard reaches them like the buttons beside them.
    await page.locator('#export-csv').focus();
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('export-xlsx');
    await atWidths(
      page,
      SCREEN_WIDTHS,
      async (width) => {
        await waitForHeatMap();
        const box = await page.locator('#export-archimate').boundingBox();
        expect(box && box.x + box.width <= width).toBe(true);
        await screenshot(page, `heatmap-exports-${width}`);
      },
      { then: noAxeViolations, restore: 1280 },
    );
  });

  it('switches between bokmål and English, keeping the language in the link', async () => {
    await open(heatMapUrl());
    await waitForHeatMap();
    await expect(page.locator('#view-title').textContent()).resolves.toBe(`Varmekart: ${api.service.name}`);
    await page.locator('#lang-toggle').click();
    await waitForHeatMap();
    await expect(page.locator('#view-title').textContent()).resolves.toBe(`Heat map: ${api.service.nameEn}`);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(page.url()).toContain('lang=en');
    const bandLabel = await page.evaluate(() => String(window.reguleringsplan?.cy?.getElementById('band-LEGAL').data('label')));
    expect(bandLabel).toBe('Legal interoperability');
    await expect(page.locator('.legend h2').textContent()).resolves.toBe('Legend');
    await screenshot(page, `heatmap-journaldokumenter-en`);
    // The link opens in English for someone else.
    const other = await context.newPage();
    await other.goto(page.url());
    await other.waitForSelector('#heatmap[data-state="ready"]');
    await expect(other.locator('nav a[aria-current="page"]').textContent()).resolves.toBe('Heat map');
    await other.close();
    await page.locator('#lang-toggle').click();
    await waitForHeatMap();
    expect(await page.locator('html').getAttribute('lang')).toBe('nb');
    await expect(page.locator('#view-title').textContent()).resolves.toBe(`Varmekart: ${api.service.name}`);
  });

  it('has no serious or critical accessibility violations (axe-core) on the landscape, the heat map and the panel', async () => {
    await open(app.url);
    await waitForReady(page, '#landscape');
    expect(await runAxe(page)).toEqual([]);
    const id = api.rows[0]?.cells[0]?.element.id ?? '';
    await open(heatMapUrl(`&sel=${id}`));
    await waitForHeatMap();
    await page.waitForSelector('#panel .sources li');
    expect(await runAxe(page)).toEqual([]);
    await open(`${app.url}#/leverandorer`);
    await page.waitForSelector('.standards-table, .vendors-body .state:not(.loading)');
    await screenshot(page, `vendors`);
    expect(await runAxe(page)).toEqual([]);
  });

  it("shows the vendors' view per layer, as tables and as a graph", async () => {
    const res = await app.gql<{ standards: { pageInfo: { hasNextPage: boolean }; edges: { node: { element: { id: string; layers: string[] } } }[] } }>(
      '{ standards(first: 50) { pageInfo { hasNextPage } edges { node { element { id layers } } } } }',
    );
    expect(res.errors).toBeUndefined();
    // The seeded map fits on the web's first page (50): every standard is on screen at once.
    expect(res.data?.standards.pageInfo.hasNextPage).toBe(false);
    const standards = res.data?.standards.edges.map((e) => e.node) ?? [];
    await open(`${app.url}#/leverandorer`);
    await page.waitForSelector('.standards-table');
    for (const layer of LAYERS) {
      const expected = standards.filter((s) => s.element.layers.includes(layer)).length;
      expect(await page.locator(`.standards-layer[data-layer="${layer}"] tbody tr`).count(), layer).toBe(expected);
    }
    await page.locator('#vendor-layer').selectOption('SEMANTIC');
    await page.waitForFunction(() => location.hash.includes('layer=SEMANTIC'));
    await page.waitForSelector('.standards-layer[data-layer="SEMANTIC"]');
    expect(await page.locator('.standards-layer').count()).toBe(1);
    await page.getByRole('button', { name: 'Graf' }).click();
    await page.waitForSelector('.vendors-canvas canvas');
  });

  it('pages the vendors\' view: "Vis 50 flere" by keyboard loads the second page, at 1440 and 390 px, axe-clean', async () => {
    // The seeded map has fewer standards than a page: add 90 code systems for this test, then remove them.
    const extra = Array.from({ length: 90 }, (_, i) => `kodeverk-e2e-side-${String(i).padStart(3, '0')}`);
    const map = emptyMap();
    for (const id of extra) {
      map.elements.push({
        id,
        kind: 'CODE_SYSTEM',
        name: `Aaa e2e-kodeverk ${id.slice(-3)}`,
        nameEn: `Aaa e2e code system ${id.slice(-3)}`,
        layers: ['SEMANTIC'],
        description: 'Midlertidig kodeverk for e2e-testen av sidevisning.',
        lifecycle: 'ACTIVE',
        identifiers: [],
        aliases: [],
        sources: ['003_bc528292a39bd4db.txt:2460-2470'],
        lifecycleSources: [],
        normativeLevelSources: [],
        citationExceptions: [],
        notes: [],
        scores: [],
      });
    }
    await writeMap(app.db, map);
    try {
      const res = await app.gql<{ standards: { totalCount: number } }>('{ standards { totalCount } }');
      const total = res.data?.standards.totalCount ?? 0;
      expect(total).toBeGreaterThan(100);
      await atWidths(
        page,
        SCREEN_WIDTHS,
        async (width) => {
          await open(`${app.url}#/leverandorer`);
          await page.waitForSelector('.standards-table');
          const rows = () => page.locator('.standards-table tbody tr').count();
          expect(await rows()).toBe(50);
          await expect(page.locator('#standards-shown').textContent()).resolves.toBe(`Viser 50 av ${total} standarder.`);
          // Keyboard only: Tab from the last standard of the page reaches the button; Enter loads the next page.
          await tabTo(page, '#standards-more', 40, page.locator('.standards-table tbody tr:last-child th button').last());
          await expect(page.locator('#standards-more').textContent()).resolves.toBe('Vis 50 flere');
          await screenshot(page, `vendors-paged-${width}`);
          const before = await page.locator('.standards-table tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-id')));
          await page.keyboard.press('Enter');
          await page.waitForFunction(() => document.querySelectorAll('.standards-table tbody tr').length === 100);
          await expect(page.locator('#standards-shown').textContent()).resolves.toBe(`Viser 100 av ${total} standarder.`);
          // Focus lands on the first standard of the new page, so reading goes on from there.
          const focused = await page.evaluate(() => document.activeElement?.closest('tr')?.getAttribute('data-id') ?? null);
          const ids = await page.locator('.standards-table tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-id')));
          expect(focused).not.toBeNull();
          expect(ids).toContain(focused);
          expect(before).not.toContain(focused);
          expect(new Set(ids).size).toBe(100);
          expect(ids).toEqual(expect.arrayContaining(before));
          await page.locator('#standards-more').scrollIntoViewIfNeeded();
          await screenshot(page, `vendors-page2-${width}`);
          expect(await runAxe(page)).toEqual([]);
        },
        { restore: 1280 },
      );
      // The CSV export holds every standard, not only those shown.
      const csv = await downloaded(page, () => page.locator('#export-standards-csv').click());
      const lines = csv.body.toString('utf8').trim().split(/\r\n/).length - 1;
      const perLayer = await app.gql<{ standards: { edges: { node: { element: { layers: string[] } } }[] } }>(
        '{ standards(first: 200) { edges { node { element { layers } } } } }',
      );
      expect(lines).toBe((perLayer.data?.standards.edges ?? []).reduce((n, e) => n + e.node.element.layers.length, 0));
    } finally {
      await app.db.write((tx) => tx.run('MATCH (e:Element) WHERE e.id IN $ids DETACH DELETE e', { ids: extra }));
    }
  }, 240_000);

  it('searches from the header and opens a hit in the side panel', async () => {
    await open(app.url);
    await waitForReady(page, '#landscape');
    await page.getByLabel('Søk i kartet').fill('pasientjournal');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#search-results .hit, #search-results .state:not(.loading)');
    expect(page.url()).toContain('q=pasientjournal');
    const hits = await page.locator('#search-results .hit-title').count();
    expect(hits).toBeGreaterThan(0);
    await page.locator('#search-results .hit-title').first().click();
    await page.waitForSelector('#panel .facts');
    await screenshot(page, `search`);
  });

  it('lets an analyst sign in and mark a gap, which appears on the heat map as an unmet need', async () => {
    const secret = await analystToken(app, `web e2e ${Date.now()}`, tokenIds);
    await open(heatMapUrl());
    await waitForHeatMap();
    const before = await bandCounts();
    await signIn(page, secret);
    await page.locator('#mark-gap').click();
    await page.getByLabel('Lag', { exact: true }).selectOption('SEMANTIC');
    await page.getByLabel('Tittel (bokmål)').fill(gapTitle);
    await page.getByLabel('Beskrivelse').fill('Et behov registrert av ende-til-ende-testen av webappen.');
    await page.locator('dialog button[type="submit"]').click();
    await page.waitForSelector('#panel-title');
    await expect(page.locator('#panel-title').textContent()).resolves.toBe(gapTitle);
    await waitForHeatMap();
    const after = await bandCounts();
    expect(after.SEMANTIC).toBe((before.SEMANTIC ?? 0) + 1);
    const status = await page.evaluate(
      (title) =>
        window.reguleringsplan?.cy
          ?.nodes('node.gap')
          .filter((n) => n.data('name') === title)
          .data('status') as string,
      gapTitle,
    );
    expect(status).toBe('UNMET_NEED');
    const res = await app.gql<ApiHeatMap>(HEAT_MAP, { service: SERVICE });
    const unmet = (m: ApiHeatMap['heatMap'] | undefined) => m?.counts.find((c) => c.status === 'UNMET_NEED')?.count ?? 0;
    expect(unmet(res.data?.heatMap)).toBe(unmet(api) + 1);
  });

  it('lets the signed-in analyst plan a change from the side panel and save a perspective', async () => {
    // Still signed in: the token lives in this tab's sessionStorage.
    const target = api.rows.find((r) => r.layer === 'SEMANTIC')?.cells[0]?.element.id ?? '';
    await open(heatMapUrl(`&sel=${target}`));
    await waitForHeatMap();
    await page.waitForSelector('#signed-in');
    await page.locator('#panel button', { hasText: 'Planlegg endring' }).click();
    await page.getByLabel('Type endring').selectOption('REVISE');
    await page.getByLabel('Frist').fill('2030-06-30');
    await page.getByLabel('Beskrivelse').fill('Revisjon planlagt av ende-til-ende-testen av webappen.');
    await page.locator('dialog button[type="submit"]').click();
    await page.waitForSelector('#panel .changes li');
    expect((await page.locator('#panel .changes').textContent()) ?? '').toContain('Revisjon planlagt av ende-til-ende-testen');

    await page.locator('#save-perspective').click();
    // The id is made from the name (issue 17): "e2e web <stamp>" gives perspectiveId.
    await page.getByLabel('Navn (bokmål)').fill(perspectiveId.replace('perspektiv-', '').replace(/-/g, ' '));
    await page.locator('dialog').getByLabel('Juridisk samhandlingsevne').uncheck();
    await page.locator('dialog button[type="submit"]').click();
    await page.waitForFunction((id) => location.hash.includes(`perspective=${id}`), perspectiveId);
    await waitForHeatMap();
    const bands = await page.evaluate(() => window.reguleringsplan?.cy?.nodes('.band').map((n) => String(n.id())) ?? []);
    expect(bands).toEqual(['band-ORGANISATIONAL', 'band-SEMANTIC', 'band-TECHNICAL']);
    await expect(page.locator('#perspective').inputValue()).resolves.toBe(perspectiveId);
  });

  it('raised no script errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
