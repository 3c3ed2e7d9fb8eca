/**
 * Helpers for reliability tests: a TCP proxy that can cut the network between the API and Neo4j,
 * a GraphQL request whose body arrives late (an in-flight request during a shutdown), and a
 * spawned `api/main.ts` whose output is watched line by line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface TcpProxy {
  port: number;
  /** Close the listener and every open connection: Neo4j is unreachable. */
  cut(): Promise<void>;
  /** Listen again on the same port. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function tcpProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  let port = 0;
  const listen = async () => {
    server = createServer((client) => {
      const upstream = createConnection(targetPort, targetHost);
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.once('close', () => sockets.delete(s));
        s.on('error', () => {});
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((ok) => server!.listen(port, '127.0.0.1', ok));
    port = (server.address() as { port: number }).port;
  };
  const cut = async () => {
    const s = server;
    server = null;
    for (const socket of sockets) socket.destroy();
    if (s) await new Promise<void>((ok) => s.close(() => ok()));
  };
  await listen();
  return { port, cut, restore: listen, close: cut };
}

/** A POST to /graphql whose second half of the body is sent only when `finish()` is called. */
export function slowGraphQL(url: string, query: string): { finish(): void; response: Promise<{ status: number; body: string }> } {
  const body = Buffer.from(JSON.stringify({ query }));
  const target = new URL('graphql', url);
  const req = request(target, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': body.length } });
  const response = new Promise<{ status: number; body: string }>((ok, fail) => {
    req.once('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.once('end', () => ok({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.once('error', fail);
  });
  const half = Math.floor(body.length / 2);
  req.write(body.subarray(0, half));
  return { finish: () => req.end(body.subarray(half)), response };
}

export interface SpawnedApp {
  child: ChildProcess;
  lines: string[];
  /** Resolves with the first output line matching `pattern` (already seen or still to come). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `api/main.ts` in its own Node process (what `npm start` runs after building the web); an undefined value unsets the variable. */
export function spawnApp(env: Record<string, string | undefined>): SpawnedApp {
  const merged: Record<string, string | undefined> = { ...process.env, ...env };
  for (const [k, v] of Object.entries(merged)) if (v === undefined) delete merged[k];
  const child = spawn(process.execPath, ['--import', 'tsx', 'api/main.ts'], { cwd: ROOT, env: merged, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const waiters: { pattern: RegExp; ok: (m: RegExpExecArray) => void }[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      lines.push(line);
      for (const w of [...waiters]) {
        const m = w.pattern.exec(line);
        if (m) {
          waiters.splice(waiters.indexOf(w), 1);
          w.ok(m);
        }
      }
    });
  }
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((ok) => child.once('exit', (code, signal) => ok({ code, signal })));
  return {
    child,
    lines,
    exited,
    waitFor(pattern, timeoutMs = 180_000) {
      for (const line of lines) {
        const m = pattern.exec(line);
        if (m) return Promise.resolve(m);
      }
      return new Promise((ok, fail) => {
        const timer = setTimeout(() => fail(new Error(`no line matching ${pattern} within ${timeoutMs} ms; output:\n${lines.join('\n')}`)), timeoutMs);
        waiters.push({ pattern, ok: (m) => (clearTimeout(timer), ok(m)) });
        void exited.then(({ code, signal }) => {
          clearTimeout(timer);
          fail(new Error(`the app exited (${signal ?? code}) before a line matching ${pattern}; output:\n${lines.join('\n')}`));
        });
      });
    },
  };
}
