// SPDX-License-Identifier: MIT
// The demo's one ImageProcessingService and everything around a call: the logger whose debug
// lines (per-call timings, cache hits, shared steps) the page shows, the progress indicator for
// calls over PROGRESS_DELAY_MS, typed errors turned into readable messages, and the cache counters.
import { h, formatMs } from './dom.js';

/** A call shorter than this shows no indicator (a flash would be noise); longer ones do. */
export const PROGRESS_DELAY_MS = 200;
// `?progressDelay=N` overrides it: the tests set 0 so that whether the indicator shows does not
// depend on how fast this machine runs a call (analyze of 1 MP took 1 s on one machine, <200 ms on CI).
const progressDelayMs = (() => {
  const given = new URLSearchParams(globalThis.location?.search ?? '').get('progressDelay');
  const v = given === null ? NaN : Number(given);
  return Number.isFinite(v) && v >= 0 ? v : PROGRESS_DELAY_MS;
})();
const LOG_LINES_KEPT = 60;

/** `Class [CODE]: message (at path)` from any typed error (js/errors.js), or a plain Error. */
export function describeError(err) {
  const name = (err && (err.name && err.name !== 'Error' ? err.name : err.constructor && err.constructor.name)) || 'Error';
  const code = err && err.code ? ` [${err.code}]` : '';
  const message = err && err.message ? err.message : String(err);
  const path = err && err.details && err.details.path && !message.includes(err.details.path) ? ` (at ${err.details.path})` : '';
  return `${name}${code}: ${message}${path}`;
}

/** Why this build runs, in words (capabilities().reason says why st, when it is st). */
export function describeBuild(caps) {
  if (caps.build === 'mt') return `threaded: the page is cross-origin isolated, so SharedArrayBuffer and wasm threads are available`;
  const why = caps.reason || (self.crossOriginIsolated ? 'forced' : 'the page is not cross-origin isolated (no COOP/COEP headers), so there is no SharedArrayBuffer');
  return `single-threaded: ${why}`;
}

/**
 * Starts the service and returns the engine: `call(label, fn, {statusEl, errorEl})` runs
 * `fn(service, onProgress)` with the progress indicator, timing and error display.
 * @param {{ busy: HTMLElement, log: HTMLElement, cache: HTMLElement }} ui
 */
export async function startEngine(ui) {
  const pp = await import('../../js/index.js');
  const lines = [];
  const record = (level) => (...args) => {
    const text = args.map(String).join(' ');
    lines.push(text);
    if (level === 'warn' || level === 'error') console.warn(text); // stays visible in DevTools
  };
  const logger = { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') };
  const service = await pp.ImageProcessingService.create({ logger, cache: new pp.MemoryCache({ maxBytes: 64 * 1024 * 1024 }) });
  const [caps, catalogue] = await Promise.all([service.capabilities(), service.operations()]);
  const busy = busyIndicator(ui.busy);

  async function refreshCache() {
    const s = await service.stats();
    ui.cache.textContent = `${s.cacheHits} hit${s.cacheHits === 1 ? '' : 's'} / ${s.cacheMisses} miss${s.cacheMisses === 1 ? '' : 'es'}`;
    ui.cache.dataset.hits = String(s.cacheHits);
  }

  function appendLog(label, ms, newLines) {
    const item = h('li', {}, h('strong', { text: `${label} · ${formatMs(ms)}` }),
      ...newLines.map((l) => h('div', { class: 'log-line', text: l.replace(/^pixelpipe: /, '') })));
    ui.log.prepend(item);
    while (ui.log.children.length > LOG_LINES_KEPT) ui.log.lastElementChild.remove();
  }

  /**
   * @returns {Promise<{ ok: true, value, ms, log: string[] } | { ok: false, error }>} never rejects:
   *   the error is already shown in errorEl (and the status says it failed).
   */
  async function call(label, fn, { statusEl, errorEl } = {}) {
    const first = lines.length;
    const t0 = performance.now();
    const done = busy.start(label);
    if (errorEl) { errorEl.hidden = true; errorEl.textContent = ''; }
    if (statusEl) { statusEl.dataset.state = 'running'; statusEl.textContent = `${label}…`; }
    try {
      const value = await fn(service, done.progress);
      const ms = performance.now() - t0;
      const log = lines.slice(first);
      appendLog(label, ms, log);
      if (statusEl) { statusEl.dataset.state = 'done'; statusEl.dataset.ms = ms.toFixed(1); }
      return { ok: true, value, ms, log };
    } catch (error) {
      appendLog(`${label} failed`, performance.now() - t0, [describeError(error)]);
      if (errorEl) {
        errorEl.textContent = describeError(error);
        errorEl.dataset.errorClass = error?.name ?? 'Error';
        if (error?.code) errorEl.dataset.errorCode = error.code;
        errorEl.hidden = false;
      }
      if (statusEl) { statusEl.dataset.state = 'error'; statusEl.textContent = `${label} failed.`; }
      return { ok: false, error };
    } finally {
      done();
      refreshCache().catch(() => {});
    }
  }

  return { pp, service, caps, catalogue, call, describeBuild: () => describeBuild(caps) };
}

/**
 * The indicator shows after PROGRESS_DELAY_MS while at least one call runs; `data-shown` counts how
 * often it appeared (the tests read it). onProgress's { completed, total } drives the bar when a
 * method reports steps; otherwise it is indeterminate.
 */
function busyIndicator(root) {
  const label = root.querySelector('[data-role="label"]');
  const bar = root.querySelector('progress');
  const active = new Set();
  let shown = 0;
  function render() {
    const visible = [...active].filter((c) => c.visible);
    root.hidden = visible.length === 0;
    if (visible.length) label.textContent = visible.map((c) => c.label).join(', ') + '…';
  }
  return {
    start(text) {
      const c = { label: text, visible: false };
      active.add(c);
      c.timer = setTimeout(() => {
        c.visible = true;
        root.dataset.shown = String(++shown);
        bar.removeAttribute('value');
        render();
      }, progressDelayMs);
      const done = () => { clearTimeout(c.timer); active.delete(c); render(); };
      done.progress = ({ completed, total }) => { if (total > 0) { bar.max = total; bar.value = completed; } };
      return done;
    },
  };
}
