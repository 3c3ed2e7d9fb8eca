/**
 * The workbook round trip through the real command line, the run's Neo4j and the HTTP download:
 * export → import into an empty database → export gives the same sheets. (The map is put back
 * afterwards for the files that run later.)
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readMap } from '../store/read-map';
import { xlsxToMap } from '../store/xlsx';
import { emptyTestDatabase, mapCli as cli, roundTripFixture } from '../test/map-cli';
import { canonical } from '../test/interop-support';

const dir = mkdtempSync(join(tmpdir(), 'reguleringsplan-xlsx-'));

describe('xlsx round trip through the command line, the database and the download', () => {
  const trip = roundTripFixture(dir);
  const sheets = async (buf: Buffer) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    return JSON.stringify(wb.worksheets.map((w) => [w.name, w.getSheetValues()]));
  };

  it('serves the workbook at /export/map.xlsx', async () => {
    const res = await fetch(`${trip.app.url}export/map.xlsx`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="reguleringsplan-\d{4}-\d{2}-\d{2}\.xlsx"$/);
    const { map, problems } = await xlsxToMap(Buffer.from(await res.arrayBuffer()));
    expect(problems).toEqual([]);
    expect(canonical(map)).toEqual(canonical(await readMap(trip.db)));
  });

  it('export → import into an empty database → export gives the same workbook', async () => {
    const first = join(dir, 'first.xlsx');
    const exported = await cli('export', '--format', 'xlsx', '--out', first);
    expect(exported.code, exported.stderr).toBe(0);
    await emptyTestDatabase();
    const imported = await cli('import', first);
    expect(imported.code, imported.stderr).toBe(0);
    const second = join(dir, 'second.xlsx');
    expect((await cli('export', '--format', 'xlsx', '--out', second)).code).toBe(0);
    expect(await sheets(readFileSync(second))).toBe(await sheets(readFileSync(first)));
  });
});
