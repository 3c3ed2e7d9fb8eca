/**
 * GraphQL over HTTP conformance: graphql-http's server audits against the running server. Every
 * MUST audit passes; SHOULD and MAY audits are reported (a warning is not a failure).
 */
import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './app';

describe('GraphQL over HTTP (graphql-http server audits)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.stop();
  });

  it('passes every MUST audit', async () => {
    const audits = serverAudits({ url: `${app.url}graphql`, fetchFn: fetch });
    expect(audits.length).toBeGreaterThan(10);
    const failed: string[] = [];
    const warned: string[] = [];
    for (const audit of audits) {
      const result = await audit.fn();
      if (result.status === 'ok') continue;
      const line = `${audit.id} ${audit.name}: ${result.reason}`;
      if (audit.name.startsWith('MUST')) failed.push(line);
      else warned.push(line);
    }
    if (warned.length > 0) console.log(`graphql-http SHOULD/MAY audits not met:\n${warned.join('\n')}`);
    expect(failed).toEqual([]);
    expect(audits.filter((a) => a.name.startsWith('MUST')).length).toBeGreaterThan(5);
  });
});
