// SPDX-License-Identifier: MIT
// pixelpipe demo page: pick/drop an image (or generate a sample), run the specification's three
// example variations through ImageProcessingService in Web Workers, show the results.
// Plain ESM, no bundler: the server (web-demo/serve.mjs) serves the repo root, so ../js/index.js
// resolves to the package's public entry point.

const VARIATIONS = [
  { id: 'thumbnail', type: 'resize', width: 300, height: 300, maintainAspectRatio: true },
  { id: 'grayscale', type: 'color_transform', transform: 'grayscale' },
  { id: 'blurred', type: 'filter', filter: 'gaussian_blur', radius: 5 },
];

const $ = (sel) => document.querySelector(sel);
const el = {
  build: $('[data-testid="build"]'),
  threads: $('[data-testid="threads"]'),
  workers: $('[data-testid="workers"]'),
  isolation: $('[data-testid="isolation"]'),
  file: $('#file'),
  drop: $('#drop'),
  sample: $('#sample'),
  source: $('[data-testid="source"]'),
  sourceImg: $('#source-img'),
  sourceInfo: $('#source-info'),
  config: $('#config'),
  status: $('#status'),
  error: $('#error'),
  results: $('#results'),
};

/** Object URLs created for the current results; revoked on the next run. */
let liveUrls = [];
let servicePromise = null;
let runCounter = 0;

el.config.textContent = 'service.generateVariations(bytes, ' + JSON.stringify(VARIATIONS, null, 2) + ')';
el.isolation.textContent = self.crossOriginIsolated ? 'cross-origin isolated' : 'not cross-origin isolated';

function formatBytes(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(2)} MB`;
}

function showError(err) {
  const name = (err && (err.name && err.name !== 'Error' ? err.name : err.constructor && err.constructor.name)) || 'Error';
  const code = err && err.code ? ` [${err.code}]` : '';
  el.error.textContent = `${name}${code}: ${err && err.message ? err.message : String(err)}`;
  el.error.dataset.errorClass = name;
  if (err && err.code) el.error.dataset.errorCode = err.code;
  el.error.hidden = false;
  el.status.textContent = 'Failed.';
  el.status.dataset.state = 'error';
  console.error(err);
}

function clearError() {
  el.error.hidden = true;
  el.error.textContent = '';
  delete el.error.dataset.errorClass;
  delete el.error.dataset.errorCode;
}

/** Create the service once (memoised promise: a click during start-up must not create a second one). */
function getService() {
  if (!servicePromise) {
    servicePromise = createService();
    servicePromise.catch(() => { servicePromise = null; }); // allow a retry on the next run
  }
  return servicePromise;
}

async function createService() {
  let mod;
  try {
    mod = await import('../js/index.js');
  } catch (err) {
    el.build.textContent = 'unavailable';
    throw new Error(`cannot load /js/index.js (is the package built?): ${err.message}`);
  }
  const service = await mod.ImageProcessingService.create({ logger: console });
  window.pixelpipeService = service; // handy from DevTools
  const caps = await service.capabilities();
  el.build.textContent = caps.build;
  el.build.dataset.build = caps.build;
  el.threads.textContent = String(caps.threads ?? '?');
  el.workers.textContent = String(caps.workers ?? '?');
  document.body.dataset.build = caps.build;
  return service;
}

/** A small synthetic sample (no test data in the repo): gradients + shapes + fine detail. */
async function makeSample(width = 640, height = 427) {
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d');
  const g = ctx.createLinearGradient(0, 0, width, height);
  g.addColorStop(0, '#1e3c72');
  g.addColorStop(0.45, '#2a9d8f');
  g.addColorStop(0.75, '#e9c46a');
  g.addColorStop(1, '#e76f51');
  ctx.fillStyle = g;
  ctx.fillRect(0, 0, width, height);
  const r = ctx.createRadialGradient(width * 0.7, height * 0.3, 5, width * 0.7, height * 0.3, height * 0.45);
  r.addColorStop(0, 'rgba(255,255,255,0.9)');
  r.addColorStop(1, 'rgba(255,255,255,0)');
  ctx.fillStyle = r;
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#264653';
  ctx.beginPath();
  ctx.moveTo(0, height);
  for (let x = 0; x <= width; x += 20) ctx.lineTo(x, height * 0.75 - 40 * Math.sin(x / 60));
  ctx.lineTo(width, height);
  ctx.fill();
  // fine stripes make the blur visible
  ctx.strokeStyle = 'rgba(255,255,255,0.55)';
  for (let x = 20; x < 200; x += 6) {
    ctx.beginPath();
    ctx.moveTo(x, 30);
    ctx.lineTo(x, 130);
    ctx.stroke();
  }
  ctx.fillStyle = '#fff';
  ctx.font = 'bold 42px system-ui, sans-serif';
  ctx.fillText('pixelpipe', 30, 200);
  const blob = await canvas.convertToBlob({ type: 'image/png' });
  return new File([blob], 'sample.png', { type: 'image/png' });
}

async function run(file) {
  const myRun = ++runCounter;
  clearError();
  el.results.replaceChildren();
  for (const u of liveUrls) URL.revokeObjectURL(u);
  liveUrls = [];
  el.status.dataset.state = 'running';
  el.status.textContent = `Processing ${file.name || 'image'}…`;
  el.sample.disabled = true;

  try {
    const srcUrl = URL.createObjectURL(file);
    liveUrls.push(srcUrl);
    el.sourceImg.src = srcUrl;
    el.source.hidden = false;
    el.sourceInfo.textContent = `${file.name || 'image'} · ${formatBytes(file.size)}`;
    el.sourceImg.onload = () => {
      el.sourceInfo.textContent = `${file.name || 'image'} · ${el.sourceImg.naturalWidth}×${el.sourceImg.naturalHeight} · ${formatBytes(file.size)}`;
    };

    const svc = await getService();
    const bytes = new Uint8Array(await file.arrayBuffer());
    const t0 = performance.now();
    const variants = await svc.generateVariations(bytes, VARIATIONS);
    const ms = performance.now() - t0;
    if (myRun !== runCounter) return; // a newer run started meanwhile

    for (const v of VARIATIONS) {
      const out = variants[v.id];
      el.results.append(renderResult(v, out, ms));
    }
    el.status.dataset.state = 'done';
    el.status.dataset.ms = ms.toFixed(1);
    el.status.textContent = `${VARIATIONS.length} variations in ${ms.toFixed(0)} ms (one call, decoded once)`;
  } catch (err) {
    if (myRun === runCounter) showError(err);
  } finally {
    el.sample.disabled = false;
  }
}

function renderResult(config, out, ms) {
  const card = document.createElement('figure');
  card.className = 'result';
  card.dataset.testid = `result-${config.id}`;
  card.setAttribute('data-testid', `result-${config.id}`);
  const h = document.createElement('h3');
  h.textContent = config.id;
  const img = document.createElement('img');
  img.alt = `${config.id} result`;
  img.setAttribute('data-testid', `result-img-${config.id}`);
  const meta = document.createElement('figcaption');
  meta.className = 'meta';
  meta.setAttribute('data-testid', `result-meta-${config.id}`);

  if (out instanceof Uint8Array || out instanceof ArrayBuffer) {
    const bytes = out instanceof ArrayBuffer ? new Uint8Array(out) : out;
    const type = sniffMime(bytes);
    const url = URL.createObjectURL(new Blob([bytes], { type }));
    liveUrls.push(url);
    img.src = url;
    card.dataset.bytes = String(bytes.byteLength);
    const base = `${type.replace('image/', '').toUpperCase()} · ${formatBytes(bytes.byteLength)} · ${ms.toFixed(0)} ms (batch)`;
    meta.textContent = base;
    img.onload = () => {
      card.dataset.width = String(img.naturalWidth);
      card.dataset.height = String(img.naturalHeight);
      meta.textContent = `${img.naturalWidth}×${img.naturalHeight} · ${base}`;
      card.dataset.loaded = 'true';
    };
    img.onerror = () => {
      meta.textContent = `${base} · the browser could not display it`;
      card.dataset.loaded = 'error';
    };
  } else if (out && out.data && out.width) {
    // raw RGBA: draw it on a canvas
    const c = document.createElement('canvas');
    c.width = out.width;
    c.height = out.height;
    c.getContext('2d').putImageData(new ImageData(new Uint8ClampedArray(out.data.buffer, out.data.byteOffset, out.data.byteLength), out.width, out.height), 0, 0);
    c.toBlob((b) => { const u = URL.createObjectURL(b); liveUrls.push(u); img.src = u; });
    meta.textContent = `${out.width}×${out.height} · raw RGBA ${formatBytes(out.data.byteLength)} · ${ms.toFixed(0)} ms (batch)`;
    card.dataset.width = String(out.width);
    card.dataset.height = String(out.height);
    card.dataset.loaded = 'true';
  } else {
    meta.textContent = 'no output';
    card.dataset.loaded = 'error';
  }
  card.append(h, img, meta);
  return card;
}

function sniffMime(b) {
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'image/png';
  if (b[0] === 0xff && b[1] === 0xd8) return 'image/jpeg';
  if (b[0] === 0x42 && b[1] === 0x4d) return 'image/bmp';
  if (b[0] === 0x3c) return 'image/svg+xml';
  return 'application/octet-stream';
}

el.file.addEventListener('change', () => {
  const f = el.file.files && el.file.files[0];
  if (f) run(f);
});
el.sample.addEventListener('click', async () => run(await makeSample()));
for (const ev of ['dragenter', 'dragover']) {
  el.drop.addEventListener(ev, (e) => { e.preventDefault(); el.drop.classList.add('over'); });
}
for (const ev of ['dragleave', 'drop']) {
  el.drop.addEventListener(ev, () => el.drop.classList.remove('over'));
}
el.drop.addEventListener('drop', (e) => {
  e.preventDefault();
  const f = e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files[0];
  if (f) run(f);
});

// Start the engine right away so the build is shown before the first image.
getService().then(
  () => { document.body.dataset.ready = 'true'; },
  (err) => { document.body.dataset.ready = 'error'; showError(err); },
);
