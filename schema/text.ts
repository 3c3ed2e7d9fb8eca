/**
 * Folding text the way Neo4j's ASCII-folding analyser does (ø→o, æ→ae, å→a, é→e, …), in lower
 * case: search builds its terms with it, and the citation check compares names and sources with it.
 */
export function foldLetters(text: string): string {
  return text.toLowerCase().replace(/ø/g, 'o').replace(/æ/g, 'ae').replace(/œ/g, 'oe').replace(/ß/g, 'ss').normalize('NFD').replace(/\p{M}/gu, '');
}
