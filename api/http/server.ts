/**
 * The one HTTP port: GraphQL (and GraphiQL) at /graphql, /health (process alive), /ready (Neo4j
 * reachable), the whole map as a download (/export/archimate.xml, /export/map.xlsx), and the built web front end at
 * / with client-side routes falling back to index.html.
 * Request bodies are read here with a size limit before Yoga sees them.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { YogaServerInstance } from 'graphql-yoga';
import type { AppContext } from '../context';
import { RESPONSE_CACHE_HEADER, ROUND_TRIPS_HEADER, type CacheMark, type ServerContext } from '../yoga';
import { matchesEtag, ResponseCache, type CachedResponse } from './response-cache';
import { BadTokenLimiter } from '../auth/bad-tokens';
import type { Database } from '../../store/database';
import { mapToArchimate } from '../../store/archimate';
import { mapToXlsx } from '../../store/xlsx';
import { readMap } from '../../store/read-map';
import { isoDateSchema } from '../../schema/validation';
import { today } from '../model';

export const WEB_DIST = fileURLToPath(new URL('../../dist/web/', import.meta.url));

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/**
 * The web app loads only its own files; Cytoscape sets inline styles and exports images through
 * data:/blob: URLs. Nothing may frame any page (clickjacking).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * GraphiQL's page (served whole by the app, no CDN: api/yoga.ts): its inline scripts are allowed
 * by their hashes (not 'unsafe-inline'), its inlined editor workers run from blob: URLs, and it
 * talks only to the app.
 */
export function graphiqlPolicy(html: string): string {
  // Every inline script (with or without attributes such as type="module"); scripts with src are 'self'.
  const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
    (m) => `'sha256-${createHash('sha256').update(m[1]!, 'utf8').digest('base64')}'`,
  );
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
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** On every response; a GraphiQL page replaces the Content-Security-Policy with graphiqlPolicy. */
function setSecurityHeaders(res: ServerResponse): void {
  res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('x-frame-options', 'DENY');
  res.setHeader('cross-origin-opener-policy', 'same-origin');
  res.setHeader('permissions-policy', 'camera=(), microphone=(), geolocation=()');
}

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > limit) throw new BodyTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

async function sendStatic(req: IncomingMessage, res: ServerResponse, webDir: string): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const requested = normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, '');
  let file = resolve(join(webDir, requested));
  if (!file.startsWith(resolve(webDir))) return sendJson(res, 404, { error: 'not found' });
  const isFile = await stat(file).then(
    (s) => s.isFile(),
    () => false,
  );
  // Deep links (/?service=… or /tjeneste/…) are the single-page app's own routes.
  if (!isFile) file = join(webDir, 'index.html');
  try {
    const body = await readFile(file);
    const immutable = file.includes(`${webDir}assets`);
    res.writeHead(200, {
      'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  } catch {
    sendJson(res, 404, { error: 'the web front end is not built: run `npm run build:web`' });
  }
}

const EXPORTS = {
  '/export/archimate.xml': { type: 'application/xml; charset=utf-8', ext: 'xml' },
  '/export/map.xlsx': { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: 'xlsx' },
} as const;
type ExportPath = keyof typeof EXPORTS;
const isExportPath = (path: string | undefined): path is ExportPath => path !== undefined && Object.hasOwn(EXPORTS, path);

/**
 * The whole map as a file, without GraphQL, for tools that read files (Archi, Excel). For ArchiMate
 * `?asOf=YYYY-MM-DD` chooses the date the heat-map views show (default today). The map is read
 * with the same queries as `npm run export` (one per section), not the per-view round trip of the API.
 */
async function sendExport(req: IncomingMessage, res: ServerResponse, db: Database, path: ExportPath): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const asOfParam = url.searchParams.get('asOf');
  const asOf = asOfParam === null ? today() : isoDateSchema.safeParse(asOfParam).success ? asOfParam : undefined;
  if (asOf === undefined) return sendJson(res, 400, { error: 'asOf must be an ISO date (YYYY-MM-DD)' });
  const map = await readMap(db);
  const body = path === '/export/map.xlsx' ? await mapToXlsx(map) : Buffer.from(mapToArchimate(map, { asOf }), 'utf8');
  res.writeHead(200, {
    'content-type': EXPORTS[path].type,
    'content-disposition': `attachment; filename="reguleringsplan-${asOf}.${EXPORTS[path].ext}"`,
    'content-length': String(body.length),
    'cache-control': 'no-store',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

interface YogaAnswer {
  status: number;
  headers: Record<string, string>;
  payload: Buffer;
}

async function askYoga(
  yoga: YogaServerInstance<ServerContext, AppContext>,
  req: IncomingMessage,
  body: Buffer | undefined,
  context: ServerContext,
): Promise<YogaAnswer> {
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
  const response = await yoga.fetch(
    new URL(req.url ?? '/graphql', `http://${req.headers.host ?? 'localhost'}`),
    {
      method: req.method ?? 'GET',
      headers,
      body: body && body.length > 0 ? new Uint8Array(body) : undefined,
    },
    context,
  );
  const payload = Buffer.from(await response.arrayBuffer());
  const out = Object.fromEntries(response.headers.entries());
  if (response.headers.get('content-type')?.startsWith('text/html')) out['content-security-policy'] = graphiqlPolicy(payload.toString('utf8'));
  return { status: response.status, headers: out, payload };
}

function sendAnswer(res: ServerResponse, answer: YogaAnswer): void {
  res.writeHead(answer.status, answer.headers);
  res.end(answer.payload);
}

/** A cached answer as stored, or 304 when the client holds it already (If-None-Match). */
function sendCached(req: IncomingMessage, res: ServerResponse, entry: CachedResponse): void {
  if (matchesEtag(req.headers['if-none-match'], entry.etag)) return sendNotModified(res, entry, 'hit');
  res.writeHead(entry.status, entry.headers);
  res.end(entry.body);
}

function sendNotModified(res: ServerResponse, entry: CachedResponse, state: 'hit' | 'miss', roundTrips = '0'): void {
  res.writeHead(304, { etag: entry.etag, [RESPONSE_CACHE_HEADER]: state, [ROUND_TRIPS_HEADER]: roundTrips });
  res.end();
}

export interface HttpServerOptions {
  maxBodyBytes: number;
  /** Anonymous reads are answered from it when given (RESPONSE_CACHE_TTL_MS > 0). */
  responseCache?: ResponseCache;
  /** Shared with the GraphQL server, which records bad tokens in it. */
  badTokens?: BadTokenLimiter;
  webDir?: string;
}

export function createHttpServer(yoga: YogaServerInstance<ServerContext, AppContext>, db: Database, options: HttpServerOptions): Server {
  const webDir = options.webDir ?? WEB_DIST;
  const badTokens = options.badTokens ?? new BadTokenLimiter();
  return createServer((req, res) => {
    void (async () => {
      setSecurityHeaders(res);
      const path = (req.url ?? '/').split('?')[0];
      if (path === '/health') return sendJson(res, 200, { status: 'ok' });
      if (path === '/ready') {
        // Answered by Yoga's readiness plugin (api/yoga.ts) before any GraphQL processing.
        const response = await yoga.fetch(
          new URL('/ready', 'http://localhost'),
          { method: req.method ?? 'GET' },
          { clientAddress: req.socket.remoteAddress ?? 'unknown' },
        );
        res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
        res.end(Buffer.from(await response.arrayBuffer()));
        return;
      }
      if (isExportPath(path) && (req.method === 'GET' || req.method === 'HEAD')) return sendExport(req, res, db, path);
      if (path === '/graphql' || path?.startsWith('/graphql/')) {
        const clientAddress = req.socket.remoteAddress ?? 'unknown';
        const wait = req.headers.authorization ? badTokens.retryAfter(clientAddress) : null;
        if (wait !== null) {
          res.setHeader('retry-after', String(wait));
          return sendJson(res, 429, {
            errors: [{ message: `too many bad tokens from this address; try again in ${wait} s`, extensions: { code: 'TOO_MANY_REQUESTS' } }],
          });
        }
        let body: Buffer | undefined;
        if (req.method !== 'GET' && req.method !== 'HEAD') {
          try {
            body = await readBody(req, options.maxBodyBytes);
          } catch (e) {
            if (e instanceof BodyTooLarge) return sendJson(res, 413, { errors: [{ message: `request body larger than ${options.maxBodyBytes} bytes` }] });
            throw e;
          }
        }
        const cache = options.responseCache;
        const method = req.method ?? 'GET';
        // Only anonymous reads share answers: a caller with a token always reads Neo4j.
        if (!cache || req.headers.authorization !== undefined || (method !== 'GET' && method !== 'POST')) {
          return sendAnswer(res, await askYoga(yoga, req, body, { clientAddress }));
        }
        const generation = db.generation;
        const key = ResponseCache.key(generation, method, req.url ?? '', req.headers, body);
        const hit = cache.get(key);
        if (hit) return sendCached(req, res, hit);
        const flying = cache.inFlight(key);
        if (flying) {
          const shared = await flying;
          if (shared) return sendCached(req, res, shared);
          // That answer was not kept (an error, a mutation): this request runs on its own.
        } else {
          let answer: YogaAnswer | undefined;
          const entry = await cache.fly(key, async () => {
            const mark: CacheMark = { executed: false, cacheable: false };
            answer = await askYoga(yoga, req, body, { clientAddress, cacheMark: mark });
            if (mark.executed) answer.headers[RESPONSE_CACHE_HEADER] = 'miss';
            if (!mark.cacheable || answer.status !== 200) return null;
            return cache.entry(
              generation,
              answer.status,
              { ...answer.headers, [RESPONSE_CACHE_HEADER]: 'hit', [ROUND_TRIPS_HEADER]: '0' },
              answer.payload,
              key,
            );
          });
          if (entry) {
            answer!.headers.etag = entry.etag;
            if (matchesEtag(req.headers['if-none-match'], entry.etag)) return sendNotModified(res, entry, 'miss', answer!.headers[ROUND_TRIPS_HEADER]);
          }
          return sendAnswer(res, answer!);
        }
        const mark: CacheMark = { executed: false, cacheable: false };
        const answer = await askYoga(yoga, req, body, { clientAddress, cacheMark: mark });
        if (mark.executed) answer.headers[RESPONSE_CACHE_HEADER] = 'miss';
        return sendAnswer(res, answer);
      }
      if (req.method === 'GET' || req.method === 'HEAD') return sendStatic(req, res, webDir);
      return sendJson(res, 405, { error: 'method not allowed' });
    })().catch((e: unknown) => {
      console.error('request failed:', e);
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
      else res.end();
    });
  });
}
