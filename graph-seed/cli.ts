/**
 * The map's command line: `npm run seed`, `npm run export -- --format json|csv|archimate|xlsx [--out path]`,
 * `npm run import -- <file> [--replace]` (JSON, YAML, ArchiMate .xml or .xlsx), `npm run seed:synthetic -- --elements N`.
 * Connects like the app (NEO4J_URI, else the running or a started embedded Neo4j).
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadStoreConfig } from '../store/config';
import { connect, type Connection } from '../store/connect';
import { startEmbeddedNeo4j } from '../store/embedded';
import { createDriver, Database } from '../store/database';
import { applySchema } from '../store/setup';
import { EXPORT_FORMATS, mapToCsv, mapToJson, type ExportFormat } from './export-format';
import { ARCHIMATE_MAX_BYTES, ArchimateImportError, archimateToMap, mapToArchimate } from '../store/archimate';
import { mapToXlsx, XLSX_MAX_BYTES, XlsxImportError, xlsxToMap } from '../store/xlsx';
import { checkMap, MapValidationError, type GraphMap } from '../schema/map';
import { readMapFile, readSeedDirectory } from '../store/map-files';
import { readMap } from '../store/read-map';
import { BackupError, formatBackup, parseBackup, readBackupData, restoreBackup } from '../store/backup';
import { generateSyntheticMap, streamSyntheticMap } from './synthetic';
import { importIntoNewStore, mapSource, storeHasDatabase, type MapSource } from '../store/bulk-import';
import { formatCounts, wipeMap, writeMap } from '../store/write-map';

const USAGE = `usage:
  npm run seed [-- --replace]                         load graph-seed/data (MERGE; --replace wipes the map first)
  npm run export -- --format json|csv|archimate|xlsx [--out PATH]
                                                      JSON, ArchiMate XML or an Excel workbook to stdout or PATH;
                                                      CSV files into directory PATH (default export/)
  npm run import -- FILE [--replace]                  validate FILE (.json, .yaml, ArchiMate .xml, .xlsx) completely, then write it
                                                      (nothing is written if it has problems)
  npm run seed:synthetic -- --elements N [--seed S] [--store DIR | --into-current]
                                                      a synthetic map of about N elements, by default in its own store (.data/synthetic,
                                                      replaced whole with Neo4j's bulk importer; a new --store DIR too)
  npm run backup [-- --out FILE] [--secrets]          a consistent, checksummed snapshot of the map and perspectives
                                                      (--secrets: also API token hashes and the audit log)
  npm run restore -- FILE                             verify FILE, then load it into an EMPTY database`;

const log = (line: string) => console.error(line);

class UsageError extends Error {}

/** An Excel workbook, checked whole (the zip is inspected before it is unpacked). */
async function readXlsxFile(file: string): Promise<GraphMap> {
  if (statSync(file).size > XLSX_MAX_BYTES) throw new XlsxImportError([`${file} is larger than ${XLSX_MAX_BYTES} bytes`]);
  const { map, problems } = await xlsxToMap(readFileSync(file));
  if (problems.length > 0) throw new XlsxImportError(problems.map((p) => `${file}: ${p}`));
  return map;
}

/** An ArchiMate exchange file, checked whole (size first, before reading it into memory). */
function readArchimateFile(file: string): GraphMap {
  if (statSync(file).size > ARCHIMATE_MAX_BYTES) throw new ArchimateImportError([`${file} is larger than ${ARCHIMATE_MAX_BYTES} bytes`]);
  const { map, problems } = archimateToMap(readFileSync(file, 'utf8'));
  if (problems.length > 0) throw new ArchimateImportError(problems.map((p) => `${file}: ${p}`));
  return map;
}

async function write(conn: Connection, map: GraphMap, replace: boolean): Promise<void> {
  await applySchema(conn.db);
  if (replace) {
    log('wiping the current map (tokens and the audit log stay)…');
    await wipeMap(conn.db);
  }
  const started = performance.now();
  // After a wipe nothing can exist yet, so relationships are created rather than merged.
  const counts = await writeMap(conn.db, map, log, replace ? 'create' : 'merge');
  for (const line of formatCounts(counts)) log(line);
  log(`written to ${conn.describe} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** Up to this many elements a synthetic map is made whole and checked; larger ones stream. */
const CHECKED_UP_TO = 200_000;

async function synthetic(values: { elements?: string; seed?: string; store?: string; 'into-current'?: boolean }): Promise<void> {
  const n = Number(values.elements);
  if (!Number.isInteger(n) || n < 100 || n > 2_000_000) throw new UsageError('--elements must be a whole number from 100 to 2000000');
  const seed = values.seed === undefined ? 42 : Number(values.seed);
  if (!Number.isInteger(seed)) throw new UsageError('--seed must be a whole number');
  const started = performance.now();
  const storeDir = resolve(values.store ?? '.data/synthetic');
  // The bulk importer writes a new store: the default synthetic store (replaced each time) or a
  // --store DIR that holds none yet. Into an existing store of the user's, the map is written with Cypher.
  const bulk = !values['into-current'] && (values.store === undefined || !storeHasDatabase(storeDir));
  if (bulk && n > CHECKED_UP_TO) {
    // Streamed from the generator into the importer's CSV, never whole in memory; the generator
    // is checked against checkMap at smaller sizes by its tests.
    const source: MapSource = {
      each: (sink) => {
        Object.assign(source.rest, streamSyntheticMap({ elements: n, seed }, sink));
      },
      rest: { gaps: [], changes: [], events: [], perspectives: [] },
    };
    await bulkImport(source, storeDir, started);
    return;
  }
  const map = generateSyntheticMap({ elements: n, seed });
  const problems = checkMap(map);
  if (problems.length > 0) throw new MapValidationError(problems);
  log(`generated ${map.elements.length} elements and ${map.relationships.length} relationships in ${Math.round(performance.now() - started)} ms`);
  if (bulk) {
    await bulkImport(mapSource(map), storeDir, started);
    return;
  }
  if (values['into-current']) {
    const conn = await connect(loadStoreConfig(), log);
    try {
      await write(conn, map, false);
    } finally {
      await conn.close();
    }
    return;
  }
  // An existing store of the user's: the map is replaced, tokens and the audit log stay.
  const embedded = await startEmbeddedNeo4j({ storeDir, port: 0, progress: log });
  const driver = createDriver({ uri: embedded.uri, user: 'neo4j', database: 'neo4j' });
  try {
    await write({ db: new Database(driver, 'neo4j'), describe: `synthetic store ${storeDir}`, close: async () => {} }, map, true);
    log(`serve it with: NEO4J_DATA_DIR=${storeDir} npm start`);
  } finally {
    await driver.close();
    await embedded.stop();
  }
}

/** A synthetic map into a new store with Neo4j's bulk importer, with its progress and counts. */
async function bulkImport(source: MapSource, storeDir: string, started: number): Promise<void> {
  log(`loading into ${storeDir} with Neo4j's bulk importer (the store is replaced)…`);
  const { embedded, counts, steps } = await importIntoNewStore(source, { storeDir, replace: true, progress: log });
  await embedded.stop();
  for (const line of formatCounts(counts)) log(line);
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  log(
    `CSV ${s(steps.csvMs)}, importer ${s(steps.importMs)}, start ${s(steps.startMs)}, constraints and indexes ${s(steps.schemaMs)}, the rest ${s(steps.restMs)}`,
  );
  log(`done in ${s(performance.now() - started)}; serve it with: NEO4J_DATA_DIR=${storeDir} npm start`);
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      replace: { type: 'boolean' },
      format: { type: 'string' },
      out: { type: 'string' },
      elements: { type: 'string' },
      seed: { type: 'string' },
      store: { type: 'string' },
      'into-current': { type: 'boolean' },
      secrets: { type: 'boolean' },
    },
  });
  switch (command) {
    case 'seed': {
      const map = readSeedDirectory();
      const conn = await connect(loadStoreConfig(), log);
      try {
        await write(conn, map, values.replace === true);
      } finally {
        await conn.close();
      }
      return;
    }
    case 'import': {
      const file = positionals[0];
      if (!file) throw new UsageError('import needs a file');
      const map = /\.xml$/i.test(file) ? readArchimateFile(file) : /\.xlsx$/i.test(file) ? await readXlsxFile(file) : readMapFile(file);
      log(`${file} is valid: ${map.elements.length} elements, ${map.relationships.length} relationships`);
      const conn = await connect(loadStoreConfig(), log);
      try {
        await write(conn, map, values.replace === true);
      } finally {
        await conn.close();
      }
      return;
    }
    case 'export': {
      const format = (values.format ?? 'json') as ExportFormat;
      if (!EXPORT_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}`);
      const conn = await connect(loadStoreConfig(), log);
      let map: GraphMap;
      try {
        map = await readMap(conn.db);
      } finally {
        await conn.close();
      }
      if (format === 'xlsx') {
        const buf = await mapToXlsx(map);
        if (values.out) writeFileSync(values.out, buf);
        else process.stdout.write(buf);
        if (values.out) log(`wrote ${values.out} (${buf.length} bytes)`);
      } else if (format === 'json' || format === 'archimate') {
        const text = format === 'json' ? mapToJson(map) : mapToArchimate(map, { asOf: new Date().toISOString().slice(0, 10) });
        if (values.out) writeFileSync(values.out, text);
        else process.stdout.write(text);
        if (values.out) log(`wrote ${values.out} (${Buffer.byteLength(text)} bytes)`);
      } else {
        const dir = values.out ?? 'export';
        mkdirSync(dir, { recursive: true });
        for (const [name, text] of Object.entries(mapToCsv(map))) writeFileSync(join(dir, name), text);
        log(`wrote ${Object.keys(mapToCsv(map)).join(', ')} to ${dir}/`);
      }
      log(
        `exported ${map.elements.length} elements, ${map.relationships.length} relationships, ${map.gaps.length} gaps, ${map.changes.length} planned changes`,
      );
      return;
    }
    case 'synthetic':
      await synthetic(values);
      return;
    case 'backup': {
      const out = values.out ?? `backup-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
      const conn = await connect(loadStoreConfig(), log);
      let text: string;
      try {
        text = formatBackup(await readBackupData(conn.db, { secrets: values.secrets === true }));
      } finally {
        await conn.close();
      }
      // Written aside and renamed: a crash never leaves a half-written file under the real name.
      writeFileSync(`${out}.partial`, text, { mode: 0o600 });
      renameSync(`${out}.partial`, out);
      const { header } = parseBackup(text);
      log(
        `backup written to ${out}: ${Object.entries(header.counts)
          .map(([k, n]) => `${n} ${k}`)
          .join(', ')}; sha256 ${header.sha256}`,
      );
      return;
    }
    case 'restore': {
      const file = positionals[0];
      if (!file) throw new UsageError('restore needs a backup file');
      const { header, data } = parseBackup(readFileSync(file, 'utf8'));
      log(`${file}: a backup of ${header.createdAt}, checksum verified`);
      const conn = await connect(loadStoreConfig(), log);
      try {
        const counts = await restoreBackup(conn.db, data, log);
        log(
          `restored into ${conn.describe}: ${Object.entries(counts)
            .map(([k, n]) => `${n} ${k}`)
            .join(', ')}`,
        );
      } finally {
        await conn.close();
      }
      return;
    }
    default:
      throw new UsageError(command ? `unknown command "${command}"` : 'no command');
  }
}

try {
  await main(process.argv.slice(2));
} catch (e) {
  if (e instanceof UsageError) console.error(`${e.message}\n${USAGE}`);
  else if (
    e instanceof MapValidationError ||
    e instanceof ArchimateImportError ||
    e instanceof XlsxImportError ||
    e instanceof ConfigError ||
    e instanceof BackupError
  )
    console.error(e.message);
  else console.error(`failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
