import type { Route } from '../router';

/** A view owns the main area; the app calls `update` on route changes within it and `destroy` when leaving. */
export interface ViewController {
  update(route: Route): void;
  destroy(): void;
}
