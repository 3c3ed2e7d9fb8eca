/** "Which saved perspectives are there?" and "what does this one select?" — one round trip each. */

export const PERSPECTIVES = `
MATCH (p:Perspective)
RETURN p {.*} AS perspective
ORDER BY p.name, p.id`;

export const PERSPECTIVE_BY_ID = `
MATCH (p:Perspective {id: $id})
RETURN p {.*} AS perspective`;
