import { describe, expect, it } from 'vitest';
import { eliUri, parseIdentifier } from './identifiers';

describe('official identifiers', () => {
  it('links Lovdata ids of laws and regulations', () => {
    expect(parseIdentifier('LOVDATA:LOV-2014-06-20-42')).toEqual({
      scheme: 'LOVDATA',
      value: 'LOV-2014-06-20-42',
      url: 'https://lovdata.no/dokument/NL/lov/2014-06-20-42',
    });
    expect(parseIdentifier('LOVDATA:FOR-2019-03-01-168').url).toBe('https://lovdata.no/dokument/SF/forskrift/2019-03-01-168');
    expect(eliUri('LOV-1999-07-02-64')).toBe('https://lovdata.no/eli/lov/1999/07/02/64/nor');
  });

  it('gives no link where none can be derived', () => {
    expect(parseIdentifier('LOVDATA:not-an-id').url).toBeNull();
    expect(parseIdentifier('OID:2.16.578.1.12.4.1.1.7110').url).toBeNull();
    expect(parseIdentifier('PROP:Prop. 65 L (2019-2020)')).toMatchObject({ scheme: 'PROP', value: 'Prop. 65 L (2019-2020)' });
  });
});
