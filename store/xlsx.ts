/**
 * The map as an Excel workbook (exceljs), and back: a sheet per section (elements, relationships,
 * gaps, planned changes, events, measures with their criterion scores) plus a derived sheet of
 * every source cited and the lists the enumerations' drop-downs come from. Header rows frozen,
 * dates as dates, enumerations as data-validation lists from the metamodel, several values in one
 * cell one per line. Export → import → export gives the same map.
 *
 * A workbook is hostile input: its zip is inspected before exceljs sees it (size, number of parts,
 * each part inflated with a ceiling so a zip bomb stops early, no macros or ActiveX, no DTD), then
 * every sheet is read and every problem reported as sheet, row and column; the map comes back only
 * when there are none.
 */
import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { checkMap, emptyMap, type GraphMap } from '../schema/map';
import { CHANGE_TYPE_IDS, KIND_IDS, LAYER_IDS, LIFECYCLE_IDS, NORMATIVE_LEVEL_IDS, RELATIONSHIP_TYPES } from '../schema/metamodel';
import {
  changeInputSchema,
  elementInputSchema,
  eventInputSchema,
  gapInputSchema,
  parseSourceRef,
  relationshipInputSchema,
  scoreSchema,
  type ElementInput,
} from '../schema/validation';

/** Largest workbook read, its parts, and what they may inflate to together. */
export const XLSX_MAX_BYTES = 20 * 1024 * 1024;
export const XLSX_MAX_PARTS = 2000;
export const XLSX_MAX_INFLATED_BYTES = 200 * 1024 * 1024;
/** Rows given drop-down lists (Excel stores a validation per range, so this costs nothing per row). */
const VALIDATED_ROWS = 20000;

type ColumnType = 'text' | 'list' | 'date' | 'number' | 'boolean' | 'json';
interface Column {
  key: string;
  type: ColumnType;
  /** Allowed values (a drop-down list on the sheet). */
  values?: readonly string[];
  width?: number;
}

const LISTS = {
  kind: KIND_IDS,
  layer: LAYER_IDS,
  lifecycle: LIFECYCLE_IDS,
  normativeLevel: NORMATIVE_LEVEL_IDS,
  relationshipType: RELATIONSHIP_TYPES,
  changeType: CHANGE_TYPE_IDS,
  happened: ['ja', 'nei'],
} as const;

const text = (key: string, width = 24): Column => ({ key, type: 'text', width });
const list = (key: string, width = 40): Column => ({ key, type: 'list', width });
const date = (key: string): Column => ({ key, type: 'date', width: 12 });
const choice = (key: string, values: readonly string[]): Column => ({ key, type: 'text', values, width: 22 });

/** The sheets and their columns; a header is the field's name, as in the JSON and CSV exports. */
const SHEETS = {
  elements: {
    name: 'Elementer',
    columns: [
      text('id', 36),
      choice('kind', LISTS.kind),
      text('name', 36),
      text('nameEn', 36),
      choice('layer1', LISTS.layer),
      choice('layer2', LISTS.layer),
      choice('layer3', LISTS.layer),
      choice('layer4', LISTS.layer),
      choice('lifecycle', LISTS.lifecycle),
      choice('normativeLevel', LISTS.normativeLevel),
      date('statusDate'),
      date('validFrom'),
      date('validTo'),
      list('identifiers'),
      list('aliases'),
      list('sources'),
      list('lifecycleSources'),
      list('normativeLevelSources'),
      list('notes', 60),
      { key: 'citationExceptions', type: 'json', width: 40 },
      text('description', 80),
      text('descriptionEn', 80),
    ],
  },
  relationships: {
    name: 'Relasjoner',
    columns: [
      text('from', 36),
      choice('type', LISTS.relationshipType),
      text('to', 36),
      choice('layer', LISTS.layer),
      date('validFrom'),
      date('validTo'),
      list('sources'),
      text('note', 60),
      text('citationException', 40),
    ],
  },
  gaps: {
    name: 'Udekkede behov',
    columns: [
      text('id', 36),
      text('service', 36),
      choice('layer', LISTS.layer),
      text('title', 36),
      text('titleEn', 36),
      text('description', 80),
      date('identifiedAt'),
      date('resolvedAt'),
      list('sources'),
      text('citationException', 40),
    ],
  },
  changes: {
    name: 'Planlagte endringer',
    columns: [
      text('id', 36),
      text('element', 36),
      choice('change', LISTS.changeType),
      text('due', 10),
      text('dueText', 24),
      text('description', 80),
      text('measure', 36),
      text('replacement', 36),
      date('completedAt'),
      list('sources'),
      text('citationException', 40),
    ],
  },
  events: {
    name: 'Hendelser',
    columns: [
      text('id', 36),
      text('date', 10),
      text('dateText', 24),
      choice('happened', LISTS.happened),
      text('title', 36),
      text('titleEn', 36),
      text('description', 80),
      list('elements', 36),
      list('sources'),
      text('citationException', 40),
    ],
  },
} as const satisfies Record<string, { name: string; columns: readonly Column[] }>;
type Section = keyof typeof SHEETS;
const MEASURES_SHEET = 'Tiltak';
const SOURCES_SHEET = 'Kilder';
const LISTS_SHEET = 'Lister';

/**
 * Criterion columns of the measures sheet: every criterion scored, in an order that keeps each
 * measure's own order (the prioritisation sheet's), so reading the columns back is lossless.
 */
function criteriaOf(measures: readonly ElementInput[]): string[] {
  const order: string[] = [];
  for (const e of measures) {
    let at = 0;
    for (const s of e.scores) {
      const i = order.indexOf(s.criterion);
      if (i === -1) order.splice(at++, 0, s.criterion);
      else at = Math.max(at, i + 1);
    }
  }
  return order;
}

const isoToDate = (iso: string) => new Date(`${iso}T00:00:00Z`);

function cellValue(col: Column, value: unknown): ExcelJS.CellValue {
  if (value === undefined || value === null) return null;
  if (col.type === 'list') return (value as readonly string[]).length > 0 ? (value as readonly string[]).join('\n') : null;
  if (col.type === 'json') return (value as readonly unknown[]).length > 0 ? (value as readonly unknown[]).map((v) => JSON.stringify(v)).join('\n') : null;
  if (col.type === 'date') return isoToDate(value as string);
  return value as ExcelJS.CellValue;
}

function rowOf(section: Section, record: Record<string, unknown>): Record<string, unknown> {
  if (section === 'elements') {
    const e = record as unknown as ElementInput;
    return { ...e, layer1: e.layers[0], layer2: e.layers[1], layer3: e.layers[2], layer4: e.layers[3] };
  }
  if (section === 'events') return { ...record, happened: record.happened ? 'ja' : 'nei' };
  return record;
}

function addSheet(wb: ExcelJS.Workbook, name: string, columns: readonly Column[], rows: Record<string, unknown>[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({
    header: c.key,
    key: c.key,
    width: c.width ?? 20,
    style:
      c.type === 'date'
        ? { numFmt: 'yyyy-mm-dd' }
        : c.type === 'list' || c.type === 'json'
          ? { alignment: { wrapText: true, vertical: 'top' } }
          : { alignment: { vertical: 'top' } },
  }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(Object.fromEntries(columns.map((c) => [c.key, cellValue(c, r[c.key])])));
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return ws;
}

/**
 * exceljs 4.4 has `worksheet.dataValidations.add(range, …)` (one validation for a whole range) but
 * its type declarations omit it; this names the one method used.
 */
function withValidations(ws: ExcelJS.Worksheet): { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } } {
  return ws as unknown as { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } };
}

/** The map as an .xlsx file. */
export async function mapToXlsx(map: GraphMap): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Reguleringsplan';
  // A fixed date keeps the file the same for the same map.
  wb.created = new Date('2022-01-01T00:00:00Z');
  wb.modified = wb.created;
  const sorted = {
    elements: [...map.elements].sort((a, b) => a.id.localeCompare(b.id)),
    relationships: map.relationships,
    gaps: [...map.gaps].sort((a, b) => a.id.localeCompare(b.id)),
    changes: [...map.changes].sort((a, b) => a.id.localeCompare(b.id)),
    events: [...map.events].sort((a, b) => a.id.localeCompare(b.id)),
  };
  const listColumn = new Map<string, string>();
  Object.keys(LISTS).forEach((key, i) => listColumn.set(key, String.fromCharCode(65 + i)));
  const validations: [ExcelJS.Worksheet, number, readonly string[]][] = [];
  for (const section of Object.keys(SHEETS) as Section[]) {
    const { name, columns } = SHEETS[section];
    const ws = addSheet(
      wb,
      name,
      columns,
      (sorted[section] as unknown as Record<string, unknown>[]).map((r) => rowOf(section, r)),
    );
    columns.forEach((c, i) => {
      if ('values' in c && c.values) validations.push([ws, i + 1, c.values]);
    });
  }

  const measures = sorted.elements.filter((e) => e.kind === 'MEASURE');
  const criteria = criteriaOf(measures);
  const measureColumns: Column[] = [
    text('id', 36),
    text('name', 36),
    { key: 'rank', type: 'number', width: 8 },
    { key: 'score', type: 'number', width: 8 },
    ...criteria.map((c): Column => ({ key: c, type: 'number', width: 14 })),
  ];
  addSheet(
    wb,
    MEASURES_SHEET,
    measureColumns,
    measures.map((m) => ({ id: m.id, name: m.name, rank: m.rank, score: m.score, ...Object.fromEntries(m.scores.map((s) => [s.criterion, s.value])) })),
  );

  // Every cited source, one per row, for filtering by document; derived, so import ignores it.
  const sourceRows: Record<string, unknown>[] = [];
  const cite = (record: string, id: string, field: string, refs: readonly string[]) => {
    for (const ref of refs) {
      const s = parseSourceRef(ref);
      sourceRows.push({
        record,
        id,
        field,
        source: ref,
        document: s.origin === 'DOCUMENT' ? s.document : null,
        fromLine: s.origin === 'DOCUMENT' ? s.fromLine : null,
        toLine: s.origin === 'DOCUMENT' ? s.toLine : null,
        url: s.origin === 'PUBLIC' ? s.url : null,
      });
    }
  };
  for (const e of sorted.elements) {
    cite('element', e.id, 'sources', e.sources);
    cite('element', e.id, 'lifecycleSources', e.lifecycleSources);
    cite('element', e.id, 'normativeLevelSources', e.normativeLevelSources);
  }
  for (const r of sorted.relationships) cite('relationship', `${r.from} ${r.type} ${r.to}${r.layer ? ` ${r.layer}` : ''}`, 'sources', r.sources);
  for (const g of sorted.gaps) cite('gap', g.id, 'sources', g.sources);
  for (const c of sorted.changes) cite('change', c.id, 'sources', c.sources);
  for (const v of sorted.events) cite('event', v.id, 'sources', v.sources);
  addSheet(
    wb,
    SOURCES_SHEET,
    [
      text('record', 12),
      text('id', 50),
      text('field', 20),
      text('source', 40),
      text('document', 26),
      { key: 'fromLine', type: 'number', width: 9 },
      { key: 'toLine', type: 'number', width: 9 },
      text('url', 50),
    ],
    sourceRows,
  );

  const lists = wb.addWorksheet(LISTS_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  lists.columns = Object.keys(LISTS).map((key) => ({ header: key, key, width: 34 }));
  lists.getRow(1).font = { bold: true };
  Object.values(LISTS).forEach((values, i) =>
    values.forEach((v, j) => {
      lists.getCell(j + 2, i + 1).value = v;
    }),
  );
  for (const [ws, col, values] of validations) {
    const key = (Object.keys(LISTS) as (keyof typeof LISTS)[]).find((k) => LISTS[k] === values)!;
    const letter = listColumn.get(key)!;
    const target = ws.getColumn(col).letter;
    withValidations(ws).dataValidations.add(`${target}2:${target}${VALIDATED_ROWS}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`'${LISTS_SHEET}'!$${letter}$2:$${letter}$${values.length + 1}`],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: key,
      error: `Velg en verdi fra listen (${LISTS_SHEET}!${letter}). Choose a value from the list.`,
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---------------------------------------------------------------------------------------------
// Import

export class XlsxImportError extends Error {
  constructor(readonly problems: string[]) {
    super(`the workbook has ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'XlsxImportError';
  }
}

export interface XlsxLimits {
  maxBytes?: number;
  maxParts?: number;
  maxInflatedBytes?: number;
}

/**
 * Inspect the zip before any library unpacks it: read the central directory, refuse macros and
 * ActiveX, and inflate each part with a ceiling on the total, so a part that claims to be small
 * but expands without end (a zip bomb) stops at the ceiling. Returns a problem or undefined.
 */
export function inspectXlsxZip(buf: Buffer, limits: XlsxLimits = {}): string | undefined {
  const maxBytes = limits.maxBytes ?? XLSX_MAX_BYTES;
  const maxParts = limits.maxParts ?? XLSX_MAX_PARTS;
  const maxInflated = limits.maxInflatedBytes ?? XLSX_MAX_INFLATED_BYTES;
  if (buf.length > maxBytes) return `the workbook is larger than ${maxBytes} bytes`;
  if (buf.length < 22 || buf.readUInt32LE(0) !== 0x04034b50) return 'not an .xlsx workbook (not a zip file)';
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return 'not an .xlsx workbook (no zip directory)';
  const parts = buf.readUInt16LE(eocd + 10);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (parts === 0xffff || cdOffset === 0xffffffff) return 'the workbook uses ZIP64, which a spreadsheet this size never needs';
  if (parts > maxParts) return `the workbook has more than ${maxParts} parts`;
  let p = cdOffset;
  let inflated = 0;
  for (let n = 0; n < parts; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) return "the workbook's zip directory is damaged";
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLength).toString('utf8');
    p += 46 + nameLength + extraLength + commentLength;
    if (/vbaProject\.bin$|^xl\/activeX\/|\.bin$/i.test(name) && !/^xl\/printerSettings\//i.test(name))
      return `the workbook carries macros or ActiveX (${name}); save it as .xlsx without macros`;
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50) return `the workbook's part ${name} is damaged`;
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + compressed);
    let content: Buffer;
    try {
      content =
        method === 0
          ? data
          : method === 8
            ? inflateRawSync(data, { maxOutputLength: Math.max(1, maxInflated - inflated) })
            : (() => {
                throw new Error(`compression method ${method}`);
              })();
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      return /maxOutputLength|buffer|larger|Cannot create/i.test(reason)
        ? `the workbook expands beyond ${maxInflated} bytes (a zip bomb?)`
        : `the workbook's part ${name} cannot be read (${reason})`;
    }
    inflated += content.length;
    if (inflated > maxInflated) return `the workbook expands beyond ${maxInflated} bytes (a zip bomb?)`;
    if (name === '[Content_Types].xml' && /macroEnabled|vbaProject/i.test(content.toString('utf8')))
      return 'the workbook is macro-enabled; save it as .xlsx without macros';
    if (/\.(xml|rels)$/i.test(name) && /<!DOCTYPE|<!ENTITY/i.test(content.toString('utf8')))
      return `the workbook's part ${name} declares a DTD, which is not accepted`;
  }
  return undefined;
}

/** A cell's value as the text the map stores, or a problem. */
function readCell(cell: ExcelJS.Cell, col: Column): { value?: unknown; problem?: string } {
  const v = cell.value;
  // An empty list cell is an empty list, so "needs at least one source" can say so.
  if (v === null || v === undefined || v === '') return col.type === 'list' || col.type === 'json' ? { value: [] } : {};
  if (typeof v === 'object' && !(v instanceof Date)) {
    if ('formula' in v || 'sharedFormula' in v) return { problem: 'holds a formula; only values are read' };
    if ('richText' in v) return readCell({ value: v.richText.map((r) => r.text).join('') } as ExcelJS.Cell, col);
    if ('text' in v && 'hyperlink' in v) return readCell({ value: v.text } as ExcelJS.Cell, col);
    if ('error' in v) return { problem: `holds an error (${String(v.error)})` };
    return { problem: 'holds a value that is not text, a number or a date' };
  }
  if (col.type === 'date') {
    if (v instanceof Date) return { value: v.toISOString().slice(0, 10) };
    return { value: String(v).trim() };
  }
  if (col.type === 'number')
    return typeof v === 'number'
      ? { value: v }
      : Number.isFinite(Number(String(v).replace(',', '.')))
        ? { value: Number(String(v).replace(',', '.')) }
        : { problem: `"${String(v)}" is not a number` };
  const s = v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
  if (col.type === 'list')
    return {
      value: s
        .split(/\r?\n/)
        .map((x) => x.trim())
        .filter((x) => x !== ''),
    };
  if (col.type === 'json') {
    try {
      return {
        value: s
          .split(/\r?\n/)
          .filter((x) => x.trim() !== '')
          .map((x) => JSON.parse(x) as unknown),
      };
    } catch {
      return { problem: 'each line must be a JSON object' };
    }
  }
  return { value: s };
}

/**
 * Read a workbook made by `mapToXlsx` (and edited in Excel or LibreOffice). Problems are
 * "sheet, row N, column X (field): message"; the map comes back only when there are none.
 */
export async function xlsxToMap(buf: Buffer, limits: XlsxLimits = {}): Promise<{ map: GraphMap; problems: string[] }> {
  const refused = inspectXlsxZip(buf, limits);
  if (refused) return { map: emptyMap(), problems: [refused] };
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch (e) {
    return { map: emptyMap(), problems: [`not a readable .xlsx workbook: ${e instanceof Error ? e.message : String(e)}`] };
  }
  const problems: string[] = [];
  const map = emptyMap();

  /** Rows of a sheet as records, with where each field came from. */
  const readSheet = (sheetName: string, columns: readonly Column[], required: boolean) => {
    const ws = wb.getWorksheet(sheetName);
    const rows: { row: number; record: Record<string, unknown>; columnOf: (key: string) => string }[] = [];
    if (!ws) {
      if (required) problems.push(`sheet "${sheetName}" is missing`);
      return rows;
    }
    const header = new Map<string, number>();
    ws.getRow(1).eachCell((cell, col) => header.set(typeof cell.value === 'string' ? cell.value.trim() : '', col));
    const known = new Set(columns.map((c) => c.key));
    for (const [name, col] of header) if (!known.has(name)) problems.push(`${sheetName}, row 1, column ${ws.getColumn(col).letter}: unknown column "${name}"`);
    for (const c of columns) if (!header.has(c.key)) problems.push(`${sheetName}, row 1: column "${c.key}" is missing`);
    const columnOf = (key: string) => (header.has(key) ? `${ws.getColumn(header.get(key)!).letter} (${key})` : `(${key})`);
    ws.eachRow((row, r) => {
      if (r === 1) return;
      const record: Record<string, unknown> = {};
      let empty = true;
      for (const c of columns) {
        const col = header.get(c.key);
        if (col === undefined) continue;
        const { value, problem } = readCell(row.getCell(col), c);
        if (problem) problems.push(`${sheetName}, row ${r}, column ${columnOf(c.key)}: ${problem}`);
        if (value !== undefined) record[c.key] = value;
        if (value !== undefined && !(Array.isArray(value) && value.length === 0)) empty = false;
        if (c.values && typeof value === 'string' && !c.values.includes(value))
          problems.push(`${sheetName}, row ${r}, column ${columnOf(c.key)}: "${value}" is not one of ${c.values.join(', ')}`);
      }
      if (!empty) rows.push({ row: r, record, columnOf });
    });
    return rows;
  };

  type Schema = {
    safeParse(v: unknown): { success: true; data: unknown } | { success: false; error: { issues: { path: (string | number)[]; message: string }[] } };
  };
  const validate = (
    sheetName: string,
    schema: Schema,
    row: number,
    raw: Record<string, unknown>,
    columnOf: (key: string) => string,
    rename: (key: string) => string = (k) => k,
  ): unknown => {
    const r = schema.safeParse(raw);
    if (r.success) return r.data;
    for (const issue of r.error.issues) {
      const [first, ...rest] = issue.path;
      const cell = `${sheetName}, row ${row}${first === undefined ? '' : `, column ${columnOf(rename(String(first)))}`}`;
      // A value outside its drop-down list is reported once, in the list's words.
      if (first !== undefined && rest.length === 0 && problems.some((p) => p.startsWith(`${cell}: "`))) continue;
      problems.push(`${cell}${rest.length > 0 ? ` [${rest.join('.')}]` : ''}: ${issue.message}`);
    }
    return undefined;
  };

  const measureScores = new Map<string, { rank?: number; score?: number; scores: { criterion: string; value: number }[] }>();
  const ms = wb.getWorksheet(MEASURES_SHEET);
  if (ms) {
    const criteria: Column[] = [];
    ms.getRow(1).eachCell((cell, col) => {
      if (col > 4) criteria.push({ key: typeof cell.value === 'string' ? cell.value.trim() : '', type: 'number' });
    });
    for (const { row, record, columnOf } of readSheet(
      MEASURES_SHEET,
      [text('id'), text('name'), { key: 'rank', type: 'number' }, { key: 'score', type: 'number' }, ...criteria],
      true,
    )) {
      const scores: { criterion: string; value: number }[] = [];
      for (const c of criteria) {
        if (record[c.key] === undefined) continue;
        const s = scoreSchema.safeParse({ criterion: c.key, value: record[c.key] });
        if (s.success) scores.push(s.data);
        else problems.push(`${MEASURES_SHEET}, row ${row}, column ${columnOf(c.key)}: ${s.error.issues[0]?.message ?? 'not a score'}`);
      }
      const id = typeof record.id === 'string' ? record.id : '';
      if (!id) problems.push(`${MEASURES_SHEET}, row ${row}, column ${columnOf('id')}: the measure's id is missing`);
      else if (measureScores.has(id)) problems.push(`${MEASURES_SHEET}, row ${row}, column ${columnOf('id')}: "${id}" is listed twice`);
      measureScores.set(id, { rank: record.rank as number | undefined, score: record.score as number | undefined, scores });
    }
  } else problems.push(`sheet "${MEASURES_SHEET}" is missing`);

  const elementIds = new Set<string>();
  for (const { row, record, columnOf } of readSheet(SHEETS.elements.name, SHEETS.elements.columns, true)) {
    const { layer1, layer2, layer3, layer4, ...rest } = record;
    const measure = measureScores.get(String(record.id));
    const raw = {
      ...rest,
      layers: [layer1, layer2, layer3, layer4].filter((l) => l !== undefined),
      ...(measure ? { rank: measure.rank, score: measure.score, scores: measure.scores } : {}),
    };
    const e = validate(SHEETS.elements.name, elementInputSchema, row, raw, columnOf, (k) => (k === 'layers' ? 'layer1' : k)) as ElementInput | undefined;
    if (e) {
      map.elements.push(e);
      elementIds.add(e.id);
    }
  }
  for (const id of measureScores.keys()) {
    const e = map.elements.find((x) => x.id === id);
    if (e && e.kind !== 'MEASURE') problems.push(`${MEASURES_SHEET}: "${id}" is not a measure (MEASURE), so it has no scores`);
    if (!e && !problems.some((p) => p.startsWith(SHEETS.elements.name)))
      problems.push(`${MEASURES_SHEET}: no element "${id}" on the sheet ${SHEETS.elements.name}`);
  }
  for (const { row, record, columnOf } of readSheet(SHEETS.relationships.name, SHEETS.relationships.columns, true)) {
    const r = validate(SHEETS.relationships.name, relationshipInputSchema, row, record, columnOf);
    if (r) map.relationships.push(r as GraphMap['relationships'][number]);
  }
  for (const { row, record, columnOf } of readSheet(SHEETS.gaps.name, SHEETS.gaps.columns, true)) {
    const g = validate(SHEETS.gaps.name, gapInputSchema, row, record, columnOf);
    if (g) map.gaps.push(g as GraphMap['gaps'][number]);
  }
  for (const { row, record, columnOf } of readSheet(SHEETS.changes.name, SHEETS.changes.columns, true)) {
    const c = validate(SHEETS.changes.name, changeInputSchema, row, record, columnOf);
    if (c) map.changes.push(c as GraphMap['changes'][number]);
  }
  for (const { row, record, columnOf } of readSheet(SHEETS.events.name, SHEETS.events.columns, true)) {
    const happened = record.happened === 'ja' ? true : record.happened === 'nei' ? false : record.happened;
    const v = validate(SHEETS.events.name, eventInputSchema, row, { ...record, happened }, columnOf);
    if (v) map.events.push(v as GraphMap['events'][number]);
  }
  if (problems.length === 0) problems.push(...checkMap(map));
  return { map: problems.length === 0 ? map : emptyMap(), problems };
}
