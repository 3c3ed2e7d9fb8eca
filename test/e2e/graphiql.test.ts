/**
 * GraphiQL works offline: Debian's Chromium opens /graphql with every request outside the app
 * refused (as on a health-sector network without internet access), under a Content-Security-Policy
 * that allows nothing but the app itself, inline code by hash and the editor's blob: workers, runs
 * the metamodel query and sees the answer. Screenshot in test/artifacts/ (git-ignored). The
 * browser and the helpers: ./harness.ts.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../app';
import { CHROMIUM, NO_CHROMIUM, launchChromium, recordConsole, recordPageErrors, screenshot } from './harness';

describe.skipIf(NO_CHROMIUM)(`GraphiQL without internet access (skipped when ${CHROMIUM} is missing)`, () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  const refused: string[] = [];
  const problems: string[] = [];
  const policies: string[] = [];

  beforeAll(async () => {
    app = await startTestApp();
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      if (!url.startsWith(app.url)) {
        refused.push(url);
        return route.abort('internetdisconnected');
      }
      // The app's own answers pass untouched, with the server's Content-Security-Policy, which names
      // no network source but the app (checked below).
      const response = await route.fetch();
      const csp = response.headers()['content-security-policy'];
      if (csp) policies.push(csp);
      return route.fulfill({ response });
    });
    page = await context.newPage();
    recordPageErrors(page, problems);
    recordConsole(page, (m) => m.type() === 'error', problems);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('opens /graphql with the product title, runs the metamodel query and shows the answer', async () => {
    const res = await page.goto(`${app.url}graphql`, { waitUntil: 'load' });
    expect(res?.status()).toBe(200);
    expect(await page.title()).toBe('Reguleringsplan – GraphQL');
    await page.locator('.graphiql-execute-button').waitFor({ timeout: 30_000 });
    // The editor opens with the metamodel query; run it as a user would.
    await page.locator('.graphiql-execute-button').click();
    // The response editor (Monaco) draws spaces as no-break spaces.
    const responseText = async () => ((await page.locator('.graphiql-response').textContent()) ?? '').replace(/\u00a0/g, ' ');
    await expect.poll(responseText, { timeout: 30_000 }).toContain('"label": "Juridisk samhandlingsevne"');
    const text = await responseText();
    expect(text).toContain('"kinds"');
    expect(text).toContain('LAW');
    await screenshot(page, 'graphiql-offline');
    expect(refused).toEqual([]);
    expect(problems).toEqual([]);
    expect(policies.length).toBeGreaterThan(0);
    for (const policy of policies) expect(policy, 'a policy naming a network source').not.toMatch(/https?:/);
  });
});
