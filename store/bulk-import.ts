/**
 * Bulk loading into an empty embedded store with Neo4j's own importer (`neo4j-admin database
 * import full`, the same 5.26 jars as the embedded server): elements and their relationships go
 * to CSV files through the storage codec, the importer writes the store files directly while the
 * database is stopped, then the server starts on them, constraints and indexes are built, the few
 * gaps, planned changes, events and perspectives are written with Cypher and the index statistics
 * are refreshed. On this machine it loads 100 000 elements and a million relationships several
 * times faster than `writeMap` (`npm run bench -- --load cypher` measures the other way).
 *
 * The CSV columns are whatever the codec returns: types are taken from the values (lists of
 * strings or numbers, numbers as doubles as the driver sends them), so a new property in
 * store/codec.ts needs nothing here.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { GraphMap } from '../schema/map';
import { KINDS, RELATIONSHIPS, type Kind, type RelationshipType } from '../schema/metamodel';
import type { ElementInput, RelationshipInput } from '../schema/validation';
import { elementProperties, relationshipProperties } from './codec';
import { createDriver, Database } from './database';
import { embeddedClasspath, ensureEmbeddedJars, JVM_FLAGS, startEmbeddedNeo4j, type EmbeddedNeo4j, type EmbeddedOptions } from './embedded';
import { applySchema } from './setup';
import { refreshPlannerStatistics, writeMapExtras, type WriteCounts } from './write-map';

export class BulkImportError extends Error {
  override name = 'BulkImportError';
}

/** A map to import: its elements and relationships pushed one by one (a stream), the rest small. */
export interface MapSource {
  /** Calls `element` and `relationship` for every record, in any order. */
  each(sink: { element(e: ElementInput): void; relationship(r: RelationshipInput): void }): void;
  rest: Pick<GraphMap, 'gaps' | 'changes' | 'events' | 'perspectives'>;
}

/** A map in memory as a source. */
export function mapSource(map: GraphMap): MapSource {
  return {
    each(sink) {
      for (const e of map.elements) sink.element(e);
      for (const r of map.relationships) sink.relationship(r);
    },
    rest: map,
  };
}

/** Between the items of a list in one CSV field: a control character no text of the map holds. */
const ARRAY_DELIMITER = '\u001f';

type ColumnType = 'string' | 'double' | 'boolean' | 'string[]' | 'double[]';

/**
 * One CSV file whose header is decided by the rows: the body is written as rows come (in the
 * order of the first row's keys), the header file after the last, with each column's type as its
 * values showed it. The importer reads `header,body` as one input.
 */
class CsvWriter {
  private readonly fd: number;
  private buffer = '';
  private keys: string[] | null = null;
  private readonly types = new Map<string, ColumnType>();
  multiline = false;
  rows = 0;

  constructor(
    private readonly dir: string,
    private readonly name: string,
    /** The importer's own leading columns (`:ID`, `:LABEL` …), given per row before the properties. */
    private readonly fixed: string[],
  ) {
    this.fd = openSync(join(dir, `${name}.csv`), 'w');
  }

  row(fixedValues: string[], props: Record<string, unknown>): void {
    if (!this.keys) {
      this.keys = Object.keys(props);
    } else if (Object.keys(props).length !== this.keys.length) {
      throw new BulkImportError(`${this.name}: the codec gave ${Object.keys(props).join(', ')}, expected ${this.keys.join(', ')}`);
    }
    let line = fixedValues.map((v) => this.quote(v)).join(',');
    for (const key of this.keys) line += `,${this.field(key, props[key])}`;
    this.buffer += `${line}\n`;
    this.rows += 1;
    if (this.buffer.length > 1 << 20) this.flush();
  }

  /** Closes the body and writes the header; returns the importer's argument (`header,body`). */
  finish(): string {
    this.flush();
    closeSync(this.fd);
    const header = [...this.fixed, ...(this.keys ?? []).map((k) => `${k}:${this.types.get(k) ?? 'string'}`)].join(',');
    writeFileSync(join(this.dir, `${this.name}-header.csv`), `${header}\n`);
    return `${join(this.dir, `${this.name}-header.csv`)},${join(this.dir, `${this.name}.csv`)}`;
  }

  private flush(): void {
    if (this.buffer) writeSync(this.fd, this.buffer);
    this.buffer = '';
  }

  private setType(key: string, type: ColumnType): void {
    const known = this.types.get(key);
    if (known === type) return;
    if (known && known !== type) throw new BulkImportError(`${this.name}: property ${key} holds both ${known} and ${type} values`);
    this.types.set(key, type);
  }

  private quote(s: string): string {
    if (!this.multiline && (s.includes('\n') || s.includes('\r'))) this.multiline = true;
    return s.includes('"') ? `"${s.replaceAll('"', '""')}"` : `"${s}"`;
  }

  /** An empty field is no property at all: as Cypher's SET e = row leaves nulls out. */
  private field(key: string, v: unknown): string {
    if (v === null || v === undefined) return '';
    if (typeof v === 'string') {
      this.setType(key, 'string');
      return this.quote(v);
    }
    if (typeof v === 'number') {
      this.setType(key, 'double');
      return String(v);
    }
    if (typeof v === 'boolean') {
      this.setType(key, 'boolean');
      return String(v);
    }
    if (Array.isArray(v)) {
      // An empty list is stored as no property (the importer has no empty lists); the codec
      // reads both as [].
      if (v.length === 0) return '';
      const numbers = v.every((x) => typeof x === 'number');
      this.setType(key, numbers ? 'double[]' : 'string[]');
      const items = v.map(String);
      for (const item of items) {
        if (item.includes(ARRAY_DELIMITER)) throw new BulkImportError(`${this.name}: a value of ${key} holds the list delimiter U+001F`);
        if (!numbers && item === '') throw new BulkImportError(`${this.name}: ${key} holds an empty string, which the importer cannot keep in a list`);
      }
      return this.quote(items.join(ARRAY_DELIMITER));
    }
    throw new BulkImportError(`${this.name}: property ${key} has a value of type ${typeof v} that Neo4j cannot store`);
  }
}

interface CsvFiles {
  nodes: string;
  relationships: string;
  multiline: boolean;
  counts: WriteCounts;
}

/** Writes the elements and relationships of `source` as the importer's CSV into `dir`, with progress. */
export function writeImportCsv(source: MapSource, dir: string, progress: (line: string) => void): CsvFiles {
  mkdirSync(dir, { recursive: true });
  // Every element starts at version 1, created now (as writeMap's CREATE sets them).
  const nodes = new CsvWriter(dir, 'elements', ['id:ID', ':LABEL', 'version:long', 'createdAt:datetime']);
  const createdAt = new Date().toISOString();
  const rels = new CsvWriter(dir, 'relationships', [':START_ID', ':END_ID', ':TYPE']);
  const counts: WriteCounts = { elements: {}, relationships: {}, gaps: 0, changes: 0, events: 0, perspectives: 0 };
  const started = performance.now();
  let lastReport = started;
  const report = (force = false) => {
    const now = performance.now();
    if (!force && now - lastReport < 5000) return;
    lastReport = now;
    const seconds = (now - started) / 1000;
    progress(`  CSV: ${nodes.rows} elements, ${rels.rows} relationships written (${Math.round((nodes.rows + rels.rows) / seconds)} rows/s)`);
  };
  source.each({
    element(e) {
      const kind: Kind = e.kind;
      const spec = KINDS[kind];
      if (!spec) throw new BulkImportError(`element ${e.id}: unknown kind ${String(e.kind)}`);
      // The id goes in the importer's key column (`id:ID`), which also stores it as the `id` property.
      const { id, ...props } = elementProperties(e);
      nodes.row([String(id), `Element${ARRAY_DELIMITER}${spec.neo4jLabel}`, '1', createdAt], props);
      counts.elements[kind] = (counts.elements[kind] ?? 0) + 1;
      if ((nodes.rows & 0xffff) === 0) report();
    },
    relationship(r) {
      const type: RelationshipType = r.type;
      const spec = RELATIONSHIPS[type];
      if (!spec) throw new BulkImportError(`relationship ${r.from} → ${r.to}: unknown type ${String(r.type)}`);
      // A layered relationship (APPLIES_TO) keeps its layer as a property, as writeMap's key does.
      const props = relationshipProperties(r);
      props.layer = spec.layered ? (r.layer ?? null) : null;
      rels.row([r.from, r.to, type], props);
      counts.relationships[type] = (counts.relationships[type] ?? 0) + 1;
      if ((rels.rows & 0xffff) === 0) report();
    },
  });
  report(true);
  return { nodes: nodes.finish(), relationships: rels.finish(), multiline: nodes.multiline || rels.multiline, counts };
}

export interface ImportOptions {
  /** The embedded store directory; its `neo4j` database is replaced. Nothing may run on it. */
  storeDir: string;
  /** The importer's JVM heap (default 1 GiB) and its off-heap budget (default 2 GiB): the machine is shared. */
  heapMb?: number;
  offHeapMb?: number;
  progress?: (line: string) => void;
}

/**
 * Runs Neo4j's importer over CSV files into `storeDir` (stopped). The importer's progress (its
 * stages and every 10 %) goes to `progress`.
 */
async function runImporter(files: CsvFiles, dir: string, options: ImportOptions): Promise<void> {
  const progress = options.progress ?? (() => {});
  // The importer reads its settings from NEO4J_CONF: an empty file, the defaults, as the server has.
  const conf = join(dir, 'conf');
  mkdirSync(conf, { recursive: true });
  writeFileSync(join(conf, 'neo4j.conf'), '');
  const args = [
    `-Xmx${options.heapMb ?? 1024}m`,
    ...JVM_FLAGS,
    '-cp',
    embeddedClasspath(),
    'org.neo4j.cli.AdminTool',
    'database',
    'import',
    'full',
    `--nodes=${files.nodes}`,
    `--relationships=${files.relationships}`,
    `--array-delimiter=U+001F`,
    `--multiline-fields=${files.multiline}`,
    '--bad-tolerance=0',
    `--max-off-heap-memory=${options.offHeapMb ?? 2048}m`,
    '--overwrite-destination=true',
    // Its report of bad lines (none: --bad-tolerance=0) goes with the CSV, not into the working directory.
    `--report-file=${join(dir, 'import.report')}`,
    'neo4j',
  ];
  const child = spawn('java', args, { env: { ...process.env, NEO4J_HOME: options.storeDir, NEO4J_CONF: conf }, stdio: ['ignore', 'pipe', 'pipe'] });
  const tail: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      tail.push(line);
      if (tail.length > 40) tail.shift();
      // Progress is a line of dots per 5 %; report every other one, and each stage's name.
      const percent = /\s(\d+)% ∆/.exec(line);
      if (percent) {
        if (Number(percent[1]) % 10 === 0) progress(`  import ${percent[1]}%`);
      } else if (/^(Node|Relationship|Post processing|IMPORT|Imported|Peak memory|\s+\d+ (nodes|relationships|properties))/.test(line)) {
        progress(`  import: ${line.trim()}`);
      }
    });
  }
  const code = await new Promise<number | null>((ok, fail) => {
    child.once('error', (e) => fail(new BulkImportError(`cannot run java: ${e.message}`)));
    child.once('close', ok);
  });
  if (code !== 0) throw new BulkImportError(`the Neo4j importer failed (exit ${code}):\n${tail.join('\n')}`);
}

/** Whether the store directory already holds a `neo4j` database (then the importer would replace it). */
export function storeHasDatabase(storeDir: string): boolean {
  return existsSync(join(storeDir, 'data', 'databases', 'neo4j'));
}

export interface ImportResult {
  embedded: EmbeddedNeo4j;
  counts: WriteCounts;
  /** Milliseconds per step: CSV, importer, start, schema (constraints, indexes), the rest (Cypher). */
  steps: { csvMs: number; importMs: number; startMs: number; schemaMs: number; restMs: number };
}

/**
 * Loads `source` into a new store: CSV, importer, start of the embedded Neo4j (left running for the
 * caller), constraints and indexes, then gaps, planned changes, events and perspectives, then fresh
 * index statistics. Refuses a store that already has a database unless `replace` is set (its map,
 * tokens and audit log are then replaced).
 */
export async function importIntoNewStore(
  source: MapSource,
  options: ImportOptions & { replace?: boolean; embedded?: Partial<Omit<EmbeddedOptions, 'storeDir' | 'progress'>> },
): Promise<ImportResult> {
  const progress = options.progress ?? (() => {});
  // The importer replaces the `neo4j` database whole (tokens and the audit log too) and refuses
  // a store that a running Neo4j holds.
  if (storeHasDatabase(options.storeDir) && !options.replace) {
    throw new BulkImportError(`${options.storeDir} already holds a database; the bulk importer only writes into an empty store`);
  }
  mkdirSync(options.storeDir, { recursive: true });
  await ensureEmbeddedJars(progress);
  const dir = mkdtempSync(join(tmpdir(), 'reguleringsplan-import-'));
  try {
    let t = performance.now();
    const lap = () => {
      const now = performance.now();
      const ms = now - t;
      t = now;
      return ms;
    };
    const files = writeImportCsv(source, dir, progress);
    const csvMs = lap();
    await runImporter(files, dir, options);
    const importMs = lap();
    rmSync(dir, { recursive: true, force: true });
    const embedded = await startEmbeddedNeo4j({ port: 0, ...options.embedded, storeDir: options.storeDir, progress });
    const startMs = lap();
    const driver = createDriver({ uri: embedded.uri, user: 'neo4j', database: 'neo4j' });
    try {
      const db = new Database(driver, 'neo4j');
      progress('  constraints and indexes…');
      await applySchema(db);
      const schemaMs = lap();
      await writeMapExtras(db, source.rest, files.counts, progress);
      await refreshPlannerStatistics(db, progress);
      const restMs = lap();
      return { embedded, counts: files.counts, steps: { csvMs, importMs, startMs, schemaMs, restMs } };
    } catch (e) {
      await embedded.stop();
      throw e;
    } finally {
      await driver.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
