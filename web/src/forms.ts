/**
 * Analyst sign-in and the write forms (markGap, planChange, savePerspective), as modal dialogs.
 * Limits are known before submit (maxlength, required marks); every problem is named at once, in
 * the UI's language, next to its field (aria-invalid, aria-describedby), and a server's complaint
 * about a field lands next to that field too.
 */
import { endOfPeriod, partialDateParts } from '../../schema/dates';
import { DUE_YEARS, LIMITS, prefixedIdPattern } from '../../schema/limits';
import { ApiError, gql, plainError } from './api';
import { signIn } from './auth';
import { h } from './dom';
import { formatDate, formatDue, pick, t, type MessageKey } from './i18n';
import { MARK_GAP, PLAN_CHANGE, SAVE_PERSPECTIVE, SERVICES, type ChangeType, type GapData, type HeatStatus, type Layer, type PerspectiveData } from './queries';
import { announce, notifyWrite, todayIso } from './ui';
import { changeLabel, changeTypes, entryOf, layerLabel, layers, statusLabel, statuses } from './vocabulary';

let counter = 0;
const uid = (name: string) => `f-${name}-${++counter}`;

type Field = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
/** A problem: the control (or fieldset) it concerns and what to say. */
type Problem = [Field | HTMLFieldSetElement, string];

function field(label: MessageKey, control: Field, help?: string): HTMLElement {
  control.id ||= uid(control.name);
  const helpId = help ? `${control.id}-help` : undefined;
  if (helpId) control.setAttribute('aria-describedby', helpId);
  control.dataset.describedby = helpId ?? '';
  return h(
    'div',
    { class: 'field' },
    // The mark sits beside the label, not in it: the field's name stays its label (required says the rest).
    h(
      'span',
      { class: 'label-row' },
      h('label', { for: control.id }, t(label)),
      control.required ? h('span', { class: 'required-mark', 'aria-hidden': 'true' }, ' *') : null,
    ),
    control,
    help ? h('p', { class: 'help', id: helpId }, help) : null,
    h('p', { class: 'field-error', id: `${control.id}-error`, hidden: true }),
  );
}

function checkboxes(legend: MessageKey, name: string, options: { id: string; label: string; checked: boolean }[]): HTMLFieldSetElement {
  const errorId = uid(`${name}-error`);
  return h(
    'fieldset',
    { class: 'field checks', 'data-name': name, 'data-error': errorId },
    h('legend', {}, t(legend)),
    options.map((o) => {
      const id = uid(name);
      return h('span', { class: 'check' }, h('input', { type: 'checkbox', id, name, value: o.id, checked: o.checked }), h('label', { for: id }, o.label));
    }),
    h('p', { class: 'field-error', id: errorId, hidden: true }),
  );
}

const lines = (v: string) =>
  v
    .split(/\n|,/)
    .map((s) => s.trim())
    .filter(Boolean);
const value = (form: HTMLFormElement, name: string) => {
  const el = form.elements.namedItem(name);
  return el && 'value' in el ? String(el.value).trim() : '';
};
const checked = (form: HTMLFormElement, name: string) => [...form.querySelectorAll<HTMLInputElement>(`input[name="${name}"]:checked`)].map((i) => i.value);
const control = (form: HTMLFormElement, name: string) => form.querySelector<Field>(`[name="${name}"]`);

function labelOf(target: Field | HTMLFieldSetElement): string {
  if (target instanceof HTMLFieldSetElement) return target.querySelector('legend')?.textContent ?? '';
  return target.labels?.[0]?.textContent ?? target.name;
}

/** Clear the marks of the last attempt, then mark each problem and name them all in the summary. */
function showProblems(form: HTMLFormElement, summary: HTMLElement, problems: Problem[]): void {
  for (const el of form.querySelectorAll<Field>('[aria-invalid]')) {
    el.removeAttribute('aria-invalid');
    if (el.dataset.describedby) el.setAttribute('aria-describedby', el.dataset.describedby);
    else el.removeAttribute('aria-describedby');
  }
  for (const fs of form.querySelectorAll('fieldset[aria-describedby]')) fs.removeAttribute('aria-describedby');
  for (const p of form.querySelectorAll<HTMLElement>('.field-error')) {
    p.hidden = true;
    p.textContent = '';
  }
  summary.textContent = '';
  if (problems.length === 0) return;
  for (const [target, message] of problems) {
    if (target instanceof HTMLFieldSetElement) {
      const errorId = target.dataset.error ?? '';
      const p = document.getElementById(errorId);
      if (p) {
        p.textContent = message;
        p.hidden = false;
      }
      target.setAttribute('aria-describedby', errorId);
      for (const box of target.querySelectorAll('input')) box.setAttribute('aria-invalid', 'true');
    } else {
      const p = document.getElementById(`${target.id}-error`);
      if (p) {
        p.textContent = message;
        p.hidden = false;
      }
      target.setAttribute('aria-invalid', 'true');
      target.setAttribute('aria-describedby', [`${target.id}-error`, target.dataset.describedby].filter(Boolean).join(' '));
    }
  }
  summary.textContent = t('errFix', { fields: [...new Set(problems.map(([target]) => labelOf(target)))].join(', ') });
  const first = problems[0]?.[0];
  (first instanceof HTMLFieldSetElement ? first.querySelector('input') : first)?.focus();
}

/** Required fields left empty and texts over their maxlength, in form order. */
function basicProblems(form: HTMLFormElement): Problem[] {
  const problems: Problem[] = [];
  for (const c of form.querySelectorAll<Field>('input, select, textarea')) {
    if (c.type === 'checkbox' || c.type === 'hidden') continue;
    if (c.required && !c.value.trim()) problems.push([c, t('required')]);
    else if ('maxLength' in c && c.maxLength > 0 && c.value.length > c.maxLength) problems.push([c, t('errTooLong', { n: c.maxLength })]);
  }
  return problems;
}

/** The server blamed a field ("input.title", "input.services.0"): the problem next to that field, in the UI's language. */
function serverProblem(form: HTMLFormElement, e: unknown): Problem | null {
  if (!(e instanceof ApiError) || !e.field) return null;
  const name = e.field.replace(/^input\./, '').split('.')[0] ?? '';
  const target = control(form, name) ?? form.querySelector<HTMLFieldSetElement>(`fieldset[data-name="${name}"]`);
  if (!target) return null;
  if (e.kind === 'NOT_FOUND') return [target, t('errNotFoundField')];
  const tooLong = /at most (\d+) character/.exec(e.detail);
  return [target, tooLong ? t('errTooLong', { n: Number(tooLong[1]) }) : t('errInvalidValue')];
}

interface DialogOptions {
  submitLabel?: MessageKey;
  /** Problems beyond required and maxlength, checked before anything is sent. */
  validate?: (form: HTMLFormElement) => Problem[];
  /** A server error this form explains better (e.g. a perspective id taken). */
  explain?: (form: HTMLFormElement, e: unknown) => Problem | null;
}

/** A modal dialog with a form; `submit` resolves to the message to announce, or throws to show an error. */
function openDialog(title: string, body: HTMLElement[], submit: (form: HTMLFormElement) => Promise<string>, options: DialogOptions = {}): HTMLDialogElement {
  const titleId = uid('title');
  const error = h('div', { class: 'form-error', role: 'alert' });
  const submitButton = h('button', { type: 'submit', class: 'button primary' }, t(options.submitLabel ?? 'save'));
  const anyRequired = body.some((b) => b.querySelector('[required]'));
  const form = h(
    'form',
    { method: 'dialog', novalidate: true },
    h('h2', { id: titleId }, title),
    anyRequired ? h('p', { class: 'help required-note' }, h('span', { 'aria-hidden': 'true' }, '* '), t('required')) : null,
    body,
    error,
    h('div', { class: 'actions' }, h('button', { type: 'button', class: 'button', value: 'cancel', onclick: () => dialog.close() }, t('cancel')), submitButton),
  );
  const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': titleId }, form);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const problems = [...basicProblems(form), ...(options.validate?.(form) ?? [])];
    showProblems(form, error, problems);
    if (problems.length) return;
    submitButton.disabled = true;
    form.setAttribute('aria-busy', 'true');
    submit(form)
      .then(
        (message) => {
          dialog.close();
          announce(message);
        },
        (e: unknown) => {
          const problem = options.explain?.(form, e) ?? serverProblem(form, e);
          if (problem) showProblems(form, error, [problem]);
          else error.textContent = plainError(e);
        },
      )
      .finally(() => {
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
  openDialog(
    t('signIn'),
    [field('tokenLabel', input, t('tokenHelp'))],
    async (form) => {
      const p = await signIn(value(form, 'token'));
      return t('signedInAs', { name: p.name, role: p.role });
    },
    { submitLabel: 'signInButton' },
  );
}

export function openMarkGap(service: string, serviceName: string, initialLayer: Layer | undefined, done: (gap: GapData) => void): void {
  const layerSelect = h(
    'select',
    { name: 'layer', required: true },
    layers().map((l) => h('option', { value: l.id, selected: l.id === initialLayer }, layerLabel(l.id))),
  );
  openDialog(
    `${t('markGap')}: ${serviceName}`,
    [
      field('fieldLayer', layerSelect),
      field('fieldTitle', h('input', { name: 'title', required: true, maxlength: LIMITS.gapTitle })),
      field('fieldTitleEn', h('input', { name: 'titleEn', lang: 'en', maxlength: LIMITS.gapTitle })),
      field('fieldDescription', h('textarea', { name: 'description', rows: 3, required: true, maxlength: LIMITS.gapDescription })),
      field('fieldSources', h('textarea', { name: 'sources', rows: 2, placeholder: '003_bc528292a39bd4db.txt:2480-2481' })),
    ],
    async (form) => {
      const input = {
        service,
        layer: chosen(layers(), form, 'layer'),
        title: value(form, 'title'),
        titleEn: value(form, 'titleEn') || null,
        description: value(form, 'description'),
        sources: lines(value(form, 'sources')),
      };
      const data = await gql(MARK_GAP, { input });
      done(data.markGap);
      notifyWrite();
      return t('markGapDone', { title: data.markGap.title });
    },
  );
}

/** The metamodel id chosen in a select built from `list`; a value not in it is refused as the server would (BAD_USER_INPUT on the field). */
function chosen<Id extends string>(list: readonly { id: Id }[], form: HTMLFormElement, name: string): Id {
  const id = entryOf(list, value(form, name));
  if (id === undefined) throw new ApiError('BAD_USER_INPUT', `${name}: ${value(form, name)}`, 0, `input.${name}`);
  return id;
}

const PERSPECTIVE_ID = prefixedIdPattern('perspektiv');
const ENDING: readonly string[] = ['PHASE_OUT', 'REPLACE'] satisfies ChangeType[];

/** What is wrong with a due date as typed, or null: its shape, then its year's range. */
function dueProblem(v: string): string | null {
  const parts = partialDateParts(v);
  if (!parts) return t('dueInvalid');
  if (parts.year < DUE_YEARS.min || parts.year > DUE_YEARS.max) return t('dueRange', { min: DUE_YEARS.min, max: DUE_YEARS.max });
  return null;
}

/** What the due date will do to the element's status, and a warning when it has passed. */
function dueEffect(change: string, v: string): { text: string; past: boolean } | null {
  if (!v || dueProblem(v)) return null;
  const by = endOfPeriod(v);
  const past = by < todayIso();
  const words = { ending: statusLabel('PHASE_OUT'), planned: statusLabel('CHANGES_PLANNED'), date: formatDate(by) };
  const ending = ENDING.includes(change);
  const effect = past ? t(ending ? 'dueEffectPastEnding' : 'dueEffectPastComing', words) : t(ending ? 'dueEffectEnding' : 'dueEffectComing', words);
  return { text: past ? `${t('duePast', { date: formatDue(v) })} ${effect}` : effect, past };
}

export function openPlanChange(element: string, elementName: string): void {
  const changeSelect = h(
    'select',
    { name: 'change', required: true },
    changeTypes().map((c) => h('option', { value: c.id }, changeLabel(c.id))),
  );
  const due = h('input', {
    type: 'text',
    name: 'due',
    required: true,
    inputmode: 'text',
    autocomplete: 'off',
    placeholder: '2027-Q3',
    maxlength: 10,
    spellcheck: 'false',
  });
  const effect = h('p', { class: 'due-effect', id: uid('due-effect'), 'aria-live': 'polite' });
  const showEffect = () => {
    const e = dueEffect(changeSelect.value, due.value.trim());
    effect.textContent = e?.text ?? '';
    effect.classList.toggle('warning', e?.past ?? false);
  };
  due.addEventListener('input', showEffect);
  changeSelect.addEventListener('change', showEffect);
  const dueField = field('fieldDue', due, t('dueHelp'));
  dueField.append(effect);
  openDialog(
    `${t('planChange')}: ${elementName}`,
    [
      field('fieldChange', changeSelect),
      dueField,
      field('fieldDescription', h('textarea', { name: 'description', rows: 3, required: true, maxlength: LIMITS.changeDescription })),
      field('fieldMeasure', h('input', { name: 'measure', placeholder: 'tiltak-…' })),
      field('fieldReplacement', h('input', { name: 'replacement' })),
      field('fieldSources', h('textarea', { name: 'sources', rows: 2 })),
    ],
    async (form) => {
      const input = {
        element,
        change: chosen(changeTypes(), form, 'change'),
        due: value(form, 'due'),
        description: value(form, 'description'),
        measure: value(form, 'measure') || null,
        replacement: value(form, 'replacement') || null,
        sources: lines(value(form, 'sources')),
      };
      await gql(PLAN_CHANGE, { input });
      notifyWrite();
      return t('planChangeDone');
    },
    {
      validate: (form) => {
        const problems: Problem[] = [];
        const v = value(form, 'due');
        const problem = v ? dueProblem(v) : null;
        if (problem) problems.push([due, problem]);
        const replacement = control(form, 'replacement');
        if (replacement && value(form, 'change') === 'REPLACE' && !replacement.value.trim()) problems.push([replacement, t('errReplacementNeeded')]);
        if (replacement && value(form, 'change') !== 'REPLACE' && replacement.value.trim())
          problems.push([replacement, t('errReplacementOnly', { replace: changeLabel('REPLACE') })]);
        return problems;
      },
    },
  );
}

/** "Tolk: Helsenorge åå" → "perspektiv-tolk-helsenorge-aa": an id from a name, Norwegian letters spelled out. */
export function perspectiveIdFrom(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'aa')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `perspektiv-${slug}`.slice(0, LIMITS.id).replace(/-+$/, '');
}

const sameName = (a: string, b: string) => a.trim().toLocaleLowerCase('nb') === b.trim().toLocaleLowerCase('nb');

/**
 * Save the perspective being viewed (`current`, updated in place) or a new one, whose id is made
 * from its name. Names are unique; an empty choice of layers or statuses is refused, not read as "all".
 */
export function openSavePerspective(
  current: PerspectiveData | null,
  service: string | undefined,
  existing: PerspectiveData[],
  done: (p: PerspectiveData) => void,
): void {
  const nameInput = h('input', { name: 'name', required: true, value: current?.name ?? '', maxlength: LIMITS.perspectiveName });
  const idText = h('output', { class: 'help generated-id', for: nameInput.id || (nameInput.id = uid('name')) });
  const idOf = () => current?.id ?? perspectiveIdFrom(nameInput.value);
  const showId = () => {
    idText.textContent = nameInput.value.trim() ? t('perspectiveIdFromName', { id: idOf() }) : '';
  };
  nameInput.addEventListener('input', showId);
  showId();
  const picked = new Set(current ? current.services : service ? [service] : []);
  const servicesBox = h(
    'fieldset',
    { class: 'field checks services-pick', 'data-name': 'services' },
    h('legend', {}, t('fieldServicesPick')),
    h('p', { class: 'help' }, t('loading')),
  );
  gql(SERVICES).then(
    (d) => {
      servicesBox.querySelector('p.help')?.remove();
      const sorted = [...d.informationServices].sort((a, b) => pick(a.name, a.nameEn).localeCompare(pick(b.name, b.nameEn), 'nb'));
      for (const s of sorted) {
        const id = uid('services');
        servicesBox.append(
          h(
            'span',
            { class: 'check' },
            h('input', { type: 'checkbox', id, name: 'services', value: s.id, checked: picked.has(s.id) }),
            h('label', { for: id }, pick(s.name, s.nameEn)),
          ),
        );
      }
    },
    (e: unknown) => {
      const p = servicesBox.querySelector('p.help');
      if (p) p.textContent = plainError(e);
    },
  );
  const nameField = field('fieldName', nameInput);
  nameField.insertBefore(idText, nameField.querySelector('.field-error'));
  const layerBoxes = checkboxes(
    'fieldLayers',
    'layers',
    layers().map((l) => ({ id: l.id, label: layerLabel(l.id), checked: current ? current.layers.length === 0 || current.layers.includes(l.id) : true })),
  );
  const statusBoxes = checkboxes(
    'fieldStatuses',
    'statuses',
    statuses().map((s) => ({ id: s.id, label: statusLabel(s.id), checked: current ? current.statuses.length === 0 || current.statuses.includes(s.id) : true })),
  );
  const others = existing.filter((p) => p.id !== current?.id);
  openDialog(
    t('savePerspective'),
    [
      nameField,
      field('fieldNameEn', h('input', { name: 'nameEn', lang: 'en', value: current?.nameEn ?? '', maxlength: LIMITS.perspectiveName })),
      field('fieldDescription', h('textarea', { name: 'description', rows: 2, maxlength: LIMITS.perspectiveDescription }, current?.description ?? '')),
      layerBoxes,
      statusBoxes,
      servicesBox,
    ],
    async (form) => {
      const allOrSome = <T extends string>(chosen: string[], all: number) => (chosen.length === all ? [] : (chosen as T[]));
      const input = {
        id: idOf(),
        name: value(form, 'name'),
        nameEn: value(form, 'nameEn') || null,
        description: value(form, 'description') || null,
        layers: allOrSome<Layer>(checked(form, 'layers'), layers().length),
        statuses: allOrSome<HeatStatus>(checked(form, 'statuses'), statuses().length),
        services: checked(form, 'services'),
        version: current?.version ?? null,
      };
      const data = await gql(SAVE_PERSPECTIVE, { input });
      done(data.savePerspective);
      notifyWrite();
      return t('savePerspectiveDone', { name: data.savePerspective.name });
    },
    {
      validate: (form) => {
        const problems: Problem[] = [];
        const name = value(form, 'name');
        if (name && (others.some((p) => sameName(p.name, name) || p.id === idOf()) || !PERSPECTIVE_ID.test(idOf()))) {
          problems.push([nameInput, PERSPECTIVE_ID.test(idOf()) ? t('nameTaken', { name }) : t('errInvalidValue')]);
        }
        if (checked(form, 'layers').length === 0) problems.push([layerBoxes, t('pickAtLeastOne')]);
        if (checked(form, 'statuses').length === 0) problems.push([statusBoxes, t('pickAtLeastOne')]);
        return problems;
      },
      // Someone saved the same id since the list was read: the name is taken, reloading would not help.
      explain: (form, e) =>
        e instanceof ApiError && e.kind === 'CONFLICT' && e.field === 'input.id' ? [nameInput, t('nameTaken', { name: value(form, 'name') })] : null,
    },
  );
}
