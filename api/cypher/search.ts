/**
 * "Which elements match these words?" Full-text search over names, descriptions (both languages)
 * and identifiers, ranked, in one round trip. The index folds accents ("losning" finds "løsning");
 * the Lucene query built here adds prefix and light fuzzy terms, and the ranking boosts exact
 * names (and aliases), names holding every word (`$words`, lower case) and national solutions, and
 * ranks measures a little lower than the things they deliver, so "kjernejournal" puts the solution
 * Kjernejournal first and "prøvesvar" the solution Pasientens prøvesvar before a measure named for it.
 */
import { FULLTEXT_INDEX } from '../../store/constraints';
import { foldLetters } from '../../schema/text';
import { elementWithStatus } from './element';
import type { Integer } from 'neo4j-driver';
import { defineQuery, type Raw } from '../../store/query';

/** How many index hits are re-ranked before the first `first` are returned. */
export const SEARCH_CANDIDATES = 200;

export const SEARCH_ELEMENTS = defineQuery<
  { lucene: string; candidates: Integer; exact: string; words: string[]; first: Integer; asOf: string },
  { element: Raw; score: number }
>(`
CALL db.index.fulltext.queryNodes('${FULLTEXT_INDEX}', $lucene, {limit: $candidates}) YIELD node, score
WITH node, score
  * CASE WHEN toLower(node.name) = $exact OR toLower(node.nameEn) = $exact OR any(a IN coalesce(node.aliases, []) WHERE toLower(a) = $exact) THEN 4.0
         WHEN toLower(node.name) STARTS WITH $exact OR toLower(node.nameEn) STARTS WITH $exact THEN 1.5
         ELSE 1.0 END
  * CASE WHEN all(w IN $words WHERE toLower(node.name) CONTAINS w OR toLower(node.nameEn) CONTAINS w) THEN 2.0 ELSE 1.0 END
  * CASE node.kind WHEN 'NATIONAL_SOLUTION' THEN 1.25 WHEN 'MEASURE' THEN 0.75 ELSE 1.0 END AS ranked
ORDER BY ranked DESC, node.name, node.id
LIMIT $first
RETURN ${elementWithStatus('node')} AS element, ranked AS score`);

const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;

/** Escape Lucene's query-syntax characters so user text is only ever terms. */
export function escapeLucene(text: string): string {
  return text.replace(LUCENE_SPECIAL, (c) => `\\${c}`);
}

/** Lower case with the accents the index's ASCII folding removes (ø→o, æ→ae, å→a, é→e, …). */
export const foldText = foldLetters;

/** The words of user text as the index's tokenizer sees them: runs of letters and digits. */
export function searchTerms(text: string): string[] {
  return text.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
}

/**
 * The Lucene query for user text: every word must match, as a word (boosted), as a prefix
 * (partial words: a trailing `*` on the folded, escaped term) or, for words of five letters or
 * more, within one edit (typos). Returns null when the text has no letters or digits.
 */
export function luceneQuery(text: string): string | null {
  const words = searchTerms(text).slice(0, 20);
  if (words.length === 0) return null;
  const clauses = words.map((word) => {
    const exact = escapeLucene(word.toLowerCase());
    const folded = escapeLucene(foldText(word));
    const terms = [`${exact}^2`, `${folded}*`];
    if (folded.length >= 5) terms.push(`${folded}~1`);
    return `(${terms.join(' OR ')})`;
  });
  return clauses.join(' AND ');
}
