import { describe, expect, it } from 'vitest';
import { matchesEtag, ResponseCache } from './response-cache';

const body = (bytes: number, fill = 'x') => Buffer.from(fill.repeat(bytes));

function cacheOf(maxBytes: number, ttlMs = 60_000) {
  let now = 0;
  const cache = new ResponseCache({ ttlMs, maxBytes, now: () => now });
  const put = (key: string, bytes: number) =>
    cache.fly(key, () => Promise.resolve(cache.entry(1, 200, { 'content-type': 'application/json' }, body(bytes), key)));
  return { cache, put, advance: (ms: number) => (now += ms) };
}

describe('response cache (pure)', () => {
  it('keys on the generation, the request line, the headers that select the answer and the body', () => {
    const a = ResponseCache.key(1, 'POST', '/graphql', { accept: 'application/json' }, Buffer.from('{"query":"{a}"}'));
    expect(ResponseCache.key(1, 'POST', '/graphql', { accept: 'application/json' }, Buffer.from('{"query":"{a}"}'))).toBe(a);
    expect(ResponseCache.key(2, 'POST', '/graphql', { accept: 'application/json' }, Buffer.from('{"query":"{a}"}'))).not.toBe(a);
    expect(ResponseCache.key(1, 'POST', '/graphql', { accept: 'application/graphql-response+json' }, Buffer.from('{"query":"{a}"}'))).not.toBe(a);
    expect(ResponseCache.key(1, 'POST', '/graphql', { accept: 'application/json', origin: 'https://a.example' }, Buffer.from('{"query":"{a}"}'))).not.toBe(a);
    expect(ResponseCache.key(1, 'POST', '/graphql', { accept: 'application/json' }, Buffer.from('{"query":"{b}"}'))).not.toBe(a);
  });

  it('evicts the least recently used entries once the bound is passed', async () => {
    // Room for three entries of ~10 kB each (body + key + overhead), not four.
    const { cache, put } = cacheOf(35_000);
    await put('a', 10_000);
    await put('b', 10_000);
    await put('c', 10_000);
    expect(cache.size).toBe(3);
    expect(cache.get('a')).toBeDefined(); // a is now the most recently used: b goes first
    await put('d', 10_000);
    expect(cache.size).toBe(3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')?.body.length).toBe(10_000);
    expect(cache.get('c')).toBeDefined();
    expect(cache.get('d')).toBeDefined();
    expect(cache.bytes).toBeLessThanOrEqual(35_000);
    // An answer larger than the whole bound is not kept and pushes nothing out.
    await put('huge', 50_000);
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.size).toBe(3);
  });

  it('drops an entry at its TTL and gives its bytes back', async () => {
    const { cache, put, advance } = cacheOf(1_000_000, 100);
    await put('a', 1000);
    const held = cache.bytes;
    expect(held).toBeGreaterThan(1000);
    advance(99);
    expect(cache.get('a')).toBeDefined();
    advance(1);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.bytes).toBe(0);
  });

  it('runs one computation per key while it is in flight; the others share its entry', async () => {
    const { cache } = cacheOf(1_000_000);
    let runs = 0;
    let release!: () => void;
    const gate = new Promise<void>((ok) => (release = ok));
    const leader = cache.fly('k', async () => {
      runs += 1;
      await gate;
      return cache.entry(3, 200, {}, body(10), 'k');
    });
    const waiters = Array.from({ length: 5 }, () => cache.inFlight('k'));
    expect(waiters.every((w) => w !== undefined)).toBe(true);
    release();
    const [first, ...rest] = await Promise.all([leader, ...waiters]);
    expect(runs).toBe(1);
    for (const r of rest) expect(r).toBe(first);
    expect(cache.inFlight('k')).toBeUndefined();
    expect(cache.get('k')).toBe(first);
  });

  it('shares a failure as "not kept", so waiters run their own request', async () => {
    const { cache } = cacheOf(1_000_000);
    const leader = cache.fly('k', () => Promise.reject(new Error('boom')));
    const waiter = cache.inFlight('k');
    await expect(leader).rejects.toThrow('boom');
    expect(await waiter).toBeNull();
    expect(cache.get('k')).toBeUndefined();
  });

  it('names the generation and the bytes in the ETag and matches If-None-Match lists', () => {
    const { cache } = cacheOf(1_000_000);
    const one = cache.entry(1, 200, {}, body(10), 'k');
    expect(cache.entry(1, 200, {}, body(10), 'k').etag).toBe(one.etag);
    expect(cache.entry(2, 200, {}, body(10), 'k').etag).not.toBe(one.etag);
    expect(cache.entry(1, 200, {}, body(10, 'y'), 'k').etag).not.toBe(one.etag);
    expect(one.headers.etag).toBe(one.etag);
    expect(matchesEtag(one.etag, one.etag)).toBe(true);
    expect(matchesEtag(`"other", W/${one.etag}`, one.etag)).toBe(true);
    expect(matchesEtag('*', one.etag)).toBe(true);
    expect(matchesEtag('"other"', one.etag)).toBe(false);
    expect(matchesEtag(undefined, one.etag)).toBe(false);
  });
});
