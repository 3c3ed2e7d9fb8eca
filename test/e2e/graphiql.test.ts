/**
 * GraphiQL works offline: Debian's Chromium opens /graphql with every request outside the app
 * refused (as on a health-sector network without internet access), under a Content-Security-Policy
 * that allows nothing but the app itself, inline code by hash and the editor's blob: workers, runs
 * the metamodel query and sees the answer. Screenshot in test/artifacts/ (git-ignored).
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../app';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));

/** A policy with no network source but the app: inline scripts only by their hashes. */
function offlinePolicy(html: string): string {
  const hashes = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => `'sha256-${createHash('sha256').update(m[1]!, 'utf8').digest('base64')}'`);
  return [
    "default-src 'self'",
    `script-src 'self' ${hashes.join(' ')}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

describe.skipIf(!existsSync(CHROMIUM))(`GraphiQL without internet access (skipped when ${CHROMIUM} is missing)`, () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  const refused: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    app = await startTestApp();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      if (!url.startsWith(app.url)) {
        refused.push(url);
        return route.abort('internetdisconnected');
      }
      const response = await route.fetch();
      const isPage = (response.headers()['content-type'] ?? '').startsWith('text/html');
      if (!isPage) return route.fulfill({ response });
      const html = await response.text();
      return route.fulfill({ response, body: html, headers: { ...response.headers(), 'content-security-policy': offlinePolicy(html) } });
    });
    page = await context.newPage();
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
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
    await page.screenshot({ path: `${ARTIFACTS}graphiql-offline.png` });
    expect(refused).toEqual([]);
    expect(problems).toEqual([]);
  });
});
