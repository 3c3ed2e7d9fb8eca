/**
 * The five source documents as lines, and the text folding the citation check and the coverage
 * report share. Pure reads of `graph-seed/sources/`; no database.
 */
import { readFileSync } from 'node:fs';
import { SOURCE_DOCUMENTS, type SourceDocument } from '../schema/metamodel';
import { foldLetters } from '../schema/text';

export const SOURCES_DIR = new URL('./sources/', import.meta.url);

const cache = new Map<string, string[]>();

/** The document's lines; index 0 is line 1, as `sed -n` and `grep -n` count. */
export function documentLinesOf(document: SourceDocument): string[] {
  let lines = cache.get(document);
  if (!lines) {
    lines = readFileSync(new URL(document, SOURCES_DIR), 'utf8').replace(/\n$/, '').split('\n');
    cache.set(document, lines);
  }
  return lines;
}

export function isSourceDocument(name: string): name is SourceDocument {
  return (SOURCE_DOCUMENTS as readonly string[]).includes(name);
}

/** Lines from..to (1-based, inclusive) joined with newlines. */
export function linesText(document: SourceDocument, fromLine: number, toLine: number): string {
  return documentLinesOf(document)
    .slice(fromLine - 1, toLine)
    .join('\n');
}

/**
 * Fold text for matching names and dates across the extraction's noise: lower case, æ→ae, ø→o,
 * å→a, other diacritics dropped, then everything but letters and digits removed — so spacing,
 * hyphenation ("journal-\ndokumenter"), quotes and line breaks do not matter.
 */
export function fold(text: string): string {
  return foldLetters(text).replace(/[^a-z0-9]/g, '');
}

/**
 * When each document's meeting took place, with the line that says so: an element's status is
 * read "as of" the document, so a statusDate equal to a cited document's meeting date is sourced.
 */
export const DOCUMENT_DATES: Record<SourceDocument, { date: string; line: number; written: string }[]> = {
  '000_f2df908f005f8421.txt': [],
  '001_ed14ab0044702118.txt': [{ date: '2022-09-21', line: 5, written: '21. september 2022' }],
  '002_0294d171777b1830.txt': [{ date: '2021-02-18', line: 3, written: '18. februar 2021' }],
  '003_bc528292a39bd4db.txt': [{ date: '2022-04-27', line: 4, written: '27. – 28. april 2022' }],
  '004_9bf1f49755435003.txt': [{ date: '2024-09-05', line: 5, written: '5. september 2024' }],
};

/**
 * The years each document's meetings fall in, for dates the slides write without a year
 * ("24. april", "15.10"): 000 approves the minutes of 14 February and 1 April 2020 (line 36) and
 * meets before 11 June (line 321); 002 carries the minutes of 25 November 2020 (line 209) and the
 * meeting of 18 February 2021; 004 the minutes of 15 May 2024 and the meeting of 5 September 2024.
 */
export const DOCUMENT_YEARS: Record<SourceDocument, number[]> = {
  '000_f2df908f005f8421.txt': [2020],
  '001_ed14ab0044702118.txt': [2022],
  '002_0294d171777b1830.txt': [2020, 2021],
  '003_bc528292a39bd4db.txt': [2022],
  '004_9bf1f49755435003.txt': [2024],
};
