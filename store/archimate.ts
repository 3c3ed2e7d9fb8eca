/**
 * The map as an ArchiMate 3.1 Open Exchange Format file, and back. Pure: a GraphMap in, XML text
 * out, and XML text in, a GraphMap and its problems out (the CLI and the HTTP download do the I/O).
 *
 * Every field of every element, relationship, gap, planned change and event travels: what
 * ArchiMate has a place for (name, documentation, element and relationship types) goes there, the
 * rest as properties with property definitions, lists as one property per item. So export →
 * import → export gives the same file. The mapping table is schema/archimate.ts; what ArchiMate
 * cannot express is listed in docs/archimate.md.
 *
 * Imported files are hostile input: a DTD or entity declaration is refused before parsing (so no
 * external entity is ever resolved), the size and the number of concepts are bounded, and every
 * problem is reported with the identifier of the element or relationship it concerns.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import {
  ARCHIMATE_ELEMENT_TYPES,
  ARCHIMATE_RECORD_TYPES,
  chooseRelationship,
  kindForArchimateType,
  MAP_RELATIONSHIP_TYPES,
  RECORD_LINKS,
  type ArchimateElementType,
  type MapRecord,
  type RecordLink,
} from '../schema/archimate';
import { endOfPeriod } from '../schema/dates';
import { checkMap, emptyMap, type GraphMap } from '../schema/map';
import {
  HEAT_STATUSES,
  KIND_IDS,
  KINDS,
  LAYER_IDS,
  LAYERS,
  RELATIONSHIPS,
  relationshipAllowed,
  type HeatStatus,
  type Kind,
  type Layer,
  type RelationshipType,
} from '../schema/metamodel';
import { deriveStatus, isVisible } from '../schema/status';
import {
  changeInputSchema,
  elementInputSchema,
  eventInputSchema,
  formatZodIssues,
  gapInputSchema,
  idSchema,
  relationshipInputSchema,
  type ChangeInput,
  type ElementInput,
  type EventInput,
  type GapInput,
  type RelationshipInput,
} from '../schema/validation';

/** Largest file import reads, and most concepts (elements + relationships) in it. */
export const ARCHIMATE_MAX_BYTES = 50 * 1024 * 1024;
export const ARCHIMATE_MAX_CONCEPTS = 1_000_000;
/** Most properties on one concept: the metamodel allows about 200 list items per element. */
const MAX_PROPERTIES_PER_CONCEPT = 1000;

const NS = 'http://www.opengroup.org/xsd/archimate/3.0/';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

/** Property definitions, in the order they are written: key (the property's name) and ArchiMate data type. */
const PROPERTIES = {
  record: 'string',
  kind: 'string',
  type: 'string',
  layers: 'string',
  layer: 'string',
  nameEn: 'string',
  titleEn: 'string',
  descriptionEn: 'string',
  lifecycle: 'string',
  normativeLevel: 'string',
  statusDate: 'date',
  validFrom: 'date',
  validTo: 'date',
  identifiers: 'string',
  aliases: 'string',
  change: 'string',
  due: 'string',
  dueText: 'string',
  completedAt: 'date',
  identifiedAt: 'date',
  resolvedAt: 'date',
  date: 'string',
  dateText: 'string',
  happened: 'boolean',
  rank: 'number',
  score: 'number',
  scores: 'string',
  sources: 'string',
  lifecycleSources: 'string',
  normativeLevelSources: 'string',
  citationExceptions: 'string',
  citationException: 'string',
  notes: 'string',
  note: 'string',
} as const;
type PropertyKey = keyof typeof PROPERTIES;
const propertyDefinitionId = (key: PropertyKey) => `propdef_${key}`;

type PropertyValue = string | number | boolean | undefined | readonly string[];
type Props = [PropertyKey, PropertyValue][];

// ---------------------------------------------------------------------------------------------
// Export

/** XML 1.0 cannot carry most control characters; a CR is kept as a character reference. */
function xmlChar(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return c === 0x09 || c === 0x0a || c === 0x0d || (c >= 0x20 && c !== 0xfffe && c !== 0xffff);
}

function esc(text: string): string {
  return [...text].filter(xmlChar).join('').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\r/g, '&#13;');
}

function propertiesXml(props: Props, indent: string): string[] {
  const lines: string[] = [];
  for (const [key, value] of props) {
    if (value === undefined) continue;
    const values = Array.isArray(value) ? (value as readonly string[]) : [String(value)];
    for (const v of values) lines.push(`${indent}  <property propertyDefinitionRef="${propertyDefinitionId(key)}"><value>${esc(v)}</value></property>`);
  }
  return lines.length > 0 ? [`${indent}<properties>`, ...lines, `${indent}</properties>`] : [];
}

function conceptXml(tag: 'element', id: string, type: string, name: string, documentation: string | undefined, props: Props): string[] {
  return [
    `    <${tag} identifier="${esc(id)}" xsi:type="${type}">`,
    `      <name xml:lang="nb">${esc(name)}</name>`,
    ...(documentation !== undefined ? [`      <documentation xml:lang="nb">${esc(documentation)}</documentation>`] : []),
    ...propertiesXml(props, '      '),
    `    </${tag}>`,
  ];
}

const json = (value: unknown) => JSON.stringify(value);

function elementProps(e: ElementInput): Props {
  return [
    ['kind', e.kind],
    ['layers', e.layers],
    ['nameEn', e.nameEn],
    ['descriptionEn', e.descriptionEn],
    ['lifecycle', e.lifecycle],
    ['normativeLevel', e.normativeLevel],
    ['statusDate', e.statusDate],
    ['validFrom', e.validFrom],
    ['validTo', e.validTo],
    ['identifiers', e.identifiers],
    ['aliases', e.aliases],
    ['rank', e.rank],
    ['score', e.score],
    ['scores', e.scores.map(json)],
    ['sources', e.sources],
    ['lifecycleSources', e.lifecycleSources],
    ['normativeLevelSources', e.normativeLevelSources],
    ['citationExceptions', e.citationExceptions.map(json)],
    ['notes', e.notes],
  ];
}

/** A relationship (or a record's reference) as the export writes it. */
interface Link {
  id: string;
  type: RelationshipType | RecordLink;
  from: string;
  to: string;
  props: Props;
}

/** Stable identifiers: map ids are NCNames already; relationship ids use `_`, which map ids never contain. */
export function relationshipIdentifier(r: Pick<RelationshipInput, 'from' | 'type' | 'to' | 'layer'>): string {
  return `rel_${r.from}_${r.type}_${r.to}${r.layer ? `_${r.layer}` : ''}`;
}

function links(map: GraphMap): Link[] {
  const out: Link[] = map.relationships.map((r) => ({
    id: relationshipIdentifier(r),
    type: r.type,
    from: r.from,
    to: r.to,
    props: [
      ['type', r.type],
      ['layer', r.layer],
      ['validFrom', r.validFrom],
      ['validTo', r.validTo],
      ['sources', r.sources],
      ['note', r.note],
      ['citationException', r.citationException],
    ],
  }));
  const ref = (from: string, type: RecordLink, to: string): Link => ({ id: `rel_${from}_${type}_${to}`, type, from, to, props: [['type', type]] });
  for (const g of map.gaps) out.push(ref(g.id, 'GAP_IN', g.service));
  for (const c of map.changes) {
    out.push(ref(c.id, 'CHANGES', c.element));
    if (c.measure) out.push(ref(c.id, 'UNDER_MEASURE', c.measure));
    if (c.replacement) out.push(ref(c.id, 'REPLACED_BY', c.replacement));
  }
  for (const v of map.events) for (const e of v.elements) out.push(ref(v.id, 'CONCERNS', e));
  return out;
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function rgb(hex: string): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `r="${(n >> 16) & 255}" g="${(n >> 8) & 255}" b="${n & 255}"`;
}

/** Layout of a heat-map view, in pixels. */
const CELL_W = 170;
const CELL_H = 55;
const GAP = 10;
const COLUMNS = 6;
const GROUP_W = COLUMNS * (CELL_W + GAP) + GAP;

/**
 * One diagram per information service, laid out as its heat map on `asOf`: the service on top, a
 * legend beside it, then the four layers as groups with a cell per applying norm (filled with its
 * status colour) and per open gap (unmet need).
 */
function heatMapViews(map: GraphMap, archimateType: Map<string, string>, asOf: string): string[] {
  const elementById = new Map(map.elements.map((e) => [e.id, e]));
  const openChanges = new Map<string, { change: ChangeInput['change']; dueBy: string | null }[]>();
  for (const c of map.changes) {
    if (c.completedAt) continue;
    const list = openChanges.get(c.element) ?? [];
    list.push({ change: c.change, dueBy: c.due ? endOfPeriod(c.due) : null });
    openChanges.set(c.element, list);
  }
  const holds = (from?: string, to?: string) => (from === undefined || from <= asOf) && (to === undefined || to > asOf);
  const lines: string[] = ['  <views>', '    <diagrams>'];
  const services = map.elements.filter((e) => e.kind === 'INFORMATION_SERVICE').sort(byId);
  for (const service of services) {
    const v = `view_${service.id}`;
    lines.push(`      <view identifier="${v}" xsi:type="Diagram">`);
    lines.push(`        <name xml:lang="nb">Varmekart: ${esc(service.name)}</name>`);
    lines.push(`        <documentation xml:lang="nb">Varmekartet for ${esc(service.name)} per ${asOf} (Heat map as of ${asOf}).</documentation>`);
    lines.push(
      `        <node identifier="n_${service.id}" x="${GAP}" y="${GAP}" w="${2 * CELL_W}" h="${CELL_H}" xsi:type="Element" elementRef="${service.id}"/>`,
    );
    // The legend: a note and one swatch per status, beside the service.
    const legendX = GAP + 2 * CELL_W + 4 * GAP;
    lines.push(
      `        <node identifier="n_${service.id}_legend" x="${legendX}" y="${GAP}" w="${4 * (CELL_W / 2 + GAP) + 110}" h="${CELL_H}" xsi:type="Label">`,
    );
    lines.push(`          <label xml:lang="nb">Status per ${asOf}</label>`);
    lines.push(`        </node>`);
    (Object.keys(HEAT_STATUSES) as HeatStatus[]).forEach((s, i) => {
      lines.push(
        `        <node identifier="n_${service.id}_legend_${s}" x="${legendX + 100 + i * (CELL_W / 2 + GAP)}" y="${GAP + 12}" w="${CELL_W / 2}" h="${CELL_H - 24}" xsi:type="Label">`,
      );
      lines.push(`          <label xml:lang="nb">${esc(HEAT_STATUSES[s].nb)}</label>`);
      lines.push(`          <style><fillColor ${rgb(HEAT_STATUSES[s].colour)}/></style>`);
      lines.push(`        </node>`);
    });
    let y = GAP + CELL_H + 2 * GAP;
    for (const layer of LAYER_IDS) {
      const cells: { node: string; ref: string; status: HeatStatus; order: [number, string] }[] = [];
      for (const r of map.relationships) {
        if (r.type !== 'APPLIES_TO' || r.to !== service.id || r.layer !== layer || !holds(r.validFrom, r.validTo)) continue;
        const e = elementById.get(r.from);
        if (!e) continue;
        const inputs = { lifecycle: e.lifecycle, validFrom: e.validFrom ?? null, validTo: e.validTo ?? null, openChanges: openChanges.get(e.id) ?? [] };
        // An element not in force (expired, withdrawn) has no status and no cell, as on the web map.
        const status = isVisible(inputs, asOf) ? deriveStatus(inputs, asOf) : null;
        if (status === null) continue;
        cells.push({ node: `n_${service.id}_${layer}_${e.id}`, ref: e.id, status, order: [KIND_IDS.indexOf(e.kind), e.name] });
      }
      for (const g of map.gaps) {
        if (g.service !== service.id || g.layer !== layer || !holds(g.identifiedAt, g.resolvedAt)) continue;
        cells.push({ node: `n_${service.id}_${g.id}`, ref: g.id, status: 'UNMET_NEED', order: [KIND_IDS.length, g.title] });
      }
      cells.sort((a, b) => a.order[0] - b.order[0] || a.order[1].localeCompare(b.order[1], 'nb') || a.ref.localeCompare(b.ref));
      const rows = Math.max(1, Math.ceil(cells.length / COLUMNS));
      const h = 30 + rows * (CELL_H + GAP);
      lines.push(`        <node identifier="n_${service.id}_${layer}" x="${GAP}" y="${y}" w="${GROUP_W}" h="${h}" xsi:type="Container">`);
      lines.push(`          <label xml:lang="nb">${esc(LAYERS[layer].nb)}</label>`);
      cells.forEach((c, i) => {
        const cx = GAP + GAP + (i % COLUMNS) * (CELL_W + GAP);
        const cy = y + 30 + Math.floor(i / COLUMNS) * (CELL_H + GAP);
        if (!archimateType.has(c.ref)) return;
        lines.push(`          <node identifier="${c.node}" x="${cx}" y="${cy}" w="${CELL_W}" h="${CELL_H}" xsi:type="Element" elementRef="${c.ref}">`);
        lines.push(`            <style><fillColor ${rgb(HEAT_STATUSES[c.status].colour)}/></style>`);
        lines.push(`          </node>`);
      });
      lines.push(`        </node>`);
      y += h + GAP;
    }
    lines.push('      </view>');
  }
  lines.push('    </diagrams>', '  </views>');
  return services.length > 0 ? lines : [];
}

export interface ArchimateExportOptions {
  /** The date the heat-map views show (ISO); the elements and relationships do not depend on it. */
  asOf: string;
}

/** The map as an ArchiMate 3.1 exchange file (perspectives, the web's saved views, are not part of it). */
export function mapToArchimate(map: GraphMap, options: ArchimateExportOptions): string {
  const elements = [...map.elements].sort(byId);
  const gaps = [...map.gaps].sort(byId);
  const changes = [...map.changes].sort(byId);
  const events = [...map.events].sort(byId);
  const nameOf = new Map(elements.map((e) => [e.id, e.name]));
  const archimateType = new Map<string, ArchimateElementType>();
  for (const e of elements) archimateType.set(e.id, ARCHIMATE_ELEMENT_TYPES[e.kind]);
  for (const g of gaps) archimateType.set(g.id, ARCHIMATE_RECORD_TYPES.gap);
  for (const c of changes) archimateType.set(c.id, ARCHIMATE_RECORD_TYPES.change);
  for (const v of events) archimateType.set(v.id, ARCHIMATE_RECORD_TYPES.event);

  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<model xmlns="${NS}" xmlns:xsi="${XSI}" xsi:schemaLocation="${NS} http://www.opengroup.org/xsd/archimate/3.1/archimate3_Diagram.xsd" identifier="reguleringsplan">`,
    '  <name xml:lang="nb">Strategisk reguleringsplan for e-helse</name>',
    '  <documentation xml:lang="nb">Hva som regulerer digital samhandling i norsk e-helse, eksportert fra Reguleringsplan. Egenskapene (properties) bærer alt ArchiMate ikke har plass til, slik at filen kan importeres tilbake.</documentation>',
    '  <elements>',
  ];
  for (const e of elements) out.push(...conceptXml('element', e.id, ARCHIMATE_ELEMENT_TYPES[e.kind], e.name, e.description, elementProps(e)));
  for (const g of gaps) {
    out.push(
      ...conceptXml('element', g.id, ARCHIMATE_RECORD_TYPES.gap, g.title, g.description, [
        ['record', 'gap'],
        ['layer', g.layer],
        ['titleEn', g.titleEn],
        ['identifiedAt', g.identifiedAt],
        ['resolvedAt', g.resolvedAt],
        ['sources', g.sources],
        ['citationException', g.citationException],
      ]),
    );
  }
  for (const c of changes) {
    // A planned change has no title of its own: its name is derived (and ignored on import).
    out.push(
      ...conceptXml(
        'element',
        c.id,
        ARCHIMATE_RECORD_TYPES.change,
        `${c.change}: ${nameOf.get(c.element) ?? c.element}${c.due ? ` (${c.due})` : ''}`,
        c.description,
        [
          ['record', 'change'],
          ['change', c.change],
          ['due', c.due],
          ['dueText', c.dueText],
          ['completedAt', c.completedAt],
          ['sources', c.sources],
          ['citationException', c.citationException],
        ],
      ),
    );
  }
  for (const v of events) {
    out.push(
      ...conceptXml('element', v.id, ARCHIMATE_RECORD_TYPES.event, v.title, v.description, [
        ['record', 'event'],
        ['date', v.date],
        ['dateText', v.dateText],
        ['happened', v.happened],
        ['titleEn', v.titleEn],
        ['sources', v.sources],
        ['citationException', v.citationException],
      ]),
    );
  }
  out.push('  </elements>');

  const allLinks = links({ ...map, gaps, changes, events });
  const relIds: Record<string, string[]> = {};
  if (allLinks.length > 0) {
    out.push('  <relationships>');
    for (const l of allLinks) {
      const from = archimateType.get(l.from);
      const to = archimateType.get(l.to);
      if (!from || !to) continue;
      const choice = chooseRelationship(l.type, from, to);
      const [source, target] = choice.reverse ? [l.to, l.from] : [l.from, l.to];
      const directed = choice.relationship === 'Association' ? ' isDirected="true"' : '';
      out.push(`    <relationship identifier="${esc(l.id)}" source="${source}" target="${target}" xsi:type="${choice.relationship}"${directed}>`);
      out.push(...propertiesXml(l.props, '      '));
      out.push('    </relationship>');
      (relIds[l.type] ??= []).push(l.id);
    }
    out.push('  </relationships>');
  }

  // Folders: per layer (an element's first layer) and kind; the records and relationships by type.
  out.push('  <organizations>');
  const folder = (label: string, ids: readonly string[], indent: string, children: string[] = []) => {
    if (ids.length === 0 && children.length === 0) return [];
    return [
      `${indent}<item>`,
      `${indent}  <label xml:lang="nb">${esc(label)}</label>`,
      ...children,
      ...ids.map((id) => `${indent}  <item identifierRef="${id}"/>`),
      `${indent}</item>`,
    ];
  };
  for (const layer of LAYER_IDS) {
    const kinds = KIND_IDS.flatMap((k) =>
      folder(
        KINDS[k].nb,
        elements.filter((e) => e.kind === k && e.layers[0] === layer).map((e) => e.id),
        '      ',
      ),
    );
    out.push(...folder(LAYERS[layer].nb, [], '    ', kinds));
  }
  out.push(
    ...folder(
      'Udekkede behov',
      gaps.map((g) => g.id),
      '    ',
    ),
  );
  out.push(
    ...folder(
      'Planlagte endringer',
      changes.map((c) => c.id),
      '    ',
    ),
  );
  out.push(
    ...folder(
      'Hendelser',
      events.map((v) => v.id),
      '    ',
    ),
  );
  out.push(
    ...folder(
      'Relasjoner',
      [],
      '    ',
      MAP_RELATIONSHIP_TYPES.flatMap((t) => folder(t, relIds[t] ?? [], '      ')),
    ),
  );
  out.push('  </organizations>');

  out.push('  <propertyDefinitions>');
  for (const [key, type] of Object.entries(PROPERTIES)) {
    out.push(
      `    <propertyDefinition identifier="${propertyDefinitionId(key as PropertyKey)}" type="${type}">`,
      `      <name xml:lang="en">${key}</name>`,
      '    </propertyDefinition>',
    );
  }
  out.push('  </propertyDefinitions>');
  out.push(...heatMapViews(map, archimateType, options.asOf));
  out.push('</model>', '');
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Import

export class ArchimateImportError extends Error {
  constructor(readonly problems: string[]) {
    super(`the ArchiMate file has ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ArchimateImportError';
  }
}

type XmlNode = Record<string, unknown>;

/** A scalar from the parsed XML as text; anything else (a nested element where text belongs) is empty. */
function scalar(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}
const LIST_TAGS = new Set(['element', 'relationship', 'property', 'propertyDefinition', 'name', 'documentation', 'value']);

function textOf(node: unknown): string | undefined {
  if (node === undefined || node === null) return undefined;
  if (typeof node === 'string' || typeof node === 'number' || typeof node === 'boolean') return String(node);
  const t = (node as XmlNode)['#text'];
  return scalar(t);
}

/** The Norwegian text of a multilingual element (name, documentation), else the first. */
function langText(nodes: unknown): string | undefined {
  const list = (Array.isArray(nodes) ? nodes : nodes === undefined ? [] : [nodes]) as unknown[];
  const nb = list.find((n) => typeof n === 'object' && n !== null && ['nb', 'no'].includes(scalar((n as XmlNode)['@lang'])));
  return textOf(nb ?? list[0]);
}

const asList = (v: unknown): XmlNode[] => (Array.isArray(v) ? (v as XmlNode[]) : v === undefined || v === '' ? [] : [v as XmlNode]);

/** What one concept's properties say, by property name, in document order. */
function readProperties(node: XmlNode, definitions: Map<string, string>, where: string, problems: string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const props = asList((node.properties as XmlNode | undefined)?.property);
  if (props.length > MAX_PROPERTIES_PER_CONCEPT) {
    problems.push(`${where}: more than ${MAX_PROPERTIES_PER_CONCEPT} properties`);
    return out;
  }
  for (const p of props) {
    const ref = scalar(p['@propertyDefinitionRef']);
    const key = definitions.get(ref);
    if (key === undefined) {
      problems.push(`${where}: property refers to an unknown property definition "${ref}"`);
      continue;
    }
    const value = langText(p.value) ?? '';
    out.set(key, [...(out.get(key) ?? []), value]);
  }
  return out;
}

/** A sketch of a map id for an element drawn in Archi: the kind's prefix and the name's words. */
function idFromName(prefix: string, name: string, taken: Set<string>): string {
  const words =
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/æ/g, 'ae')
      .replace(/ø/g, 'o')
      .replace(/å/g, 'a')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'ny';
  let id = `${prefix}-${words}`;
  for (let n = 2; taken.has(id); n++) id = `${prefix}-${words}-${n}`;
  return id;
}

interface Concept {
  /** The identifier in the file. */
  xmlId: string;
  /** The id in the map. */
  mapId: string;
  record: 'element' | MapRecord;
  kind?: Kind;
  archimateType: string;
}

/**
 * Read an exchange file: the whole file is checked, and either the map comes back with no
 * problems or the problems come back (each naming its element or relationship) and the map is
 * not to be written.
 */
export function archimateToMap(xml: string, limits: { maxBytes?: number; maxConcepts?: number } = {}): { map: GraphMap; problems: string[] } {
  const maxBytes = limits.maxBytes ?? ARCHIMATE_MAX_BYTES;
  const maxConcepts = limits.maxConcepts ?? ARCHIMATE_MAX_CONCEPTS;
  const problems: string[] = [];
  const fail = (p: string) => ({ map: emptyMap(), problems: [...problems, p] });
  if (Buffer.byteLength(xml, 'utf8') > maxBytes) return fail(`the file is larger than ${maxBytes} bytes`);
  // No DTD, so no entity (internal or external) can be declared, expanded or fetched.
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) return fail('the file has a DOCTYPE or ENTITY declaration; DTDs are not accepted (nothing is resolved or fetched)');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) return fail(`not well-formed XML at line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg}`);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    processEntities: true,
    htmlEntities: false,
    isArray: (name) => LIST_TAGS.has(name),
  });
  const doc = parser.parse(xml) as XmlNode;
  const model = doc.model as XmlNode | undefined;
  if (!model || typeof model !== 'object') return fail('the root element is not an ArchiMate <model>');
  const xmlElements = asList((model.elements as XmlNode | undefined)?.element);
  const xmlRelationships = asList((model.relationships as XmlNode | undefined)?.relationship);
  if (xmlElements.length + xmlRelationships.length > maxConcepts) return fail(`more than ${maxConcepts} elements and relationships`);

  const definitions = new Map<string, string>();
  for (const d of asList((model.propertyDefinitions as XmlNode | undefined)?.propertyDefinition)) {
    definitions.set(scalar(d['@identifier']), langText(d.name) ?? '');
  }

  const map = emptyMap();
  const concepts = new Map<string, Concept>();
  const takenIds = new Set<string>();
  const pending: { node: XmlNode; xmlId: string; props: Map<string, string[]> }[] = [];
  // First pass: identifiers, records and kinds, so ids of new elements cannot clash with kept ones.
  for (const node of xmlElements) {
    const xmlId = scalar(node['@identifier']);
    const type = scalar(node['@type']);
    const where = `element ${xmlId}`;
    const props = readProperties(node, definitions, where, problems);
    const record = props.get('record')?.[0];
    if (record !== undefined && !(record in ARCHIMATE_RECORD_TYPES)) {
      problems.push(`${where}: record "${record}" is not one of ${Object.keys(ARCHIMATE_RECORD_TYPES).join(', ')}`);
      continue;
    }
    if (record !== undefined) {
      const expected = ARCHIMATE_RECORD_TYPES[record as MapRecord];
      if (type !== expected) problems.push(`${where}: a ${record} is a ${expected}, not a ${type}`);
      concepts.set(xmlId, { xmlId, mapId: xmlId, record: record as MapRecord, archimateType: type });
      takenIds.add(xmlId);
      pending.push({ node, xmlId, props });
      continue;
    }
    const kindProp = props.get('kind')?.[0];
    const kind = kindProp !== undefined ? ((KIND_IDS as readonly string[]).includes(kindProp) ? (kindProp as Kind) : undefined) : kindForArchimateType(type);
    if (kind === undefined) {
      problems.push(
        kindProp !== undefined
          ? `${where}: kind "${kindProp}" is not one of ${KIND_IDS.join(', ')}`
          : `${where}: ArchiMate type ${type || '(none)'} has no kind in this map (mapped types: ${[...new Set(Object.values(ARCHIMATE_ELEMENT_TYPES))].join(', ')})`,
      );
      continue;
    }
    if (ARCHIMATE_ELEMENT_TYPES[kind] !== type)
      problems.push(`${where}: kind ${kind} is exported as ${ARCHIMATE_ELEMENT_TYPES[kind]}, but the element is a ${type}`);
    const keep = idSchema.safeParse(xmlId).success && xmlId.startsWith(`${KINDS[kind].idPrefix}-`);
    concepts.set(xmlId, { xmlId, mapId: keep ? xmlId : '', record: 'element', kind, archimateType: type });
    if (keep) takenIds.add(xmlId);
    pending.push({ node, xmlId, props });
  }
  // Elements drawn in Archi get an id from their kind and name.
  for (const { node, xmlId } of pending) {
    const c = concepts.get(xmlId)!;
    if (c.mapId === '' && c.kind) {
      c.mapId = idFromName(KINDS[c.kind].idPrefix, langText(node.name) ?? '', takenIds);
      takenIds.add(c.mapId);
    }
  }

  const one = (props: Map<string, string[]>, key: string) => props.get(key)?.[0];
  const all = (props: Map<string, string[]>, key: string) => props.get(key) ?? [];
  const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
  const parseJsonList = (values: string[], where: string, key: string) =>
    values.map((v) => {
      try {
        return JSON.parse(v) as unknown;
      } catch {
        problems.push(`${where}.${key}: "${v}" is not JSON`);
        return {};
      }
    });
  const validate = <T>(
    schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: Parameters<typeof formatZodIssues>[0] } },
    raw: unknown,
    where: string,
  ): T | undefined => {
    const r = schema.safeParse(raw);
    if (r.success) return r.data;
    for (const line of formatZodIssues(r.error)) problems.push(`${where}: ${line}`);
    return undefined;
  };
  const gaps = new Map<string, Omit<GapInput, 'service'> & { service?: string }>();
  const changes = new Map<string, Record<string, unknown>>();
  const events = new Map<string, Record<string, unknown> & { elements: string[] }>();

  for (const { node, xmlId, props } of pending) {
    const c = concepts.get(xmlId)!;
    const name = langText(node.name);
    const documentation = langText(node.documentation);
    const where = `element ${xmlId}${name ? ` ("${name}")` : ''}`;
    if (c.record === 'element') {
      const raw = {
        id: c.mapId,
        kind: c.kind,
        name,
        nameEn: one(props, 'nameEn') ?? name,
        layers: props.has('layers') ? all(props, 'layers') : c.kind ? [...KINDS[c.kind].layers] : [],
        description: documentation,
        descriptionEn: one(props, 'descriptionEn'),
        lifecycle: one(props, 'lifecycle'),
        normativeLevel: one(props, 'normativeLevel'),
        statusDate: one(props, 'statusDate'),
        validFrom: one(props, 'validFrom'),
        validTo: one(props, 'validTo'),
        identifiers: all(props, 'identifiers'),
        aliases: all(props, 'aliases'),
        sources: all(props, 'sources'),
        lifecycleSources: all(props, 'lifecycleSources'),
        normativeLevelSources: all(props, 'normativeLevelSources'),
        citationExceptions: parseJsonList(all(props, 'citationExceptions'), where, 'citationExceptions'),
        notes: all(props, 'notes'),
        rank: num(one(props, 'rank')),
        score: num(one(props, 'score')),
        scores: parseJsonList(all(props, 'scores'), where, 'scores'),
      };
      const e = validate<ElementInput>(elementInputSchema, raw, where);
      if (e) map.elements.push(e);
    } else if (c.record === 'gap') {
      gaps.set(xmlId, {
        id: xmlId,
        layer: one(props, 'layer') as Layer,
        title: name ?? '',
        titleEn: one(props, 'titleEn'),
        description: documentation ?? '',
        identifiedAt: one(props, 'identifiedAt'),
        resolvedAt: one(props, 'resolvedAt'),
        sources: all(props, 'sources'),
        citationException: one(props, 'citationException'),
      });
    } else if (c.record === 'change') {
      changes.set(xmlId, {
        id: xmlId,
        change: one(props, 'change'),
        due: one(props, 'due'),
        dueText: one(props, 'dueText'),
        description: documentation,
        completedAt: one(props, 'completedAt'),
        sources: all(props, 'sources'),
        citationException: one(props, 'citationException'),
      });
    } else {
      const happened = one(props, 'happened');
      events.set(xmlId, {
        id: xmlId,
        date: one(props, 'date'),
        dateText: one(props, 'dateText'),
        happened: happened === 'true' ? true : happened === 'false' ? false : happened,
        title: name,
        titleEn: one(props, 'titleEn'),
        description: documentation,
        elements: [],
        sources: all(props, 'sources'),
        citationException: one(props, 'citationException'),
      });
    }
  }

  for (const node of xmlRelationships) {
    const xmlId = scalar(node['@identifier']);
    const where = `relationship ${xmlId}`;
    const rel = scalar(node['@type']);
    const s = concepts.get(scalar(node['@source']));
    const t = concepts.get(scalar(node['@target']));
    if (!s || !t) {
      problems.push(`${where}: its ${!s ? `source "${scalar(node['@source'])}"` : `target "${scalar(node['@target'])}"`} is not an element of the map`);
      continue;
    }
    const props = readProperties(node, definitions, where, problems);
    const typeProp = one(props, 'type');
    const candidates = typeProp !== undefined ? [typeProp] : MAP_RELATIONSHIP_TYPES;
    if (typeProp !== undefined && !(MAP_RELATIONSHIP_TYPES as readonly string[]).includes(typeProp)) {
      problems.push(`${where}: type "${typeProp}" is not one of ${MAP_RELATIONSHIP_TYPES.join(', ')}`);
      continue;
    }
    // Which map relationships, in which direction, this ArchiMate relationship can be.
    const readings: { type: RelationshipType | RecordLink; from: Concept; to: Concept }[] = [];
    for (const type of candidates as (RelationshipType | RecordLink)[]) {
      for (const [from, to, reverse] of [
        [s, t, false],
        [t, s, true],
      ] as const) {
        const choice = chooseRelationship(type, from.archimateType as ArchimateElementType, to.archimateType as ArchimateElementType);
        if (choice.relationship !== rel || choice.reverse !== reverse) continue;
        if (!fits(type, from, to)) continue;
        readings.push({ type, from, to });
      }
    }
    if (readings.length !== 1) {
      const between = `${s.record === 'element' ? s.kind : s.record} and ${t.record === 'element' ? t.kind : t.record}`;
      problems.push(
        readings.length === 0
          ? `${where}: a ${rel}${typeProp ? ` with type ${typeProp}` : ''} between ${between} is no relationship of this map`
          : `${where}: a ${rel} between ${between} could be ${readings.map((r) => r.type).join(' or ')}; give it a "type" property`,
      );
      continue;
    }
    const { type, from, to } = readings[0]!;
    if ((RECORD_LINKS as readonly string[]).includes(type)) {
      if (type === 'GAP_IN') {
        const g = gaps.get(from.xmlId)!;
        if (g.service !== undefined) problems.push(`${where}: gap ${from.xmlId} is already in ${g.service}`);
        g.service = to.mapId;
      } else if (type === 'CONCERNS') {
        events.get(from.xmlId)!.elements.push(to.mapId);
      } else {
        const key = type === 'CHANGES' ? 'element' : type === 'UNDER_MEASURE' ? 'measure' : 'replacement';
        const change = changes.get(from.xmlId)!;
        if (change[key] !== undefined) problems.push(`${where}: change ${from.xmlId} already has its ${key} (${scalar(change[key])})`);
        change[key] = to.mapId;
      }
      continue;
    }
    const raw = {
      from: from.mapId,
      type,
      to: to.mapId,
      layer: one(props, 'layer'),
      validFrom: one(props, 'validFrom'),
      validTo: one(props, 'validTo'),
      sources: all(props, 'sources'),
      note: one(props, 'note'),
      citationException: one(props, 'citationException'),
    };
    const r = validate<RelationshipInput>(relationshipInputSchema, raw, where);
    if (r) map.relationships.push(r);
  }

  for (const [id, g] of gaps) {
    const v = validate<GapInput>(gapInputSchema, g, `element ${id}`);
    if (v) map.gaps.push(v);
  }
  for (const [id, c] of changes) {
    const v = validate<ChangeInput>(changeInputSchema, c, `element ${id}`);
    if (v) map.changes.push(v);
  }
  for (const [id, e] of events) {
    const v = validate<EventInput>(eventInputSchema, e, `element ${id}`);
    if (v) map.events.push(v);
  }
  if (problems.length === 0) problems.push(...checkMap(map));
  return { map: problems.length === 0 ? map : emptyMap(), problems };
}

/** Whether a map relationship (or record reference) of `type` can join these two concepts. */
function fits(type: RelationshipType | RecordLink, from: Concept, to: Concept): boolean {
  switch (type) {
    case 'GAP_IN':
      return from.record === 'gap' && to.kind === 'INFORMATION_SERVICE';
    case 'CHANGES':
    case 'REPLACED_BY':
      return from.record === 'change' && to.record === 'element';
    case 'UNDER_MEASURE':
      return from.record === 'change' && to.kind === 'MEASURE';
    case 'CONCERNS':
      return from.record === 'event' && to.record === 'element';
    default:
      return from.kind !== undefined && to.kind !== undefined && relationshipAllowed(type, from.kind, to.kind) && RELATIONSHIPS[type] !== undefined;
  }
}
