import { describe, expect, it } from 'vitest';
import { elementInputSchema, formatZodIssues, isoDateSchema, parseSourceRef, relationshipInputSchema, sourceRefSchema } from './validation';

const base = {
  id: 'lov-pasientjournalloven',
  kind: 'LAW',
  name: 'Pasientjournalloven',
  nameEn: 'Patient Records Act',
  layers: ['LEGAL'],
  description: 'Lov om behandling av helseopplysninger ved ytelse av helsehjelp.',
  sources: ['003_bc528292a39bd4db.txt:2490-2491'],
};

describe('input validation', () => {
  it('accepts a well-formed element and fills defaults', () => {
    const e = elementInputSchema.parse(base);
    expect(e.lifecycle).toBe('ACTIVE');
    expect(e.identifiers).toEqual([]);
  });

  it('rejects an element without a source, with the path', () => {
    const r = elementInputSchema.safeParse({ ...base, sources: [] });
    expect(r.success).toBe(false);
    if (!r.success) expect(formatZodIssues(r.error)).toEqual(['sources: every element needs at least one source']);
  });

  it('requires the id prefix of the kind', () => {
    const r = elementInputSchema.safeParse({ ...base, kind: 'AGREEMENT' });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues[0]?.path).toEqual(['id']);
  });

  it('checks source references against the five documents and ascending ranges', () => {
    expect(sourceRefSchema.safeParse('003_bc528292a39bd4db.txt:2490-2520').success).toBe(true);
    expect(sourceRefSchema.safeParse('003_bc528292a39bd4db.txt:12').success).toBe(true);
    expect(sourceRefSchema.safeParse('009_0000000000000000.txt:1-2').success).toBe(false);
    expect(sourceRefSchema.safeParse('003_bc528292a39bd4db.txt:20-10').success).toBe(false);
    expect(parseSourceRef('001_ed14ab0044702118.txt:7-9')).toEqual({ origin: 'DOCUMENT', document: '001_ed14ab0044702118.txt', fromLine: 7, toLine: 9 });
    expect(parseSourceRef('https://lovdata.no/dokument/NL/lov/2014-06-20-42')).toEqual({
      origin: 'PUBLIC',
      url: 'https://lovdata.no/dokument/NL/lov/2014-06-20-42',
    });
    expect(sourceRefSchema.safeParse('http://example.com').success).toBe(false);
  });

  it('accepts only calendar dates', () => {
    expect(isoDateSchema.safeParse('2024-02-29').success).toBe(true);
    expect(isoDateSchema.safeParse('2023-02-29').success).toBe(false);
    expect(isoDateSchema.safeParse('28.04.2022').success).toBe(false);
  });

  it('requires a layer on APPLIES_TO and none elsewhere', () => {
    const rel = { from: 'lov-pasientjournalloven', type: 'APPLIES_TO', to: 'tjeneste-journaldokumenter' };
    expect(relationshipInputSchema.safeParse(rel).success).toBe(false);
    expect(relationshipInputSchema.safeParse({ ...rel, layer: 'LEGAL' }).success).toBe(true);
    expect(relationshipInputSchema.safeParse({ ...rel, type: 'REGULATES', layer: 'LEGAL' }).success).toBe(false);
  });
});
