/** The Lucene query built from user text: terms only, folded, prefix per term, never syntax. */
import { describe, expect, it } from 'vitest';
import { escapeLucene, foldText, luceneQuery, searchTerms } from './search';

describe('search text → Lucene query', () => {
  it('folds Norwegian letters and accents the way the index does', () => {
    expect(foldText('Løsning Ærlig Åpen Café')).toBe('losning aerlig apen cafe');
  });

  it('escapes every Lucene special character', () => {
    expect(escapeLucene('a+b-c&&d||e!(f){g}[h]^"i"~j*k?l:m\\n/o')).toBe('a\\+b\\-c\\&\\&d\\|\\|e\\!\\(f\\)\\{g\\}\\[h\\]\\^\\"i\\"\\~j\\*k\\?l\\:m\\\\n\\/o');
  });

  it('makes every word required, as a word, a prefix (trailing *) and, when long, a near miss', () => {
    expect(luceneQuery('kjernejournal')).toBe('(kjernejournal^2 OR kjernejournal* OR kjernejournal~1)');
    expect(luceneQuery('løsning IHE')).toBe('(løsning^2 OR losning* OR losning~1) AND (ihe^2 OR ihe*)');
  });

  it('keeps only letters and digits of user text, so no query syntax gets through', () => {
    expect(searchTerms('IHE-XDS "kjerne* (journal) AND:x')).toEqual(['IHE', 'XDS', 'kjerne', 'journal', 'AND', 'x']);
    expect(luceneQuery('kjerne* OR')).toBe('(kjerne^2 OR kjerne* OR kjerne~1) AND (or^2 OR or*)');
    expect(luceneQuery(' "*?:() ')).toBeNull();
  });
});
