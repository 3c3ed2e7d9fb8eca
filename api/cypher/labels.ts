/**
 * Label expressions for queries by kind. Labels come only from the metamodel's fixed list
 * (`KINDS[k].neo4jLabel`), never from request text, so splicing them is safe.
 */
import { KINDS, KIND_IDS, type Kind } from '../../schema/metamodel';

/** `A|B|C` for the given kinds (deduplicated, metamodel order); `Element` when none are given. */
export function kindLabels(kinds: readonly Kind[] | null | undefined): string {
  if (!kinds || kinds.length === 0) return 'Element';
  return KIND_IDS.filter((k) => kinds.includes(k))
    .map((k) => KINDS[k].neo4jLabel)
    .join('|');
}
