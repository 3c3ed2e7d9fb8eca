/**
 * Fuzzing (issue 13) with fast-check, with fixed seeds so a failure reproduces: every argument of
 * every query and mutation, generated from the schema itself — valid enum values and input
 * objects with fuzzed fields, boundaries, unicode, long strings and lists, and values of the
 * wrong type sent through variables. Only BAD_USER_INPUT, NOT_FOUND, CONFLICT, UNAUTHENTICATED
 * and FORBIDDEN may come back, never INTERNAL_SERVER_ERROR or HTTP 500, and the refused writes
 * leave the export byte-identical. The importer gets malformed YAML/JSON, duplicate ids, dangling
 * references and a 10 MB file: problems are reported, nothing throws anything else.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../api/auth/tokens';
import { createSchema } from '../api/yoga';
import { mapToJson } from '../graph-seed/export-format';
import { MapValidationError } from '../schema/map';
import { parseMapDocument, readMapFile } from '../store/map-files';
import { readMap } from '../store/read-map';
import { startTestApp, type TestApp } from './app';

const ALLOWED = new Set(['BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT', 'UNAUTHENTICATED', 'FORBIDDEN']);
const RUNS_PER_FIELD = 10;

/** Anything at all: the wrong-type cases. Long strings stay under MAX_BODY_BYTES (tested apart). */
const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ maxLength: 20_000 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\u202e',
    '🧪'.repeat(500),
    'Ω≈ç√',
    '../../etc/passwd',
    "' OR 1=1 --",
    'MATCH (n) DETACH DELETE n',
    '__proto__',
    '9999-99-99',
    '2024-02-30',
    'NaN',
  ),
  fc.constantFrom(0, -1, 1, 2 ** 31 - 1, 2 ** 31, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 0.5, 1e308, -0),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 10 }), { maxLength: 2_000 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 5 }),
);

/** A value shaped like `type` most of the time (so resolvers and zod see it), junk otherwise. */
function valueFor(type: GraphQLInputType, depth = 0): fc.Arbitrary<unknown> {
  const nullable = getNullableType(type);
  const shaped = ((): fc.Arbitrary<unknown> => {
    if (isListType(nullable)) return fc.array(valueFor(nullable.ofType, depth + 1), { maxLength: depth > 1 ? 3 : 30 });
    if (isEnumType(nullable)) return fc.constantFrom(...nullable.getValues().map((v) => v.name));
    if (isInputObjectType(nullable)) {
      const fields = Object.values(nullable.getFields());
      return fc.record(Object.fromEntries(fields.map((f) => [f.name, depth > 2 ? fc.constant(null) : valueFor(f.type, depth + 1)])), {
        requiredKeys: fields.filter((f) => isNonNullType(f.type)).map((f) => f.name),
      });
    }
    if (isScalarType(nullable)) {
      switch (nullable.name) {
        case 'Int':
          return fc.oneof(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), fc.constantFrom(0, 1, 1000, 1001, -1));
        case 'Boolean':
          return fc.boolean();
        case 'Float':
          return fc.double({ noNaN: true });
        case 'Date':
        case 'PartialDate':
          return fc.oneof(
            fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
            fc.constantFrom('2024', '2024-02', '2024-02-29', '2023-02-29', '0000-01-01', '9999-12-31'),
          );
        case 'DateTime':
          return fc.oneof(
            fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
            fc.constantFrom('2024-01-01T00:00:00Z', '2024-01-01'),
          );
        case 'ID':
          return fc.oneof(
            fc.constantFrom('tjeneste-journaldokumenter', 'standard-ihe-xds', 'lov-pasientjournalloven', 'perspektiv-finnes-ikke', 'x'),
            fc.stringMatching(/^[a-z]{1,12}-[a-z0-9-]{1,30}$/),
          );
        default:
          return fc.string({ maxLength: 300 });
      }
    }
    return junk;
  })();
  const value = fc.oneof({ weight: 6, arbitrary: shaped }, { weight: 1, arbitrary: junk });
  return isNonNullType(type) ? value : fc.oneof({ weight: 5, arbitrary: value }, { weight: 1, arbitrary: fc.constant(null) });
}

function operation(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): string {
  const vars = field.args.map((a, i) => `$a${i}: ${a.type.toString()}`).join(', ');
  const args = field.args.map((a, i) => `${a.name}: $a${i}`).join(', ');
  const selection = isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
  return `${kind}${vars ? `(${vars})` : ''} { ${field.name}${args ? `(${args})` : ''}${selection} }`;
}

describe('fuzzing the GraphQL API', () => {
  let app: TestApp;
  let token: string;
  let tokenId: string;
  beforeAll(async () => {
    app = await startTestApp();
    const t = await createToken(app.db, { name: 'Fuzztest', role: 'ADMIN' });
    token = t.secret;
    tokenId = t.id;
  });
  afterAll(async () => {
    await app?.db.write((tx) => tx.run('MATCH (t:ApiToken {id: $id}) DETACH DELETE t', { id: tokenId })).catch(() => {});
    await app?.stop();
  });

  it('answers every argument of every query and mutation with an allowed code, never an internal error; refused writes change nothing', async () => {
    const schema = createSchema();
    const before = mapToJson(await readMap(app.db));
    let cases = 0;
    let accepted = 0;
    const seen = new Map<string, number>();
    for (const kind of ['query', 'mutation'] as const) {
      const root = kind === 'query' ? schema.getQueryType()! : schema.getMutationType()!;
      for (const field of Object.values(root.getFields())) {
        if (field.args.length === 0) continue;
        const query = operation(kind, field);
        const args = fc.tuple(...field.args.map((a: GraphQLArgument) => valueFor(a.type)));
        await fc.assert(
          fc.asyncProperty(args, async (values) => {
            cases += 1;
            const variables = Object.fromEntries(values.map((v, i) => [`a${i}`, v]));
            const res = await app.gql(query, variables, kind === 'mutation' ? token : undefined);
            expect(res.status, JSON.stringify(res.errors)).toBeLessThan(500);
            for (const e of res.errors ?? []) {
              const code = String(e.extensions?.code);
              seen.set(code, (seen.get(code) ?? 0) + 1);
              expect(ALLOWED.has(code), `${field.name}: ${code} ${e.message}`).toBe(true);
            }
            if (kind === 'mutation' && !res.errors) accepted += 1;
          }),
          { numRuns: RUNS_PER_FIELD, seed: 13, endOnFailure: true },
        );
      }
    }
    console.log(`fuzz: ${cases} GraphQL cases, error codes ${JSON.stringify(Object.fromEntries(seen))}, ${accepted} writes answered without error`);
    expect(cases).toBeGreaterThan(200);
    // Writes that answer without an error here change nothing (deleting or unlinking what is not
    // there answers false); every other write was refused. Either way the map is exactly as before.
    expect(mapToJson(await readMap(app.db))).toBe(before);
  }, 400_000);

  it('refuses a body over MAX_BODY_BYTES with 413 before parsing it', async () => {
    const res = await fetch(`${app.url}graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: 'query($s: String!) { search(text: $s) { __typename } }', variables: { s: 'x'.repeat(200_000) } }),
    });
    expect(res.status).toBe(413);
  });
});

describe('fuzzing the importer', () => {
  const dir = mkdtempSync(join(tmpdir(), 'reguleringsplan-fuzz-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const element = (id: string, extra: Record<string, unknown> = {}) => ({
    id,
    kind: 'TECHNICAL_STANDARD',
    name: `Navn ${id}`,
    nameEn: `Name ${id}`,
    layers: ['TECHNICAL'],
    description: 'Beskrivelse.',
    sources: ['003_bc528292a39bd4db.txt:2'],
    ...extra,
  });

  it('reports problems for malformed YAML and JSON, never throwing', () => {
    let cases = 0;
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 400 }),
          fc.json({ maxDepth: 4 }),
          fc.jsonValue().map((v) => JSON.stringify({ elements: [v] })),
        ),
        (text) => {
          cases += 1;
          const { problems } = parseMapDocument(text, 'fuzz.yaml');
          expect(Array.isArray(problems)).toBe(true);
        },
      ),
      { numRuns: 400, seed: 13 },
    );
    expect(cases).toBe(400);
  });

  it('rejects duplicate ids, dangling references and wrong types, naming the fault', () => {
    const cases: [string, unknown, RegExp][] = [
      ['duplicate ids', { elements: [element('standard-fuzz-a'), element('standard-fuzz-a')] }, /standard-fuzz-a/],
      [
        'a dangling relationship',
        {
          elements: [element('standard-fuzz-a')],
          relationships: [
            { from: 'standard-fuzz-a', type: 'APPLIES_TO', to: 'tjeneste-finnes-ikke', layer: 'TECHNICAL', sources: ['003_bc528292a39bd4db.txt:2'] },
          ],
        },
        /tjeneste-finnes-ikke/,
      ],
      ['a wrong type', { elements: [element('standard-fuzz-a', { layers: 'TECHNICAL' })] }, /layers/],
      ['an unknown kind', { elements: [element('standard-fuzz-a', { kind: 'DROP_TABLE' })] }, /kind/],
      ['not a map at all', [1, 2, 3], /./],
    ];
    for (const [what, doc, names] of cases) {
      const file = join(dir, `${what.replace(/ /g, '-')}.json`);
      writeFileSync(file, JSON.stringify(doc));
      expect(() => readMapFile(file), what).toThrow(MapValidationError);
      expect(() => readMapFile(file), what).toThrow(names);
    }
  });

  it('reads a 10 MB file: valid or with problems, in reasonable time, never a crash', () => {
    const elements = Array.from({ length: 22_000 }, (_, i) => element(`standard-fuzz-${i}`, { description: `Beskrivelse ${'x'.repeat(300)} ${i}` }));
    const text = JSON.stringify({ elements });
    expect(text.length).toBeGreaterThan(10_000_000);
    const file = join(dir, 'big.json');
    writeFileSync(file, text);
    const started = performance.now();
    let outcome: string;
    try {
      outcome = `valid: ${readMapFile(file).elements.length} elements`;
    } catch (e) {
      expect(e).toBeInstanceOf(MapValidationError);
      outcome = 'problems';
    }
    const ms = performance.now() - started;
    console.log(`importer: a ${(text.length / 1e6).toFixed(1)} MB file read in ${Math.round(ms)} ms (${outcome})`);
    expect(ms).toBeLessThan(60_000);
  });
});
