/**
 * The real map in Neo4j says what the source documents say: the Journaldokumenter heat-map rows of
 * slide 113, the 7 work processes with their information services, the measures as ranked, and a
 * source behind every element and relationship. (Global setup has loaded graph-seed/data.)
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../store/database';
import { testDriver } from '../test/neo4j-provider';

let db: Database;
beforeAll(() => {
  const { driver, database } = testDriver();
  db = new Database(driver, database);
});
afterAll(async () => {
  await db.driver.close();
});

const SOURCE_003 = readFileSync(new URL('./sources/003_bc528292a39bd4db.txt', import.meta.url), 'utf8').split('\n');

describe('the Journaldokumenter heat map (003, slide 113)', () => {
  /** The rows as the team read the slide; the comment at the top of 20-journaldokumenter.yaml says why. */
  const ROWS: Record<string, string[]> = {
    LEGAL: [
      'lov-pasientjournalloven',
      'lov-helsepersonelloven',
      'lov-personopplysningsloven',
      'lov-pasient-og-brukerrettighetsloven',
      'lov-pasientjournalforskriften',
      'lov-forskrift-om-standarder-og-nasjonale-e-helselosninger',
      'lov-kjernejournalforskriften',
      'avtale-bruksvilkar-nasjonal-kjernejournal',
      'avtale-spesielle-bruksvilkar-kjernejournal-dokumentdeling',
    ],
    ORGANISATIONAL: [
      'krav-forretningsmessige-arkitekturprinsipper-dokumentdeling',
      'krav-felles-tilgangsregler-datadeling-og-dokumentdeling',
      'krav-krav-og-retningslinjer-felles-tillitsmodell',
      'krav-retningslinjer-logging-data-og-dokumentdeling',
      'krav-logging-og-etterkontroll',
      'krav-overordnede-arkitekturprinsipper-offentlig-sektor',
      'krav-anbefaling-tillitsmodell-data-og-dokumentdeling',
      'veiledning-normen-faktaark-15',
      'veiledning-normen-faktaark-25',
      'veiledning-normen-faktaark-14',
      'veiledning-normen-faktaark-20c',
      'veiledning-normen-faktaark-24',
    ],
    SEMANTIC: [
      'infomodell-metadata-dokumentdeling',
      'krav-informasjons-og-sikkerhetsprinsipper-dokumentdeling',
      'kodeverk-dokumenttyper',
      'kodeverk-sperring-og-nekting',
      'krav-retningslinjer-logging-data-og-dokumentdeling',
      'krav-sikkerhetsbillett-deling-av-helseopplysninger',
      'standard-ig-norsk-bruk-ihe-xds-xca-xua',
    ],
    TECHNICAL: [
      'krav-tekniske-arkitekturprinsipper-dokumentdeling',
      'standard-ihe-xds',
      'standard-ihe-xca',
      'standard-ihe-xua',
      'standard-ihe-mhd',
      'standard-ig-norsk-bruk-ihe-xds-xca-xua',
      'krav-sikkerhetsbillett-deling-av-helseopplysninger',
      'veiledning-normen-faktaark-15',
      'veiledning-normen-faktaark-25',
      'veiledning-normen-faktaark-14',
      'veiledning-normen-faktaark-20c',
      'veiledning-normen-faktaark-24',
    ],
  };

  it('has every element of the slide on its row or rows, and nothing else', async () => {
    const rows = await db.read(
      `MATCH (e:Element)-[a:APPLIES_TO]->(:InformationService {id: 'tjeneste-journaldokumenter'})
       RETURN a.layer AS layer, collect(e.id) AS ids`,
    );
    const actual = Object.fromEntries(rows.map((r) => [String(r.layer), (r.ids as string[]).slice().sort()]));
    const expected = Object.fromEntries(Object.entries(ROWS).map(([layer, ids]) => [layer, ids.slice().sort()]));
    expect(actual).toEqual(expected);
  });

  it('cites, for each cell, lines of the slide that carry the element’s name', async () => {
    const rows = await db.read(
      `MATCH (e:Element)-[a:APPLIES_TO]->(:InformationService {id: 'tjeneste-journaldokumenter'})
       RETURN e.id AS id, e.name AS name, a.sources AS sources`,
    );
    expect(rows.length).toBe(40);
    for (const row of rows) {
      const refs = row.sources as string[];
      // The first word of the name (de-hyphenated as the slide breaks words) is on some cited range of the
      // slide; another range may be the slide's title, which names the service.
      const word = String(row.name)
        .replace(/^Normen – /, '')
        .split(/[\s(–-]+/)[0]!
        .toLowerCase();
      const onSlide = refs.some((ref) => {
        const [doc = '', range = ''] = ref.split(':');
        const [from = 0, to = from] = range.split('-').map(Number);
        if (!doc.startsWith('003_') || from < 2460 || to > 2660) return false;
        return SOURCE_003.slice(from - 1, to)
          .join(' ')
          .replace(/-\s*/g, '')
          .toLowerCase()
          .includes(word);
      });
      expect(onSlide, `${String(row.id)} (${refs.join(', ')})`).toBe(true);
    }
  });
});

describe('the landscape (003, lines 2422–2445 and 3059–3176)', () => {
  it('has the 7 work processes with all their information services', async () => {
    const rows = await db.read(
      `MATCH (p:WorkProcess)
       OPTIONAL MATCH (s:InformationService)-[:PART_OF]->(p)
       RETURN p.id AS process, count(s) AS services ORDER BY process`,
    );
    expect(Object.fromEntries(rows.map((r) => [String(r.process), Number(r.services)]))).toEqual({
      'prosess-anmode-om-eller-bestille-tjenester': 4,
      'prosess-arrangere-og-delta-i-moter': 3,
      'prosess-gjore-oppslag-i-tidligere-journalopplysninger': 4,
      'prosess-innhente-innbyggers-opplysninger': 3,
      'prosess-rapportere-egen-aktivitet': 2,
      'prosess-skaffe-oversikt-over-innbyggers-tilstand': 8,
      'prosess-sla-opp-i-generelle-informasjonskilder': 2,
    });
    const [lookup] = await db.read(
      `MATCH (s:InformationService)-[:PART_OF]->(:WorkProcess {id: 'prosess-gjore-oppslag-i-tidligere-journalopplysninger'})
       RETURN collect(s.name) AS names`,
    );
    expect((lookup?.names as string[]).sort()).toEqual([
      'Journaldokumenter',
      'Kliniske bakgrunnsopplysninger',
      'Multimedia og MTU-målinger',
      'Undersøkelser, målinger og funn',
    ]);
  });

  it('places every service in exactly one work process', async () => {
    const rows = await db.read('MATCH (s:InformationService) RETURN s.id AS id, COUNT { (s)-[:PART_OF]->(:WorkProcess) } AS n');
    expect(rows.length).toBe(26);
    for (const r of rows) expect(Number(r.n), String(r.id)).toBe(1);
  });
});

describe('sources and measures', () => {
  it('has a source on every element and every relationship', async () => {
    const [row] = await db.read(
      `CALL () { MATCH (e:Element) WHERE size(coalesce(e.sources, [])) = 0 RETURN collect(e.id) AS elements }
       CALL () { MATCH (a:Element)-[r]->(b:Element) WHERE size(coalesce(r.sources, [])) = 0 RETURN collect(a.id + ' ' + type(r) + ' ' + b.id) AS rels }
       CALL () { MATCH (:Element)-[r]->(:Element) RETURN count(r) AS total }
       RETURN elements, rels, total`,
    );
    expect(row?.elements).toEqual([]);
    expect(row?.rels).toEqual([]);
    expect(Number(row?.total)).toBeGreaterThan(200);
  });

  it('ranks the national measures as the prioritisation spreadsheet does (001, lines 12–34)', async () => {
    const rows = await db.read('MATCH (m:Measure) WHERE m.rank IS NOT NULL RETURN m.name AS name, m.score AS score ORDER BY m.rank');
    expect(rows.map((r) => [r.name, r.score])).toEqual([
      ['Pasientens legemiddelliste (PLL)', 22.8],
      ['Dokumentdeling i spesialisthelsetjenesten', 20.8],
      ['Kritisk info i spesialisthelsetjenesten', 19.8],
      ['Kritisk info hos fastleger og avtalespesialister', 19.1],
      ['Kritisk info i kommunal helse- og omsorgstjeneste', 18.3],
      ['Digitale behandlings- og egenbehandlingsplaner (DBEP)', 18.2],
      ['Dokumentdeling i legevakt/ØHD', 18.2],
      ['Generisk datadelingstjeneste', 15.8],
      ['Dokumentdeling fastleger', 15.2],
      ['Dokumentdeling andre kommunale helse- og omsorgstjeneste', 14.8],
      ['Kritisk info hos andre helseaktører', 13.0],
    ]);
  });
});
