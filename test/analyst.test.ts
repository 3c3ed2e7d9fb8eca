/**
 * The analysts' writes end to end over HTTP on the seeded map: every mutation, the heat
 * map seeing a write at once and on its date, the access matrix, optimistic concurrency, bad
 * inputs writing nothing, and the audit trail. Tokens are made with the token functions the CLI
 * uses; everything the file creates has its own ids and is removed afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken, listTokens, revokeToken } from '../api/auth/tokens';
import { mapToJson } from '../graph-seed/export-format';
import { readMap } from '../store/read-map';
import { startTestApp, type GraphQLResponse, type TestApp } from './app';

const SERVICE = 'tjeneste-journaldokumenter';
const XDS = 'standard-ihe-xds';
const LAW = 'lov-pasientjournalloven';
const SOLUTION = 'losning-kjernejournal';
const SOURCE = '003_bc528292a39bd4db.txt:2602-2605';

/** The file's own elements and perspectives. */
const OWN = {
  standard: 'standard-analysetest-a',
  other: 'standard-analysetest-b',
  measure: 'tiltak-analysetest',
  matrix: 'standard-analysetest-matrix',
  race: 'standard-analysetest-race',
  perspective: 'perspektiv-analysetest',
  matrixPerspective: 'perspektiv-analysetest-matrix',
};
const OWN_ELEMENTS = [OWN.standard, OWN.other, OWN.measure, OWN.matrix, OWN.race];
const OWN_PERSPECTIVES = [OWN.perspective, OWN.matrixPerspective];

const E = 'id version lifecycle normativeLevel status name description layers';
const Q = {
  markGap: `mutation($input: MarkGapInput!) { markGap(input: $input) { id layer title identifiedAt resolvedAt service { id } } }`,
  resolveGap: `mutation($id: ID!, $resolvedAt: Date) { resolveGap(id: $id, resolvedAt: $resolvedAt) { id resolvedAt } }`,
  planChange: `mutation($input: PlanChangeInput!) { planChange(input: $input) { id change due description completedAt element { id } measure { id } replacement { id } } }`,
  completeChange: `mutation($id: ID!, $completedAt: Date) { completeChange(id: $id, completedAt: $completedAt) { id completedAt } }`,
  setNormativeLevel: `mutation($element: ID!, $level: NormativeLevel, $version: Int!) { setNormativeLevel(element: $element, level: $level, version: $version) { ${E} } }`,
  setLifecycle: `mutation($element: ID!, $lifecycle: Lifecycle!, $version: Int!) { setLifecycle(element: $element, lifecycle: $lifecycle, version: $version) { ${E} } }`,
  upsertElement: `mutation($input: ElementInput!, $version: Int) { upsertElement(input: $input, version: $version) { ${E} } }`,
  link: `mutation($input: LinkInput!) { link(input: $input) { type from to layer note sources { ref } other { id } } }`,
  unlink: `mutation($input: UnlinkInput!) { unlink(input: $input) }`,
  savePerspective: `mutation($input: PerspectiveInput!) { savePerspective(input: $input) { id name layers kinds version } }`,
  deletePerspective: `mutation($id: ID!) { deletePerspective(id: $id) }`,
};
type MutationName = keyof typeof Q;

const HEAT_MAP = `query($service: ID!, $asOf: Date, $perspective: ID) {
  heatMap(service: $service, asOf: $asOf, perspective: $perspective) {
    asOf
    rows { layer cells { element { id } status } gaps { id title } }
    counts { status count }
  }
}`;

interface HeatMapAnswer {
  heatMap: {
    asOf: string;
    rows: { layer: string; cells: { element: { id: string }; status: string }[]; gaps: { id: string; title: string }[] }[];
    counts: { status: string; count: number }[];
  };
}

interface ElementAnswer {
  id: string;
  version: number;
  lifecycle: string;
  normativeLevel: string | null;
  status: string;
  name: string;
  description: string;
  layers: string[];
}

interface AuditAnswer {
  id: string;
  at: string;
  actor: string | null;
  action: string;
  target: string;
  before: string | null;
  after: string | null;
}

const AUDIT_FIELDS = 'id at actor action target before after';

function elementInput(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    kind: 'TECHNICAL_STANDARD',
    name: `Analysetest ${id}`,
    nameEn: `Analysis test ${id}`,
    layers: ['TECHNICAL'],
    description: 'Et element som bare finnes under testen av analytikernes skriving.',
    sources: [SOURCE],
    ...overrides,
  };
}

function firstError(res: GraphQLResponse) {
  return res.errors?.[0];
}

function expectError(res: GraphQLResponse, code: string, field?: string): void {
  const error = firstError(res);
  expect(error, `expected ${code}, got ${JSON.stringify(res.data)}`).toBeDefined();
  expect(error?.extensions?.code, error?.message).toBe(code);
  if (field !== undefined) expect(error?.extensions?.field, error?.message).toBe(field);
}

function expectOk<T>(res: GraphQLResponse<T>): T {
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  expect(res.data).toBeDefined();
  return res.data as T;
}

describe('analysts write the map', () => {
  let app: TestApp;
  let analyst: string;
  let admin: string;
  let revoked: string;
  const analystName = `analyst ${Date.now()}`;
  const tokenIds: string[] = [];
  let exportAtStart = '';

  const exportMap = async () => mapToJson(await readMap(app.db));
  const auditCount = async () => Number((await app.db.read('MATCH (a:AuditEvent) RETURN count(a) AS n'))[0]?.n);

  async function heatMap(asOf?: string, perspective?: string) {
    return expectOk(await app.gql<HeatMapAnswer>(HEAT_MAP, { service: SERVICE, asOf, perspective })).heatMap;
  }
  const cellStatus = (map: HeatMapAnswer['heatMap'], layer: string, id: string) =>
    map.rows.find((r) => r.layer === layer)?.cells.find((c) => c.element.id === id)?.status;
  const countOf = (map: HeatMapAnswer['heatMap'], status: string) => map.counts.find((c) => c.status === status)?.count ?? 0;

  async function version(id: string): Promise<number> {
    const res = await app.gql<{ element: { version: number } }>('query($id: ID!) { element(id: $id) { version } }', { id });
    return expectOk(res).element.version;
  }

  beforeAll(async () => {
    app = await startTestApp();
    exportAtStart = await exportMap();
    const a = await createToken(app.db, { name: analystName, role: 'ANALYST' });
    const b = await createToken(app.db, { name: `admin ${Date.now()}`, role: 'ADMIN' });
    const c = await createToken(app.db, { name: `revoked ${Date.now()}`, role: 'ANALYST' });
    tokenIds.push(a.id, b.id, c.id);
    analyst = a.secret;
    admin = b.secret;
    revoked = c.secret;
    expect(await revokeToken(app.db, c.id)).toBe('revoked');
    expect(await revokeToken(app.db, c.id)).toBe('already-revoked');
    expect(await revokeToken(app.db, 'token-does-not-exist')).toBe('not-found');
  });

  afterAll(async () => {
    if (!app) return;
    try {
      // Gaps and planned changes the file created, found through its tokens' audit events.
      await app.db.write(async (tx) => {
        await tx.run(
          `MATCH (a:AuditEvent) WHERE a.tokenId IN $tokens
           WITH collect(DISTINCT a.target) AS targets
           MATCH (n) WHERE (n:Gap OR n:PlannedChange) AND n.id IN targets DETACH DELETE n`,
          { tokens: tokenIds },
        );
        await tx.run('MATCH (n) WHERE (n:Element AND n.id IN $elements) OR (n:Perspective AND n.id IN $perspectives) DETACH DELETE n', {
          elements: OWN_ELEMENTS,
          perspectives: OWN_PERSPECTIVES,
        });
        await tx.run('MATCH (a:AuditEvent) WHERE a.tokenId IN $tokens OR a.target IN $tokens DELETE a', { tokens: tokenIds });
        await tx.run('MATCH (t:ApiToken) WHERE t.id IN $tokens DELETE t', { tokens: tokenIds });
      });
      expect(await exportMap()).toBe(exportAtStart);
    } finally {
      await app.stop();
    }
  });

  it('issues tokens whose secret is stored only as a hash', async () => {
    const tokens = await listTokens(app.db);
    expect(tokens.filter((t) => tokenIds.includes(t.id)).map((t) => [t.role, t.revokedAt === null])).toEqual([
      ['ANALYST', true],
      ['ADMIN', true],
      ['ANALYST', false],
    ]);
    const [row] = await app.db.read('MATCH (t:ApiToken {id: $id}) RETURN t {.*} AS t', { id: tokenIds[0] });
    const stored = JSON.stringify(row?.t);
    expect(stored).not.toContain(analyst);
    expect(stored).toMatch(/"hash":"[0-9a-f]{64}"/);
  });

  it('tells a caller who they are', async () => {
    expect(expectOk(await app.gql('{ me { name role } }', {}, analyst))).toEqual({ me: { name: analystName, role: 'ANALYST' } });
    expect(expectOk(await app.gql('{ me { name role } }'))).toEqual({ me: null });
    expect(expectOk(await app.gql('{ me { name role } }', {}, revoked))).toEqual({ me: null });
  });

  it('records a gap that shows as an unmet need in the heat map at once, until it is resolved', async () => {
    const before = await heatMap();
    const res = await app.gql<{ markGap: { id: string; layer: string; identifiedAt: string; resolvedAt: string | null; service: { id: string } } }>(
      Q.markGap,
      {
        input: {
          service: SERVICE,
          layer: 'SEMANTIC',
          title: 'Mangler felles kodeverk for dokumenttyper',
          description: 'Testens udekkede behov.',
          sources: [SOURCE],
        },
      },
      analyst,
    );
    const gap = expectOk(res).markGap;
    expect(gap).toMatchObject({ layer: 'SEMANTIC', resolvedAt: null, service: { id: SERVICE } });
    expect(gap.id).toMatch(/^gap-[0-9a-f]+$/);

    const after = await heatMap();
    expect(after.rows.find((r) => r.layer === 'SEMANTIC')?.gaps.map((g) => g.id)).toContain(gap.id);
    expect(countOf(after, 'UNMET_NEED')).toBe(countOf(before, 'UNMET_NEED') + 1);

    const resolved = expectOk(await app.gql<{ resolveGap: { resolvedAt: string } }>(Q.resolveGap, { id: gap.id }, analyst));
    expect(resolved.resolveGap.resolvedAt).toBe(new Date().toISOString().slice(0, 10));
    expect(countOf(await heatMap(), 'UNMET_NEED')).toBe(countOf(before, 'UNMET_NEED'));
    // Resolving twice is a conflict, not a second write.
    expectError(await app.gql(Q.resolveGap, { id: gap.id }, analyst), 'CONFLICT');
  });

  it('plans a phase-out of IHE XDS that the heat map shows after its due date and not before', async () => {
    expect(cellStatus(await heatMap('2030-06-01'), 'TECHNICAL', XDS)).not.toBe('PHASE_OUT');
    const res = await app.gql<{ planChange: { id: string; change: string; due: string; element: { id: string } } }>(
      Q.planChange,
      { input: { element: XDS, change: 'PHASE_OUT', due: '2030-01-01', description: 'Testens utfasing av XDS.', sources: [SOURCE] } },
      analyst,
    );
    const change = expectOk(res).planChange;
    expect(change).toMatchObject({ change: 'PHASE_OUT', due: '2030-01-01', element: { id: XDS } });

    expect(cellStatus(await heatMap('2030-06-01'), 'TECHNICAL', XDS)).toBe('PHASE_OUT');
    expect(cellStatus(await heatMap('2029-06-01'), 'TECHNICAL', XDS)).toBe('CHANGES_PLANNED');
    const element = await app.gql<{ element: { plannedChanges: { id: string }[] } }>('query($id: ID!) { element(id: $id) { plannedChanges { id } } }', {
      id: XDS,
    });
    expect(expectOk(element).element.plannedChanges.map((c) => c.id)).toContain(change.id);

    const done = expectOk(await app.gql<{ completeChange: { completedAt: string } }>(Q.completeChange, { id: change.id, completedAt: '2026-01-02' }, analyst));
    expect(done.completeChange.completedAt).toBe('2026-01-02');
    expect(cellStatus(await heatMap('2030-06-01'), 'TECHNICAL', XDS)).not.toBe('PHASE_OUT');
    expectError(await app.gql(Q.completeChange, { id: change.id }, analyst), 'CONFLICT');
  });

  it('creates, updates, links and unlinks an element, each showing in the heat map', async () => {
    const created = expectOk(await app.gql<{ upsertElement: ElementAnswer }>(Q.upsertElement, { input: elementInput(OWN.standard) }, analyst)).upsertElement;
    expect(created).toMatchObject({ id: OWN.standard, version: 1, lifecycle: 'ACTIVE', normativeLevel: null, status: 'EXISTS' });
    // Creating it again is a conflict: an update passes the version.
    expectError(await app.gql(Q.upsertElement, { input: elementInput(OWN.standard) }, analyst), 'CONFLICT', 'input.id');

    const linked = await app.gql<{ link: { type: string; from: string; to: string; layer: string; sources: { ref: string }[]; other: { id: string } } }>(
      Q.link,
      { input: { from: OWN.standard, type: 'APPLIES_TO', to: SERVICE, layer: 'TECHNICAL', sources: [SOURCE], version: 1 } },
      analyst,
    );
    expect(expectOk(linked).link).toMatchObject({
      type: 'APPLIES_TO',
      from: OWN.standard,
      to: SERVICE,
      layer: 'TECHNICAL',
      sources: [{ ref: SOURCE }],
      other: { id: SERVICE },
    });
    expect(cellStatus(await heatMap(), 'TECHNICAL', OWN.standard)).toBe('EXISTS');

    const level = expectOk(
      await app.gql<{ setNormativeLevel: ElementAnswer }>(Q.setNormativeLevel, { element: OWN.standard, level: 'RECOMMENDED', version: 2 }, analyst),
    );
    expect(level.setNormativeLevel).toMatchObject({ normativeLevel: 'RECOMMENDED', version: 3 });
    const cleared = expectOk(
      await app.gql<{ setNormativeLevel: ElementAnswer }>(Q.setNormativeLevel, { element: OWN.standard, level: null, version: 3 }, analyst),
    );
    expect(cleared.setNormativeLevel).toMatchObject({ normativeLevel: null, version: 4 });

    const lifecycle = expectOk(
      await app.gql<{ setLifecycle: ElementAnswer }>(Q.setLifecycle, { element: OWN.standard, lifecycle: 'PHASING_OUT', version: 4 }, analyst),
    );
    expect(lifecycle.setLifecycle).toMatchObject({ lifecycle: 'PHASING_OUT', status: 'PHASE_OUT', version: 5 });
    expect(cellStatus(await heatMap(), 'TECHNICAL', OWN.standard)).toBe('PHASE_OUT');

    // An update without a lifecycle keeps the current one; everything else is replaced.
    const updated = await app.gql<{ upsertElement: ElementAnswer }>(
      Q.upsertElement,
      { input: elementInput(OWN.standard, { name: 'Analysetest, nytt navn', description: 'Ny beskrivelse.' }), version: 5 },
      analyst,
    );
    expect(expectOk(updated).upsertElement).toMatchObject({
      name: 'Analysetest, nytt navn',
      description: 'Ny beskrivelse.',
      lifecycle: 'PHASING_OUT',
      version: 6,
    });

    expect(
      expectOk(
        await app.gql<{ unlink: boolean }>(
          Q.unlink,
          { input: { from: OWN.standard, type: 'APPLIES_TO', to: SERVICE, layer: 'TECHNICAL', version: 6 } },
          analyst,
        ),
      ).unlink,
    ).toBe(true);
    expect(cellStatus(await heatMap(), 'TECHNICAL', OWN.standard)).toBeUndefined();
    // Nothing left to unlink: false, and nothing written.
    expect(
      expectOk(await app.gql<{ unlink: boolean }>(Q.unlink, { input: { from: OWN.standard, type: 'APPLIES_TO', to: SERVICE, layer: 'TECHNICAL' } }, analyst))
        .unlink,
    ).toBe(false);
    expect(await version(OWN.standard)).toBe(7);

    // A relationship the metamodel allows between other kinds, written by an admin.
    const uses = await app.gql<{ link: { type: string; note: string } }>(
      Q.link,
      { input: { from: SOLUTION, type: 'USES', to: OWN.standard, note: 'Testkobling', version: await version(SOLUTION) } },
      admin,
    );
    expect(expectOk(uses).link).toMatchObject({ type: 'USES', note: 'Testkobling' });
    const solutionVersion = await version(SOLUTION);
    expect(
      expectOk(await app.gql<{ unlink: boolean }>(Q.unlink, { input: { from: SOLUTION, type: 'USES', to: OWN.standard, version: solutionVersion } }, admin))
        .unlink,
    ).toBe(true);
  });

  it('plans every kind of change, under a measure and with a replacement', async () => {
    expectOk(await app.gql(Q.upsertElement, { input: elementInput(OWN.other) }, analyst));
    expectOk(
      await app.gql(
        Q.upsertElement,
        { input: elementInput(OWN.measure, { kind: 'MEASURE', layers: ['ORGANISATIONAL'], name: 'Testtiltak', nameEn: 'Test measure' }) },
        analyst,
      ),
    );
    const plan = (input: Record<string, unknown>) =>
      app.gql<{ planChange: { change: string; measure: { id: string } | null; replacement: { id: string } | null } }>(
        Q.planChange,
        { input: { element: OWN.standard, due: '2031-03-01', description: 'Testendring.', ...input } },
        analyst,
      );
    expect(expectOk(await plan({ change: 'INTRODUCE', measure: OWN.measure })).planChange).toMatchObject({
      change: 'INTRODUCE',
      measure: { id: OWN.measure },
      replacement: null,
    });
    expect(expectOk(await plan({ change: 'REVISE' })).planChange).toMatchObject({ change: 'REVISE', measure: null });
    expect(expectOk(await plan({ change: 'REPLACE', replacement: OWN.other })).planChange).toMatchObject({ change: 'REPLACE', replacement: { id: OWN.other } });
    expect(expectOk(await plan({ change: 'PHASE_OUT', measure: OWN.measure })).planChange).toMatchObject({ change: 'PHASE_OUT' });
  });

  it('saves, updates and deletes a perspective the heat map can use', async () => {
    const input = { id: OWN.perspective, name: 'Testperspektiv', layers: ['TECHNICAL'], kinds: ['TECHNICAL_STANDARD'], services: [SERVICE] };
    const saved = expectOk(await app.gql<{ savePerspective: { version: number; layers: string[] } }>(Q.savePerspective, { input }, analyst));
    expect(saved.savePerspective).toMatchObject({ version: 1, layers: ['TECHNICAL'] });
    expectError(await app.gql(Q.savePerspective, { input }, analyst), 'CONFLICT', 'input.id');

    const viewed = await heatMap(undefined, OWN.perspective);
    expect(viewed.rows.map((r) => r.layer)).toEqual(['TECHNICAL']);
    expect(cellStatus(viewed, 'TECHNICAL', XDS)).toBeDefined();

    const updated = await app.gql<{ savePerspective: { version: number; layers: string[] } }>(
      Q.savePerspective,
      { input: { ...input, layers: ['SEMANTIC', 'TECHNICAL'], version: 1 } },
      analyst,
    );
    expect(expectOk(updated).savePerspective).toMatchObject({ version: 2, layers: ['SEMANTIC', 'TECHNICAL'] });
    expectError(await app.gql(Q.savePerspective, { input: { ...input, version: 1 } }, analyst), 'CONFLICT');

    expect(expectOk(await app.gql<{ deletePerspective: boolean }>(Q.deletePerspective, { id: OWN.perspective }, analyst)).deletePerspective).toBe(true);
    expectError(await app.gql(Q.deletePerspective, { id: OWN.perspective }, analyst), 'NOT_FOUND', 'id');
    expectError(await app.gql(HEAT_MAP, { service: SERVICE, perspective: OWN.perspective }), 'NOT_FOUND');
  });

  it('answers NOT_FOUND for unknown ids and writes nothing', async () => {
    const before = await exportMap();
    const audits = await auditCount();
    const cases: [MutationName, Record<string, unknown>, string][] = [
      ['markGap', { input: { service: 'tjeneste-finnes-ikke', layer: 'LEGAL', title: 'x', description: 'y' } }, 'input.service'],
      ['resolveGap', { id: 'gap-finnes-ikke' }, 'id'],
      ['planChange', { input: { element: 'standard-finnes-ikke', change: 'REVISE', due: '2030-01-01', description: 'x' } }, 'input.element'],
      [
        'planChange',
        { input: { element: XDS, change: 'REPLACE', replacement: 'standard-finnes-ikke', due: '2030-01-01', description: 'x' } },
        'input.replacement',
      ],
      ['planChange', { input: { element: XDS, change: 'REVISE', measure: 'tiltak-finnes-ikke', due: '2030-01-01', description: 'x' } }, 'input.measure'],
      ['completeChange', { id: 'change-finnes-ikke' }, 'id'],
      ['setNormativeLevel', { element: 'standard-finnes-ikke', level: 'GUIDE', version: 1 }, 'element'],
      ['setLifecycle', { element: 'standard-finnes-ikke', lifecycle: 'ACTIVE', version: 1 }, 'element'],
      ['upsertElement', { input: elementInput('standard-finnes-ikke'), version: 1 }, 'input.id'],
      ['link', { input: { from: 'standard-finnes-ikke', type: 'APPLIES_TO', to: SERVICE, layer: 'TECHNICAL', version: 1 } }, 'input.from'],
      ['link', { input: { from: XDS, type: 'APPLIES_TO', to: 'tjeneste-finnes-ikke', layer: 'TECHNICAL', version: await version(XDS) } }, 'input.to'],
      ['unlink', { input: { from: XDS, type: 'USES', to: 'standard-finnes-ikke' } }, 'input.to'],
      ['savePerspective', { input: { id: 'perspektiv-finnes-ikke', name: 'x', version: 1 } }, 'input.id'],
      ['deletePerspective', { id: 'perspektiv-finnes-ikke' }, 'id'],
    ];
    for (const [name, variables, field] of cases) expectError(await app.gql(Q[name], variables, analyst), 'NOT_FOUND', field);
    expect(await exportMap()).toBe(before);
    expect(await auditCount()).toBe(audits);
  });

  it('rejects bad input with the code and the field, writing nothing', async () => {
    // A gap to resolve badly, made before the snapshot.
    const gap = expectOk(
      await app.gql<{ markGap: { id: string } }>(
        Q.markGap,
        { input: { service: SERVICE, layer: 'LEGAL', title: 'Testgap', description: 'Til feil bruk.' } },
        analyst,
      ),
    ).markGap;
    const standardVersion = await version(OWN.standard);
    const before = await exportMap();
    const audits = await auditCount();
    const gapInput = { service: SERVICE, layer: 'SEMANTIC', title: 'Tittel', description: 'Beskrivelse' };
    const changeInput = { element: XDS, change: 'REVISE', due: '2030-01-01', description: 'Beskrivelse' };
    const linkInput = { from: OWN.standard, type: 'APPLIES_TO', to: SERVICE, layer: 'TECHNICAL', version: standardVersion };
    const cases: [MutationName, Record<string, unknown>, string][] = [
      ['markGap', { input: { ...gapInput, title: '   ' } }, 'input.title'],
      ['markGap', { input: { ...gapInput, sources: ['ikke-en-kilde'] } }, 'input.sources.0'],
      ['markGap', { input: { ...gapInput, service: 'Ikke En Id' } }, 'input.service'],
      ['markGap', { input: { ...gapInput, service: LAW } }, 'input.service'],
      ['resolveGap', { id: 'ikke-et-gap' }, 'id'],
      ['resolveGap', { id: gap.id, resolvedAt: '2001-01-01' }, 'resolvedAt'],
      ['planChange', { input: { ...changeInput, change: 'REPLACE' } }, 'input.replacement'],
      ['planChange', { input: { ...changeInput, change: 'PHASE_OUT', replacement: OWN.other } }, 'input.replacement'],
      ['planChange', { input: { ...changeInput, measure: LAW } }, 'input.measure'],
      ['planChange', { input: { ...changeInput, description: '' } }, 'input.description'],
      ['planChange', { input: { ...changeInput, due: '9999-12-31' } }, 'input.due'],
      ['planChange', { input: { ...changeInput, due: '1999' } }, 'input.due'],
      ['planChange', { input: { ...changeInput, change: 'REPLACE', replacement: XDS } }, 'input.replacement'],
      ['completeChange', { id: gap.id }, 'id'],
      ['setNormativeLevel', { element: OWN.standard, level: 'GUIDE', version: -1 }, 'version'],
      ['setLifecycle', { element: 'Ikke En Id', lifecycle: 'ACTIVE', version: 1 }, 'element'],
      ['upsertElement', { input: elementInput('lov-feil-prefiks') }, 'input.id'],
      ['upsertElement', { input: elementInput(OWN.matrix, { sources: [] }) }, 'input.sources'],
      ['upsertElement', { input: elementInput(OWN.matrix, { layers: ['TECHNICAL', 'TECHNICAL'] }) }, 'input.layers'],
      ['upsertElement', { input: elementInput(OWN.matrix, { validFrom: '2030-01-01', validTo: '2020-01-01' }) }, 'input.validTo'],
      ['upsertElement', { input: elementInput(OWN.matrix, { identifiers: ['ISBN:123'] }) }, 'input.identifiers.0'],
      ['upsertElement', { input: elementInput(OWN.standard, { kind: 'TECHNICAL_INTERFACE' }), version: standardVersion }, 'input.id'],
      ['link', { input: { ...linkInput, layer: null } }, 'input.layer'],
      ['link', { input: { ...linkInput, layer: 'LEGAL' } }, 'input.layer'],
      ['link', { input: { ...linkInput, type: 'PART_OF' } }, 'input.layer'],
      ['link', { input: { ...linkInput, type: 'PERFORMS', layer: null } }, 'input.type'],
      ['link', { input: { ...linkInput, to: OWN.standard, layer: null, type: 'BASED_ON' } }, 'input.to'],
      ['link', { input: { ...linkInput, sources: ['003_bc528292a39bd4db.txt:9-1'] } }, 'input.sources.0'],
      ['link', { input: { ...linkInput, version: -2 } }, 'input.version'],
      ['unlink', { input: { from: OWN.standard, type: 'APPLIES_TO', to: SERVICE } }, 'input.layer'],
      ['unlink', { input: { from: OWN.standard, type: 'USES', to: SERVICE, layer: 'TECHNICAL' } }, 'input.layer'],
      ['savePerspective', { input: { id: 'visning-feil', name: 'x' } }, 'input.id'],
      ['savePerspective', { input: { id: OWN.matrixPerspective, name: 'x', services: [LAW] } }, 'input.services.0'],
      ['savePerspective', { input: { id: OWN.matrixPerspective, name: 'x', actorTypes: [SERVICE] } }, 'input.actorTypes.0'],
      ['deletePerspective', { id: 'feil' }, 'id'],
    ];
    for (const [name, variables, field] of cases) {
      const res = await app.gql(Q[name], variables, analyst);
      expectError(res, 'BAD_USER_INPUT', field);
    }
    expect(await exportMap()).toBe(before);
    expect(await auditCount()).toBe(audits);
    expect(await version(OWN.standard)).toBe(standardVersion);
  });

  it('lets exactly one of two concurrent edits of the same version win', async () => {
    expectOk(await app.gql(Q.upsertElement, { input: elementInput(OWN.race) }, analyst));
    // Five editors, all holding version 1.
    const lifecycles = ['PHASING_OUT', 'TRIAL', 'INTRODUCING', 'EXPIRED', 'PROPOSED'];
    const results = await Promise.all(
      lifecycles.map((lifecycle, i) =>
        app.gql<{ setLifecycle: ElementAnswer }>(Q.setLifecycle, { element: OWN.race, lifecycle, version: 1 }, i % 2 ? admin : analyst),
      ),
    );
    const winners = results.filter((r) => !r.errors);
    const losers = results.filter((r) => r.errors);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(lifecycles.length - 1);
    for (const loser of losers) expectError(loser, 'CONFLICT');
    const winner = (winners[0]?.data as { setLifecycle: ElementAnswer }).setLifecycle;
    const stored = expectOk(await app.gql<{ element: ElementAnswer }>(`query($id: ID!) { element(id: $id) { ${E} } }`, { id: OWN.race })).element;
    expect(stored).toMatchObject({ version: 2, lifecycle: winner.lifecycle });

    // Different mutations racing on the same version: a link and a normative level.
    const [c, d] = await Promise.all([
      app.gql(Q.link, { input: { from: OWN.race, type: 'APPLIES_TO', to: SERVICE, layer: 'TECHNICAL', version: 2 } }, analyst),
      app.gql(Q.setNormativeLevel, { element: OWN.race, level: 'MANDATORY', version: 2 }, analyst),
    ]);
    expect([c, d].filter((r) => !r.errors)).toHaveLength(1);
    expect([c, d].filter((r) => firstError(r)?.extensions?.code === 'CONFLICT')).toHaveLength(1);
    expect(await version(OWN.race)).toBe(3);

    // Two creates of one new id: one element, one CONFLICT.
    const id = `${OWN.race}-twin`;
    OWN_ELEMENTS.push(id);
    const creates = await Promise.all([1, 2, 3].map(() => app.gql(Q.upsertElement, { input: elementInput(id) }, analyst)));
    expect(creates.filter((r) => !r.errors)).toHaveLength(1);
    for (const r of creates.filter((x) => x.errors)) expectError(r, 'CONFLICT');
  });

  it('audits every write with who, what, and the state before and after', async () => {
    const log = expectOk(
      await app.gql<{ auditLog: AuditAnswer[] }>(
        `query($actor: String) { auditLog(actor: $actor, first: 500) { ${AUDIT_FIELDS} } }`,
        { actor: analystName },
        analyst,
      ),
    ).auditLog;
    expect(new Set(log.map((e) => e.action))).toEqual(
      new Set([
        'markGap',
        'resolveGap',
        'planChange',
        'completeChange',
        'setNormativeLevel',
        'setLifecycle',
        'upsertElement',
        'link',
        'unlink',
        'savePerspective',
        'deletePerspective',
      ]),
    );
    expect(log.every((e) => e.actor === analystName)).toBe(true);
    const times = log.map((e) => Date.parse(e.at));
    expect(times.every((t) => !Number.isNaN(t))).toBe(true);
    expect([...times].sort((x, y) => y - x)).toEqual(times);

    const history = expectOk(
      await app.gql<{ history: AuditAnswer[] }>(`query($id: ID!) { history(element: $id) { ${AUDIT_FIELDS} } }`, { id: OWN.standard }, analyst),
    ).history;
    const lifecycle = history.find((e) => e.action === 'setLifecycle');
    expect(lifecycle).toBeDefined();
    expect(JSON.parse(lifecycle?.before ?? '{}')).toMatchObject({ id: OWN.standard, lifecycle: 'ACTIVE', version: 4 });
    expect(JSON.parse(lifecycle?.after ?? '{}')).toMatchObject({ id: OWN.standard, lifecycle: 'PHASING_OUT', version: 5 });
    const actions = history.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['upsertElement', 'link', 'setNormativeLevel', 'setLifecycle', 'unlink', 'planChange']));
    expect(actions[actions.length - 1]).toBe('upsertElement');
    expect(history.find((e) => e.action === 'upsertElement' && e.before === null)).toBeDefined();

    // The service's history has the gap marked on it; the admin's link shows under the admin.
    const serviceHistory = expectOk(
      await app.gql<{ history: AuditAnswer[] }>(`query($id: ID!) { history(element: $id) { ${AUDIT_FIELDS} } }`, { id: SERVICE }, analyst),
    ).history;
    expect(serviceHistory.some((e) => e.action === 'markGap' && e.actor === analystName)).toBe(true);
    const since = new Date(Date.now() - 10 * 60_000).toISOString();
    const adminLog = expectOk(
      await app.gql<{ auditLog: AuditAnswer[] }>(`query($from: DateTime) { auditLog(from: $from) { ${AUDIT_FIELDS} } }`, { from: since }, analyst),
    ).auditLog;
    expect(adminLog.some((e) => e.action === 'link' && e.target === SOLUTION)).toBe(true);

    // Without a token: what changed, never who (names are personal data), nor token holders' names.
    const anonymousLog = expectOk(
      await app.gql<{ auditLog: AuditAnswer[] }>(`query($from: DateTime) { auditLog(from: $from) { ${AUDIT_FIELDS} } }`, { from: since }),
    ).auditLog;
    expect(anonymousLog.map((e) => e.id)).toEqual(adminLog.map((e) => e.id));
    expect(anonymousLog.every((e) => e.actor === null)).toBe(true);
    expect(anonymousLog.filter((e) => e.action === 'createToken').every((e) => e.after === null && e.before === null)).toBe(true);
    expect(anonymousLog.find((e) => e.action === 'setLifecycle')?.after).toBe(adminLog.find((e) => e.action === 'setLifecycle')?.after);
    const anonymousHistory = expectOk(
      await app.gql<{ history: AuditAnswer[] }>(`query($id: ID!) { history(element: $id) { ${AUDIT_FIELDS} } }`, { id: OWN.standard }),
    ).history;
    expect(anonymousHistory.length).toBe(history.length);
    expect(anonymousHistory.every((e) => e.actor === null)).toBe(true);
    expectError(await app.gql(`query($actor: String) { auditLog(actor: $actor) { id } }`, { actor: analystName }), 'UNAUTHENTICATED', 'actor');
    expectError(
      await app.gql(`query($actor: String) { auditLog(actor: $actor) { id } }`, { actor: analystName }, 'rp_not-a-token'),
      'UNAUTHENTICATED',
      'actor',
    );
    expect(
      expectOk(await app.gql<{ auditLog: AuditAnswer[] }>(`query($to: DateTime) { auditLog(to: $to) { id } }`, { to: '2000-01-01T00:00:00Z' })).auditLog,
    ).toEqual([]);

    expectError(await app.gql(`{ auditLog(first: 0) { id } }`), 'BAD_USER_INPUT', 'first');
    expectError(await app.gql(`{ history(element: "standard-finnes-ikke") { id } }`), 'NOT_FOUND');
  });

  it('applies the access matrix to every mutation: no token, a bad token, a revoked token, an analyst', async () => {
    const state: { gap?: string; change?: string } = {};
    // In an order where each analyst call succeeds on what the previous ones wrote.
    const steps: [MutationName, () => Promise<Record<string, unknown>>, (data: Record<string, unknown>) => void][] = [
      ['upsertElement', () => Promise.resolve({ input: elementInput(OWN.matrix) }), () => {}],
      ['setNormativeLevel', async () => ({ element: OWN.matrix, level: 'GUIDE', version: await version(OWN.matrix) }), () => {}],
      ['setLifecycle', async () => ({ element: OWN.matrix, lifecycle: 'TRIAL', version: await version(OWN.matrix) }), () => {}],
      ['upsertElement', async () => ({ input: elementInput(OWN.matrix, { name: 'Matrise' }), version: await version(OWN.matrix) }), () => {}],
      [
        'link',
        async () => ({ input: { from: OWN.matrix, type: 'APPLIES_TO', to: SERVICE, layer: 'TECHNICAL', version: await version(OWN.matrix) } }),
        () => {},
      ],
      [
        'unlink',
        async () => ({ input: { from: OWN.matrix, type: 'APPLIES_TO', to: SERVICE, layer: 'TECHNICAL', version: await version(OWN.matrix) } }),
        () => {},
      ],
      [
        'markGap',
        () => Promise.resolve({ input: { service: SERVICE, layer: 'ORGANISATIONAL', title: 'Matrise', description: 'Tilgangstest.' } }),
        (d) => (state.gap = (d.markGap as { id: string }).id),
      ],
      ['resolveGap', () => Promise.resolve({ id: state.gap ?? 'gap-mangler' }), () => {}],
      [
        'planChange',
        () => Promise.resolve({ input: { element: OWN.matrix, change: 'REVISE', due: '2030-01-01', description: 'Tilgangstest.' } }),
        (d) => (state.change = (d.planChange as { id: string }).id),
      ],
      ['completeChange', () => Promise.resolve({ id: state.change ?? 'change-mangler' }), () => {}],
      ['savePerspective', () => Promise.resolve({ input: { id: OWN.matrixPerspective, name: 'Matrise' } }), () => {}],
      ['deletePerspective', () => Promise.resolve({ id: OWN.matrixPerspective }), () => {}],
    ];
    expect(new Set(steps.map(([name]) => name))).toEqual(new Set(Object.keys(Q)));
    for (const [name, variables, remember] of steps) {
      const vars = await variables();
      const before = await exportMap();
      const audits = await auditCount();
      expectError(await app.gql(Q[name], vars), 'UNAUTHENTICATED');
      expectError(await app.gql(Q[name], vars, 'rp_not-a-token-we-issued'), 'UNAUTHENTICATED');
      expectError(await app.gql(Q[name], vars, revoked), 'FORBIDDEN');
      expect(await exportMap(), `${name} wrote without a valid token`).toBe(before);
      expect(await auditCount()).toBe(audits);
      const ok = await app.gql(Q[name], vars, analyst);
      remember(expectOk(ok));
      expect(await auditCount(), `${name} is audited`).toBe(audits + 1);
    }
  });
});
