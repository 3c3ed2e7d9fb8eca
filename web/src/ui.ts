/** Shared pieces: loading and error states, the polite announcer, status chips. */
import { plainError } from './api';
import { h, textColourOn } from './dom';
import { t } from './i18n';
import { statusColour, statusLabel } from './vocabulary';
import type { HeatStatus } from './queries';

export function loadingState(): HTMLElement {
  return h('p', { class: 'state loading', role: 'status', 'aria-live': 'polite' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), t('loading'));
}

export function errorState(e: unknown, retry?: () => void): HTMLElement {
  return h(
    'div',
    { class: 'state error', role: 'alert' },
    h('p', {}, plainError(e)),
    retry ? h('button', { type: 'button', class: 'button', onclick: () => retry() }, t('retry')) : null,
  );
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
  announcer.dataset.timer = String(window.setTimeout(() => {
    if (announcer) announcer.className = 'toast hidden';
  }, 6000));
}

/** A coloured swatch with the status name and a count, readable without colour. */
export function statusChip(status: HeatStatus, count?: number): HTMLElement {
  const colour = statusColour(status);
  return h(
    'span',
    { class: 'chip', 'data-status': status },
    h('span', { class: 'swatch', style: `background:${colour};color:${textColourOn(colour)}`, 'aria-hidden': 'true' }, count == null ? '' : String(count)),
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
