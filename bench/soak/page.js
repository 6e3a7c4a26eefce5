// SPDX-License-Identifier: MIT
// Soak page (driven by bench/soak.mjs): window.soak.init({ manifest, build, seed }) fetches the
// inputs and creates the service; run({ from, count, concurrency }) makes calls from..from+count-1
// (calls.js) with `concurrency` in flight and resolves when every one has answered, with the
// outcome counts and every unexpected answer; sample() reports the service's counters and the
// page's live workers and object URLs (counters.js); dispose() ends the service.
import { ImageProcessingService } from '/js/index.js';
import { CRASH_CODES, makeCall, outcomeOf } from './calls.js';

// Longer than any limit the service applies (operationTimeoutMs 30 s): a call still silent then
// was never answered.
const UNANSWERED_MS = 90_000;
let service;
let seed;
const inputs = { images: [], encoded: [], malformed: [] };
const handles = [];

async function fetchBytes(file) {
  const response = await fetch(`/build/soak-inputs/${file}`);
  if (!response.ok) throw new Error(`${file}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

function context(r) {
  return {
    s: service,
    handles,
    // A fresh copy per use: the service may transfer (detach) what it is given.
    image: ({ encoded = false } = {}) => {
      const list = encoded ? inputs.encoded : inputs.images;
      const src = list[Math.floor(r() * list.length)];
      return src.data ? { width: src.width, height: src.height, data: src.data.slice() } : src.slice();
    },
    malformed: () => inputs.malformed[Math.floor(r() * inputs.malformed.length)].slice(),
  };
}

async function answer(call) {
  let timer;
  const silent = new Promise((resolve) => { timer = setTimeout(() => resolve({ unanswered: true }), UNANSWERED_MS); });
  const settled = call.promise.then(() => ({ error: undefined }), (error) => ({ error }));
  const result = await Promise.race([settled, silent]);
  clearTimeout(timer);
  return result;
}

window.soak = {
  async init({ manifest, build, seed: s }) {
    seed = s;
    for (const f of manifest.encoded) inputs.encoded.push(await fetchBytes(f));
    inputs.images = [...inputs.encoded];
    for (const raw of manifest.raw) inputs.images.push({ width: raw.width, height: raw.height, data: await fetchBytes(raw.file) });
    for (const f of manifest.malformed) inputs.malformed.push(await fetchBytes(f));
    service = await ImageProcessingService.create({ build });
    return { isolated: self.crossOriginIsolated, ...(await service.capabilities()) };
  },

  async run({ from, count, concurrency }) {
    const outcomes = {}; // kind → outcome → n
    const unexpected = [];
    let next = from;
    const end = from + count;
    const lane = async () => {
      while (next < end) {
        const i = next++;
        // One generator per call drives its choices and its inputs: call i is the same in every run.
        const call = makeCall(i, seed, context);
        const result = await answer(call);
        const outcome = result.unanswered ? 'unanswered' : outcomeOf(result.error);
        const byKind = (outcomes[call.kind] ??= {});
        byKind[outcome] = (byKind[outcome] ?? 0) + 1;
        const code = result.error?.code;
        if (!call.expect.includes(outcome) || CRASH_CODES.has(code)) {
          unexpected.push({ i, kind: call.kind, outcome, code, message: String(result.error?.message ?? '').slice(0, 300), expected: call.expect });
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, lane));
    return { outcomes, unexpected };
  },

  async sample() {
    const stats = await service.stats();
    return { stats, page: globalThis.soakCounters() };
  },

  async dispose() {
    for (const h of handles.splice(0)) h.release();
    await service.dispose();
    return globalThis.soakCounters();
  },
};
