/**
 * The metamodel of the strategic regulatory plan (strategisk reguleringsplan), defined once.
 *
 * Everything else derives from this file: the zod input schemas (`./validation.ts`), the GraphQL
 * enums and the published SDL (`./sdl.ts`, `./schema.graphql`), the Neo4j constraints and indexes
 * (`../store/constraints.ts`) and the web front end's labels and colours. Sources: the metamodel
 * slide (graph-seed/sources/003_bc528292a39bd4db.txt, "Side 111", from line 2356) and the
 * heat-map slide ("Side 113", from line 2460).
 */

/** A label in Norwegian bokmål (the default) and English. */
export interface Label {
  readonly nb: string;
  readonly en: string;
}

/** The four layers of the European Interoperability Framework, in the order the slides draw them. */
export const LAYERS = {
  LEGAL: { nb: 'Juridisk samhandlingsevne', en: 'Legal interoperability' },
  ORGANISATIONAL: { nb: 'Organisatorisk samhandlingsevne', en: 'Organisational interoperability' },
  SEMANTIC: { nb: 'Semantisk samhandlingsevne', en: 'Semantic interoperability' },
  TECHNICAL: { nb: 'Teknisk samhandlingsevne', en: 'Technical interoperability' },
} as const satisfies Record<string, Label>;
export type Layer = keyof typeof LAYERS;
export const LAYER_IDS = Object.keys(LAYERS) as [Layer, ...Layer[]];

/**
 * What a kind is for, which decides the relationships it may take part in and where views list it:
 * regulation (laws, agreements, guidance, risk assessments, requirements) regulates; governance
 * and organisational interaction forms organise; standards (code systems, models, content and
 * technical standards, interfaces) are what vendors implement; systems (solutions, components,
 * stores, clinical systems) run; the landscape (work processes, actor types, information services)
 * is what the norms apply to. A new kind joins its group's rules without other code changes.
 */
export const KIND_GROUPS = ['regulation', 'governance', 'interactionForm', 'standard', 'system', 'landscape', 'measure', 'actor'] as const;
export type KindGroup = (typeof KIND_GROUPS)[number];

interface KindDef extends Label {
  /** See KIND_GROUPS. */
  readonly group: KindGroup;
  /** The layer or layers the plan usually draws this kind on; a seed element may narrow it. */
  readonly layers: readonly Layer[];
  /** Neo4j label added beside :Element, so queries by kind use a label scan. */
  readonly neo4jLabel: string;
  /** Stable element ids start with this prefix and a dash, e.g. `lov-pasientjournalloven`. */
  readonly idPrefix: string;
  /**
   * Whether the kind is one of the 20 boxes on the metamodel slide. The two that are not
   * (Tiltak, Aktør) carry the roadmap's measures and the concrete organisations the papers name.
   */
  readonly inMetamodel: boolean;
  /** A norm is something that regulates or standardises: it can apply to an information service. */
  readonly norm: boolean;
}

/** Element kinds: the 20 boxes of slide 111, then the two supporting kinds. */
export const KINDS = {
  LAW: {
    group: 'regulation',
    nb: 'Lov og forskrift',
    en: 'Law and regulation',
    layers: ['LEGAL'],
    neo4jLabel: 'Law',
    idPrefix: 'lov',
    inMetamodel: true,
    norm: true,
  },
  AGREEMENT: {
    group: 'regulation',
    nb: 'Avtale',
    en: 'Agreement',
    layers: ['LEGAL'],
    neo4jLabel: 'Agreement',
    idPrefix: 'avtale',
    inMetamodel: true,
    norm: true,
  },
  GUIDANCE: {
    group: 'regulation',
    nb: 'Rundskriv, veiledning og fortolkning',
    en: 'Circular, guidance and interpretation',
    layers: ['LEGAL'],
    neo4jLabel: 'Guidance',
    idPrefix: 'veiledning',
    inMetamodel: true,
    norm: true,
  },
  RISK_ASSESSMENT: {
    group: 'regulation',
    nb: 'Risikovurdering og DPIA',
    en: 'Risk assessment and DPIA',
    layers: ['LEGAL'],
    neo4jLabel: 'RiskAssessment',
    idPrefix: 'risiko',
    inMetamodel: true,
    norm: true,
  },
  REQUIREMENT: {
    group: 'regulation',
    nb: 'Krav og prinsipper',
    en: 'Requirements and principles',
    layers: ['LEGAL', 'ORGANISATIONAL', 'SEMANTIC', 'TECHNICAL'],
    neo4jLabel: 'Requirement',
    idPrefix: 'krav',
    inMetamodel: true,
    norm: true,
  },
  GOVERNANCE: {
    group: 'governance',
    nb: 'Styring og forvaltning',
    en: 'Governance and management',
    layers: ['ORGANISATIONAL'],
    neo4jLabel: 'Governance',
    idPrefix: 'styring',
    inMetamodel: true,
    norm: true,
  },
  ORGANISATIONAL_INTERACTION_FORM: {
    group: 'governance',
    nb: 'Organisatorisk samhandlingsform',
    en: 'Organisational interaction form',
    layers: ['ORGANISATIONAL'],
    neo4jLabel: 'OrganisationalInteractionForm',
    idPrefix: 'orgform',
    inMetamodel: true,
    norm: true,
  },
  WORK_PROCESS: {
    group: 'landscape',
    nb: 'Arbeidsprosess',
    en: 'Work process',
    layers: ['ORGANISATIONAL'],
    neo4jLabel: 'WorkProcess',
    idPrefix: 'prosess',
    inMetamodel: true,
    norm: false,
  },
  ACTOR_TYPE: {
    group: 'landscape',
    nb: 'Aktørtype',
    en: 'Actor type',
    layers: ['ORGANISATIONAL'],
    neo4jLabel: 'ActorType',
    idPrefix: 'aktortype',
    inMetamodel: true,
    norm: false,
  },
  INFORMATION_SERVICE: {
    group: 'landscape',
    nb: 'Informasjonstjeneste',
    en: 'Information service',
    layers: ['ORGANISATIONAL', 'SEMANTIC'],
    neo4jLabel: 'InformationService',
    idPrefix: 'tjeneste',
    inMetamodel: true,
    norm: false,
  },
  CODE_SYSTEM: {
    group: 'standard',
    nb: 'Kodeverk og terminologi',
    en: 'Code system and terminology',
    layers: ['SEMANTIC'],
    neo4jLabel: 'CodeSystem',
    idPrefix: 'kodeverk',
    inMetamodel: true,
    norm: true,
  },
  INFORMATION_MODEL: {
    group: 'standard',
    nb: 'Informasjonsmodell',
    en: 'Information model',
    layers: ['SEMANTIC'],
    neo4jLabel: 'InformationModel',
    idPrefix: 'infomodell',
    inMetamodel: true,
    norm: true,
  },
  CONTENT_STANDARD: {
    group: 'standard',
    nb: 'Innholdsstandard',
    en: 'Content standard',
    layers: ['SEMANTIC'],
    neo4jLabel: 'ContentStandard',
    idPrefix: 'innhold',
    inMetamodel: true,
    norm: true,
  },
  TECHNICAL_STANDARD: {
    group: 'standard',
    nb: 'Teknisk standard',
    en: 'Technical standard',
    layers: ['TECHNICAL'],
    neo4jLabel: 'TechnicalStandard',
    idPrefix: 'standard',
    inMetamodel: true,
    norm: true,
  },
  TECHNICAL_INTERFACE: {
    group: 'standard',
    nb: 'Teknisk grensesnitt',
    en: 'Technical interface',
    layers: ['TECHNICAL'],
    neo4jLabel: 'TechnicalInterface',
    idPrefix: 'grensesnitt',
    inMetamodel: true,
    norm: true,
  },
  TECHNICAL_INTERACTION_FORM: {
    group: 'interactionForm',
    nb: 'Teknisk samhandlingsform',
    en: 'Technical interaction form',
    layers: ['TECHNICAL'],
    neo4jLabel: 'TechnicalInteractionForm',
    idPrefix: 'tekform',
    inMetamodel: true,
    norm: true,
  },
  INTEROPERABILITY_COMPONENT: {
    group: 'system',
    nb: 'Samhandlingskomponent',
    en: 'Interoperability component',
    layers: ['TECHNICAL'],
    neo4jLabel: 'InteroperabilityComponent',
    idPrefix: 'komponent',
    inMetamodel: true,
    norm: true,
  },
  NATIONAL_SOLUTION: {
    group: 'system',
    nb: 'Nasjonal e-helseløsning',
    en: 'National e-health solution',
    layers: ['TECHNICAL'],
    neo4jLabel: 'NationalSolution',
    idPrefix: 'losning',
    inMetamodel: true,
    norm: true,
  },
  INFORMATION_STORE: {
    group: 'system',
    nb: 'Informasjonslager',
    en: 'Information store',
    layers: ['TECHNICAL'],
    neo4jLabel: 'InformationStore',
    idPrefix: 'lager',
    inMetamodel: true,
    norm: true,
  },
  CLINICAL_SYSTEM: {
    group: 'system',
    nb: 'Klinisk fagsystem',
    en: 'Clinical system (EHR)',
    layers: ['TECHNICAL'],
    neo4jLabel: 'ClinicalSystem',
    idPrefix: 'fagsystem',
    inMetamodel: true,
    norm: true,
  },
  MEASURE: {
    group: 'measure',
    nb: 'Tiltak',
    en: 'National measure',
    layers: ['ORGANISATIONAL'],
    neo4jLabel: 'Measure',
    idPrefix: 'tiltak',
    inMetamodel: false,
    norm: false,
  },
  ACTOR: { group: 'actor', nb: 'Aktør', en: 'Actor', layers: ['ORGANISATIONAL'], neo4jLabel: 'Actor', idPrefix: 'aktor', inMetamodel: false, norm: false },
} as const satisfies Record<string, KindDef>;
export type Kind = keyof typeof KINDS;
export const KIND_IDS = Object.keys(KINDS) as [Kind, ...Kind[]];
/** Kinds that can apply to an information service and so appear in a heat-map cell. */
export const NORM_KINDS = KIND_IDS.filter((k) => KINDS[k].norm);

/** The kinds of a group, in metamodel order. */
export function kindsIn(group: KindGroup): Kind[] {
  return KIND_IDS.filter((k) => KINDS[k].group === group);
}

const ALL_NORMS = NORM_KINDS;
const REGULATORS = kindsIn('regulation');
const STANDARDS = kindsIn('standard');
const SYSTEMS = kindsIn('system');
const ANY: readonly Kind[] = KIND_IDS;

interface RelationshipDef extends Label {
  readonly from: readonly Kind[];
  readonly to: readonly Kind[];
  /** APPLIES_TO carries the layer of the heat-map row it fills. */
  readonly layered: boolean;
  /** Inverse phrasing, for showing the relationship from its target's side. */
  readonly inverse: Label;
  /**
   * Who depends on whom, for impact analysis: 'target' means the target depends on the source
   * (a law REGULATES a solution: change the law and the solution is affected); 'source' the reverse
   * (a standard BASED_ON another depends on it); 'none' carries no dependency.
   */
  readonly dependent: 'source' | 'target' | 'none';
}

/**
 * Relationship types and the kinds they may join. A write (seed, import or `link`) that joins
 * other kinds is rejected; Cypher takes relationship types only from this list.
 */
export const RELATIONSHIPS = {
  APPLIES_TO: {
    nb: 'gjelder for',
    en: 'applies to',
    inverse: { nb: 'omfattes av', en: 'is governed by' },
    from: ALL_NORMS,
    to: ['INFORMATION_SERVICE'],
    layered: true,
    dependent: 'target',
  },
  REGULATES: {
    nb: 'regulerer',
    en: 'regulates',
    inverse: { nb: 'reguleres av', en: 'is regulated by' },
    from: [...REGULATORS, 'GOVERNANCE'],
    to: [
      ...SYSTEMS,
      'ACTOR_TYPE',
      'ACTOR',
      'WORK_PROCESS',
      'INFORMATION_SERVICE',
      ...STANDARDS,
      'TECHNICAL_INTERACTION_FORM',
      'ORGANISATIONAL_INTERACTION_FORM',
    ],
    layered: false,
    dependent: 'target',
  },
  BASED_ON: {
    nb: 'bygger på',
    en: 'is based on',
    inverse: { nb: 'grunnlag for', en: 'is the basis of' },
    from: ALL_NORMS,
    to: ALL_NORMS,
    layered: false,
    dependent: 'source',
  },
  PART_OF: {
    nb: 'er del av',
    en: 'is part of',
    inverse: { nb: 'består av', en: 'consists of' },
    from: ['INFORMATION_SERVICE', 'INTEROPERABILITY_COMPONENT', 'INFORMATION_STORE', 'NATIONAL_SOLUTION', 'WORK_PROCESS', 'ACTOR'],
    to: ['WORK_PROCESS', 'NATIONAL_SOLUTION', 'INTEROPERABILITY_COMPONENT', 'ACTOR_TYPE'],
    layered: false,
    dependent: 'target',
  },
  REALIZES: {
    nb: 'realiserer',
    en: 'realizes',
    inverse: { nb: 'realiseres av', en: 'is realized by' },
    from: [...SYSTEMS, 'TECHNICAL_INTERFACE', 'TECHNICAL_INTERACTION_FORM'],
    to: ['INFORMATION_SERVICE', 'WORK_PROCESS'],
    layered: false,
    dependent: 'target',
  },
  USES: {
    nb: 'bruker',
    en: 'uses',
    inverse: { nb: 'brukes av', en: 'is used by' },
    from: [...SYSTEMS, ...STANDARDS, 'TECHNICAL_INTERACTION_FORM', 'ACTOR_TYPE', 'ACTOR', 'WORK_PROCESS'],
    to: [...SYSTEMS, ...STANDARDS, 'TECHNICAL_INTERACTION_FORM', 'INFORMATION_SERVICE'],
    layered: false,
    dependent: 'source',
  },
  PERFORMS: {
    nb: 'utfører',
    en: 'performs',
    inverse: { nb: 'utføres av', en: 'is performed by' },
    from: ['ACTOR_TYPE', 'ACTOR'],
    to: ['WORK_PROCESS'],
    layered: false,
    dependent: 'source',
  },
  RESPONSIBLE_FOR: {
    nb: 'forvalter',
    en: 'is responsible for',
    inverse: { nb: 'forvaltes av', en: 'is managed by' },
    from: ['ACTOR', 'GOVERNANCE'],
    to: ANY,
    layered: false,
    dependent: 'none',
  },
  ADDRESSES: {
    nb: 'adresserer',
    en: 'addresses',
    inverse: { nb: 'adresseres av', en: 'is addressed by' },
    from: ['MEASURE', 'GOVERNANCE'],
    to: ANY,
    layered: false,
    dependent: 'none',
  },
  REPLACES: {
    nb: 'erstatter',
    en: 'replaces',
    inverse: { nb: 'erstattes av', en: 'is replaced by' },
    from: ALL_NORMS,
    to: ALL_NORMS,
    layered: false,
    dependent: 'none',
  },
} as const satisfies Record<string, RelationshipDef>;
export type RelationshipType = keyof typeof RELATIONSHIPS;
export const RELATIONSHIP_TYPES = Object.keys(RELATIONSHIPS) as [RelationshipType, ...RelationshipType[]];

/** Relationship types along which a change propagates, split by the direction it travels. */
export const DEPENDENCY_TYPES = {
  forward: RELATIONSHIP_TYPES.filter((t) => RELATIONSHIPS[t].dependent === 'target'),
  backward: RELATIONSHIP_TYPES.filter((t) => RELATIONSHIPS[t].dependent === 'source'),
};

/** Whether the metamodel allows `type` from an element of kind `from` to one of kind `to`. */
export function relationshipAllowed(type: RelationshipType, from: Kind, to: Kind): boolean {
  const def: RelationshipDef = RELATIONSHIPS[type];
  return def.from.includes(from) && def.to.includes(to);
}

/** Heat-map statuses (slide 113), in legend order. Derived per cell, never stored. */
export const HEAT_STATUSES = {
  EXISTS: { nb: 'Eksisterer', en: 'Exists', colour: '#3a8a4f' },
  // Darker than the slides' amber (#e0a526, 2.0:1 on the bands): WCAG 1.4.11 asks 3:1 for what tells statuses apart.
  CHANGES_PLANNED: { nb: 'Endringer planlagt', en: 'Changes planned', colour: '#a87400' },
  UNMET_NEED: { nb: 'Udekkede behov', en: 'Unmet need', colour: '#c8432f' },
  PHASE_OUT: { nb: 'Utfasing', en: 'Phase-out', colour: '#7d5aa6' },
} as const satisfies Record<string, Label & { colour: string }>;
export type HeatStatus = keyof typeof HEAT_STATUSES;
export const HEAT_STATUS_IDS = Object.keys(HEAT_STATUSES) as [HeatStatus, ...HeatStatus[]];

/** Normative level (normeringsnivå): a separate axis from status; weakest first. */
export const NORMATIVE_LEVELS = {
  NOT_NORMATIVE: { nb: 'Ikke normert', en: 'Not normative', rank: 0 },
  GUIDE: { nb: 'Veileder', en: 'Guide (may)', rank: 1 },
  GUIDELINE: { nb: 'Retningslinje', en: 'Guideline (should)', rank: 2 },
  RECOMMENDED: { nb: 'Anbefalt standard', en: 'Recommended standard (shall)', rank: 3 },
  MANDATORY: { nb: 'Obligatorisk standard', en: 'Mandatory standard (must)', rank: 4 },
} as const satisfies Record<string, Label & { rank: number }>;
export type NormativeLevel = keyof typeof NORMATIVE_LEVELS;
export const NORMATIVE_LEVEL_IDS = Object.keys(NORMATIVE_LEVELS) as [NormativeLevel, ...NormativeLevel[]];

/** Lifecycle statuses of the reference catalogue (Referansekatalogen), plus PROPOSED for bills and drafts. */
export const LIFECYCLES = {
  PROPOSED: { nb: 'Foreslått', en: 'Proposed' },
  TRIAL: { nb: 'Under utprøving', en: 'Trial' },
  INTRODUCING: { nb: 'Under innfasing', en: 'Being introduced' },
  ACTIVE: { nb: 'Aktiv', en: 'Active' },
  PHASING_OUT: { nb: 'Under utfasing', en: 'Being phased out' },
  EXPIRED: { nb: 'Utgått', en: 'Expired' },
  /** A bill or draft that was withdrawn before it took effect (e.g. Prop. 65 L (2019–2020)). */
  WITHDRAWN: { nb: 'Trukket tilbake', en: 'Withdrawn' },
} as const satisfies Record<string, Label>;
export type Lifecycle = keyof typeof LIFECYCLES;
export const LIFECYCLE_IDS = Object.keys(LIFECYCLES) as [Lifecycle, ...Lifecycle[]];

/** Kinds of planned change an analyst can record against an element. */
export const CHANGE_TYPES = {
  INTRODUCE: { nb: 'Innføring', en: 'Introduce' },
  REVISE: { nb: 'Revisjon', en: 'Revise' },
  PHASE_OUT: { nb: 'Utfasing', en: 'Phase out' },
  REPLACE: { nb: 'Erstatning', en: 'Replace' },
} as const satisfies Record<string, Label>;
export type ChangeType = keyof typeof CHANGE_TYPES;
export const CHANGE_TYPE_IDS = Object.keys(CHANGE_TYPES) as [ChangeType, ...ChangeType[]];

/**
 * Official identifier schemes. An identifier is stored as "SCHEME:value"; links are derived
 * from the value (see `identifierUrl` in ./identifiers.ts), never stored.
 */
export const IDENTIFIER_SCHEMES = {
  LOVDATA: { nb: 'Lovdata-id', en: 'Lovdata id' },
  PROP: { nb: 'Proposisjon', en: 'Bill (Prop.)' },
  OID: { nb: 'OID', en: 'OID' },
  IHE: { nb: 'IHE-profil', en: 'IHE profile' },
  HL7: { nb: 'HL7', en: 'HL7' },
  HIS: { nb: 'Dokument-id (HIS/IS)', en: 'Document id (HIS/IS)' },
  URL: { nb: 'Nettside', en: 'Web page' },
} as const satisfies Record<string, Label>;
export type IdentifierScheme = keyof typeof IDENTIFIER_SCHEMES;
export const IDENTIFIER_SCHEME_IDS = Object.keys(IDENTIFIER_SCHEMES) as [IdentifierScheme, ...IdentifierScheme[]];

/** Roles that may write; reads are public. */
export const ROLES = {
  ANALYST: { nb: 'Analytiker', en: 'Analyst' },
  ADMIN: { nb: 'Administrator', en: 'Administrator' },
} as const satisfies Record<string, Label>;
export type Role = keyof typeof ROLES;
export const ROLE_IDS = Object.keys(ROLES) as [Role, ...Role[]];

/** The source documents every fact cites. */
export const SOURCE_DOCUMENTS = [
  '000_f2df908f005f8421.txt',
  '001_ed14ab0044702118.txt',
  '002_0294d171777b1830.txt',
  '003_bc528292a39bd4db.txt',
  '004_9bf1f49755435003.txt',
] as const;
export type SourceDocument = (typeof SOURCE_DOCUMENTS)[number];
