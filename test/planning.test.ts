/**
 * The planning API (issue 16) on the seeded map: heatMapDiff and landscapeDiff agree with the heat
 * map on each date, the timeline with plannedChanges and events, normsFor with norms(service,
 * actorType), and scenarios are saved like perspectives (role, validation, audit, versions).
 * One Cypher round trip per view.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../api/auth/tokens';
import { startTestApp, type TestApp } from './app';

const SERVICE = 'tjeneste-journaldokumenter';
const GP = 'aktortype-helsepersonell-primaerhelsetjenesten';

interface Counts {
  status: string;
  count: number;
}

describe('planning views', () => {
  let app: TestApp;
  let token: string;
  let tokenId: string;
  const scenarioId = `scenario-test-${Date.now()}`;

  beforeAll(async () => {
    app = await startTestApp();
    const created = await createToken(app.db, { name: `planning test ${Date.now()}`, role: 'ANALYST' });
    token = created.secret;
    tokenId = created.id;
  });

  afterAll(async () => {
    await app.db.write(async (tx) => {
      await tx.run('MATCH (x:Scenario) WHERE x.id STARTS WITH $prefix DETACH DELETE x', { prefix: 'scenario-test-' });
      await tx.run('MATCH (a:AuditEvent) WHERE a.tokenId = $id OR a.target = $id DELETE a', { id: tokenId });
      await tx.run('MATCH (t:ApiToken {id: $id}) DELETE t', { id: tokenId });
    });
    await app.stop();
  });

  const heatCounts = async (asOf: string) => {
    const res = await app.gql<{ heatMap: { counts: Counts[] } }>('query($s: ID!, $d: Date) { heatMap(service: $s, asOf: $d) { counts { status count } } }', {
      s: SERVICE,
      d: asOf,
    });
    return res.data?.heatMap.counts;
  };

  it('heatMapDiff: the Journaldokumenter cells that change from 2021 to 2028, with causes, counts as the heat map gives them, in one round trip', async () => {
    const res = await app.gql<{
      heatMapDiff: {
        countsFrom: Counts[];
        countsTo: Counts[];
        cells: {
          layer: string;
          element: { id: string } | null;
          gap: { id: string } | null;
          before: string | null;
          after: string | null;
          cause: string;
          change: { id: string } | null;
        }[];
      };
    }>(
      `query($s: ID!) { heatMapDiff(service: $s, from: "2021-01-01", to: "2028-12-31") {
        countsFrom { status count } countsTo { status count }
        cells { layer element { id } gap { id } before after cause change { id } } } }`,
      { s: SERVICE },
    );
    expect(res.errors).toBeUndefined();
    expect(res.roundTrips).toBe(1);
    const diff = res.data?.heatMapDiff;
    expect(diff?.countsFrom).toEqual(await heatCounts('2021-01-01'));
    expect(diff?.countsTo).toEqual(await heatCounts('2028-12-31'));
    // Every changed cell differs, and a gap's change is its being found or resolved.
    for (const c of diff?.cells ?? []) {
      expect(c.before).not.toBe(c.after);
      if (c.gap) expect(['GAP_FOUND', 'GAP_RESOLVED']).toContain(c.cause);
      if (c.change) expect(['INTRODUCE', 'REVISE', 'PHASE_OUT', 'REPLACE']).toContain(c.cause);
    }
    const unmet = (cs: Counts[] | undefined) => cs?.find((c) => c.status === 'UNMET_NEED')?.count ?? 0;
    expect(diff?.cells.filter((c) => c.cause === 'GAP_FOUND').length).toBe(unmet(diff?.countsTo) - unmet(diff?.countsFrom));
    expect(diff?.cells.length).toBeGreaterThan(0);
  });

  it('heatMapDiff: a diff between a date and itself is empty; to before from and unknown services are refused', async () => {
    const same = await app.gql<{ heatMapDiff: { cells: unknown[] } }>(
      `{ heatMapDiff(service: "${SERVICE}", from: "2026-01-01", to: "2026-01-01") { cells { cause } } }`,
    );
    expect(same.data?.heatMapDiff.cells).toEqual([]);
    const backwards = await app.gql(`{ heatMapDiff(service: "${SERVICE}", from: "2027-01-01", to: "2026-01-01") { cells { cause } } }`);
    expect(backwards.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
    const unknown = await app.gql('{ heatMapDiff(service: "tjeneste-finnes-ikke", from: "2026-01-01", to: "2027-01-01") { cells { cause } } }');
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const badDate = await app.gql(`{ heatMapDiff(service: "${SERVICE}", from: "2026-13-01", to: "2027-01-01") { cells { cause } } }`);
    expect(badDate.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('landscapeDiff: per service the changed cells, summing to the whole, Journaldokumenter as its heatMapDiff says', async () => {
    const res = await app.gql<{ landscapeDiff: { changedCount: number; services: { service: { id: string }; changedCount: number; countsTo: Counts[] }[] } }>(
      '{ landscapeDiff(from: "2021-01-01", to: "2028-12-31") { changedCount services { service { id } changedCount countsTo { status count } } } }',
    );
    expect(res.errors).toBeUndefined();
    expect(res.roundTrips).toBe(1);
    const l = res.data?.landscapeDiff;
    expect(l?.changedCount).toBe(l?.services.reduce((n, s) => n + s.changedCount, 0));
    const journal = l?.services.find((s) => s.service.id === SERVICE);
    const single = await app.gql<{ heatMapDiff: { cells: unknown[] } }>(
      `{ heatMapDiff(service: "${SERVICE}", from: "2021-01-01", to: "2028-12-31") { cells { cause } } }`,
    );
    expect(journal?.changedCount).toBe(single.data?.heatMapDiff.cells.length);
    expect(journal?.countsTo).toEqual(await heatCounts('2028-12-31'));
    // Most changed first.
    const counts = l?.services.map((s) => s.changedCount) ?? [];
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });

  it('timeline: changes, events and measures in 2019-2035 in one round trip; overdue means due before asOf and open', async () => {
    const res = await app.gql<{
      timeline: {
        from: string;
        to: string;
        changes: { overdue: boolean; change: { id: string; dueBy: string | null; completedAt: string | null; element: { name: string } } }[];
        events: { event: { id: string } }[];
        measures: { start: string; end: string; measure: { id: string } }[];
      };
    }>(
      `{ timeline(asOf: "2026-06-01") { from to changes { overdue change { id dueBy completedAt element { name } } } events { event { id } } measures { start end measure { id } } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.roundTrips).toBe(1);
    const tl = res.data?.timeline;
    expect([tl?.from, tl?.to]).toEqual(['2019-01-01', '2035-12-31']);
    for (const c of tl?.changes ?? []) expect(c.overdue).toBe(c.change.completedAt === null && c.change.dueBy !== null && c.change.dueBy < '2026-06-01');
    expect(tl?.changes.some((c) => c.overdue)).toBe(true);
    const planned = await app.gql<{ plannedChanges: { id: string }[] }>(
      '{ plannedChanges(from: "2019-01-01", to: "2035-12-31", includeCompleted: true) { id } }',
    );
    const dated = tl?.changes
      .filter((c) => c.change.dueBy !== null)
      .map((c) => c.change.id)
      .sort();
    expect(dated).toEqual(planned.data?.plannedChanges.map((c) => c.id).sort());
    const events = await app.gql<{ events: { id: string }[] }>('{ events(from: "2019-01-01", to: "2035-12-31") { id } }');
    expect(tl?.events.map((e) => e.event.id)).toEqual(events.data?.events.map((e) => e.id));
    for (const m of tl?.measures ?? []) expect(m.start <= m.end).toBe(true);
    expect(tl?.measures.length).toBeGreaterThan(0);
  });

  it('normsFor: the norms for an actor type across the services of its work processes; one entry per norm and layer', async () => {
    const res = await app.gql<{
      normsFor: { totalCount: number; services: { id: string }[]; layers: { layer: string; norms: { element: { id: string }; services: string[] }[] }[] };
    }>(`{ normsFor(actorType: "${GP}", asOf: "2027-12-31") { totalCount services { id } layers { layer norms { element { id } services } } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.roundTrips).toBe(1);
    const n = res.data?.normsFor;
    expect(n?.totalCount).toBe(n?.layers.reduce((s, l) => s + l.norms.length, 0));
    expect(n?.totalCount).toBeGreaterThan(0);
    // Journaldokumenter is one of its services: each of its norms for the actor type is in the answer.
    expect(n?.services.map((s) => s.id)).toContain(SERVICE);
    const one = await app.gql<{ norms: { layers: { layer: string; kinds: { norms: { element: { id: string } }[] }[] }[] } }>(
      `{ norms(service: "${SERVICE}", actorType: "${GP}", asOf: "2027-12-31") { layers { layer kinds { norms { element { id } } } } } }`,
    );
    for (const l of one.data?.norms.layers ?? []) {
      const across = n?.layers.find((x) => x.layer === l.layer)?.norms ?? [];
      for (const k of l.kinds)
        for (const norm of k.norms) {
          const entry = across.find((x) => x.element.id === norm.element.id);
          expect(entry?.services, norm.element.id).toContain(SERVICE);
        }
      const ids = across.map((x) => x.element.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it('normsFor: exactly one of actorType and workProcess; unknown ids are NOT_FOUND', async () => {
    const none = await app.gql('{ normsFor { totalCount } }');
    expect(none.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'actorType' });
    const both = await app.gql(`{ normsFor(actorType: "${GP}", workProcess: "x-y-z") { totalCount } }`);
    expect(both.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const unknown = await app.gql('{ normsFor(actorType: "aktortype-finnes-ikke") { totalCount } }');
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'actorType' });
  });

  it('saveScenario: needs a token, validates, writes one audited node, replaces with its version, refuses a stale one', async () => {
    const measures = await app.gql<{ measures: { id: string }[] }>('{ measures { id } }');
    const measure = measures.data?.measures[0]?.id ?? '';
    const input = {
      id: scenarioId,
      name: 'Nytte teller dobbelt',
      weights: [{ criterion: 'Nytte', weight: 2 }],
      scores: [{ measure, criterion: 'Måloppnåelse', value: 4 }],
    };
    const save =
      'mutation($input: ScenarioInput!) { saveScenario(input: $input) { id version weights { criterion weight } scores { measure criterion value } } }';
    const anonymous = await app.gql(save, { input });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const badCriterion = await app.gql(save, { input: { ...input, weights: [{ criterion: 'Pris', weight: 1 }] } }, token);
    expect(badCriterion.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.weights.0.criterion' });
    const notMeasure = await app.gql(save, { input: { ...input, scores: [{ measure: SERVICE, criterion: 'Nytte', value: 3 }] } }, token);
    expect(notMeasure.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.scores.0.measure' });
    const outOfRange = await app.gql(save, { input: { ...input, weights: [{ criterion: 'Nytte', weight: 11 }] } }, token);
    expect(outOfRange.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const nothing = await app.gql<{ scenarios: { id: string }[] }>('{ scenarios { id } }');
    expect(nothing.data?.scenarios.map((s) => s.id)).not.toContain(scenarioId);

    const created = await app.gql<{ saveScenario: { version: number; weights: unknown[]; scores: unknown[] } }>(save, { input }, token);
    expect(created.errors).toBeUndefined();
    expect(created.data?.saveScenario).toMatchObject({ version: 1, weights: input.weights, scores: input.scores });
    const again = await app.gql(save, { input }, token);
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const replaced = await app.gql<{ saveScenario: { version: number; weights: unknown[] } }>(save, { input: { ...input, weights: [], version: 1 } }, token);
    expect(replaced.data?.saveScenario).toMatchObject({ version: 2, weights: [] });
    const stale = await app.gql(save, { input: { ...input, version: 1 } }, token);
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');

    const read = await app.gql<{ scenario: { name: string; version: number } }>(`{ scenario(id: "${scenarioId}") { name version } }`);
    expect(read.data?.scenario).toEqual({ name: input.name, version: 2 });
    expect(read.roundTrips).toBe(1);
    const log = await app.gql<{ auditLog: { action: string; target: string }[] }>('{ auditLog(first: 20) { action target } }', {}, token);
    expect(log.data?.auditLog.filter((e) => e.target === scenarioId).map((e) => e.action)).toEqual(['saveScenario', 'saveScenario']);

    const deleted = await app.gql<{ deleteScenario: boolean }>(`mutation { deleteScenario(id: "${scenarioId}") }`, {}, token);
    expect(deleted.data?.deleteScenario).toBe(true);
    const gone = await app.gql(`{ scenario(id: "${scenarioId}") { id } }`);
    expect(gone.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
