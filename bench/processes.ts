/**
 * Child processes of the benchmark: servers started in their own process group (so stopping one
 * stops its JVM and wrappers too, and only those), ready lines, and resident memory from `ps`.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface Server {
  child: ChildProcess;
  url: string;
  /** Milliseconds from spawn to the ready line. */
  readyMs: number;
  stop(): Promise<void>;
}

const started = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of started) killGroup(child, 'SIGKILL');
});

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/**
 * Spawn `command args` with `env` added, in a new process group, and wait for an output line
 * matching `ready` (its first group is the URL).
 */
export async function startServer(
  command: string,
  args: string[],
  options: {
    env: Record<string, string>;
    ready: RegExp;
    timeoutMs: number;
    log: (line: string) => void;
    cwd?: string;
    /** Every output line with the milliseconds since spawn. */
    onLine?: (line: string, ms: number) => void;
  },
): Promise<Server> {
  const t0 = performance.now();
  const child = spawn(command, args, {
    cwd: options.cwd ?? process.cwd(),
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  started.add(child);
  const tail: string[] = [];
  const exited = new Promise<void>((ok) =>
    child.once('exit', () => {
      started.delete(child);
      ok();
    }),
  );
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`${command} ${args.join(' ')}: no ready line within ${options.timeoutMs} ms\n${tail.join('\n')}`)),
      options.timeoutMs,
    );
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        tail.push(line);
        if (tail.length > 30) tail.shift();
        options.onLine?.(line, performance.now() - t0);
        const m = options.ready.exec(line);
        if (m) {
          clearTimeout(timer);
          ok(m[1] ?? '');
        }
      });
    }
    void exited.then(() => {
      clearTimeout(timer);
      fail(new Error(`${command} ${args.join(' ')} exited before it was ready (code ${child.exitCode})\n${tail.join('\n')}`));
    });
  });
  const readyMs = performance.now() - t0;
  return {
    child,
    url,
    readyMs,
    async stop() {
      killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
      // The group may still hold a JVM that is closing its store: wait for the whole group.
      await waitForGroupExit(child.pid!, 30_000);
    },
  };
}

interface PsRow {
  pid: number;
  ppid: number;
  pgid: number;
  rssKb: number;
  comm: string;
}

function ps(): PsRow[] {
  const out = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,pgid=,rss=,comm='], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((p) => p.length >= 5)
    .map(([pid, ppid, pgid, rss, ...comm]) => ({ pid: Number(pid), ppid: Number(ppid), pgid: Number(pgid), rssKb: Number(rss), comm: comm.join(' ') }));
}

async function waitForGroupExit(pgid: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!ps().some((p) => p.pgid === pgid)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    // gone meanwhile
  }
}

/** Resident memory of one process in MiB (`ps -o rss`), or null when it is gone. */
export function rssMb(pid: number): number | null {
  const row = ps().find((p) => p.pid === pid);
  return row ? row.rssKb / 1024 : null;
}

/** Resident memory of a process tree: the largest node process and the JVM(s), in MiB. */
export function treeRss(rootPid: number): { nodeMb: number; javaMb: number; nodeProcesses: number } {
  const rows = ps();
  const inTree = new Set<number>([rootPid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const r of rows) {
      if (!inTree.has(r.pid) && inTree.has(r.ppid)) {
        inTree.add(r.pid);
        grew = true;
      }
    }
  }
  const tree = rows.filter((r) => inTree.has(r.pid));
  const nodes = tree.filter((r) => r.comm.startsWith('node') || r.comm.startsWith('npm') || r.comm.startsWith('npx'));
  const javas = tree.filter((r) => r.comm.startsWith('java'));
  return {
    nodeMb: Math.max(0, ...nodes.map((r) => r.rssKb)) / 1024,
    javaMb: javas.reduce((s, r) => s + r.rssKb, 0) / 1024,
    nodeProcesses: nodes.length,
  };
}

/** Sample `sample()` every `everyMs` until stopped; returns the maximum seen. */
export function peakSampler(sample: () => number | null, everyMs = 500): { stop(): number } {
  let peak = 0;
  const take = () => {
    const v = sample();
    if (v !== null && v > peak) peak = v;
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      return peak;
    },
  };
}
