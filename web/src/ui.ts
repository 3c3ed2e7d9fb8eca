/** Shared pieces: loading and error states, the polite announcer, status chips. */
import { ApiError, plainError } from './api';
import { h, textColourOn } from './dom';
import { picked, t } from './i18n';
import { statusIcon } from './status-icons';
import { statusColour, statusLabel } from './vocabulary';
import type { HeatStatus } from './queries';

export function loadingState(): HTMLElement {
  return h('p', { class: 'state loading', role: 'status', 'aria-live': 'polite' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), t('loading'));
}

/**
 * A failure in plain words. Something that does not exist will not appear on a retry: it offers
 * the way back (`notFound`, e.g. the landscape) instead of "try again".
 */
export function errorState(e: unknown, retry?: () => void, notFound?: { message: string; href: string; label: string }): HTMLElement {
  const missing = notFound && e instanceof ApiError && e.kind === 'NOT_FOUND';
  return h(
    'div',
    { class: 'state error', role: 'alert' },
    h('p', {}, missing ? notFound.message : plainError(e)),
    missing
      ? h('a', { class: 'button', href: notFound.href }, notFound.label)
      : retry
        ? h('button', { type: 'button', class: 'button', onclick: () => retry() }, t('retry'))
        : null,
  );
}

/** API text in the current language; Norwegian shown in English mode is marked lang="nb" for screen readers. */
export function apiText(
  nbText: string,
  enText: string | null | undefined,
  tag: 'span' | 'p' = 'span',
  attrs: Record<string, string> = {},
): HTMLElement | string {
  const p = picked(nbText, enText);
  if (p.lang === document.documentElement.lang && tag === 'span' && Object.keys(attrs).length === 0) return p.text;
  return h(tag, { ...attrs, ...(p.lang !== document.documentElement.lang ? { lang: p.lang } : {}) }, p.text);
}

let announcer: HTMLElement | null = null;

/** Tell screen-reader and sighted users something happened (a toast in a polite live region). */
export function announce(message: string, kind: 'info' | 'error' = 'info'): void {
  announcer ??= document.getElementById('announcer');
  if (!announcer) return;
  announcer.textContent = '';
  announcer.className = `toast ${kind}`;
  announcer.textContent = message;
  window.clearTimeout(Number(announcer.dataset.timer ?? 0));
  announcer.dataset.timer = String(
    window.setTimeout(() => {
      if (announcer) announcer.className = 'toast hidden';
    }, 6000),
  );
}

/**
 * A coloured swatch with the status name and a count, readable without colour. Null (an element
 * not in force: expired, or a withdrawn bill) is a grey swatch saying so, without a status icon.
 */
export function statusChip(status: HeatStatus | null, count?: number): HTMLElement {
  const colour = statusColour(status);
  return h(
    'span',
    { class: 'chip', 'data-status': status ?? 'NOT_IN_FORCE' },
    h('span', { class: 'swatch', style: `background:${colour};color:${textColourOn(colour)}`, 'aria-hidden': 'true' }, count == null ? '' : String(count)),
    status === null ? null : h('img', { class: 'status-icon', src: statusIcon(status), alt: '', width: 16, height: 16 }),
    h('span', { class: 'chip-label' }, count == null ? statusLabel(status) : `${statusLabel(status)}: ${count}`),
  );
}

/** A compact count badge for a status, with the full meaning as accessible text. */
export function statusCount(status: HeatStatus, count: number): HTMLElement {
  const colour = statusColour(status);
  return h(
    'span',
    { class: 'count-badge', 'data-status': status, style: `background:${colour};color:${textColourOn(colour)}`, title: `${statusLabel(status)}: ${count}` },
    h('span', { 'aria-hidden': 'true' }, String(count)),
    h('span', { class: 'visually-hidden' }, `${statusLabel(status)}: ${count}`),
  );
}

/** A write succeeded: every view on screen reloads what it shows (issue 17: no view contradicts another). */
export function notifyWrite(): void {
  window.dispatchEvent(new CustomEvent('map:written'));
}

export function onWrite(listener: () => void): () => void {
  window.addEventListener('map:written', listener);
  return () => window.removeEventListener('map:written', listener);
}

/** Today as an ISO date, in the user's time zone (what "today" means to the person at the screen). */
export function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
