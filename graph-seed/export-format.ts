/** Export formats: JSON (the whole map, lossless, re-importable), CSV (for spreadsheets), ArchiMate (store/archimate.ts) and Excel (store/xlsx.ts). */
import { toCsv } from './csv';
import type { GraphMap } from '../schema/map';

export const EXPORT_FORMATS = ['json', 'csv', 'archimate', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function mapToJson(map: GraphMap): string {
  return `${JSON.stringify(map, null, 2)}\n`;
}

/** One CSV file per section, by file name. Lists are joined with "; ". */
export function mapToCsv(map: GraphMap): Record<string, string> {
  return {
    'elements.csv': toCsv(
      [
        'id',
        'kind',
        'name',
        'nameEn',
        'aliases',
        'layers',
        'lifecycle',
        'lifecycleSources',
        'normativeLevel',
        'normativeLevelSources',
        'statusDate',
        'validFrom',
        'validTo',
        'identifiers',
        'sources',
        'notes',
        'rank',
        'score',
        'description',
      ],
      map.elements.map((e) => [
        e.id,
        e.kind,
        e.name,
        e.nameEn,
        e.aliases,
        e.layers,
        e.lifecycle,
        e.lifecycleSources,
        e.normativeLevel,
        e.normativeLevelSources,
        e.statusDate,
        e.validFrom,
        e.validTo,
        e.identifiers,
        e.sources,
        e.notes,
        e.rank,
        e.score,
        e.description,
      ]),
    ),
    'relationships.csv': toCsv(
      ['from', 'type', 'to', 'layer', 'validFrom', 'validTo', 'sources', 'note'],
      map.relationships.map((r) => [r.from, r.type, r.to, r.layer, r.validFrom, r.validTo, r.sources, r.note]),
    ),
    'gaps.csv': toCsv(
      ['id', 'service', 'layer', 'title', 'identifiedAt', 'resolvedAt', 'sources', 'description'],
      map.gaps.map((g) => [g.id, g.service, g.layer, g.title, g.identifiedAt, g.resolvedAt, g.sources, g.description]),
    ),
    'changes.csv': toCsv(
      ['id', 'element', 'change', 'due', 'dueText', 'measure', 'replacement', 'completedAt', 'sources', 'description'],
      map.changes.map((c) => [c.id, c.element, c.change, c.due, c.dueText, c.measure, c.replacement, c.completedAt, c.sources, c.description]),
    ),
    'events.csv': toCsv(
      ['id', 'date', 'dateText', 'happened', 'title', 'titleEn', 'elements', 'sources', 'description'],
      map.events.map((e) => [e.id, e.date, e.dateText, e.happened ? 'ja' : 'nei', e.title, e.titleEn, e.elements, e.sources, e.description]),
    ),
  };
}
