/**
 * The graph seed against the run's Neo4j: sources on everything, idempotent reload, the JSON
 * round trip through the real command line, and a rejected import that leaves the database as
 * it was. (The run's global setup has already loaded graph-seed/data.)
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOURCE_DOCUMENTS } from '../schema/metamodel';
import { documentLines } from '../schema/validation';
import { Database } from '../store/database';
import { testDriver } from '../test/neo4j-provider';
import { emptyTestDatabase, mapCli as cli } from '../test/map-cli';
import { mapToJson } from './export-format';
import { readSeedDirectory } from '../store/map-files';
import { readMap } from '../store/read-map';
import { writeMap } from '../store/write-map';

// The source documents travel with the map (graph-seed/sources/, copied from the domain brief).
const SEEDS_DIR = new URL('./sources/', import.meta.url);
const lineCount = new Map<string, number>(SOURCE_DOCUMENTS.map((d) => [d, readFileSync(new URL(d, SEEDS_DIR), 'utf8').split('\n').length]));

let db: Database;
const dir = mkdtempSync(join(tmpdir(), 'reguleringsplan-seed-'));

async function counts(): Promise<{ nodes: number; rels: number }> {
  const [row] = await db.read('MATCH (n) WITH count(n) AS nodes CALL () { MATCH ()-[r]->() RETURN count(r) AS rels } RETURN nodes, rels');
  return { nodes: Number(row?.nodes), rels: Number(row?.rels) };
}

beforeAll(() => {
  const { driver, database } = testDriver();
  db = new Database(driver, database);
});
afterAll(async () => {
  await db.driver.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the graph seed in Neo4j', () => {
  it('holds every element of the seed files, each with a source that points into a real document', async () => {
    const seed = readSeedDirectory();
    expect(seed.elements.length).toBeGreaterThan(100);
    const rows = await db.read('MATCH (e:Element) RETURN e.id AS id, e.sources AS sources');
    const stored = new Map(rows.map((r) => [String(r.id), r.sources as string[]]));
    for (const e of seed.elements) {
      expect(stored.get(e.id), e.id).toEqual(e.sources);
      expect(e.sources.length, e.id).toBeGreaterThan(0);
    }
    const refs = [
      ...seed.elements.flatMap((e) => e.sources),
      ...seed.relationships.flatMap((r) => r.sources),
      ...seed.gaps.flatMap((g) => g.sources),
      ...seed.changes.flatMap((c) => c.sources),
      ...seed.events.flatMap((e) => e.sources),
    ];
    for (const ref of refs) {
      const lines = documentLines(ref);
      if (!lines) continue; // a public page: no lines to check
      expect(lines.toLine, ref).toBeLessThanOrEqual(lineCount.get(lines.document) ?? 0);
    }
  });

  it('reloads idempotently: loading the seed again changes nothing', async () => {
    const before = await counts();
    const exportBefore = mapToJson(await readMap(db));
    await writeMap(db, readSeedDirectory());
    expect(await counts()).toEqual(before);
    expect(mapToJson(await readMap(db))).toBe(exportBefore);
  });
});

describe('export and import', () => {
  it('round-trips JSON losslessly: export → wipe → import → export is identical', async () => {
    const first = join(dir, 'first.json');
    const exported = await cli('export', '--format', 'json', '--out', first);
    expect(exported.code, exported.stderr).toBe(0);
    await emptyTestDatabase();
    expect((await counts()).nodes).toBe(0);
    const imported = await cli('import', first);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toMatch(/APPLIES_TO/);
    const second = join(dir, 'second.json');
    expect((await cli('export', '--format', 'json', '--out', second)).code).toBe(0);
    expect(readFileSync(second, 'utf8')).toBe(readFileSync(first, 'utf8'));
  });

  it('exports CSV files a spreadsheet can open', async () => {
    const out = join(dir, 'csv');
    const result = await cli('export', '--format', 'csv', '--out', out);
    expect(result.code, result.stderr).toBe(0);
    const elements = readFileSync(join(out, 'elements.csv'), 'utf8').split('\r\n');
    expect(elements[0]).toBe(
      'id,kind,name,nameEn,aliases,layers,lifecycle,lifecycleSources,normativeLevel,normativeLevelSources,statusDate,validFrom,validTo,identifiers,sources,notes,rank,score,description',
    );
    expect(elements.length - 2).toBe(readSeedDirectory().elements.length);
    const events = readFileSync(join(out, 'events.csv'), 'utf8').split('\r\n');
    expect(events[0]).toBe('id,date,dateText,happened,title,titleEn,elements,sources,description');
    expect(events.length - 2).toBe(readSeedDirectory().events.length);
  });

  it('rejects a bad file with the line of each problem and leaves the database unchanged', async () => {
    const before = mapToJson(await readMap(db));
    const bad = join(dir, 'bad.yaml');
    writeFileSync(
      bad,
      [
        'elements:',
        '  - id: lov-ny-lov',
        '    kind: LAW',
        '    name: Ny lov',
        '    nameEn: New act',
        '    layers: [LEGAL]',
        '    description: Skal aldri skrives.',
        '    sources: ["003_bc528292a39bd4db.txt:2400"]',
        '  - id: standard-uten-kilde',
        '    kind: TECHNICAL_STANDARD',
        '    name: Uten kilde',
        '    nameEn: Without source',
        '    layers: [TECHNICAL]',
        '    description: Mangler kilde.',
        '    sources: []',
        'relationships:',
        '  - {from: lov-ny-lov, type: APPLIES_TO, to: tjeneste-finnes-ikke}',
      ].join('\n'),
    );
    const result = await cli('import', bad);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/bad\.yaml:15: elements\.1\.sources: every element needs at least one source/);
    expect(result.stderr).toMatch(/bad\.yaml:17: relationships\.0\.layer: APPLIES_TO needs the layer/);
    expect(mapToJson(await readMap(db))).toBe(before);
  });

  it('rejects a file whose records are valid alone but not together, naming each reference', async () => {
    const before = await counts();
    const file = join(dir, 'dangling.json');
    writeFileSync(
      file,
      JSON.stringify({ relationships: [{ from: 'lov-finnes-ikke', type: 'APPLIES_TO', to: 'tjeneste-finnes-heller-ikke', layer: 'LEGAL' }] }),
    );
    const result = await cli('import', file);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no element "lov-finnes-ikke"');
    expect(result.stderr).toContain('no element "tjeneste-finnes-heller-ikke"');
    expect(await counts()).toEqual(before);
  });
});
