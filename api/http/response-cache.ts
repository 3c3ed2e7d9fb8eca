/**
 * The response cache for anonymous reads (RESPONSE_CACHE_TTL_MS, RESPONSE_CACHE_MAX_MB), kept at
 * the HTTP layer: an entry is the response exactly as first sent — status, headers and body bytes —
 * with an ETag, so a hit writes stored bytes to the socket without parsing, validating, executing
 * or serialising anything (GraphQL Yoga is not called at all). Api/http/server.ts decides which
 * requests may use it (no Authorization header) and api/yoga.ts marks which executions may be kept
 * (a query, no errors).
 *
 * Keys start with the store's write generation (Database.generation): a write of this process makes
 * every earlier entry unreachable at once; another instance's writes show after at most the TTL.
 * On a miss one request per key runs (single flight); identical requests arriving meanwhile wait
 * for its answer instead of running the same Cypher, so expiry brings no stampede. The entries'
 * bytes are bounded (max bytes); the least recently used go first.
 */
import { createHash } from 'node:crypto';
import type { OutgoingHttpHeaders } from 'node:http';

export interface CachedResponse {
  readonly status: number;
  /** As sent on a hit: the first response's headers, the ETag, x-response-cache: hit. */
  readonly headers: OutgoingHttpHeaders;
  readonly body: Buffer;
  readonly etag: string;
  readonly expires: number;
  /** What this entry is counted as against the bound: body, key and a fixed allowance for headers. */
  readonly size: number;
}

/** Headers, key and Map bookkeeping per entry, counted on top of the body. */
const ENTRY_OVERHEAD_BYTES = 1024;

export interface ResponseCacheOptions {
  ttlMs: number;
  maxBytes: number;
  now?: () => number;
}

export class ResponseCache {
  readonly #entries = new Map<string, CachedResponse>();
  readonly #inFlight = new Map<string, Promise<CachedResponse | null>>();
  readonly #ttlMs: number;
  readonly #maxBytes: number;
  readonly #now: () => number;
  #bytes = 0;

  constructor(options: ResponseCacheOptions) {
    this.#ttlMs = options.ttlMs;
    this.#maxBytes = options.maxBytes;
    this.#now = options.now ?? Date.now;
  }

  /** Bytes held now (as counted for the bound). */
  get bytes(): number {
    return this.#bytes;
  }

  get size(): number {
    return this.#entries.size;
  }

  /**
   * The key of a request: the generation, what selects Yoga's answer (method, URL with a GET's
   * query, Accept, Content-Type, Origin for CORS) and a hash of the body.
   */
  static key(
    generation: number,
    method: string,
    url: string,
    headers: { accept?: string; 'content-type'?: string; origin?: string },
    body: Buffer | undefined,
  ): string {
    const digest = body && body.length > 0 ? createHash('sha256').update(body).digest('base64') : '';
    return `${generation}\n${method}\n${url}\n${headers.accept ?? ''}\n${headers['content-type'] ?? ''}\n${headers.origin ?? ''}\n${digest}`;
  }

  /** A fresh entry, now the most recently used; expired ones are dropped. */
  get(key: string): CachedResponse | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    this.#entries.delete(key);
    if (entry.expires <= this.#now()) {
      this.#bytes -= entry.size;
      return undefined;
    }
    this.#entries.set(key, entry);
    return entry;
  }

  /** The answer being computed for this key, if a request is computing it now. */
  inFlight(key: string): Promise<CachedResponse | null> | undefined {
    return this.#inFlight.get(key);
  }

  /**
   * Runs `compute` as the one flight for `key`: requests that ask `inFlight(key)` meanwhile get its
   * entry (or null when the answer may not be kept). The entry is stored before they see it.
   */
  async fly(key: string, compute: () => Promise<CachedResponse | null>): Promise<CachedResponse | null> {
    const flight = compute().then((entry) => {
      if (entry) this.#store(key, entry);
      return entry;
    });
    // Waiters see a failure as "not kept" and run their own request.
    const shared = flight.catch(() => null);
    this.#inFlight.set(key, shared);
    try {
      return await flight;
    } finally {
      this.#inFlight.delete(key);
    }
  }

  /** An entry for `body` sent with `status` and `headers`; its ETag names the generation and the bytes. */
  entry(generation: number, status: number, headers: OutgoingHttpHeaders, body: Buffer, key: string): CachedResponse {
    const etag = `"${generation}-${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    return {
      status,
      headers: { ...headers, etag },
      body,
      etag,
      expires: this.#now() + this.#ttlMs,
      size: body.length + key.length * 2 + ENTRY_OVERHEAD_BYTES,
    };
  }

  #store(key: string, entry: CachedResponse): void {
    // Larger than the whole bound: not kept (it would only push out everything else).
    if (entry.size > this.#maxBytes) return;
    const old = this.#entries.get(key);
    if (old) {
      this.#entries.delete(key);
      this.#bytes -= old.size;
    }
    this.#entries.set(key, entry);
    this.#bytes += entry.size;
    // A Map iterates in insertion order and get() re-inserts: the first key is the least recently used.
    for (const [oldest, e] of this.#entries) {
      if (this.#bytes <= this.#maxBytes) break;
      this.#entries.delete(oldest);
      this.#bytes -= e.size;
    }
  }
}

/** Whether an If-None-Match header names `etag` (a list, `*`, weak or strong). */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
