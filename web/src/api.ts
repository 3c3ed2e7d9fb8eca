/** The GraphQL client: POST /graphql, the only data source. Failures become ApiError in plain words. */
import type { TypedDocumentString } from './generated/graphql';
import { t } from './i18n';

export type ErrorKind = 'network' | 'server' | 'NOT_FOUND' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'BAD_USER_INPUT' | 'CONFLICT' | 'MISMATCH' | 'other';

interface GraphQLErrorBody {
  message: string;
  extensions?: { code?: string; field?: string };
}

export class ApiError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly detail: string,
    readonly status = 0,
    /** The input field the server blames (extensions.field, e.g. "input.title"). */
    readonly field?: string,
  ) {
    super(detail);
  }

  /** What to tell the user, in the current language. */
  plain(): string {
    switch (this.kind) {
      case 'network':
        return t('errNetwork');
      case 'server':
        return t('errServer', { status: this.status });
      case 'NOT_FOUND':
        return t('errNotFound', { detail: this.detail });
      case 'UNAUTHENTICATED':
        return t('errUnauthenticated');
      case 'FORBIDDEN':
        return t('errForbidden');
      case 'BAD_USER_INPUT':
        return t('errInput', { detail: this.detail });
      case 'CONFLICT':
        return t('errConflict');
      case 'MISMATCH':
        return t('errMismatch', { detail: this.detail });
      default:
        return t('errGeneric', { detail: this.detail });
    }
  }
}

/** Plain words for anything caught. */
export function plainError(e: unknown): string {
  if (e instanceof ApiError) return e.plain();
  return t('errGeneric', { detail: e instanceof Error ? e.message : String(e) });
}

const KNOWN_CODES: ErrorKind[] = ['NOT_FOUND', 'UNAUTHENTICATED', 'FORBIDDEN', 'BAD_USER_INPUT', 'CONFLICT'];

function toApiError(err: GraphQLErrorBody, status: number): ApiError {
  const code = err.extensions?.code;
  if (code && (KNOWN_CODES as string[]).includes(code)) return new ApiError(code as ErrorKind, err.message, status, err.extensions?.field);
  // The query names a field or argument the server does not have: this web app and the server are
  // of different versions. Said plainly (reloading fetches the matching app), never hidden.
  if (code === 'GRAPHQL_VALIDATION_FAILED') return new ApiError('MISMATCH', err.message, status);
  return new ApiError('other', err.message, status);
}

let bearer: string | null = null;

/** The analyst's token, sent with every request while set. */
export function setToken(token: string | null): void {
  bearer = token;
}

interface GqlOptions {
  /** Overrides the analyst's token for this request (null: none). */
  token?: string | null;
  signal?: AbortSignal;
}

/** Variables may be left out when the document requires none. */
type VariablesArgs<V> = Record<string, never> extends V ? [variables?: V, options?: GqlOptions] : [variables: V, options?: GqlOptions];

/** Sends a generated document (queries.graphql → generated/graphql.ts): its variables and answer are typed by it. */
export async function gql<T, V>(document: TypedDocumentString<T, V>, ...[variables, options = {}]: VariablesArgs<V>): Promise<T> {
  const query = document.toString();
  const token = options.token === undefined ? bearer : options.token;
  let res: Response;
  try {
    res = await fetch('/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables: variables ?? {} }),
      signal: options.signal ?? null,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError('network', e instanceof Error ? e.message : String(e));
  }
  let body: { data?: T | null; errors?: GraphQLErrorBody[] } | undefined;
  try {
    body = (await res.json()) as typeof body;
  } catch {
    throw new ApiError('server', res.statusText, res.status);
  }
  const first = body?.errors?.[0];
  if (first) throw toApiError(first, res.status);
  if (!res.ok || body?.data == null) throw new ApiError('server', res.statusText, res.status);
  return body.data;
}
