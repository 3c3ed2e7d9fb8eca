import { describe, expect, it } from 'vitest';
import { csvCell } from './csv';

describe('csvCell (the web CSV export)', () => {
  it('defuses text a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://evil.example","klikk")')).toBe(`"'=HYPERLINK(""http://evil.example"",""klikk"")"`);
    expect(csvCell('+47 22 00 00 00')).toBe("'+47 22 00 00 00");
    expect(csvCell('-1+1')).toBe("'-1+1");
    expect(csvCell('@SUM(A1:A9)')).toBe("'@SUM(A1:A9)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell('\r=1')).toBe(`"'\r=1"`);
  });

  it('leaves ordinary text and numbers as they are, quoting separators', () => {
    expect(csvCell('Journaldokumenter')).toBe('Journaldokumenter');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('a; b')).toBe('"a; b"');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(null)).toBe('');
    expect(csvCell('ID = 4')).toBe('ID = 4');
  });
});
