/**
 * The metamodel is the one place to add a kind. This test copies the code, adds one kind to
 * schema/metamodel.ts in the copy — a "technical profile" in the standards group — and nothing
 * else, then runs the copy's server against the test Neo4j: the kind is in the GraphQL schema,
 * an element of it is stored, listed among the vendors' standards, drawn as a cell of a heat map
 * and exported. No other file of the copy is touched.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, inject, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const NEW_KIND = `  TECHNICAL_PROFILE: { group: 'standard', nb: 'Teknisk profil', en: 'Technical profile', layers: ['TECHNICAL'], neo4jLabel: 'TechnicalProfile', idPrefix: 'profil', inMetamodel: false, norm: true },\n`;

const PROBE = `
import { startApp } from './api/app';
import { loadConfig } from './api/config';
import { emptyMap } from './schema/map';
import { readMap } from './store/read-map';
import { writeMap } from './store/write-map';

const app = await startApp(loadConfig({ ...process.env, PORT: '0', SEED_ON_START: 'false', RESPONSE_CACHE_TTL_MS: '0' }), () => {});
const id = 'profil-test-ny-type';
try {
  const map = emptyMap();
  map.elements.push({ id, kind: 'TECHNICAL_PROFILE' as never, name: 'Testprofil', nameEn: 'Test profile', layers: ['TECHNICAL'], description: 'Ny type.',
    lifecycle: 'ACTIVE', identifiers: [], aliases: [], sources: ['003_bc528292a39bd4db.txt:2460-2470'], lifecycleSources: [], normativeLevelSources: [],
    citationExceptions: [], notes: [], scores: [] });
  map.relationships.push({ from: id, type: 'APPLIES_TO', to: 'tjeneste-journaldokumenter', layer: 'TECHNICAL', sources: [] });
  await writeMap(app.db, map);
  const gql = async (query: string) => (await fetch(app.url + 'graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) })).json();
  const metamodel = await gql('{ metamodel { kinds { id label } } }');
  const standards = await gql('{ standards(kinds: [TECHNICAL_PROFILE]) { edges { node { element { id kind } } } } }');
  const heatMap = await gql('{ heatMap(service: "tjeneste-journaldokumenter") { rows { layer cells { element { id kind } } } } }');
  const exported = (await readMap(app.db)).elements.filter((e) => e.id === id);
  console.log(JSON.stringify({ metamodel, standards, heatMap, exported }));
} finally {
  await app.db.write((tx) => tx.run('MATCH (e:Element {id: $id}) DETACH DELETE e', { id }));
  await app.stop();
}
`;

describe('adding a kind to the metamodel', () => {
  const dir = mkdtempSync(join(tmpdir(), 'reguleringsplan-kind-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves, stores, lists, draws and exports it with no code change but the metamodel', async () => {
    for (const part of ['schema', 'store', 'api', 'graph-seed', 'package.json', 'tsconfig.json']) {
      cpSync(join(ROOT, part), join(dir, part), { recursive: true, filter: (src) => !src.includes('/target') && !src.includes('/.data') });
    }
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
    const metamodel = join(dir, 'schema/metamodel.ts');
    const source = readFileSync(metamodel, 'utf8');
    const anchor = '  MEASURE: {';
    expect(source).toContain(anchor);
    writeFileSync(metamodel, source.replace(anchor, `${NEW_KIND}${anchor}`));
    writeFileSync(join(dir, 'probe.ts'), PROBE);

    const neo4j = inject('neo4j');
    const { stdout } = await promisify(execFile)(join(ROOT, 'node_modules/.bin/tsx'), ['probe.ts'], {
      cwd: dir,
      env: { ...process.env, NEO4J_URI: neo4j.uri, NEO4J_USER: neo4j.user, NEO4J_PASSWORD: neo4j.password, NEO4J_DATABASE: neo4j.database },
      timeout: 120_000,
    });
    const out = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as {
      metamodel: { data: { metamodel: { kinds: { id: string; label: string }[] } } };
      standards: { data: { standards: { edges: { node: { element: { id: string; kind: string } } }[] } } };
      heatMap: { data: { heatMap: { rows: { layer: string; cells: { element: { id: string; kind: string } }[] }[] } } };
      exported: { id: string; kind: string }[];
    };
    expect(out.metamodel.data.metamodel.kinds).toContainEqual({ id: 'TECHNICAL_PROFILE', label: 'Teknisk profil' });
    // In the standards group, so the vendors' view lists it by default rules…
    expect(out.standards.data.standards.edges.map((s) => s.node.element.id)).toEqual(['profil-test-ny-type']);
    // …it is a norm, so it is a cell of the heat map on its layer…
    const technical = out.heatMap.data.heatMap.rows.find((r) => r.layer === 'TECHNICAL');
    expect(technical?.cells.map((c) => c.element)).toContainEqual({ id: 'profil-test-ny-type', kind: 'TECHNICAL_PROFILE' });
    // …and the export carries it.
    expect(out.exported).toEqual([expect.objectContaining({ id: 'profil-test-ny-type', kind: 'TECHNICAL_PROFILE' })]);
  });

  it('the web front end names no kind in its code: it draws whatever the API gives', () => {
    const kinds = ['CODE_SYSTEM', 'TECHNICAL_STANDARD', 'LAW', 'NATIONAL_SOLUTION', 'CONTENT_STANDARD'];
    const files = ['views/heatmap.ts', 'views/heatmap-graph.ts', 'views/vendors.ts', 'views/panel.ts', 'vocabulary.ts'];
    for (const f of files) {
      const text = readFileSync(join(ROOT, 'web/src', f), 'utf8');
      for (const k of kinds) expect(text, `${f} mentions ${k}`).not.toContain(`'${k}'`);
    }
  });
});
