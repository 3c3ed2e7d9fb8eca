/** User-interface strings in Norwegian bokmål (default) and English; data labels come from the API in both. */
import { formatPartialDate } from '../../schema/dates';

export type Lang = 'nb' | 'en';

const nb = {
  appTitle: 'Reguleringsplan for e-helse',
  appSubtitle: 'Hva regulerer samhandling i helse- og omsorgssektoren',
  skipToContent: 'Hopp til innholdet',
  navLandscape: 'Landskap',
  navHeatMap: 'Varmekart',
  navVendors: 'Leverandører',
  switchLanguage: 'English',
  switchLanguageLabel: 'Switch to English',
  searchLabel: 'Søk i kartet',
  searchPlaceholder: 'Søk etter lov, standard, tjeneste …',
  searchButton: 'Søk',
  searchResults: 'Søkeresultater for «{q}»',
  searchNone: 'Ingen treff for «{q}».',
  searchPrompt: 'Skriv minst to tegn for å søke.',
  loading: 'Laster …',
  retry: 'Prøv igjen',
  landscapeTitle: 'Landskapet: arbeidsprosesser og informasjonstjenester',
  landscapeIntro: 'Sju arbeidsprosesser med informasjonstjenestene som støtter dem. Velg en tjeneste for å se varmekartet.',
  actorTypes: 'Aktørtyper',
  services: 'Informasjonstjenester',
  noServices: 'Ingen informasjonstjenester registrert ennå.',
  openHeatMap: 'Åpne varmekart for {name}',
  heatMapOf: 'Varmekart: {name}',
  asOf: 'Per dato',
  perspective: 'Perspektiv',
  allPerspective: 'Alt (ingen filter)',
  legend: 'Tegnforklaring',
  legendTotal: 'Totalt {n}',
  normativeLevel: 'Normeringsnivå',
  notNormative: 'Ikke angitt',
  listView: 'Elementene som liste',
  chooseService: 'Velg en informasjonstjeneste i landskapet for å se varmekartet.',
  emptyLayer: 'Ingen elementer',
  exportPng: 'Last ned PNG',
  exportSvg: 'Last ned SVG',
  exportCsv: 'Normer som CSV',
  exported: 'Lastet ned {file}.',
  close: 'Lukk',
  elementPanel: 'Detaljer om element',
  kind: 'Type',
  layers: 'Lag',
  lifecycle: 'Livsløp',
  status: 'Status',
  why: 'Hvorfor i kartet',
  whyText: '{rel} {service} på laget {layer}',
  identifiers: 'Identifikatorer',
  plannedChanges: 'Planlagte endringer',
  noPlannedChanges: 'Ingen planlagte endringer.',
  due: 'frist {date}',
  sources: 'Kilder',
  lines: 'linje {from}–{to}',
  publicSource: 'Offentlig kilde (utenfor de fem dokumentene)',
  noDate: 'ingen dato oppgitt',
  aliases: 'Også kalt',
  events: 'Hendelser',
  eventPlanned: 'planlagt',
  lifecycleFrom: 'Livssyklus fra',
  levelFrom: 'Normeringsnivå fra',
  noNormsRecorded: 'Kildene oppgir ennå ingen normer for denne tjenesten.',
  noNormsHowToAdd: 'En analytiker kan legge til en norm fra panelet til et element (eller med mutasjonen link).',
  notes: 'Merknader',
  relationships: 'Relasjoner',
  neighbourhood: 'Nabolag',
  neighbourhoodLabel: 'Nabolagsgraf for {name}: {n} direkte naboer. Relasjonene og påvirkningen står som tekst under.',
  neighbourhoodHelp: 'Farge viser status. Klikk et element for å åpne det.',
  impact: 'Påvirker (impact)',
  impactHelp: 'Elementer som avhenger av dette, inntil to steg unna.',
  noImpact: 'Ingen andre elementer avhenger av dette.',
  distance: '{n} steg',
  impactMore: 'Vis alle {n}',
  affected: 'Avhenger av elementet',
  description: 'Beskrivelse',
  gap: 'Udekket behov',
  identifiedAt: 'Registrert',
  vendorsTitle: 'Leverandørenes visning: standarder og kodeverk per lag',
  vendorsIntro: 'Standarder, kodeverk og grensesnitt, hvilke informasjonstjenester som bruker dem og kommende endringer.',
  layerFilter: 'Lag',
  allLayers: 'Alle lag',
  tableView: 'Tabell',
  graphView: 'Graf',
  colName: 'Navn',
  colKind: 'Type',
  colStatus: 'Status',
  colLevel: 'Normeringsnivå',
  colServices: 'Brukes av',
  colChanges: 'Kommende endringer',
  noStandards: 'Ingen standarder å vise.',
  signIn: 'Logg inn som analytiker',
  signOut: 'Logg ut',
  signedInAs: 'Innlogget: {name} ({role})',
  tokenLabel: 'Tilgangsnøkkel (bearer token)',
  tokenHelp: 'Nøkkelen lages med «npm run token -- create --role analyst --name …» og lagres bare i denne fanen.',
  signInButton: 'Logg inn',
  cancel: 'Avbryt',
  save: 'Lagre',
  markGap: 'Marker udekket behov',
  markGapDone: 'Det udekkede behovet «{title}» er registrert.',
  planChange: 'Planlegg endring',
  planChangeDone: 'Endringen er planlagt.',
  savePerspective: 'Lagre perspektiv',
  savePerspectiveDone: 'Perspektivet «{name}» er lagret.',
  fieldLayer: 'Lag',
  fieldTitle: 'Tittel (bokmål)',
  fieldTitleEn: 'Tittel (engelsk, valgfritt)',
  fieldDescription: 'Beskrivelse',
  fieldSources: 'Kilder (dokument:fra-til, én per linje, valgfritt)',
  fieldChange: 'Type endring',
  fieldDue: 'Frist',
  fieldMeasure: 'Tiltak (id, valgfritt)',
  fieldReplacement: 'Erstattes av (id, valgfritt)',
  fieldId: 'Id',
  fieldName: 'Navn (bokmål)',
  fieldNameEn: 'Navn (engelsk, valgfritt)',
  fieldLayers: 'Lag som vises',
  fieldStatuses: 'Statuser som vises',
  fieldServices: 'Tjenester (id-er, komma-separert, valgfritt)',
  required: 'Må fylles ut.',
  errNetwork: 'Fikk ikke kontakt med tjenesten. Sjekk nettverket og prøv igjen.',
  errServer: 'Tjenesten svarte med en feil ({status}). Prøv igjen om litt.',
  errNotFound: 'Fant ikke det du ba om: {detail}',
  errUnauthenticated: 'Du må logge inn som analytiker for å gjøre dette. Tilgangsnøkkelen mangler eller er ugyldig.',
  errForbidden: 'Tilgangsnøkkelen din gir ikke lov til dette.',
  errInput: 'Noe i skjemaet er ikke gyldig: {detail}',
  errConflict: 'Noen andre har endret dette i mellomtiden. Last inn på nytt og prøv igjen.',
  errNotAvailable: 'Denne delen av tjenesten er ikke tilgjengelig ennå.',
  errGeneric: 'Noe gikk galt: {detail}',
  fallbackCsv: 'Normlisten var ikke tilgjengelig; CSV-en er laget fra varmekartet.',
};

export type MessageKey = keyof typeof nb;

const en: Record<MessageKey, string> = {
  appTitle: 'Regulatory plan for e-health',
  appSubtitle: 'What regulates interoperability in Norwegian health and care',
  skipToContent: 'Skip to content',
  navLandscape: 'Landscape',
  navHeatMap: 'Heat map',
  navVendors: 'Vendors',
  switchLanguage: 'Norsk',
  switchLanguageLabel: 'Bytt til norsk',
  searchLabel: 'Search the map',
  searchPlaceholder: 'Search for a law, standard, service …',
  searchButton: 'Search',
  searchResults: 'Search results for “{q}”',
  searchNone: 'Nothing found for “{q}”.',
  searchPrompt: 'Type at least two characters to search.',
  loading: 'Loading …',
  retry: 'Try again',
  landscapeTitle: 'The landscape: work processes and information services',
  landscapeIntro: 'Seven work processes with the information services that support them. Choose a service to see its heat map.',
  actorTypes: 'Actor types',
  services: 'Information services',
  noServices: 'No information services recorded yet.',
  openHeatMap: 'Open the heat map of {name}',
  heatMapOf: 'Heat map: {name}',
  asOf: 'As of',
  perspective: 'Perspective',
  allPerspective: 'Everything (no filter)',
  legend: 'Legend',
  legendTotal: 'Total {n}',
  normativeLevel: 'Normative level',
  notNormative: 'Not given',
  listView: 'The elements as a list',
  chooseService: 'Choose an information service in the landscape to see its heat map.',
  emptyLayer: 'No elements',
  exportPng: 'Download PNG',
  exportSvg: 'Download SVG',
  exportCsv: 'Norms as CSV',
  exported: 'Downloaded {file}.',
  close: 'Close',
  elementPanel: 'Element details',
  kind: 'Kind',
  layers: 'Layers',
  lifecycle: 'Lifecycle',
  status: 'Status',
  why: 'Why it is on the map',
  whyText: '{rel} {service}, layer: {layer}',
  identifiers: 'Identifiers',
  plannedChanges: 'Planned changes',
  noPlannedChanges: 'No planned changes.',
  due: 'due {date}',
  sources: 'Sources',
  lines: 'lines {from}–{to}',
  publicSource: 'Public source (outside the five documents)',
  noDate: 'no date given',
  aliases: 'Also called',
  events: 'Events',
  eventPlanned: 'planned',
  lifecycleFrom: 'Lifecycle from',
  levelFrom: 'Normative level from',
  noNormsRecorded: 'The sources record no norms for this service yet.',
  noNormsHowToAdd: "An analyst can add one from an element's panel (or with the link mutation).",
  notes: 'Notes',
  relationships: 'Relationships',
  neighbourhood: 'Neighbourhood',
  neighbourhoodLabel: 'Neighbourhood graph of {name}: {n} direct neighbours. The relationships and the impact are listed as text below.',
  neighbourhoodHelp: 'Colour shows status. Click an element to open it.',
  impact: 'Affects (impact)',
  impactHelp: 'Elements that depend on this one, up to two steps away.',
  noImpact: 'Nothing else depends on this element.',
  distance: '{n} step(s)',
  impactMore: 'Show all {n}',
  affected: 'Depends on the element',
  description: 'Description',
  gap: 'Unmet need',
  identifiedAt: 'Identified',
  vendorsTitle: "Vendors' view: standards and code systems per layer",
  vendorsIntro: 'Standards, code systems and interfaces, the information services that use them and upcoming changes.',
  layerFilter: 'Layer',
  allLayers: 'All layers',
  tableView: 'Table',
  graphView: 'Graph',
  colName: 'Name',
  colKind: 'Kind',
  colStatus: 'Status',
  colLevel: 'Normative level',
  colServices: 'Used by',
  colChanges: 'Upcoming changes',
  noStandards: 'No standards to show.',
  signIn: 'Sign in as analyst',
  signOut: 'Sign out',
  signedInAs: 'Signed in: {name} ({role})',
  tokenLabel: 'Access token (bearer token)',
  tokenHelp: 'Create the token with “npm run token -- create --role analyst --name …”; it is kept in this tab only.',
  signInButton: 'Sign in',
  cancel: 'Cancel',
  save: 'Save',
  markGap: 'Mark unmet need',
  markGapDone: 'The unmet need “{title}” has been recorded.',
  planChange: 'Plan a change',
  planChangeDone: 'The change has been planned.',
  savePerspective: 'Save perspective',
  savePerspectiveDone: 'The perspective “{name}” has been saved.',
  fieldLayer: 'Layer',
  fieldTitle: 'Title (Norwegian)',
  fieldTitleEn: 'Title (English, optional)',
  fieldDescription: 'Description',
  fieldSources: 'Sources (document:from-to, one per line, optional)',
  fieldChange: 'Kind of change',
  fieldDue: 'Due',
  fieldMeasure: 'Measure (id, optional)',
  fieldReplacement: 'Replaced by (id, optional)',
  fieldId: 'Id',
  fieldName: 'Name (Norwegian)',
  fieldNameEn: 'Name (English, optional)',
  fieldLayers: 'Layers shown',
  fieldStatuses: 'Statuses shown',
  fieldServices: 'Services (ids, comma-separated, optional)',
  required: 'Required.',
  errNetwork: 'Could not reach the service. Check the network and try again.',
  errServer: 'The service answered with an error ({status}). Try again in a moment.',
  errNotFound: 'Not found: {detail}',
  errUnauthenticated: 'You need to sign in as an analyst to do this. The access token is missing or not valid.',
  errForbidden: 'Your access token does not allow this.',
  errInput: 'Something in the form is not valid: {detail}',
  errConflict: 'Someone else changed this in the meantime. Reload and try again.',
  errNotAvailable: 'This part of the service is not available yet.',
  errGeneric: 'Something went wrong: {detail}',
  fallbackCsv: 'The norms list was not available; the CSV was made from the heat map.',
};

const messages: Record<Lang, Record<MessageKey, string>> = { nb, en };
const STORAGE_KEY = 'reguleringsplan.lang';
let current: Lang = readStoredLang();
const listeners = new Set<(lang: Lang) => void>();

function readStoredLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'nb';
  } catch {
    return 'nb';
  }
}

export function lang(): Lang {
  return current;
}

export function setLang(next: Lang): void {
  if (next === current) return;
  current = next;
  document.documentElement.lang = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // private mode: the choice lasts for this page only
  }
  for (const l of listeners) l(next);
}

export function onLangChange(listener: (lang: Lang) => void): void {
  listeners.add(listener);
}

/** The message in the current language, with {placeholders} filled in. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  return messages[current][key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** Pick the Norwegian or English of a pair from the API (English falls back to Norwegian). */
export function pick(nbText: string, enText: string | null | undefined): string {
  return current === 'en' && enText ? enText : nbText;
}

/** A date as the current language writes it. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString(current === 'en' ? 'en-GB' : 'nb-NO', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
}

/** A date as precise as its source ("2024", "Q3 2021", "januar 2027"), in the current language. */
export function formatDue(due: string | null | undefined): string {
  return due ? formatPartialDate(due, current) : t('noDate');
}
