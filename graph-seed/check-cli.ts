/**
 * `npm run seed:citations` — the citation check over the seed, failures first, then the summary.
 * `npm run seed:coverage [-- --unread]` — per document the share of lines cited, skipped and unread.
 * Both read only files (the seed, the ledger, the sources); exit 1 when something fails.
 */
import { checkCitations, summarise } from './citations';
import { coverage, readLedger } from './coverage';
import { MapValidationError } from '../schema/map';
import { readSeedDirectory } from '../store/map-files';

const command = process.argv[2];
const pct = (n: number, total: number) => `${((100 * n) / Math.max(total, 1)).toFixed(1)} %`;

try {
  const map = readSeedDirectory();
  if (command === 'citations') {
    const checks = checkCitations(map);
    const failed = checks.filter((c) => c.outcome === 'failed');
    for (const f of failed) console.log(`FAIL ${f.what}\n     ${f.detail ?? ''}`);
    const s = summarise(checks);
    console.log(
      `\n${s.checks} citation checks: ${s.ok} ok, ${s.failed} failed, ${s.exceptions} exceptions (${pct(s.exceptions, s.checks)}), ${s.public} from public pages`,
    );
    process.exitCode = s.failed > 0 ? 1 : 0;
  } else if (command === 'coverage') {
    const { skipped, problems } = readLedger();
    for (const p of problems) console.log(`ledger problem: ${p}`);
    const showUnread = process.argv.includes('--unread');
    let unread = 0;
    for (const c of coverage(map, skipped)) {
      unread += c.unread;
      console.log(
        `${c.document}  ${String(c.lines).padStart(5)} lines  cited ${pct(c.cited, c.lines).padStart(7)}  skipped ${pct(c.skipped, c.lines).padStart(7)}  unread ${pct(c.unread, c.lines).padStart(7)}  read ${pct(c.cited + c.skipped, c.lines)}`,
      );
      if (showUnread && c.unreadRanges.length > 0) console.log(`  unread: ${c.unreadRanges.join(', ')}`);
    }
    process.exitCode = problems.length > 0 || unread > 0 ? 1 : 0;
  } else {
    console.error('usage: tsx graph-seed/check-cli.ts citations | coverage [--unread]');
    process.exitCode = 2;
  }
} catch (e) {
  if (!(e instanceof MapValidationError)) throw e;
  console.error(e.message);
  process.exitCode = 1;
}
