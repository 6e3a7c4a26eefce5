// SPDX-License-Identifier: MIT
// The frame every panel shares: heading, intro, a status line and an error line (role=alert), so
// a failed call always leaves a readable message in the panel rather than an empty area.
// Each panel marks the element that shows its result with a `data-output` attribute: empty (or a
// blank canvas) until the first result, so the browser tests can check that region for content.
import { h } from './dom.js';

/**
 * @param {string} id        panel id: testids are `panel-<id>`, `<id>-status`, `<id>-error`
 * @param {string} title
 * @param {string} intro     one sentence: what the panel calls
 * @param {{ statusTestid?: string, errorTestid?: string }} [ids] the Variations panel keeps the
 *   original page's `status` / `results` testids (tests/browser/demo.spec.js)
 */
export function panelFrame(id, title, intro, ids = {}) {
  const status = h('p', { class: 'status', role: 'status', testid: ids.statusTestid ?? `${id}-status`, text: 'Choose an image to start.' });
  const error = h('p', { class: 'error', role: 'alert', testid: ids.errorTestid ?? `${id}-error`, hidden: true });
  const body = h('div', { class: 'panel-body' });
  const section = h('section', { id: `panel-${id}`, class: 'panel', testid: `panel-${id}`, role: 'tabpanel',
    'aria-labelledby': `tab-${id}`, hidden: true, tabindex: -1 },
  h('h2', { text: title }), h('p', { class: 'intro', text: intro }), body, status, error);
  return { section, body, status, error, statusAndError: { statusEl: status, errorEl: error } };
}

/** Status text after a successful call: what ran and how long it took. */
export function doneStatus(statusEl, text) {
  statusEl.dataset.state = 'done';
  statusEl.textContent = text;
}
