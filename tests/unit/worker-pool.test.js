import { WorkerPool } from '../../js/pool/worker-pool.js';
import { MSG } from '../../js/pool/protocol.js';
import { AbortError, DecodeError, ImageProcessingError, TimeoutError } from '../../js/errors.js';
import { fakeSpawner } from '../helpers/fake-worker.js';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function makePool(options = {}, spawnerOptions = {}) {
  const fake = fakeSpawner(spawnerOptions);
  const pool = new WorkerPool({ spawn: fake.spawn, size: 1, maxConcurrent: 10, timeoutMs: 1000, ...options });
  return { pool, workers: fake.workers };
}

describe('WorkerPool', () => {
  test('start() resolves with the first worker ready info; init goes first', async () => {
    const { pool, workers } = makePool();
    await expect(pool.start()).resolves.toMatchObject({ build: 'st', threads: 1 });
    expect(workers).toHaveLength(1);
    expect(workers[0].busy).toBe(false); // idle workers are unref'd in Node
    await pool.dispose();
  });

  test('start() rejects with the typed error of init-failed', async () => {
    const { pool } = makePool({}, { initError: new DecodeError('no engine', { code: 'ENGINE_LOAD_FAILED' }).toJSON() });
    const error = await pool.start().catch((e) => e);
    expect(error).toBeInstanceOf(ImageProcessingError);
    expect(error.code).toBe('ENGINE_LOAD_FAILED');
    await pool.dispose();
  });

  test('a worker that crashes before it is ready rejects start() and is not respawned', async () => {
    const { pool, workers } = makePool({}, { crashOnInit: true });
    await expect(pool.start()).rejects.toMatchObject({ code: 'WORKER_CRASHED' });
    await sleep(5);
    expect(workers).toHaveLength(1);
    expect(pool.stats().workers).toBe(0);
    await pool.dispose();
  });

  test('run() resolves with the value; results match their tasks', async () => {
    const { pool } = makePool({ size: 2 });
    await pool.start();
    const results = await Promise.all([1, 2, 3, 4].map((n) => pool.run('m', { value: n, delay: 5 - n })));
    expect(results).toEqual([1, 2, 3, 4]);
    await pool.dispose();
  });

  test('FIFO queue and the concurrency limit', async () => {
    const { pool, workers } = makePool({ size: 4, maxConcurrent: 2 });
    await pool.start();
    const order = [];
    const runs = [1, 2, 3, 4, 5].map((n) => pool.run('m', { value: n, delay: 10 }).then((v) => order.push(v)));
    expect(pool.stats()).toMatchObject({ running: 2, queued: 3 });
    await Promise.all(runs);
    expect(order).toEqual([1, 2, 3, 4, 5]);
    expect(workers.length).toBeLessThanOrEqual(2); // no more workers than can run at once
    const sent = workers.flatMap((w) => w.runs.map((r) => r.payload.value)).sort();
    expect(sent).toEqual([1, 2, 3, 4, 5]);
    expect(pool.stats()).toMatchObject({ queued: 0, running: 0, peakRunning: 2, workers: workers.length });
    await pool.dispose();
  });

  test('order: a task with an earlier call sequence number queues ahead of later ones', async () => {
    const { pool } = makePool({ size: 1 });
    await pool.start();
    const done = [];
    const first = pool.run('m', { value: 'busy', delay: 10 }, { order: 0 }).then((v) => done.push(v));
    const late = [pool.run('m', { value: 3 }, { order: 3 }), pool.run('m', { value: 2 }, { order: 2 }), pool.run('m', { value: 1 }, { order: 1 })]
      .map((p) => p.then((v) => done.push(v)));
    await Promise.all([first, ...late]);
    expect(done).toEqual(['busy', 1, 2, 3]);
    await pool.dispose();
  });

  test('worker limit: with size 1 tasks run one after another on one worker', async () => {
    const { pool, workers } = makePool({ size: 1, maxConcurrent: 10 });
    await pool.start();
    const runs = [1, 2, 3].map((n) => pool.run('m', { value: n, delay: 2 }));
    expect(pool.stats()).toMatchObject({ running: 1, queued: 2, workers: 1 });
    await expect(Promise.all(runs)).resolves.toEqual([1, 2, 3]);
    expect(workers).toHaveLength(1);
    await pool.dispose();
  });

  test('setSize() lets more workers start', async () => {
    const { pool, workers } = makePool({ size: 1 });
    await pool.start();
    pool.setSize(3);
    await Promise.all([1, 2, 3].map((n) => pool.run('m', { value: n, delay: 5 })));
    expect(workers).toHaveLength(3);
    await pool.dispose();
  });

  test('a worker error rejects with the typed error; the worker stays', async () => {
    const { pool, workers } = makePool();
    await pool.start();
    const error = await pool.run('m', { error: new DecodeError('bad bytes', { details: { variant: 0 } }).toJSON() }).catch((e) => e);
    expect(error).toBeInstanceOf(DecodeError);
    expect(error.details).toEqual({ variant: 0 });
    await expect(pool.run('m', { value: 'ok' })).resolves.toBe('ok');
    expect(workers).toHaveLength(1);
    await pool.dispose();
  });

  test('a fatal error (wasm abort) rejects and replaces the worker', async () => {
    const { pool, workers } = makePool();
    await pool.start();
    const fatal = new ImageProcessingError('Aborted()', { code: 'ENGINE_CRASHED' }).toJSON();
    await expect(pool.run('m', { error: fatal, fatal: true })).rejects.toMatchObject({ code: 'ENGINE_CRASHED' });
    expect(workers[0].terminated).toBe(true);
    expect(workers).toHaveLength(2);
    await expect(pool.run('m', { value: 'after' })).resolves.toBe('after');
    expect(workers[1].runs).toHaveLength(1);
    await pool.dispose();
  });

  test('a crash (error event / exit) rejects only that task and the worker is respawned', async () => {
    const { pool, workers } = makePool({ size: 2 });
    await pool.start();
    const crashing = pool.run('m', { crash: true, delay: 5 });
    const fine = pool.run('m', { value: 'fine', delay: 10 });
    const error = await crashing.catch((e) => e);
    expect(error).toBeInstanceOf(ImageProcessingError);
    expect(error.code).toBe('WORKER_CRASHED');
    expect(error.cause.message).toBe('fake crash');
    await expect(fine).resolves.toBe('fine');
    expect(workers[0].terminated).toBe(true);
    await expect(pool.run('m', { value: 'next' })).resolves.toBe('next');
    await pool.dispose();
  });

  test('timeout: rejects TimeoutError, terminates and replaces the worker, late replies are ignored', async () => {
    const { pool, workers } = makePool({ timeoutMs: 20 });
    await pool.start();
    const error = await pool.run('m', { hang: true }).catch((e) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.code).toBe('TIMEOUT');
    expect(error.details).toEqual({ timeoutMs: 20, phase: 'running' });
    expect(workers[0].terminated).toBe(true);
    await expect(pool.run('m', { value: 'later' })).resolves.toBe('later');
    await pool.dispose();
  });

  test('per-call timeoutMs overrides the default, counted from the call (queue wait included)', async () => {
    const { pool, workers } = makePool({ timeoutMs: 10_000, size: 1 });
    await pool.start();
    await expect(pool.run('m', { hang: true }, { timeoutMs: 15 })).rejects.toBeInstanceOf(TimeoutError);
    await expect(pool.run('m', { value: 1, delay: 30 }, { timeoutMs: 1000 })).resolves.toBe(1);
    // queued behind a 60 ms task with a 20 ms limit: times out in the queue, never reaches a worker
    const slow = pool.run('m', { value: 'slow', delay: 60 });
    const queued = await pool.run('m', { value: 'q' }, { timeoutMs: 20 }).catch((e) => e);
    expect(queued).toBeInstanceOf(TimeoutError);
    expect(queued.details.phase).toBe('queued');
    await expect(slow).resolves.toBe('slow'); // the worker running another call is left alone
    expect(workers.flatMap((w) => w.runs.map((r) => r.payload.value))).not.toContain('q');
    // startedAt lets the caller count earlier work (hashing, cache lookup) against the limit
    await expect(pool.run('m', { value: 2, delay: 10 }, { timeoutMs: 50, startedAt: performance.now() - 45 })).rejects.toBeInstanceOf(TimeoutError);
    await pool.dispose();
  });

  test('affinity: a task goes to the free worker that holds its image', async () => {
    const { pool, workers } = makePool({ size: 3 });
    await pool.start();
    pool.setSize(3);
    await Promise.all([1, 2, 3].map((n) => pool.run('m', { value: n, delay: 5 })));
    expect(workers).toHaveLength(3);
    // the fake reports `state.images` from the payload: worker 2 now holds 'img-x'
    await pool.run('m', { value: 'x', images: ['img-x'] });
    const holder = workers.findIndex((w) => w.runs.some((r) => r.payload.value === 'x'));
    for (let i = 0; i < 3; i++) await pool.run('m', { value: `again${i}` }, { affinity: 'img-x' });
    expect(workers[holder].runs.map((r) => r.payload.value)).toEqual(expect.arrayContaining(['again0', 'again1', 'again2']));
    expect(pool.stats().perWorker[holder].storedImages).toBe(1);
    await pool.dispose();
  });

  test('progress messages reach onProgress of the running task', async () => {
    const { pool } = makePool();
    await pool.start();
    const seen = [];
    await expect(pool.run('m', { value: 'p', progress: 3 }, { onProgress: (p) => seen.push(p) })).resolves.toBe('p');
    expect(seen).toEqual([1, 2, 3].map((completed) => ({ completed, total: 3, step: `s${completed}` })));
    await pool.dispose();
  });

  test('recycle: an OUT_OF_MEMORY reply replaces the worker (its heap never shrinks)', async () => {
    const { pool, workers } = makePool();
    await pool.start();
    const oom = new ImageProcessingError('no memory', { code: 'OUT_OF_MEMORY' }).toJSON();
    await expect(pool.run('m', { error: oom, recycle: true })).rejects.toMatchObject({ code: 'OUT_OF_MEMORY' });
    expect(workers[0].terminated).toBe(true);
    expect(pool.stats().recycled).toBe(1);
    await expect(pool.run('m', { value: 'ok' })).resolves.toBe('ok');
    await pool.dispose();
  });

  test('idle workers end after idleTimeoutMs and start again on demand', async () => {
    const { pool, workers } = makePool({ idleTimeoutMs: 20 });
    await pool.start();
    await pool.run('m', { value: 1 });
    await sleep(50);
    expect(workers[0].terminated).toBe(true);
    expect(pool.stats()).toMatchObject({ workers: 0, idleEnded: 1 });
    await expect(pool.run('m', { value: 2 })).resolves.toBe(2);
    expect(workers).toHaveLength(2);
    await pool.dispose();
  });

  test('abort: already aborted, while queued, while running', async () => {
    const { pool, workers } = makePool({ size: 1 });
    await pool.start();
    const pre = new AbortController();
    pre.abort(new Error('reason'));
    const early = await pool.run('m', { value: 1 }, { signal: pre.signal }).catch((e) => e);
    expect(early).toBeInstanceOf(AbortError);
    expect(early.code).toBe('ABORTED');
    expect(early.cause.message).toBe('reason');
    expect(workers[0].runs).toHaveLength(0);

    const running = new AbortController();
    const queued = new AbortController();
    const a = pool.run('m', { hang: true }, { signal: running.signal });
    const b = pool.run('m', { value: 'b' }, { signal: queued.signal });
    expect(pool.stats()).toMatchObject({ running: 1, queued: 1 });
    queued.abort();
    await expect(b).rejects.toBeInstanceOf(AbortError);
    expect(pool.stats().queued).toBe(0);
    running.abort();
    await expect(a).rejects.toBeInstanceOf(AbortError);
    expect(workers[0].terminated).toBe(true); // a running wasm call stops only with its worker
    await expect(pool.run('m', { value: 'c' })).resolves.toBe('c');
    await pool.dispose();
  });

  test('aborting after completion changes nothing', async () => {
    const { pool, workers } = makePool();
    await pool.start();
    const controller = new AbortController();
    await expect(pool.run('m', { value: 1 }, { signal: controller.signal })).resolves.toBe(1);
    controller.abort();
    expect(workers[0].terminated).toBe(false);
    await pool.dispose();
  });

  test('dispose() rejects running and queued tasks, terminates all, is idempotent; run() after rejects', async () => {
    const { pool, workers } = makePool({ size: 1 });
    await pool.start();
    const a = pool.run('m', { hang: true });
    const b = pool.run('m', { value: 2 });
    const first = pool.dispose();
    expect(pool.dispose()).toBe(first);
    await first;
    await expect(a).rejects.toMatchObject({ code: 'DISPOSED' });
    await expect(b).rejects.toMatchObject({ code: 'DISPOSED' });
    expect(workers.every((w) => w.terminated)).toBe(true);
    await expect(pool.run('m', { value: 3 })).rejects.toMatchObject({ code: 'DISPOSED' });
    expect(pool.stats()).toMatchObject({ queued: 0, running: 0, workers: 0 });
  });

  test('post() failing (e.g. DataCloneError) rejects that task only', async () => {
    const { pool, workers } = makePool();
    await pool.start();
    const original = workers[0].adapter.post;
    workers[0].adapter.post = (message) => {
      if (message.kind === MSG.RUN && message.payload.poison) throw new Error('could not be cloned');
      return original(message);
    };
    await expect(pool.run('m', { poison: true })).rejects.toMatchObject({ code: 'WORKER_POST_FAILED' });
    await expect(pool.run('m', { value: 9 })).resolves.toBe(9);
    await pool.dispose();
  });

  test('transfer lists are passed to post()', async () => {
    const { pool, workers } = makePool();
    await pool.start();
    const seen = [];
    const original = workers[0].adapter.post;
    workers[0].adapter.post = (message, transfer) => {
      seen.push(transfer);
      return original(message, transfer);
    };
    const buffer = new ArrayBuffer(8);
    await pool.run('m', { value: 1 }, { transfer: [buffer] });
    expect(seen[0]).toEqual([buffer]);
    await pool.dispose();
  });
});
