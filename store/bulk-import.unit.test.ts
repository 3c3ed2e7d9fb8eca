/**
 * The importer's CSV as the codec makes it, without a database: column types from the values,
 * quoting, lists joined by U+001F, empty lists and nulls as empty fields, and values the importer
 * could not keep refused with the property named.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { emptyMap, type GraphMap } from '../schema/map';
import type { ElementInput } from '../schema/validation';
import { BulkImportError, mapSource, writeImportCsv } from './bulk-import';

const dir = mkdtempSync(join(tmpdir(), 'reguleringsplan-csv-'));
const element = (id: string, extra: Partial<ElementInput> = {}): ElementInput => ({
  id,
  kind: 'MEASURE',
  name: `Tiltak "${id}", første`,
  nameEn: id,
  description: 'Linje én\nlinje to',
  layers: ['ORGANISATIONAL'],
  lifecycle: 'ACTIVE',
  identifiers: [],
  aliases: [],
  sources: ['001_x.txt:1-2', '001_x.txt:5'],
  lifecycleSources: [],
  normativeLevelSources: [],
  citationExceptions: [],
  notes: [],
  scores: [],
  ...extra,
});

describe('the bulk importer CSV', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('types columns from the codec values, quotes text, joins lists and counts per kind and type', () => {
    const map: GraphMap = { ...emptyMap(), elements: [element('m-1', { rank: 1, score: 7.5, scores: [{ criterion: 'K1', value: 2 }] }), element('m-2')] };
    map.relationships = [{ from: 'm-1', type: 'BASED_ON', to: 'm-2', sources: [] }];
    const out = writeImportCsv(mapSource(map), join(dir, 'a'), () => {});
    const [nodeHeader, nodeBody] = out.nodes.split(',').map((f) => readFileSync(f, 'utf8'));
    expect(nodeHeader).toMatch(/^id:ID,:LABEL,version:long,createdAt:datetime,kind:string,name:string,/);
    expect(nodeHeader).toContain('layers:string[]');
    expect(nodeHeader).toContain('rank:double');
    expect(nodeHeader).toContain('scoreValues:double[]');
    expect(nodeBody).toContain('"m-1","Element\u001fMeasure","1",');
    expect(nodeBody).toContain('"Tiltak ""m-1"", første"');
    expect(nodeBody).toContain('"001_x.txt:1-2\u001f001_x.txt:5"');
    expect(out.multiline).toBe(true);
    const [relHeader, relBody] = out.relationships.split(',').map((f) => readFileSync(f, 'utf8'));
    expect(relHeader).toBe(':START_ID,:END_ID,:TYPE,validFrom:string,validTo:string,sources:string,note:string,citationException:string,layer:string\n');
    expect(relBody).toBe('"m-1","m-2","BASED_ON",,,,,,\n');
    expect(out.counts.elements).toEqual({ MEASURE: 2 });
    expect(out.counts.relationships).toEqual({ BASED_ON: 1 });
  });

  it('refuses a list item holding the delimiter or an empty string, naming the property', () => {
    const withDelimiter: GraphMap = { ...emptyMap(), elements: [element('m-3', { notes: ['a\u001fb'] })] };
    expect(() => writeImportCsv(mapSource(withDelimiter), join(dir, 'b'), () => {})).toThrow(/notes holds the list delimiter|notes.*U\+001F/);
    const withEmpty: GraphMap = { ...emptyMap(), elements: [element('m-4', { aliases: [''] })] };
    expect(() => writeImportCsv(mapSource(withEmpty), join(dir, 'c'), () => {})).toThrow(BulkImportError);
  });
});
