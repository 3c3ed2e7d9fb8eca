/** Small pieces every resolver module uses: language choice, source parsing, dates. */
import { isoDateSchema, parseSourceRef } from '../../schema/validation';
import type { Label } from '../../schema/metamodel';
import type { Language, Source } from '../generated/graphql';
import { parseInput } from '../errors';
import { today } from '../model';

export function labelIn(label: Label, lang: Language | null | undefined): string {
  return lang === 'EN' ? label.en : label.nb;
}

/** The name in the requested language, for any record with `name` and `nameEn`. */
export function nameIn(r: { name: string; nameEn?: string | null }, lang: Language | null | undefined): string {
  return lang === 'EN' ? (r.nameEn ?? r.name) : r.name;
}

export function toSources(refs: readonly string[] | null | undefined): Source[] {
  return (refs ?? []).map((ref) => {
    const s = parseSourceRef(ref);
    return s.origin === 'PUBLIC' ? { origin: 'PUBLIC', url: s.url, ref } : { ...s, ref };
  });
}

/** The `asOf` argument validated, defaulting to today. */
export function asOfArg(asOf: string | null | undefined, argument = 'asOf'): string {
  return asOf == null ? today() : parseInput(isoDateSchema, asOf, [argument]);
}
