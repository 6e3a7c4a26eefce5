// SPDX-License-Identifier: MIT
// Small DOM helpers shared by the demo's panels: element builder, byte/ms formatting, and showing
// engine outputs (encoded bytes or raw RGBA) as images.

/** h('div', { class: 'x', testid: 'y', onclick }, child, 'text', …) → element. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'testid') el.setAttribute('data-testid', v);
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'text') el.textContent = v;
    else if (k in el && typeof v !== 'string') el[k] = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) if (c !== undefined && c !== null && c !== false) el.append(c);
  return el;
}

export function formatBytes(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(2)} MB`;
}

export const formatMs = (ms) => `${ms < 10 ? ms.toFixed(1) : ms.toFixed(0)} ms`;

/** MIME type of encoded bytes from their signature (what a Blob needs for <img>). */
export function sniffMime(b) {
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'image/png';
  if (b[0] === 0xff && b[1] === 0xd8) return 'image/jpeg';
  if (b[0] === 0x42 && b[1] === 0x4d) return 'image/bmp';
  if (b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46) return 'image/gif';
  if (b[0] === 0x52 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x46) return 'image/webp';
  if (b[0] === 0 && b[1] === 0 && b[2] === 1 && b[3] === 0) return 'image/x-icon';
  if (b[0] === 0x3c) return 'image/svg+xml';
  return 'application/octet-stream';
}

/**
 * Object URLs owned by one panel: `urls.make(blob)` creates one, `urls.clear()` revokes every URL
 * made since the last clear (each panel clears when it shows new results, so memory stays flat).
 */
export function urlPool() {
  let live = [];
  return {
    make(blob) { const u = URL.createObjectURL(blob); live.push(u); return u; },
    clear() { for (const u of live) URL.revokeObjectURL(u); live = []; },
  };
}

/** Draw a raw { width, height, data } output on a canvas (resized to the image). */
export function drawRaw(canvas, raw) {
  canvas.width = raw.width;
  canvas.height = raw.height;
  const data = new Uint8ClampedArray(raw.data.buffer, raw.data.byteOffset, raw.data.byteLength);
  canvas.getContext('2d').putImageData(new ImageData(data, raw.width, raw.height), 0, 0);
  canvas.dataset.width = String(raw.width);
  canvas.dataset.height = String(raw.height);
  return canvas;
}

/**
 * An <img> of encoded bytes; resolves its natural size into data-width/-height and sets
 * data-loaded to 'true' (or 'error' when this browser cannot display the format).
 */
export function imageOf(bytes, urls, attrs = {}) {
  const img = h('img', attrs);
  img.addEventListener('load', () => {
    img.dataset.width = String(img.naturalWidth);
    img.dataset.height = String(img.naturalHeight);
    img.dataset.loaded = 'true';
  });
  img.addEventListener('error', () => { img.dataset.loaded = 'error'; });
  img.src = urls.make(new Blob([bytes], { type: sniffMime(bytes) }));
  return img;
}

/** Run `fn` at most once per animation frame and never twice at once; the last request wins. */
export function coalesce(fn) {
  let running = false;
  let pending = null;
  return async function request(...args) {
    pending = args;
    if (running) return;
    running = true;
    try {
      while (pending) {
        const next = pending;
        pending = null;
        await fn(...next);
      }
    } finally {
      running = false;
    }
  };
}
