/**
 * A view's latest load. Each `start()` aborts the load before it — its requests are cancelled and
 * its answer, should one still arrive, is never drawn over the newer one — and `stop()` aborts the
 * last when the view goes away or shows something else. Pass the signal to `gql` and draw only
 * while it is not aborted.
 */
export interface Latest {
  /** A signal for a new load; the one before is aborted. */
  start(): AbortSignal;
  /** Abort the current load, if any. */
  stop(): void;
}

export function latest(): Latest {
  let controller: AbortController | null = null;
  return {
    start() {
      controller?.abort();
      controller = new AbortController();
      return controller.signal;
    },
    stop() {
      controller?.abort();
      controller = null;
    },
  };
}
