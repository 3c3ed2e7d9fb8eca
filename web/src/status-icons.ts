/**
 * A second cue for the heat-map statuses besides their colour (WCAG 1.4.1): a small badge per
 * status, drawn in the corner of each heat-map cell and beside each legend entry. "Exists" and
 * "phase-out" look alike to someone with deuteranopia; a tick and a down arrow do not.
 */
import type { HeatStatus } from './queries';

const INK = '#1d2733';
const GLYPHS: Record<HeatStatus, string> = {
  EXISTS: `<path d="M4.5 8.3l2.4 2.4 4.6-5" fill="none" stroke="${INK}" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/>`,
  CHANGES_PLANNED: `<circle cx="8" cy="8" r="4.3" fill="none" stroke="${INK}" stroke-width="1.5"/><path d="M8 5.4V8l1.9 1.3" fill="none" stroke="${INK}" stroke-width="1.5" stroke-linecap="round"/>`,
  PHASE_OUT: `<path d="M8 4v7.2M4.9 8.3L8 11.4l3.1-3.1" fill="none" stroke="${INK}" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/>`,
  UNMET_NEED: `<path d="M8 4v4.6" stroke="${INK}" stroke-width="2.2" stroke-linecap="round"/><circle cx="8" cy="11.6" r="1.3" fill="${INK}"/>`,
};

/** The badge as an SVG data URI (Cytoscape takes it as a background image; <img> in the legend). */
export function statusIcon(status: HeatStatus): string {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 16 16"><circle cx="8" cy="8" r="7.5" fill="#ffffff" stroke="${INK}" stroke-width="1"/>${GLYPHS[status]}</svg>`;
  return `data:image/svg+xml;utf8,${encodeURIComponent(svg)}`;
}

/**
 * The compare mode's badge (top-left of a cell whose status differs between the two dates): a dark
 * disc with a white delta, unlike the white status badges, so it reads without colour vision.
 */
export function changeIcon(): string {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 16 16"><circle cx="8" cy="8" r="7.5" fill="${INK}" stroke="#ffffff" stroke-width="1"/><path d="M8 3.6L12.2 11.4H3.8Z" fill="none" stroke="#ffffff" stroke-width="1.7" stroke-linejoin="round"/></svg>`;
  return `data:image/svg+xml;utf8,${encodeURIComponent(svg)}`;
}
