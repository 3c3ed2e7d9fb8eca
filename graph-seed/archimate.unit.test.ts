/**
 * The ArchiMate exchange file, without a database: valid against The Open Group's XSDs (xmllint,
 * offline), only relationships the ArchiMate rules allow, lossless (the seed map comes back field
 * for field), a file edited in Archi is read, hostile files are refused. The round trip through the
 * command line and a database is graph-seed/archimate.test.ts.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { archimateAllows, ARCHIMATE_ELEMENT_TYPES, type ArchimateElementType, type ArchimateRelationshipType } from '../schema/archimate';
import { archimateToMap, mapToArchimate } from '../store/archimate';
import { readSeedDirectory } from '../store/map-files';
import { canonical, xmllint } from '../test/interop-support';

const dir = mkdtempSync(join(tmpdir(), 'reguleringsplan-archimate-'));
const AS_OF = '2026-12-01';

const seed = readSeedDirectory();
const xml = mapToArchimate(seed, { asOf: AS_OF });

describe('ArchiMate export', () => {
  it('validates against the ArchiMate 3.1 exchange-format XSDs', () => {
    const file = join(dir, 'seed.xml');
    writeFileSync(file, xml);
    const result = xmllint(file);
    expect(result.output).toContain('validates');
    expect(result.ok).toBe(true);
  });

  it('gives every element its mapped type and draws only relationships the ArchiMate rules allow', () => {
    const typeOf = new Map<string, string>();
    for (const m of xml.matchAll(/<element identifier="([^"]+)" xsi:type="(\w+)">/g)) typeOf.set(m[1]!, m[2]!);
    expect(typeOf.get('lov-pasientjournalloven')).toBe('Constraint');
    for (const e of seed.elements) expect(typeOf.get(e.id)).toBe(ARCHIMATE_ELEMENT_TYPES[e.kind]);
    const rels = [...xml.matchAll(/<relationship identifier="[^"]+" source="([^"]+)" target="([^"]+)" xsi:type="(\w+)"/g)];
    expect(rels.length).toBeGreaterThan(seed.relationships.length);
    const used = new Set<string>();
    for (const [, s, t, rel] of rels) {
      used.add(rel!);
      expect(
        archimateAllows(rel as ArchimateRelationshipType, typeOf.get(s!) as ArchimateElementType, typeOf.get(t!) as ArchimateElementType),
        `${rel} ${s} → ${t}`,
      ).toBe(true);
    }
    // More than associations: the map's structure shows in Archi.
    expect([...used].sort()).toEqual(expect.arrayContaining(['Aggregation', 'Assignment', 'Association', 'Realization', 'Serving']));
  });

  it('draws one heat-map view per information service, cells filled with their status colour', () => {
    const services = seed.elements.filter((e) => e.kind === 'INFORMATION_SERVICE');
    expect((xml.match(/xsi:type="Diagram"/g) ?? []).length).toBe(services.length);
    const view = xml.slice(xml.indexOf('<view identifier="view_tjeneste-journaldokumenter"'));
    const body = view.slice(0, view.indexOf('</view>'));
    expect(body).toContain('Varmekart: ');
    for (const layer of ['LEGAL', 'ORGANISATIONAL', 'SEMANTIC', 'TECHNICAL']) expect(body).toContain(`identifier="n_tjeneste-journaldokumenter_${layer}"`);
    // Exists is green (#3a8a4f) in the legend and on at least one cell.
    expect((body.match(/<fillColor r="58" g="138" b="79"\/>/g) ?? []).length).toBeGreaterThan(1);
    expect(body).toContain('Status per 2026-12-01');
  });

  it('is lossless: reading the file gives back every element, relationship, gap, planned change and event', () => {
    const { map, problems } = archimateToMap(xml);
    expect(problems).toEqual([]);
    expect(canonical(map)).toEqual(canonical(seed));
    expect(mapToArchimate(map, { asOf: AS_OF })).toBe(xml);
  });
});

describe('ArchiMate import', () => {
  it('reads a file edited in Archi: a renamed element, a new element and a new relationship without properties', () => {
    const edited = xml
      .replace(/(<element identifier="lov-pasientjournalloven" xsi:type="Constraint">\s*<name xml:lang="nb">)[^<]*/, '$1Pasientjournalloven (omdøpt)')
      .replace(
        '  </elements>',
        [
          '    <element identifier="id-4b1f0c2a9e" xsi:type="Constraint">',
          '      <name xml:lang="nb">Forskrift om ny løsning</name>',
          '      <documentation xml:lang="nb">Tegnet i Archi.</documentation>',
          '      <properties><property propertyDefinitionRef="propdef_sources"><value>https://lovdata.no/forskrift</value></property></properties>',
          '    </element>',
          '    <element identifier="id-77aa" xsi:type="ApplicationComponent">',
          '      <name xml:lang="nb">Ny nasjonal løsning</name>',
          '      <documentation xml:lang="nb">Også tegnet i Archi.</documentation>',
          '      <properties><property propertyDefinitionRef="propdef_sources"><value>https://www.ehelse.no/ny</value></property></properties>',
          '    </element>',
          '  </elements>',
        ].join('\n'),
      )
      .replace(
        '  </relationships>',
        '    <relationship identifier="id-rel1" source="id-77aa" target="tjeneste-journaldokumenter" xsi:type="Realization"/>\n  </relationships>',
      );
    const { map, problems } = archimateToMap(edited);
    expect(problems).toEqual([]);
    expect(map.elements.find((e) => e.id === 'lov-pasientjournalloven')?.name).toBe('Pasientjournalloven (omdøpt)');
    const law = map.elements.find((e) => e.id === 'lov-forskrift-om-ny-losning');
    expect(law).toMatchObject({ kind: 'LAW', layers: ['LEGAL'], lifecycle: 'ACTIVE', sources: ['https://lovdata.no/forskrift'] });
    expect(map.elements.find((e) => e.id === 'losning-ny-nasjonal-losning')?.kind).toBe('NATIONAL_SOLUTION');
    expect(map.relationships).toContainEqual(
      expect.objectContaining({ from: 'losning-ny-nasjonal-losning', type: 'REALIZES', to: 'tjeneste-journaldokumenter' }),
    );
  });

  it('reports every problem with the identifier it concerns, and returns no map', () => {
    const broken = xml
      .replace(
        '  </elements>',
        '    <element identifier="id-nosource" xsi:type="Requirement"><name xml:lang="nb">Uten kilde</name><documentation>Mangler kilde.</documentation></element>\n    <element identifier="id-goal" xsi:type="Goal"><name>Et mål</name></element>\n  </elements>',
      )
      .replace(
        '  </relationships>',
        '    <relationship identifier="id-assoc" source="id-nosource" target="tjeneste-journaldokumenter" xsi:type="Association"/>\n    <relationship identifier="id-dangling" source="id-finnes-ikke" target="tjeneste-journaldokumenter" xsi:type="Association"/>\n  </relationships>',
      );
    const { map, problems } = archimateToMap(broken);
    expect(map.elements).toEqual([]);
    expect(problems).toContainEqual('element id-nosource ("Uten kilde"): sources: every element needs at least one source');
    expect(problems).toContainEqual(expect.stringMatching(/^element id-goal: ArchiMate type Goal has no kind in this map/));
    expect(problems).toContainEqual(
      expect.stringMatching(
        /^relationship id-assoc: a Association between REQUIREMENT and INFORMATION_SERVICE could be APPLIES_TO or .*give it a "type" property/,
      ),
    );
    expect(problems).toContainEqual('relationship id-dangling: its source "id-finnes-ikke" is not an element of the map');
  });

  it('refuses DTDs and entities (XXE, billion laughs) without resolving anything', () => {
    const xxe = `<?xml version="1.0"?>\n<!DOCTYPE model [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<model xmlns="http://www.opengroup.org/xsd/archimate/3.0/" identifier="m"><name>&xxe;</name></model>`;
    const laughs = `<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>\n<model><name>&lol2;</name></model>`;
    for (const text of [xxe, laughs]) {
      const { map, problems } = archimateToMap(text);
      expect(problems).toEqual([expect.stringContaining('DTDs are not accepted')]);
      expect(map.elements).toEqual([]);
    }
  });

  it('refuses files that are not well-formed, not ArchiMate, too large or with too many concepts', () => {
    expect(archimateToMap('<model><elements></model>').problems[0]).toMatch(/^not well-formed XML at line 1/);
    expect(archimateToMap('<kart/>').problems).toEqual(['the root element is not an ArchiMate <model>']);
    expect(archimateToMap(xml, { maxBytes: 1000 }).problems).toEqual(['the file is larger than 1000 bytes']);
    expect(archimateToMap(xml, { maxConcepts: 10 }).problems).toEqual(['more than 10 elements and relationships']);
  });
});
