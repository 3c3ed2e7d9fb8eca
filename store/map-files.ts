/**
 * Map files: reading the seed directory and import files (YAML or JSON), each problem with its
 * file, line and path, and the whole map checked before anything is written.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LineCounter, parseDocument } from 'yaml';
import { checkMap, checkSeedSourcing, emptyMap, MapValidationError, type GraphMap } from '../schema/map';
import { formatZodIssues, seedFileSchema } from '../schema/validation';

/** The real map's seed files. */
export const SEED_DIR = fileURLToPath(new URL('../graph-seed/data/', import.meta.url));

/**
 * Parse and validate one YAML or JSON document. Problems name the file, the line where the
 * YAML parser can find the offending node, and the path inside the document.
 */
export function parseMapDocument(text: string, fileName: string): { map: GraphMap; problems: string[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  if (doc.errors.length > 0) {
    return { map: emptyMap(), problems: doc.errors.map((e) => `${fileName}:${e.linePos?.[0]?.line ?? '?'}: ${e.message}`) };
  }
  const parsed = seedFileSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const line = lineOfPath(doc, lineCounter, issue.path);
      return `${fileName}${line ? `:${line}` : ''}: ${formatZodIssues({ issues: [issue] } as never)[0]}`;
    });
    return { map: emptyMap(), problems };
  }
  return { map: parsed.data, problems: [] };
}

/**
 * The line of the node at `path`, or of its nearest ancestor when the node is missing (a required
 * key that was left out is reported at the object that lacks it).
 */
function lineOfPath(doc: ReturnType<typeof parseDocument>, lineCounter: LineCounter, path: readonly PropertyKey[]): number | undefined {
  for (let depth = path.length; depth >= 1; depth--) {
    const node = doc.getIn(path.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
    if (node?.range) return lineCounter.linePos(node.range[0]).line;
  }
  return undefined;
}

/** Read every `*.yaml`/`*.json` file of the seed directory, in name order, into one map. */
export function readSeedDirectory(dir: string = SEED_DIR): GraphMap {
  const map = emptyMap();
  const problems: string[] = [];
  const files = readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort();
  for (const file of files) {
    const { map: part, problems: p } = parseMapDocument(readFileSync(join(dir, file), 'utf8'), file);
    problems.push(...p);
    mergeInto(map, part);
  }
  problems.push(...checkMap(map), ...checkSeedSourcing(map));
  if (problems.length > 0) throw new MapValidationError(problems);
  return map;
}

/** One whole-map file (an import): parsed and checked completely before anything is written. */
export function readMapFile(path: string): GraphMap {
  const { map, problems } = parseMapDocument(readFileSync(path, 'utf8'), path);
  const all = problems.length > 0 ? problems : checkMap(map);
  if (all.length > 0) throw new MapValidationError(all);
  return map;
}

function mergeInto(target: GraphMap, part: GraphMap): void {
  target.elements.push(...part.elements);
  target.relationships.push(...part.relationships);
  target.gaps.push(...part.gaps);
  target.changes.push(...part.changes);
  target.events.push(...part.events);
  target.perspectives.push(...part.perspectives);
}
