/** The analyst's session: a bearer token checked with `me`, kept in sessionStorage (this tab only). */
import { ApiError, gql, setToken } from './api';
import { ME } from './queries';

export interface Principal {
  name: string;
  role: string;
}

const KEY = 'reguleringsplan.token';
let principal: Principal | null = null;
const listeners = new Set<(p: Principal | null) => void>();

export function signedIn(): Principal | null {
  return principal;
}

export function onAuthChange(listener: (p: Principal | null) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function notify(): void {
  for (const l of listeners) l(principal);
}

/** Check a token with the API; on success it is used for every later request. */
export async function signIn(token: string): Promise<Principal> {
  const trimmed = token.trim();
  const data = await gql(ME, {}, { token: trimmed });
  if (!data.me) throw new ApiError('UNAUTHENTICATED', 'unknown token');
  principal = data.me;
  setToken(trimmed);
  try {
    sessionStorage.setItem(KEY, trimmed);
  } catch {
    // storage unavailable: the session lasts until reload
  }
  notify();
  return principal;
}

export function signOut(): void {
  principal = null;
  setToken(null);
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // nothing stored
  }
  notify();
}

/** Restore the session of this tab, if any; a token no longer valid is forgotten. */
export async function restoreSession(): Promise<void> {
  let stored: string | null = null;
  try {
    stored = sessionStorage.getItem(KEY);
  } catch {
    return;
  }
  if (!stored) return;
  try {
    await signIn(stored);
  } catch {
    signOut();
  }
}
