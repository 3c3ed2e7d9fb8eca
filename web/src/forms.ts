/** Analyst sign-in and the write forms (markGap, planChange, savePerspective), as modal dialogs. */
import { gql, plainError } from './api';
import { signIn } from './auth';
import { h } from './dom';
import { t, type MessageKey } from './i18n';
import { MARK_GAP, PLAN_CHANGE, SAVE_PERSPECTIVE, type GapData, type HeatStatus, type Layer, type PerspectiveData } from './queries';
import { announce } from './ui';
import { changeLabel, changeTypes, layerLabel, layers, statusLabel, statuses } from './vocabulary';

let counter = 0;
const uid = (name: string) => `f-${name}-${++counter}`;

type Field = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

function field(label: MessageKey, control: Field, help?: string): HTMLElement {
  control.id ||= uid(control.name);
  const helpId = help ? `${control.id}-help` : undefined;
  if (helpId) control.setAttribute('aria-describedby', helpId);
  return h('div', { class: 'field' }, h('label', { for: control.id }, t(label)), control, help ? h('p', { class: 'help', id: helpId }, help) : null);
}

function checkboxes(legend: MessageKey, name: string, options: { id: string; label: string; checked: boolean }[]): HTMLElement {
  return h(
    'fieldset',
    { class: 'field checks' },
    h('legend', {}, t(legend)),
    options.map((o) => {
      const id = uid(name);
      return h('span', { class: 'check' }, h('input', { type: 'checkbox', id, name, value: o.id, checked: o.checked }), h('label', { for: id }, o.label));
    }),
  );
}

const lines = (v: string) => v.split(/\n|,/).map((s) => s.trim()).filter(Boolean);
const value = (form: HTMLFormElement, name: string) => {
  const el = form.elements.namedItem(name);
  return el && 'value' in el ? String(el.value).trim() : '';
};
const checked = (form: HTMLFormElement, name: string) => [...form.querySelectorAll<HTMLInputElement>(`input[name="${name}"]:checked`)].map((i) => i.value);

/** A modal dialog with a form; `submit` resolves to the message to announce, or throws to show an error. */
function openDialog(title: string, body: HTMLElement[], submit: (form: HTMLFormElement) => Promise<string>, submitLabel: MessageKey = 'save'): HTMLDialogElement {
  const titleId = uid('title');
  const error = h('div', { class: 'form-error', role: 'alert' });
  const submitButton = h('button', { type: 'submit', class: 'button primary' }, t(submitLabel));
  const form = h(
    'form',
    { method: 'dialog', novalidate: true },
    h('h2', { id: titleId }, title),
    body,
    error,
    h('div', { class: 'actions' }, h('button', { type: 'button', class: 'button', value: 'cancel', onclick: () => dialog.close() }, t('cancel')), submitButton),
  );
  const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': titleId }, form);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    error.textContent = '';
    const missing = [...form.querySelectorAll<Field>('[required]')].find((c) => !c.value.trim());
    if (missing) {
      error.textContent = `${missing.labels?.[0]?.textContent ?? ''}: ${t('required')}`;
      missing.focus();
      return;
    }
    submitButton.disabled = true;
    form.setAttribute('aria-busy', 'true');
    submit(form).then(
      (message) => {
        dialog.close();
        announce(message);
      },
      (e: unknown) => {
        error.textContent = plainError(e);
      },
    ).finally(() => {
      submitButton.disabled = false;
      form.removeAttribute('aria-busy');
    });
  });
  dialog.addEventListener('close', () => dialog.remove());
  document.body.appendChild(dialog);
  dialog.showModal();
  return dialog;
}

export function openSignIn(): void {
  const input = h('input', { type: 'password', name: 'token', autocomplete: 'off', required: true, spellcheck: 'false' });
  openDialog(t('signIn'), [field('tokenLabel', input, t('tokenHelp'))], async (form) => {
    const p = await signIn(value(form, 'token'));
    return t('signedInAs', { name: p.name, role: p.role });
  }, 'signInButton');
}

export function openMarkGap(service: string, serviceName: string, initialLayer: Layer | undefined, done: (gap: GapData) => void): void {
  const layerSelect = h('select', { name: 'layer', required: true }, layers().map((l) => h('option', { value: l.id, selected: l.id === initialLayer }, layerLabel(l.id))));
  openDialog(`${t('markGap')}: ${serviceName}`, [
    field('fieldLayer', layerSelect),
    field('fieldTitle', h('input', { name: 'title', required: true })),
    field('fieldTitleEn', h('input', { name: 'titleEn', lang: 'en' })),
    field('fieldDescription', h('textarea', { name: 'description', rows: 3, required: true })),
    field('fieldSources', h('textarea', { name: 'sources', rows: 2, placeholder: '003_bc528292a39bd4db.txt:2480-2481' })),
  ], async (form) => {
    const input = {
      service,
      layer: value(form, 'layer'),
      title: value(form, 'title'),
      titleEn: value(form, 'titleEn') || null,
      description: value(form, 'description'),
      sources: lines(value(form, 'sources')),
    };
    const data = await gql<{ markGap: GapData }>(MARK_GAP, { input });
    done(data.markGap);
    return t('markGapDone', { title: data.markGap.title });
  });
}

export function openPlanChange(element: string, elementName: string, done: () => void): void {
  const changeSelect = h('select', { name: 'change', required: true }, changeTypes().map((c) => h('option', { value: c.id }, changeLabel(c.id))));
  openDialog(`${t('planChange')}: ${elementName}`, [
    field('fieldChange', changeSelect),
    field('fieldDue', h('input', { type: 'date', name: 'due', required: true })),
    field('fieldDescription', h('textarea', { name: 'description', rows: 3, required: true })),
    field('fieldMeasure', h('input', { name: 'measure', placeholder: 'tiltak-…' })),
    field('fieldReplacement', h('input', { name: 'replacement' })),
    field('fieldSources', h('textarea', { name: 'sources', rows: 2 })),
  ], async (form) => {
    const input = {
      element,
      change: value(form, 'change'),
      due: value(form, 'due'),
      description: value(form, 'description'),
      measure: value(form, 'measure') || null,
      replacement: value(form, 'replacement') || null,
      sources: lines(value(form, 'sources')),
    };
    await gql(PLAN_CHANGE, { input });
    done();
    return t('planChangeDone');
  });
}

export function openSavePerspective(current: PerspectiveData | null, service: string | undefined, done: (p: PerspectiveData) => void): void {
  const idInput = h('input', { name: 'id', required: true, value: current?.id ?? 'perspektiv-', pattern: '[a-z0-9-]+' });
  openDialog(t('savePerspective'), [
    field('fieldId', idInput),
    field('fieldName', h('input', { name: 'name', required: true, value: current?.name ?? '' })),
    field('fieldNameEn', h('input', { name: 'nameEn', lang: 'en', value: current?.nameEn ?? '' })),
    field('fieldDescription', h('textarea', { name: 'description', rows: 2 }, current?.description ?? '')),
    checkboxes('fieldLayers', 'layers', layers().map((l) => ({ id: l.id, label: layerLabel(l.id), checked: current ? current.layers.length === 0 || current.layers.includes(l.id) : true }))),
    checkboxes('fieldStatuses', 'statuses', statuses().map((s) => ({ id: s.id, label: statusLabel(s.id), checked: current ? current.statuses.length === 0 || current.statuses.includes(s.id) : true }))),
    field('fieldServices', h('input', { name: 'services', value: current?.services.join(', ') ?? service ?? '' })),
  ], async (form) => {
    const allOrSome = <T extends string>(picked: string[], all: number) => (picked.length === all ? [] : (picked as T[]));
    const input = {
      id: value(form, 'id'),
      name: value(form, 'name'),
      nameEn: value(form, 'nameEn') || null,
      description: value(form, 'description') || null,
      layers: allOrSome<Layer>(checked(form, 'layers'), layers().length),
      statuses: allOrSome<HeatStatus>(checked(form, 'statuses'), statuses().length),
      services: lines(value(form, 'services')),
      version: current && current.id === value(form, 'id') ? current.version : null,
    };
    const data = await gql<{ savePerspective: PerspectiveData }>(SAVE_PERSPECTIVE, { input });
    done(data.savePerspective);
    return t('savePerspectiveDone', { name: data.savePerspective.name });
  });
}
