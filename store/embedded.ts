/**
 * The embedded Neo4j: a JVM running store/embedded (Neo4j 5.26 Community + Bolt on
 * 127.0.0.1), for `npm start` and the tests when no NEO4J_URI is given. Its jars are resolved by
 * Maven on first use into store/embedded/target (git-ignored), never committed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createDriver } from './database';

const PROJECT_DIR = fileURLToPath(new URL('./embedded/', import.meta.url));
const TARGET_DIR = join(PROJECT_DIR, 'target');
const MAIN_CLASS = 'no.reguleringsplan.embedded.EmbeddedNeo4j';
const MAIN_SOURCE = join(PROJECT_DIR, 'src/main/java/no/reguleringsplan/embedded/EmbeddedNeo4j.java');
const MAIN_CLASS_FILE = join(TARGET_DIR, 'classes/no/reguleringsplan/embedded/EmbeddedNeo4j.class');
const BUILD_LOCK = join(PROJECT_DIR, '.build-lock');

/** Flags Neo4j's own launcher passes on Java 17; without them Netty and the page cache fail. */
export const JVM_FLAGS = [
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '-Dio.netty.tryReflectionSetAccessible=true',
  '-XX:+ExitOnOutOfMemoryError',
];

/** The classpath of the embedded Neo4j's jars (after ensureEmbeddedJars), for its own tools too. */
export function embeddedClasspath(extra: string[] = []): string {
  return [join(TARGET_DIR, 'classes'), join(TARGET_DIR, 'dependency', '*'), ...extra].join(':');
}

export class EmbeddedNeo4jError extends Error {
  override name = 'EmbeddedNeo4jError';
}

export interface EmbeddedOptions {
  /** Store directory; one running instance per directory. */
  storeDir: string;
  /** Bolt port on 127.0.0.1; 0 picks a free one. */
  port: number;
  /** Maximum JVM heap (default 512 MiB: the map is small, the machine may be shared). */
  heapMb?: number;
  /** Page cache (default 64 MiB; unset, Neo4j would take half the machine's memory). */
  pageCacheMb?: number;
  /** Progress lines for the user: Maven on first run, then start-up. */
  progress?: (line: string) => void;
  /** A directory of procedure jars (APOC core for the benchmark's peer); none for the app. */
  pluginsDir?: string;
}

export interface EmbeddedNeo4j {
  uri: string;
  pid: number;
  /** SIGTERM, then wait for the JVM's shutdown hook to close the store. */
  stop(): Promise<void>;
  /** Settles when the JVM has exited, however (a stop, a crash, a kill). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function jarsPresent(): boolean {
  const deps = join(TARGET_DIR, 'dependency');
  if (!existsSync(MAIN_CLASS_FILE) || !existsSync(deps)) return false;
  if (statSync(MAIN_CLASS_FILE).mtimeMs < statSync(MAIN_SOURCE).mtimeMs) return false;
  if (statSync(MAIN_CLASS_FILE).mtimeMs < statSync(join(PROJECT_DIR, 'pom.xml')).mtimeMs) return false;
  return readdirSync(deps).some((f) => f.startsWith('neo4j-bolt-'));
}

/** A directory made atomically serves as a lock between processes building at the same time. */
async function withBuildLock<T>(fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    try {
      mkdirSync(BUILD_LOCK);
      break;
    } catch {
      const age = Date.now() - statSync(BUILD_LOCK, { throwIfNoEntry: false })!.mtimeMs;
      if (age > 15 * 60_000) rmdirSync(BUILD_LOCK); // left by a build that was killed
      if (Date.now() > deadline) throw new EmbeddedNeo4jError(`timed out waiting for ${BUILD_LOCK}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    return await fn();
  } finally {
    rmdirSync(BUILD_LOCK);
  }
}

/**
 * Compile the Java main and copy Neo4j's jars with Maven unless they are already there. The first
 * run downloads about 100 MB from Maven Central; progress shows every 25 artifacts.
 */
export async function ensureEmbeddedJars(progress: (line: string) => void = (l) => console.log(l)): Promise<void> {
  if (jarsPresent()) return;
  await withBuildLock(async () => {
    if (jarsPresent()) return; // another process built them while we waited
    progress('resolving the embedded Neo4j jars with Maven (first run only; ~100 MB from Maven Central)…');
    const mvn = spawn('mvn', ['-B', 'package', '-DskipTests'], { cwd: PROJECT_DIR, stdio: ['ignore', 'pipe', 'pipe'] });
    let downloaded = 0;
    const tail: string[] = [];
    for (const stream of [mvn.stdout, mvn.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        tail.push(line);
        if (tail.length > 30) tail.shift();
        if (/^\[INFO\] Downloaded from/.test(line) || /^Downloaded from/.test(line)) {
          downloaded += 1;
          if (downloaded % 25 === 0) progress(`  Maven: ${downloaded} artifacts downloaded…`);
        }
      });
    }
    const code = await new Promise<number | null>((ok, fail) => {
      mvn.once('error', (e) => fail(new EmbeddedNeo4jError(`cannot run mvn (is Maven installed?): ${e.message}`)));
      mvn.once('close', ok);
    });
    if (code !== 0) throw new EmbeddedNeo4jError(`Maven failed (exit ${code}):\n${tail.join('\n')}`);
    progress(`  Maven: done (${downloaded} artifacts downloaded)`);
  });
}

/** A free TCP port on 127.0.0.1 (for tests that need their own instance). */
export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => ok(port));
    });
  });
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

/** However Node exits, running JVMs get SIGTERM; their stdin closing is a second safety net. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of running) child.kill('SIGTERM');
  });
}

export async function startEmbeddedNeo4j(options: EmbeddedOptions): Promise<EmbeddedNeo4j> {
  const progress = options.progress ?? (() => {});
  await ensureEmbeddedJars(progress);
  const port = options.port === 0 ? await freePort() : options.port;
  mkdirSync(options.storeDir, { recursive: true });
  // Plugins go on the classpath too: APOC registers its extensions (ApocConfig) through the
  // service loader, which in an embedded server only sees the classpath, not the plugin directory.
  const classpath = embeddedClasspath(options.pluginsDir ? [join(options.pluginsDir, '*')] : []);
  // Initial heap = maximum and every page touched at start (as Neo4j's own guidance advises for
  // the heap): the memory is taken once, so no full GC grows it in service and the JVM's resident
  // size stays flat — which is what makes a growing RSS in the soak mean a leak.
  const heap = `${options.heapMb ?? 512}m`;
  const args = [
    `-Xms${heap}`,
    `-Xmx${heap}`,
    '-XX:+AlwaysPreTouch',
    ...JVM_FLAGS,
    '-cp',
    classpath,
    MAIN_CLASS,
    '--store',
    options.storeDir,
    '--port',
    String(port),
    '--pagecache-mb',
    String(options.pageCacheMb ?? 64),
    ...(options.pluginsDir ? ['--plugins', options.pluginsDir] : []),
  ];
  const child = spawn('java', args, { stdio: ['pipe', 'pipe', 'pipe'] });
  running.add(child);
  installExitHook();
  const stderrTail: string[] = [];
  createInterface({ input: child.stderr }).on('line', (line) => {
    stderrTail.push(line);
    if (stderrTail.length > 20) stderrTail.shift();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((ok) =>
    child.once('exit', (code, signal) => {
      running.delete(child);
      ok({ code, signal });
    }),
  );

  const uri = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new EmbeddedNeo4jError('embedded Neo4j did not report ready within 180 s')), 180_000);
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      if (line.startsWith('NEO4J_READY ')) {
        clearTimeout(timer);
        ok(line.slice('NEO4J_READY '.length).trim());
      } else if (line.startsWith('NEO4J_ERROR ')) {
        clearTimeout(timer);
        fail(new EmbeddedNeo4jError(`embedded Neo4j: ${line.slice('NEO4J_ERROR '.length)}`));
      }
    });
    child.once('error', (e) => {
      clearTimeout(timer);
      fail(new EmbeddedNeo4jError(`cannot run java: ${e.message}`));
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      fail(new EmbeddedNeo4jError(`embedded Neo4j exited (${signal ?? `code ${code}`}) before it was ready\n${stderrTail.join('\n')}`));
    });
  });

  // The ready line says Bolt listens; a driver handshake says it answers queries.
  const driver = createDriver({ uri, user: 'neo4j', password: 'unused', database: 'neo4j' });
  try {
    await driver.verifyConnectivity();
  } finally {
    await driver.close();
  }
  progress(`embedded Neo4j ready at ${uri} (pid ${child.pid})`);

  return {
    uri,
    pid: child.pid!,
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export interface SupervisionOptions {
  /** First restart delay; doubles per failure in the window up to `maxBackoffMs` (1, 2, 4 … 30 s). */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** This many failures (unexpected exits or failed restarts) within `windowMs` → give up. */
  maxFailures?: number;
  windowMs?: number;
}

export interface SupervisorEvents {
  /** The JVM exited unexpectedly: Neo4j is unreachable from now on. */
  down(reason: string): void;
  /** A restarted JVM answers again. */
  up(uri: string, pid: number): void;
  /** Too many failures in the window: the caller should exit non-zero with this one line. */
  giveUp(line: string): void;
}

export interface SupervisedNeo4j {
  uri: string;
  /** The current JVM's pid (changes with each restart). */
  readonly pid: number;
  /** Whether a JVM is running and answered its start-up check. */
  readonly up: boolean;
  /** Stop supervising, then stop the JVM (also cancels a pending restart). */
  stop(): Promise<void>;
}

/**
 * The embedded Neo4j, restarted when its JVM exits unexpectedly: on the same store and port, so
 * the driver reconnects by itself. Restarts back off (1, 2, 4 … 30 s by default); after
 * `maxFailures` failures within `windowMs` the supervisor gives up and says so once, for the
 * process manager to take over.
 */
export async function startSupervisedNeo4j(options: EmbeddedOptions & SupervisionOptions, events: SupervisorEvents): Promise<SupervisedNeo4j> {
  const initial = options.initialBackoffMs ?? 1_000;
  const max = options.maxBackoffMs ?? 30_000;
  const maxFailures = options.maxFailures ?? 5;
  const windowMs = options.windowMs ?? 5 * 60_000;
  const port = options.port === 0 ? await freePort() : options.port;
  const startOptions = { ...options, port };
  let current: EmbeddedNeo4j | null = await startEmbeddedNeo4j(startOptions);
  let stopping = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let restarting: Promise<void> | null = null;
  const failures: number[] = [];

  /** Count a failure; false when that makes too many in the window. */
  const failed = (): boolean => {
    const now = Date.now();
    failures.push(now);
    while (failures.length > 0 && failures[0]! < now - windowMs) failures.shift();
    return failures.length < maxFailures;
  };
  const delay = () => Math.min(max, initial * 2 ** Math.max(0, failures.length - 1));

  const scheduleRestart = (why: string): void => {
    if (stopping) return;
    if (!failed()) {
      events.giveUp(`embedded Neo4j failed ${failures.length} times within ${Math.round(windowMs / 1000)} s (last: ${why}); giving up`);
      return;
    }
    const wait = delay();
    timer = setTimeout(() => {
      timer = null;
      restarting = (async () => {
        try {
          const next = await startEmbeddedNeo4j(startOptions);
          if (stopping) {
            await next.stop();
            return;
          }
          current = next;
          watch(next);
          events.up(next.uri, next.pid);
        } catch (e) {
          scheduleRestart(e instanceof Error ? e.message.split('\n')[0]! : String(e));
        } finally {
          restarting = null;
        }
      })();
    }, wait);
    options.progress?.(`restarting embedded Neo4j in ${wait / 1000} s…`);
  };

  const watch = (jvm: EmbeddedNeo4j): void => {
    void jvm.exited.then(({ code, signal }) => {
      if (stopping || current !== jvm) return;
      current = null;
      const why = `embedded Neo4j (pid ${jvm.pid}) exited unexpectedly (${signal ?? `code ${code}`})`;
      events.down(why);
      scheduleRestart(why);
    });
  };
  watch(current);

  return {
    uri: current.uri,
    get pid() {
      return current?.pid ?? 0;
    },
    get up() {
      return current !== null;
    },
    async stop() {
      stopping = true;
      if (timer) clearTimeout(timer);
      await restarting;
      await current?.stop();
    },
  };
}
