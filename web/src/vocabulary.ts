/** Labels and colours of the metamodel, read once from the API (`metamodel`) and looked up by id. */
import { gql } from './api';
import { lang, t } from './i18n';
import { METAMODEL, type HeatStatus, type Labelled, type MetamodelData } from './queries';

let data: MetamodelData['metamodel'] | null = null;
let loading: Promise<void> | null = null;

export function loadVocabulary(): Promise<void> {
  loading ??= gql(METAMODEL).then(
    (d) => {
      data = d.metamodel;
    },
    (e: unknown) => {
      loading = null;
      throw e;
    },
  );
  return loading;
}

function vocab(): MetamodelData['metamodel'] {
  if (!data) throw new Error('metamodel not loaded');
  return data;
}

function labelOf(list: Labelled[], id: string): string {
  const found = list.find((x) => x.id === id);
  return found ? found[lang()] : id;
}

export const layers = () => vocab().layers;
export const statuses = () => vocab().heatStatuses;
export const normativeLevels = () => vocab().normativeLevels;
export const changeTypes = () => vocab().changeTypes;

export const layerLabel = (id: string) => labelOf(vocab().layers, id);
export const kindLabel = (id: string) => labelOf(vocab().kinds, id);
export const statusLabel = (id: string | null) => (id === null ? t('notInForce') : labelOf(vocab().heatStatuses, id));
export const levelLabel = (id: string) => labelOf(vocab().normativeLevels, id);
export const lifecycleLabel = (id: string) => labelOf(vocab().lifecycles, id);
export const changeLabel = (id: string) => labelOf(vocab().changeTypes, id);
export const relationshipLabel = (id: string) => labelOf(vocab().relationshipTypes, id);

/** The entry of a metamodel list (layers(), changeTypes(), …) whose id a select or the URL gave as text; its id is typed as the list's. */
export function entryOf<Id extends string>(list: readonly { id: Id }[], id: string | undefined): Id | undefined {
  return list.find((x) => x.id === id)?.id;
}

/** Grey for an element not in force (status null: expired or withdrawn). */
export function statusColour(id: HeatStatus | null): string {
  return vocab().heatStatuses.find((s) => s.id === id)?.colour ?? '#888888';
}

export function levelRank(id: string | null | undefined): number {
  if (!id) return -1;
  return vocab().normativeLevels.find((l) => l.id === id)?.rank ?? -1;
}
