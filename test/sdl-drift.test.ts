/**
 * The published SDL (schema/schema.graphql, `npm run schema:print`) is exactly what the server
 * serves: the schema read back by introspection over HTTP prints the same, type for type.
 */
import { readFileSync } from 'node:fs';
import { buildClientSchema, buildSchema, getIntrospectionQuery, lexicographicSortSchema, printSchema, type IntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLISHED_SDL_PATH } from '../schema/sdl';
import { startTestApp, type TestApp } from './app';

describe('published SDL', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.stop();
  });

  it('equals the schema the server serves (introspection over HTTP)', async () => {
    const res = await app.gql<IntrospectionQuery>(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }));
    expect(res.errors).toBeUndefined();
    if (!res.data) throw new Error('no introspection answer');
    const served = printSchema(lexicographicSortSchema(buildClientSchema(res.data)));
    const published = printSchema(lexicographicSortSchema(buildSchema(readFileSync(PUBLISHED_SDL_PATH, 'utf8'))));
    expect(served).toBe(published);
  });

  it('has every Query field of types.graphql answered by a resolver', async () => {
    const schema = buildSchema(readFileSync(PUBLISHED_SDL_PATH, 'utf8'));
    const fields = Object.keys(schema.getQueryType()?.getFields() ?? {});
    const { createSchema } = await import('../api/yoga');
    const executable = createSchema().getQueryType()?.getFields() ?? {};
    expect(fields.filter((f) => !executable[f]?.resolve)).toEqual([]);
  });
});
