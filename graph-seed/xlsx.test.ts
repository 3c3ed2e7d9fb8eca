/**
 * The workbook round trip through the real command line, the run's Neo4j and the HTTP download:
 * export → import into an empty database → export gives the same sheets. (The map is put back
 * afterwards for the files that run later.)
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../store/database';
import { readMap } from '../store/read-map';
import { xlsxToMap } from '../store/xlsx';
import { clearDatabase, testDriver } from '../test/neo4j-provider';
import { startTestApp, type TestApp } from '../test/app';
import { canonical } from '../test/interop-support';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'reguleringsplan-xlsx-'));

describe('xlsx round trip through the command line, the database and the download', () => {
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
  const sheets = async (buf: Buffer) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    return JSON.stringify(wb.worksheets.map((w) => [w.name, w.getSheetValues()]));
  };

  beforeAll(async () => {
    const { driver, database } = testDriver();
    db = new Database(driver, database);
    app = await startTestApp();
    expect((await cli('export', '--format', 'json', '--out', backup)).code).toBe(0);
  });
  afterAll(async () => {
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

  it('serves the workbook at /export/map.xlsx', async () => {
    const res = await fetch(`${app.url}export/map.xlsx`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="reguleringsplan-\d{4}-\d{2}-\d{2}\.xlsx"$/);
    const { map, problems } = await xlsxToMap(Buffer.from(await res.arrayBuffer()));
    expect(problems).toEqual([]);
    expect(canonical(map)).toEqual(canonical(await readMap(db)));
  });

  it('export → import into an empty database → export gives the same workbook', async () => {
    const first = join(dir, 'first.xlsx');
    const exported = await cli('export', '--format', 'xlsx', '--out', first);
    expect(exported.code, exported.stderr).toBe(0);
    const { driver, database } = testDriver();
    try {
      await clearDatabase(driver, database);
    } finally {
      await driver.close();
    }
    const imported = await cli('import', first);
    expect(imported.code, imported.stderr).toBe(0);
    const second = join(dir, 'second.xlsx');
    expect((await cli('export', '--format', 'xlsx', '--out', second)).code).toBe(0);
    expect(await sheets(readFileSync(second))).toBe(await sheets(readFileSync(first)));
  });
});
