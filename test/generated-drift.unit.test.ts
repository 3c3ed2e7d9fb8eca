/**
 * The committed generated files are what their generators write today, so a change to the
 * metamodel, types.graphql or a web document that was not followed by `npm run schema:print`
 * (which also runs codegen) fails here, in the unit tests, without a database: schema.graphql
 * against buildSdl(), and every output of codegen.ts (api/generated/graphql.ts and the web's
 * typed documents in web/src/generated/) generated in memory against the file on disk.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import config from '../codegen';
import { buildSdl, PUBLISHED_SDL_PATH } from '../schema/sdl';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WEB_GENERATED = 'web/src/generated/';

describe('generated files', () => {
  it('schema/schema.graphql is what `npm run schema:print` writes', () => {
    expect(readFileSync(PUBLISHED_SDL_PATH, 'utf8')).toBe(buildSdl());
  });

  it('every codegen output is committed as generated (`npm run codegen`)', { timeout: 120_000 }, async () => {
    // generate() is typed as returning any; its outputs are checked for the shape they have.
    const outputs = z.array(z.object({ filename: z.string(), content: z.string() })).parse(await generate({ ...config, cwd: ROOT, silent: true }, false));
    const expected = new Map(outputs.map((o) => [o.filename.replace(ROOT, ''), o.content]));
    expect([...expected.keys()].sort()).toEqual(['api/generated/graphql.ts', ...['gql.ts', 'graphql.ts', 'index.ts'].map((f) => WEB_GENERATED + f)].sort());
    // A file the generator no longer writes (a removed output) is stale too.
    const onDisk = readdirSync(ROOT + WEB_GENERATED).map((f) => WEB_GENERATED + f);
    expect(onDisk.filter((f) => !expected.has(f))).toEqual([]);
    for (const [file, content] of expected) {
      const committed = existsSync(ROOT + file) ? readFileSync(ROOT + file, 'utf8') : '(missing)';
      expect(committed, `${file} is stale: run npm run codegen`).toBe(content);
    }
  });
});
