/**
 * The ArchiMate exchange file: valid against The Open Group's XSDs (xmllint, offline), only
 * relationships the ArchiMate rules allow, lossless (the seed map comes back field for field), a
 * file edited in Archi is read, hostile files are refused, and export → import into an empty
 * database → export is identical through the real command line.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archimateAllows, ARCHIMATE_ELEMENT_TYPES, type ArchimateElementType, type ArchimateRelationshipType } from '../schema/archimate';
import type { GraphMap } from '../schema/map';
import { archimateToMap, mapToArchimate } from '../store/archimate';
import { Database } from '../store/database';
import { readSeedDirectory } from '../store/map-files';
import { readMap } from '../store/read-map';
import { clearDatabase, testDriver } from '../test/neo4j-provider';
import { startTestApp, type TestApp } from '../test/app';

const run = promisify(execFile);
const XSD_DIR = new URL('../schema/archimate-xsd/', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'reguleringsplan-archimate-'));
const AS_OF = '2026-12-01';

function xmllint(file: string): { ok: boolean; output: string } {
  const r = spawnSync('xmllint', ['--noout', '--nonet', '--schema', join(XSD_DIR, 'archimate3_Diagram.xsd'), file], {
    encoding: 'utf8',
    env: { ...process.env, XML_CATALOG_FILES: join(XSD_DIR, 'catalog.xml') },
  });
  if (r.error) throw new Error(`xmllint is needed for this test (Debian: apt-get install libxml2-utils): ${r.error.message}`);
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

/** The map in a canonical order, without perspectives (the web's saved views are not ArchiMate). */
function canonical(map: GraphMap): Omit<GraphMap, 'perspectives'> {
  const by = <T>(key: (x: T) => string) => (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
  return {
    elements: [...map.elements].sort(by((e) => e.id)),
    relationships: [...map.relationships].sort(by((r) => `${r.from}|${r.type}|${r.to}|${r.layer ?? ''}`)),
    gaps: [...map.gaps].sort(by((g) => g.id)),
    changes: [...map.changes].sort(by((c) => c.id)),
    events: [...map.events].sort(by((v) => v.id)),
  };
}

const seed = readSeedDirectory();
const xml = mapToArchimate(seed, { asOf: AS_OF });

describe('ArchiMate export', () => {
  it('validates against the ArchiMate 3.1 exchange-format XSDs', () => {
    const file = join(dir, 'seed.xml');
    writeFileSync(file, xml);
    const result = xmllint(file);
    expect(result.output).toContain('validates');
    expect(result.ok).toBe(true);
  });

  it('gives every element its mapped type and draws only relationships the ArchiMate rules allow', () => {
    const typeOf = new Map<string, string>();
    for (const m of xml.matchAll(/<element identifier="([^"]+)" xsi:type="(\w+)">/g)) typeOf.set(m[1]!, m[2]!);
    expect(typeOf.get('lov-pasientjournalloven')).toBe('Constraint');
    for (const e of seed.elements) expect(typeOf.get(e.id)).toBe(ARCHIMATE_ELEMENT_TYPES[e.kind]);
    const rels = [...xml.matchAll(/<relationship identifier="[^"]+" source="([^"]+)" target="([^"]+)" xsi:type="(\w+)"/g)];
    expect(rels.length).toBeGreaterThan(seed.relationships.length);
    const used = new Set<string>();
    for (const [, s, t, rel] of rels) {
      used.add(rel!);
      expect(archimateAllows(rel as ArchimateRelationshipType, typeOf.get(s!) as ArchimateElementType, typeOf.get(t!) as ArchimateElementType), `${rel} ${s} → ${t}`).toBe(true);
    }
    // More than associations: the map's structure shows in Archi.
    expect([...used].sort()).toEqual(expect.arrayContaining(['Aggregation', 'Assignment', 'Association', 'Realization', 'Serving']));
  });

  it('draws one heat-map view per information service, cells filled with their status colour', () => {
    const services = seed.elements.filter((e) => e.kind === 'INFORMATION_SERVICE');
    expect((xml.match(/xsi:type="Diagram"/g) ?? []).length).toBe(services.length);
    const view = xml.slice(xml.indexOf('<view identifier="view_tjeneste-journaldokumenter"'));
    const body = view.slice(0, view.indexOf('</view>'));
    expect(body).toContain('Varmekart: ');
    for (const layer of ['LEGAL', 'ORGANISATIONAL', 'SEMANTIC', 'TECHNICAL']) expect(body).toContain(`identifier="n_tjeneste-journaldokumenter_${layer}"`);
    // Exists is green (#3a8a4f) in the legend and on at least one cell.
    expect((body.match(/<fillColor r="58" g="138" b="79"\/>/g) ?? []).length).toBeGreaterThan(1);
    expect(body).toContain('Status per 2026-12-01');
  });

  it('is lossless: reading the file gives back every element, relationship, gap, planned change and event', () => {
    const { map, problems } = archimateToMap(xml);
    expect(problems).toEqual([]);
    expect(canonical(map)).toEqual(canonical(seed));
    expect(mapToArchimate(map, { asOf: AS_OF })).toBe(xml);
  });
});

describe('ArchiMate import', () => {
  it('reads a file edited in Archi: a renamed element, a new element and a new relationship without properties', () => {
    const edited = xml
      .replace(/(<element identifier="lov-pasientjournalloven" xsi:type="Constraint">\s*<name xml:lang="nb">)[^<]*/, '$1Pasientjournalloven (omdøpt)')
      .replace(
        '  </elements>',
        [
          '    <element identifier="id-4b1f0c2a9e" xsi:type="Constraint">',
          '      <name xml:lang="nb">Forskrift om ny løsning</name>',
          '      <documentation xml:lang="nb">Tegnet i Archi.</documentation>',
          '      <properties><property propertyDefinitionRef="propdef_sources"><value>https://lovdata.no/forskrift</value></property></properties>',
          '    </element>',
          '    <element identifier="id-77aa" xsi:type="ApplicationComponent">',
          '      <name xml:lang="nb">Ny nasjonal løsning</name>',
          '      <documentation xml:lang="nb">Også tegnet i Archi.</documentation>',
          '      <properties><property propertyDefinitionRef="propdef_sources"><value>https://www.ehelse.no/ny</value></property></properties>',
          '    </element>',
          '  </elements>',
        ].join('\n'),
      )
      .replace('  </relationships>', '    <relationship identifier="id-rel1" source="id-77aa" target="tjeneste-journaldokumenter" xsi:type="Realization"/>\n  </relationships>');
    const { map, problems } = archimateToMap(edited);
    expect(problems).toEqual([]);
    expect(map.elements.find((e) => e.id === 'lov-pasientjournalloven')?.name).toBe('Pasientjournalloven (omdøpt)');
    const law = map.elements.find((e) => e.id === 'lov-forskrift-om-ny-losning');
    expect(law).toMatchObject({ kind: 'LAW', layers: ['LEGAL'], lifecycle: 'ACTIVE', sources: ['https://lovdata.no/forskrift'] });
    expect(map.elements.find((e) => e.id === 'losning-ny-nasjonal-losning')?.kind).toBe('NATIONAL_SOLUTION');
    expect(map.relationships).toContainEqual(expect.objectContaining({ from: 'losning-ny-nasjonal-losning', type: 'REALIZES', to: 'tjeneste-journaldokumenter' }));
  });

  it('reports every problem with the identifier it concerns, and returns no map', () => {
    const broken = xml
      .replace('  </elements>', '    <element identifier="id-nosource" xsi:type="Requirement"><name xml:lang="nb">Uten kilde</name><documentation>Mangler kilde.</documentation></element>\n    <element identifier="id-goal" xsi:type="Goal"><name>Et mål</name></element>\n  </elements>')
      .replace('  </relationships>', '    <relationship identifier="id-assoc" source="id-nosource" target="tjeneste-journaldokumenter" xsi:type="Association"/>\n    <relationship identifier="id-dangling" source="id-finnes-ikke" target="tjeneste-journaldokumenter" xsi:type="Association"/>\n  </relationships>');
    const { map, problems } = archimateToMap(broken);
    expect(map.elements).toEqual([]);
    expect(problems).toContainEqual('element id-nosource ("Uten kilde"): sources: every element needs at least one source');
    expect(problems).toContainEqual(expect.stringMatching(/^element id-goal: ArchiMate type Goal has no kind in this map/));
    expect(problems).toContainEqual(expect.stringMatching(/^relationship id-assoc: a Association between REQUIREMENT and INFORMATION_SERVICE could be APPLIES_TO or .*give it a "type" property/));
    expect(problems).toContainEqual('relationship id-dangling: its source "id-finnes-ikke" is not an element of the map');
  });

  it('refuses DTDs and entities (XXE, billion laughs) without resolving anything', () => {
    const xxe = `<?xml version="1.0"?>\n<!DOCTYPE model [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<model xmlns="http://www.opengroup.org/xsd/archimate/3.0/" identifier="m"><name>&xxe;</name></model>`;
    const laughs = `<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>\n<model><name>&lol2;</name></model>`;
    for (const text of [xxe, laughs]) {
      const { map, problems } = archimateToMap(text);
      expect(problems).toEqual([expect.stringContaining('DTDs are not accepted')]);
      expect(map.elements).toEqual([]);
    }
  });

  it('refuses files that are not well-formed, not ArchiMate, too large or with too many concepts', () => {
    expect(archimateToMap('<model><elements></model>').problems[0]).toMatch(/^not well-formed XML at line 1/);
    expect(archimateToMap('<kart/>').problems).toEqual(['the root element is not an ArchiMate <model>']);
    expect(archimateToMap(xml, { maxBytes: 1000 }).problems).toEqual(['the file is larger than 1000 bytes']);
    expect(archimateToMap(xml, { maxConcepts: 10 }).problems).toEqual(['more than 10 elements and relationships']);
  });
});

describe('ArchiMate round trip through the command line and the database', () => {
  let db: Database;
  let app: TestApp;
  const env = { ...process.env, NEO4J_URI: process.env.TEST_NEO4J_URI, NEO4J_DATABASE: process.env.TEST_NEO4J_DATABASE ?? 'neo4j' };
  const cli = async (...args: string[]) => {
    try {
      const { stdout, stderr } = await run('npx', ['tsx', 'graph-seed/cli.ts', ...args], { env, maxBuffer: 64 * 1024 * 1024 });
      return { stdout, stderr, code: 0 };
    } catch (e) {
      const err = e as { stdout: string; stderr: string; code: number };
      return { stdout: err.stdout, stderr: err.stderr, code: err.code };
    }
  };
  const backup = join(dir, 'backup.json');

  beforeAll(async () => {
    const { driver, database } = testDriver();
    db = new Database(driver, database);
    app = await startTestApp();
    expect((await cli('export', '--format', 'json', '--out', backup)).code).toBe(0);
  });
  afterAll(async () => {
    // Put the whole map back (perspectives included) for the files that run after this one.
    const { driver, database } = testDriver();
    try {
      await clearDatabase(driver, database);
    } finally {
      await driver.close();
    }
    const restored = await cli('import', backup);
    await app.stop();
    await db.driver.close();
    rmSync(dir, { recursive: true, force: true });
    expect(restored.code, restored.stderr).toBe(0);
  });

  it('serves the same file at /export/archimate.xml, as an attachment', async () => {
    const res = await fetch(`${app.url}export/archimate.xml?asOf=${AS_OF}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="reguleringsplan-${AS_OF}.xml"`);
    expect(await res.text()).toBe(mapToArchimate(await readMap(db), { asOf: AS_OF }));
    expect((await fetch(`${app.url}export/archimate.xml?asOf=2026-13-01`)).status).toBe(400);
  });

  it('rejects a file with problems and writes nothing', async () => {
    const before = await readMap(db);
    const bad = join(dir, 'bad.xml');
    writeFileSync(bad, xml.replace('<name xml:lang="nb">Pasientjournalloven', '<name xml:lang="nb">Endret, men aldri skrevet').replace('  </elements>', '    <element identifier="id-x" xsi:type="Goal"><name>Mål</name></element>\n  </elements>'));
    const result = await cli('import', bad);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('element id-x: ArchiMate type Goal has no kind in this map');
    expect(await readMap(db)).toEqual(before);
  });

  it('export → import into an empty database → export gives the same file', async () => {
    const first = join(dir, 'first.xml');
    const exported = await cli('export', '--format', 'archimate', '--out', first);
    expect(exported.code, exported.stderr).toBe(0);
    expect(xmllint(first).ok).toBe(true);
    const { driver, database } = testDriver();
    try {
      await clearDatabase(driver, database);
    } finally {
      await driver.close();
    }
    const imported = await cli('import', first);
    expect(imported.code, imported.stderr).toBe(0);
    const second = join(dir, 'second.xml');
    expect((await cli('export', '--format', 'archimate', '--out', second)).code).toBe(0);
    expect(readFileSync(second, 'utf8')).toBe(readFileSync(first, 'utf8'));
  });
});
