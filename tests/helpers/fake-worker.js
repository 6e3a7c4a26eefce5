// fake-worker.js: a scripted stand-in for spawn-worker.js, to test the pool's logic without
// threads. The payload of each task says how the fake behaves:
//   { value, delay }    reply { kind: 'result' } after `delay` ms
//   { error, fatal }    reply { kind: 'error' } with the given ErrorJSON
//   { crash: true }     report a crash (like an 'error' event / unexpected exit)
//   { hang: true }      never reply
//   { progress: n }     send n progress messages first
//   { images: [...] }   report these image hashes in the reply's state (as a real worker's LRU)
//   { recycle: true }   with error: ask the pool to recycle the worker
import { MSG } from '../../js/pool/protocol.js';

export function fakeSpawner({ initDelay = 0, initError, crashOnInit = false } = {}) {
  const workers = [];
  const spawn = (handlers) => {
    const worker = { alive: true, busy: null, runs: [], terminated: false };
    const reply = (message, delay = 0) => setTimeout(() => worker.alive && handlers.message(message), delay);
    worker.adapter = {
      post(message) {
        if (!worker.alive) throw new Error('posted to a terminated fake worker');
        if (message.kind === MSG.INIT) {
          if (crashOnInit) return setTimeout(() => handlers.crash(new Error('boom at init')), initDelay);
          return initError
            ? reply({ kind: MSG.INIT_FAILED, error: initError }, initDelay)
            : reply({ kind: MSG.READY, info: { build: 'st', threads: 1, version: '0.1.0', index: workers.indexOf(worker) } }, initDelay);
        }
        worker.runs.push(message);
        const p = message.payload ?? {};
        if (p.hang) return;
        if (p.crash) return setTimeout(() => worker.alive && handlers.crash(new Error('fake crash')), p.delay ?? 0);
        const state = p.images ? { images: p.images } : undefined;
        for (let i = 1; i <= (p.progress ?? 0); i++) reply({ kind: MSG.PROGRESS, id: message.id, completed: i, total: p.progress, step: `s${i}` });
        if (p.error) return reply({ kind: MSG.ERROR, id: message.id, error: p.error, fatal: Boolean(p.fatal), recycle: Boolean(p.recycle), state }, p.delay ?? 0);
        return reply({ kind: MSG.RESULT, id: message.id, value: p.value, state }, p.delay ?? 0);
      },
      async terminate() {
        worker.alive = false;
        worker.terminated = true;
      },
      setBusy(busy) {
        worker.busy = busy;
      },
    };
    workers.push(worker);
    return worker.adapter;
  };
  return { spawn, workers };
}
