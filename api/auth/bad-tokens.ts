/**
 * Slows down token guessing: a client (by its address) that sent BAD_TOKEN_LIMIT bad tokens
 * (unknown, revoked or expired) within BAD_TOKEN_WINDOW_MS gets HTTP 429 with Retry-After for
 * every request carrying an Authorization header until the oldest of those failures leaves the
 * window. Requests without a token (the public reads) are never refused. In memory, per process;
 * behind a proxy every client shares the proxy's address (see README).
 */
/** Default of the BAD_TOKEN_LIMIT setting. */
export const BAD_TOKEN_LIMIT = 10;
export const BAD_TOKEN_WINDOW_MS = 60_000;
/** Bound on the clients remembered, so a flood of addresses cannot grow the map without end. */
const MAX_CLIENTS = 10_000;

export class BadTokenLimiter {
  readonly #failures = new Map<string, number[]>();

  constructor(
    readonly limit = BAD_TOKEN_LIMIT,
    readonly windowMs = BAD_TOKEN_WINDOW_MS,
    readonly now: () => number = Date.now,
  ) {}

  #recent(client: string): number[] {
    const cutoff = this.now() - this.windowMs;
    const times = (this.#failures.get(client) ?? []).filter((t) => t > cutoff);
    if (times.length === 0) this.#failures.delete(client);
    else this.#failures.set(client, times);
    return times;
  }

  /** A bad token from `client`. */
  record(client: string): void {
    if (this.limit === 0) return;
    const times = this.#recent(client);
    times.push(this.now());
    this.#failures.delete(client); // re-insert: the map's order is least recently failed first
    this.#failures.set(client, times.slice(-this.limit));
    if (this.#failures.size > MAX_CLIENTS) this.#failures.delete(this.#failures.keys().next().value!);
  }

  /** Seconds `client` must wait before sending a token again, or null when it may. */
  retryAfter(client: string): number | null {
    if (this.limit === 0) return null;
    const times = this.#recent(client);
    if (times.length < this.limit) return null;
    return Math.max(1, Math.ceil((times[0]! + this.windowMs - this.now()) / 1000));
  }
}
