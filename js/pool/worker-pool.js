// worker-pool.js: runs tasks on up to `size` workers, at most `maxConcurrent` at once, in FIFO
// order. Each worker runs one task at a time (the engine call is synchronous), so a timeout or an
// abort can only stop a task by terminating its worker; that worker is then replaced.
import { MSG, initMessage, runMessage } from './protocol.js';
import { AbortError, ImageProcessingError, TimeoutError, errorFromJSON } from '../errors.js';

export class WorkerPool {
  #spawn;
  #size;
  #maxConcurrent;
  #timeoutMs;
  #initOptions;
  #slots = [];
  #queue = [];
  #running = 0;
  #nextId = 1;
  #disposing = null;

  /**
   * @param {object} o
   * @param {(handlers: {message: Function, crash: Function}) => {post: Function, terminate: Function, setBusy: Function}} o.spawn
   * @param {number} [o.size] most workers alive at once (started lazily)
   * @param {number} [o.maxConcurrent] most tasks running at once
   * @param {number} [o.timeoutMs] default per-task time limit, counted from dispatch to a worker
   * @param {object} [o.initOptions] sent to every worker in its init message
   */
  constructor({ spawn, size = 1, maxConcurrent = Infinity, timeoutMs = 30_000, initOptions = {} }) {
    this.#spawn = spawn;
    this.#size = size;
    this.#maxConcurrent = maxConcurrent;
    this.#timeoutMs = timeoutMs;
    this.#initOptions = initOptions;
  }

  /** Starts the first worker; resolves with its engine info (`ready` message), rejects if it cannot load. */
  start() {
    const slot = this.#slots[0] ?? this.#addSlot();
    return slot.ready;
  }

  /** Changes the worker limit (extra workers start when work needs them). */
  setSize(size) {
    this.#size = size;
    this.#pump();
  }

  /** { queued, running, workers }, like sharp's counters(). */
  stats() {
    return { queued: this.#queue.length, running: this.#running, workers: this.#slots.length };
  }

  /**
   * Queues one task. Rejects with TimeoutError, AbortError, ImageProcessingError (WORKER_CRASHED,
   * DISPOSED) or the typed error the worker reported.
   */
  run(method, payload, { transfer = [], timeoutMs = this.#timeoutMs, signal } = {}) {
    return new Promise((resolve, reject) => {
      if (this.#disposing) return reject(disposedError());
      if (signal?.aborted) return reject(abortError(signal));
      const task = { id: this.#nextId++, method, payload, transfer, timeoutMs, signal, resolve, reject, slot: null, timer: null };
      if (signal) {
        task.onAbort = () => this.#abort(task);
        signal.addEventListener('abort', task.onAbort, { once: true });
      }
      this.#queue.push(task);
      this.#pump();
    });
  }

  /** Rejects queued and running tasks and terminates every worker. Idempotent. */
  dispose() {
    if (this.#disposing) return this.#disposing;
    const error = disposedError();
    for (const task of [...this.#queue, ...this.#slots.map((s) => s.task).filter(Boolean)]) this.#settle(task, error);
    const slots = this.#slots.splice(0);
    this.#disposing = Promise.all(slots.map((slot) => this.#terminate(slot, error))).then(() => undefined);
    return this.#disposing;
  }

  #addSlot() {
    const slot = { adapter: null, task: null, retired: false, isReady: false };
    slot.ready = new Promise((resolve, reject) => {
      slot.resolveReady = resolve;
      slot.rejectReady = reject;
    });
    slot.ready.catch(() => {}); // only start() awaits readiness; others learn of failure per task
    slot.adapter = this.#spawn({
      message: (data) => this.#onMessage(slot, data),
      crash: (error) => this.#onCrash(slot, error),
    });
    this.#slots.push(slot);
    slot.adapter.post(initMessage(this.#initOptions));
    return slot;
  }

  #pump() {
    while (!this.#disposing && this.#queue.length > 0 && this.#running < this.#maxConcurrent) {
      let slot = this.#slots.find((s) => !s.task);
      if (!slot) {
        if (this.#slots.length >= this.#size) return;
        slot = this.#addSlot();
      }
      this.#dispatch(slot, this.#queue.shift());
    }
  }

  #dispatch(slot, task) {
    slot.task = task;
    task.slot = slot;
    this.#running++;
    slot.adapter.setBusy(true);
    if (Number.isFinite(task.timeoutMs) && task.timeoutMs > 0) {
      task.timer = setTimeout(() => this.#timeout(task), task.timeoutMs);
    }
    try {
      slot.adapter.post(runMessage(task.id, task.method, task.payload), task.transfer);
    } catch (error) {
      this.#settle(task, new ImageProcessingError(`Could not send the task to a worker: ${error.message}`, {
        code: 'WORKER_POST_FAILED', cause: error,
      }));
    }
  }

  #onMessage(slot, data) {
    if (slot.retired) return;
    switch (data?.kind) {
      case MSG.READY:
        slot.isReady = true;
        slot.resolveReady(data.info);
        if (!slot.task) slot.adapter.setBusy(false);
        return;
      case MSG.INIT_FAILED:
        // The worker stays: it answers each task with the same error, so callers see why.
        slot.rejectReady(errorFromJSON(data.error));
        return;
      case MSG.RESULT:
      case MSG.ERROR: {
        const task = slot.task;
        if (!task || task.id !== data.id) return;
        if (data.kind === MSG.RESULT) return this.#settle(task, null, data.value);
        if (data.fatal) this.#retire(slot, true);
        return this.#settle(task, errorFromJSON(data.error));
      }
      default:
    }
  }

  #onCrash(slot, cause) {
    if (slot.retired) return;
    const task = slot.task;
    const error = new ImageProcessingError(`Worker crashed: ${cause?.message ?? cause}`, { code: 'WORKER_CRASHED', cause });
    this.#retire(slot, slot.isReady, error); // a worker that never got ready is not respawned (no crash loop)
    if (task) this.#settle(task, error);
  }

  #timeout(task) {
    task.timer = null;
    if (task.slot) this.#retire(task.slot, true);
    this.#settle(task, new TimeoutError(`Operation timed out after ${task.timeoutMs} ms`, {
      details: { timeoutMs: task.timeoutMs },
    }));
  }

  #abort(task) {
    const queued = this.#queue.indexOf(task);
    if (queued >= 0) this.#queue.splice(queued, 1);
    else if (task.slot) this.#retire(task.slot, true); // a running wasm call can only be stopped with its worker
    else return; // already settled
    this.#settle(task, abortError(task.signal));
  }

  /** Removes a worker for good; `replace` starts a fresh one at once so capacity stays warm. */
  #retire(slot, replace, reason = new ImageProcessingError('Worker retired', { code: 'WORKER_RETIRED' })) {
    const index = this.#slots.indexOf(slot);
    if (index >= 0) this.#slots.splice(index, 1);
    this.#terminate(slot, reason);
    if (replace && !this.#disposing) this.#addSlot();
  }

  #terminate(slot, reason) {
    slot.retired = true;
    slot.rejectReady(reason);
    return Promise.resolve().then(() => slot.adapter.terminate()).catch(() => {});
  }

  #settle(task, error, value) {
    if (task.settled) return;
    task.settled = true;
    if (task.timer) clearTimeout(task.timer);
    if (task.onAbort) task.signal.removeEventListener('abort', task.onAbort);
    const queued = this.#queue.indexOf(task);
    if (queued >= 0) this.#queue.splice(queued, 1);
    const slot = task.slot;
    if (slot) {
      slot.task = null;
      task.slot = null;
      this.#running--;
      if (!slot.retired) slot.adapter.setBusy(false);
    }
    if (error) task.reject(error);
    else task.resolve(value);
    this.#pump();
  }
}

function disposedError() {
  return new ImageProcessingError('The service has been disposed', { code: 'DISPOSED' });
}

function abortError(signal) {
  return new AbortError('The operation was aborted', { cause: signal?.reason });
}
