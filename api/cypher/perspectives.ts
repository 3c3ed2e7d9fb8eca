/** "Which saved perspectives are there?" and "what does this one select?" — one round trip each. */
import { defineQuery, type Raw } from '../../store/query';

export const PERSPECTIVES = defineQuery<Record<string, never>, { perspective: Raw }>(`
MATCH (p:Perspective)
RETURN p {.*} AS perspective
ORDER BY p.name, p.id`);

export const PERSPECTIVE_BY_ID = defineQuery<{ id: string }, { perspective: Raw }>(`
MATCH (p:Perspective {id: $id})
RETURN p {.*} AS perspective`);
