/**
 * The ArchiMate round trip through the real command line and the run's Neo4j: export → import into
 * an empty database → export is identical, a rejected file writes nothing, and the HTTP download
 * serves the same file. (The map is put back afterwards for the files that run later.)
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mapToArchimate } from '../store/archimate';
import { readSeedDirectory } from '../store/map-files';
import { readMap } from '../store/read-map';
import { emptyTestDatabase, mapCli as cli, roundTripFixture } from '../test/map-cli';
import { xmllint } from '../test/interop-support';

const dir = mkdtempSync(join(tmpdir(), 'reguleringsplan-archimate-'));
const AS_OF = '2026-12-01';
const xml = mapToArchimate(readSeedDirectory(), { asOf: AS_OF });

describe('ArchiMate round trip through the command line and the database', () => {
  const trip = roundTripFixture(dir);

  it('serves the same file at /export/archimate.xml, as an attachment', async () => {
    const res = await fetch(`${trip.app.url}export/archimate.xml?asOf=${AS_OF}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="reguleringsplan-${AS_OF}.xml"`);
    expect(await res.text()).toBe(mapToArchimate(await readMap(trip.db), { asOf: AS_OF }));
    expect((await fetch(`${trip.app.url}export/archimate.xml?asOf=2026-13-01`)).status).toBe(400);
  });

  it('rejects a file with problems and writes nothing', async () => {
    const before = await readMap(trip.db);
    const bad = join(dir, 'bad.xml');
    writeFileSync(
      bad,
      xml
        .replace('<name xml:lang="nb">Pasientjournalloven', '<name xml:lang="nb">Endret, men aldri skrevet')
        .replace('  </elements>', '    <element identifier="id-x" xsi:type="Goal"><name>Mål</name></element>\n  </elements>'),
    );
    const result = await cli('import', bad);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('element id-x: ArchiMate type Goal has no kind in this map');
    expect(await readMap(trip.db)).toEqual(before);
  });

  it('export → import into an empty database → export gives the same file', async () => {
    const first = join(dir, 'first.xml');
    const exported = await cli('export', '--format', 'archimate', '--out', first);
    expect(exported.code, exported.stderr).toBe(0);
    expect(xmllint(first).ok).toBe(true);
    await emptyTestDatabase();
    const imported = await cli('import', first);
    expect(imported.code, imported.stderr).toBe(0);
    const second = join(dir, 'second.xml');
    expect((await cli('export', '--format', 'archimate', '--out', second)).code).toBe(0);
    expect(readFileSync(second, 'utf8')).toBe(readFileSync(first, 'utf8'));
  });
});
