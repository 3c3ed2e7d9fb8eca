/**
 * Official identifiers: "SCHEME:value" as stored, split and linked here. Links are derived, not
 * stored, so a changed URL scheme (Lovdata has moved before) is one edit.
 */
import { IDENTIFIER_SCHEME_IDS, type IdentifierScheme } from './metamodel';

export interface Identifier {
  scheme: IdentifierScheme;
  value: string;
  url: string | null;
}

const IHE_PROFILE_PAGE = 'https://profiles.ihe.net/ITI/TF/Volume1/';

export function parseIdentifier(raw: string): Identifier {
  const at = raw.indexOf(':');
  const scheme = raw.slice(0, at) as IdentifierScheme;
  const value = raw.slice(at + 1);
  if (!IDENTIFIER_SCHEME_IDS.includes(scheme)) return { scheme: 'URL', value: raw, url: null };
  return { scheme, value, url: identifierUrl(scheme, value) };
}

/** The official page for an identifier, where one can be derived. */
export function identifierUrl(scheme: IdentifierScheme, value: string): string | null {
  switch (scheme) {
    case 'LOVDATA': {
      // LOV-2014-06-20-42 → /dokument/NL/lov/2014-06-20-42; FOR-2019-03-01-168 → /dokument/SF/forskrift/2019-03-01-168
      const m = /^(LOV|FOR)-(\d{4}-\d{2}-\d{2}-\d+)$/.exec(value);
      if (!m) return null;
      return m[1] === 'LOV' ? `https://lovdata.no/dokument/NL/lov/${m[2]}` : `https://lovdata.no/dokument/SF/forskrift/${m[2]}`;
    }
    case 'IHE':
      return /^[A-Za-z0-9.-]+$/.test(value) ? `${IHE_PROFILE_PAGE}${value.toUpperCase()}.html` : null;
    case 'HL7':
      return /^no-basis/i.test(value) ? 'https://simplifier.net/hl7norwayno-basis' : /fhir/i.test(value) ? 'https://hl7.org/fhir/' : null;
    case 'OID':
      return null;
    case 'URL':
      return /^https?:\/\//.test(value) ? value : null;
    case 'PROP':
    case 'HIS':
      return null;
  }
}

/** The ELI URI of a law or regulation (Lovdata's European Legislation Identifier). */
export function eliUri(lovdataId: string): string | null {
  const m = /^(LOV|FOR)-(\d{4})-(\d{2})-(\d{2})-(\d+)$/.exec(lovdataId);
  if (!m) return null;
  return `https://lovdata.no/eli/${m[1] === 'LOV' ? 'lov' : 'forskrift'}/${m[2]}/${m[3]}/${m[4]}/${m[5]}/nor`;
}
