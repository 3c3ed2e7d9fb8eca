/**
 * The Excel workbook, without a database: frozen headers, typed dates, drop-down lists from the
 * metamodel, the measures' criterion scores; lossless; each problem as sheet, row and column with
 * nothing returned; macros, zip bombs and DTDs refused before exceljs unpacks anything. The round
 * trip through the command line and a database is graph-seed/xlsx.test.ts.
 */
import { crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { KIND_IDS } from '../schema/metamodel';
import { readSeedDirectory } from '../store/map-files';
import { inspectXlsxZip, mapToXlsx, xlsxToMap } from '../store/xlsx';
import { canonical } from '../test/interop-support';

/** A zip of the given parts, for workbooks exceljs would never write. */
function zip(parts: [string, Buffer][]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of parts) {
    const data = deflateRawSync(content);
    const n = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(content), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(content.length, 22);
    local.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc32(content), 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(content.length, 24);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, n, data);
    centrals.push(central, n);
    offset += 30 + n.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const seed = readSeedDirectory();
let workbook: Buffer;

beforeAll(async () => {
  workbook = await mapToXlsx(seed);
});

describe('xlsx export', () => {
  it('has a sheet per section with frozen headers, typed dates, the criterion scores and drop-down lists from the metamodel', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(workbook as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Elementer',
      'Relasjoner',
      'Udekkede behov',
      'Planlagte endringer',
      'Hendelser',
      'Tiltak',
      'Kilder',
      'Lister',
    ]);
    for (const ws of wb.worksheets) expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const elements = wb.getWorksheet('Elementer')!;
    expect(elements.rowCount - 1).toBe(seed.elements.length);
    const header = (elements.getRow(1).values as unknown[]).slice(1);
    const statusDate = header.indexOf('statusDate') + 1;
    const dated = seed.elements.filter((e) => e.statusDate).sort((a, b) => a.id.localeCompare(b.id))[0]!;
    let row = 0;
    elements.eachRow((r, n) => {
      if (r.getCell(1).value === dated.id) row = n;
    });
    const cell = elements.getCell(row, statusDate);
    expect(cell.value).toBeInstanceOf(Date);
    expect((cell.value as Date).toISOString().slice(0, 10)).toBe(dated.statusDate);
    expect(cell.numFmt).toBe('yyyy-mm-dd');
    // The kind column may only take the metamodel's kinds, listed on the Lister sheet.
    const validations = (elements as unknown as { dataValidations: { model: Record<string, { type: string; formulae: string[] }> } }).dataValidations.model;
    // exceljs reads a range's validation back cell by cell.
    for (const cell of ['B2', 'B20000']) expect(validations[cell]).toMatchObject({ type: 'list', formulae: [`'Lister'!$A$2:$A$${KIND_IDS.length + 1}`] });
    const lists = wb.getWorksheet('Lister')!;
    expect(lists.getColumn(1).values.slice(2)).toEqual([...KIND_IDS]);
    const measures = wb.getWorksheet('Tiltak')!;
    const mHeader = (measures.getRow(1).values as unknown[]).slice(1);
    expect(mHeader.slice(0, 4)).toEqual(['id', 'name', 'rank', 'score']);
    expect(mHeader).toContain('Pasientsikkerhet');
    const scored = seed.elements.find((e) => e.kind === 'MEASURE' && e.scores.some((s) => s.criterion === 'Pasientsikkerhet'))!;
    let mRow = 0;
    measures.eachRow((r, n) => {
      if (r.getCell(1).value === scored.id) mRow = n;
    });
    expect(measures.getCell(mRow, mHeader.indexOf('Pasientsikkerhet') + 1).value).toBe(scored.scores.find((s) => s.criterion === 'Pasientsikkerhet')!.value);
    expect(wb.getWorksheet('Kilder')!.rowCount).toBeGreaterThan(seed.elements.length);
  });

  it('is lossless: reading it back gives every element, relationship, gap, planned change, event and score', async () => {
    const { map, problems } = await xlsxToMap(workbook);
    expect(problems).toEqual([]);
    expect(canonical(map)).toEqual(canonical(seed));
  });
});

describe('xlsx import', () => {
  it('reports each problem as sheet, row and column, and returns no map', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(workbook as unknown as ArrayBuffer);
    const elements = wb.getWorksheet('Elementer')!;
    const col = (name: string) => (elements.getRow(1).values as unknown[]).indexOf(name);
    elements.getCell(2, col('kind')).value = 'LOV';
    elements.getCell(3, col('validFrom')).value = '2024-13-45';
    elements.getCell(4, col('sources')).value = null;
    wb.getWorksheet('Hendelser')!.getCell(2, 7).value = { formula: 'HYPERLINK("https://example.org")' };
    const edited = Buffer.from(await wb.xlsx.writeBuffer());
    const { map, problems } = await xlsxToMap(edited);
    expect(map.elements).toEqual([]);
    expect(problems.filter((p) => p.startsWith('Elementer, row 2, column B (kind)'))).toEqual([
      expect.stringMatching(/^Elementer, row 2, column B \(kind\): "LOV" is not one of LAW, AGREEMENT/),
    ]);
    expect(problems).toContainEqual('Elementer, row 3, column L (validFrom): is not a calendar date');
    expect(problems).toContainEqual('Elementer, row 4, column P (sources): every element needs at least one source');
    expect(problems).toContainEqual('Hendelser, row 2, column G (description): holds a formula; only values are read');
  });

  it('refuses macros, macro-enabled workbooks, DTDs and zip bombs before unpacking them', async () => {
    const types = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';
    expect(
      inspectXlsxZip(
        zip([
          ['[Content_Types].xml', Buffer.from(types)],
          ['xl/vbaProject.bin', Buffer.from('macro')],
        ]),
      ),
    ).toMatch(/carries macros or ActiveX \(xl\/vbaProject\.bin\)/);
    expect(
      inspectXlsxZip(
        zip([
          ['[Content_Types].xml', Buffer.from(types.replace('/>', '><Default ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"/></Types>'))],
        ]),
      ),
    ).toBe('the workbook is macro-enabled; save it as .xlsx without macros');
    expect(inspectXlsxZip(zip([['xl/workbook.xml', Buffer.from('<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><workbook>&e;</workbook>')]]))).toMatch(
      /declares a DTD/,
    );
    // 5 MB of zeros packs into a few kilobytes; with a 1 MB ceiling the inflating stops at 1 MB.
    const bomb = zip([['xl/worksheets/sheet1.xml', Buffer.alloc(5 * 1024 * 1024)]]);
    expect(bomb.length).toBeLessThan(20_000);
    expect(inspectXlsxZip(bomb, { maxInflatedBytes: 1024 * 1024 })).toBe('the workbook expands beyond 1048576 bytes (a zip bomb?)');
    expect((await xlsxToMap(bomb, { maxInflatedBytes: 1024 * 1024 })).problems).toEqual(['the workbook expands beyond 1048576 bytes (a zip bomb?)']);
    expect(inspectXlsxZip(workbook, { maxBytes: 1000 })).toBe('the workbook is larger than 1000 bytes');
    expect(inspectXlsxZip(Buffer.from('id,kind\n'))).toBe('not an .xlsx workbook (not a zip file)');
    expect(inspectXlsxZip(workbook)).toBeUndefined();
  });
});
