/**
 * A whole map (what the seed files hold together, and what export writes and import reads) and the
 * checks across its records that per-record schemas cannot make: unique ids, references, the
 * metamodel's rules. Pure: no files, no database. The importer, the seed and the analysts' writes
 * share these rules.
 */
import { KINDS, RELATIONSHIPS, relationshipAllowed, type Kind } from './metamodel';
import type { ChangeInput, ElementInput, EventInput, GapInput, PerspectiveInput, RelationshipInput } from './validation';

/** A whole map: what the seed files hold together, and what export writes and import reads. */
export interface GraphMap {
  elements: ElementInput[];
  relationships: RelationshipInput[];
  gaps: GapInput[];
  changes: ChangeInput[];
  events: EventInput[];
  perspectives: PerspectiveInput[];
}

export class MapValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`the map has ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'MapValidationError';
  }
}

export function emptyMap(): GraphMap {
  return { elements: [], relationships: [], gaps: [], changes: [], events: [], perspectives: [] };
}

/** Cross-record checks the per-record schemas cannot make: unique ids, references, metamodel rules. */
export function checkMap(map: GraphMap): string[] {
  const problems: string[] = [];
  const kindOf = new Map<string, Kind>();
  const layersOf = new Map<string, readonly string[]>();
  map.elements.forEach((e, i) => {
    if (kindOf.has(e.id)) problems.push(`elements[${i}].id: "${e.id}" is used twice`);
    kindOf.set(e.id, e.kind);
    layersOf.set(e.id, e.layers);
  });
  const seenRel = new Set<string>();
  map.relationships.forEach((r, i) => {
    const at = `relationships[${i}] (${r.from} ${r.type} ${r.to})`;
    const from = kindOf.get(r.from);
    const to = kindOf.get(r.to);
    if (!from) problems.push(`${at}.from: no element "${r.from}"`);
    if (!to) problems.push(`${at}.to: no element "${r.to}"`);
    if (from && to && !relationshipAllowed(r.type, from, to)) {
      problems.push(`${at}.type: the metamodel does not allow ${r.type} from ${KINDS[from].en} to ${KINDS[to].en}`);
    }
    if (RELATIONSHIPS[r.type].layered && r.layer && !layersOf.get(r.from)?.includes(r.layer)) {
      problems.push(`${at}.layer: ${r.layer} is not one of the layers of "${r.from}"`);
    }
    const key = `${r.from}|${r.type}|${r.to}|${r.layer ?? ''}`;
    if (seenRel.has(key)) problems.push(`${at}: is listed twice`);
    seenRel.add(key);
  });
  const ids = new Set<string>();
  map.gaps.forEach((g, i) => {
    if (ids.has(g.id)) problems.push(`gaps[${i}].id: "${g.id}" is used twice`);
    ids.add(g.id);
    if (kindOf.get(g.service) !== 'INFORMATION_SERVICE') problems.push(`gaps[${i}].service: "${g.service}" is not an information service`);
  });
  map.changes.forEach((c, i) => {
    if (ids.has(c.id)) problems.push(`changes[${i}].id: "${c.id}" is used twice`);
    ids.add(c.id);
    if (!kindOf.has(c.element)) problems.push(`changes[${i}].element: no element "${c.element}"`);
    if (c.measure && kindOf.get(c.measure) !== 'MEASURE') problems.push(`changes[${i}].measure: "${c.measure}" is not a measure`);
    if (c.replacement && !kindOf.has(c.replacement)) problems.push(`changes[${i}].replacement: no element "${c.replacement}"`);
  });
  map.events.forEach((ev, i) => {
    if (ids.has(ev.id)) problems.push(`events[${i}].id: "${ev.id}" is used twice`);
    ids.add(ev.id);
    for (const e of ev.elements) if (!kindOf.has(e)) problems.push(`events[${i}].elements: no element "${e}"`);
  });
  map.perspectives.forEach((p, i) => {
    if (ids.has(p.id)) problems.push(`perspectives[${i}].id: "${p.id}" is used twice`);
    ids.add(p.id);
    for (const s of p.services) if (kindOf.get(s) !== 'INFORMATION_SERVICE') problems.push(`perspectives[${i}].services: "${s}" is not an information service`);
    for (const a of p.actorTypes) if (kindOf.get(a) !== 'ACTOR_TYPE') problems.push(`perspectives[${i}].actorTypes: "${a}" is not an actor type`);
  });
  return problems;
}

/**
 * What the seed promises beyond an import: a status or level other than the default names the
 * lines that give it. (An analyst's write is sourced by its audit event instead.)
 */
export function checkSeedSourcing(map: GraphMap): string[] {
  const problems: string[] = [];
  for (const e of map.elements) {
    if (e.lifecycle !== 'ACTIVE' && e.lifecycleSources.length === 0)
      problems.push(`element ${e.id}: lifecycle ${e.lifecycle} needs lifecycleSources (the lines that give it)`);
    if (e.normativeLevel && e.normativeLevelSources.length === 0)
      problems.push(`element ${e.id}: normativeLevel needs normativeLevelSources (the lines or page that give it)`);
  }
  return problems;
}
