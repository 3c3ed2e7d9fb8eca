/** Helpers the interoperability tests share: the map in a canonical order, and xmllint against the ArchiMate XSDs. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { GraphMap } from '../schema/map';

const XSD_DIR = new URL('../schema/archimate-xsd/', import.meta.url).pathname;

/** Validate `file` against the ArchiMate 3.1 exchange-format XSDs, offline (the catalog maps xml.xsd to the local copy). */
export function xmllint(file: string): { ok: boolean; output: string } {
  const r = spawnSync('xmllint', ['--noout', '--nonet', '--schema', join(XSD_DIR, 'archimate3_Diagram.xsd'), file], {
    encoding: 'utf8',
    env: { ...process.env, XML_CATALOG_FILES: join(XSD_DIR, 'catalog.xml') },
  });
  if (r.error) throw new Error(`xmllint is needed for this test (Debian: apt-get install libxml2-utils): ${r.error.message}`);
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

/** The map in a canonical order, without perspectives (the web's saved views are not ArchiMate). */
export function canonical(map: GraphMap): Omit<GraphMap, 'perspectives'> {
  const by =
    <T>(key: (x: T) => string) =>
    (a: T, b: T) =>
      key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
  return {
    elements: [...map.elements].sort(by((e) => e.id)),
    relationships: [...map.relationships].sort(by((r) => `${r.from}|${r.type}|${r.to}|${r.layer ?? ''}`)),
    gaps: [...map.gaps].sort(by((g) => g.id)),
    changes: [...map.changes].sort(by((c) => c.id)),
    events: [...map.events].sort(by((v) => v.id)),
  };
}
