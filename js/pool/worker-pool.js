// worker-pool.js: runs tasks on up to `size` workers, at most `maxConcurrent` in flight (handed to
// a worker) at once, the rest in a FIFO queue. Each worker runs one task at a time (the engine call
// is synchronous), so a timeout or an abort can only stop a running task by terminating its
// worker; that worker is then replaced. Idle workers are ended after `idleTimeoutMs` to give their
// memory back (wasm memory never shrinks), and started again lazily.
import { MSG, initMessage, runMessage } from './protocol.js';
import { AbortError, ImageProcessingError, TimeoutError, errorFromJSON } from '../errors.js';

const SILENT = { debug() {}, info() {}, warn() {}, error() {} };

export class WorkerPool {
  #spawn;
  #size;
  #maxConcurrent;
  #timeoutMs;
  #idleTimeoutMs;
  #initOptions;
  #logger;
  #slots = [];
  #queue = [];
  #running = 0;
  #peakRunning = 0;
  #nextId = 1;
  #nextWorker = 1;
  #counters = { started: 0, recycled: 0, crashed: 0, timedOut: 0, aborted: 0, idleEnded: 0 };
  #disposing = null;

  /**
   * @param {object} o
   * @param {(handlers: {message: Function, crash: Function}) => {post, terminate, setBusy, kill?}} o.spawn
   * @param {number} [o.size] most workers alive at once (started lazily)
   * @param {number} [o.maxConcurrent] most tasks in flight (handed to a worker) at once
   * @param {number} [o.timeoutMs] default per-task time limit, counted from run() (queue wait included)
   * @param {number} [o.idleTimeoutMs] end a worker idle this long (Infinity = never)
   * @param {object} [o.initOptions] sent to every worker in its init message
   * @param {object} [o.logger] debug/info/warn/error
   */
  constructor({ spawn, size = 1, maxConcurrent = Infinity, timeoutMs = 30_000, idleTimeoutMs = Infinity, initOptions = {}, logger = SILENT }) {
    this.#spawn = spawn;
    this.#size = size;
    this.#maxConcurrent = maxConcurrent;
    this.#timeoutMs = timeoutMs;
    this.#idleTimeoutMs = idleTimeoutMs;
    this.#initOptions = initOptions;
    this.#logger = logger;
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

  /**
   * Counters, like sharp's counters(): queued and running tasks, the most ever running at once,
   * workers alive, lifetime counters, and per worker its module memory and stored images.
   */
  stats() {
    return {
      queued: this.#queue.length,
      running: this.#running,
      peakRunning: this.#peakRunning,
      workers: this.#slots.length,
      ...this.#counters,
      perWorker: this.#slots.map((slot) => ({
        id: slot.id,
        busy: Boolean(slot.task),
        ready: slot.isReady,
        tasks: slot.tasks,
        storedImages: slot.images.size,
        ...(slot.memory ? { memory: { ...slot.memory } } : {}),
      })),
    };
  }

  /**
   * Queues one task. Rejects with TimeoutError, AbortError, ImageProcessingError (WORKER_CRASHED,
   * DISPOSED) or the typed error the worker reported.
   * @param {object} [o]
   * @param {number} [o.startedAt] when the time limit starts counting (default: now)
   * @param {string} [o.affinity] content hash: prefer a free worker that holds this image
   * @param {Function} [o.onProgress] ({ completed, total, step }) as the worker reports steps
   * @param {object} [o.timings] receives `queueMs`, the wait before a worker took the task, and
   *   `runMs`, from handing it to the worker until its answer
   * @param {number} [o.order] queue position by call order (the caller's sequence number): a call
   *   that spent longer hashing its input still queues before later calls
   */
  run(method, payload, { transfer = [], timeoutMs = this.#timeoutMs, startedAt = now(), signal, affinity, onProgress, timings, order = Number.MAX_SAFE_INTEGER } = {}) {
    return new Promise((resolve, reject) => {
      if (this.#disposing) return reject(disposedError());
      if (signal?.aborted) return reject(abortError(signal));
      const task = {
        id: this.#nextId++, method, payload, transfer, timeoutMs, signal, affinity, onProgress, timings, order,
        resolve, reject, slot: null, timer: null, queuedAt: now(), dispatchedAt: undefined,
      };
      if (Number.isFinite(timeoutMs) && timeoutMs > 0) {
        task.timer = setTimeout(() => this.#timeout(task), Math.max(0, startedAt + timeoutMs - now()));
      }
      if (signal) {
        task.onAbort = () => this.#abort(task);
        signal.addEventListener('abort', task.onAbort, { once: true });
      }
      const later = this.#queue.findIndex((queued) => queued.order > order);
      if (later < 0) this.#queue.push(task);
      else this.#queue.splice(later, 0, task);
      this.#pump();
    });
  }

  /** Rejects queued and running tasks and terminates every worker. Idempotent. */
  dispose() {
    if (this.#disposing) return this.#disposing;
    const error = disposedError();
    this.#disposing = Promise.resolve(); // set first: settling below must not dispatch more work
    for (const task of [...this.#queue, ...this.#slots.map((s) => s.task).filter(Boolean)]) this.#settle(task, error);
    const slots = this.#slots.splice(0);
    this.#disposing = Promise.all(slots.map((slot) => this.#terminate(slot, error))).then(() => undefined);
    return this.#disposing;
  }

  /**
   * Test hook: kills worker `index` the hard way (as a crash would: no goodbye message), so the
   * crash path can be tested on real workers. Resolves when the kill is issued.
   */
  async killWorker(index = 0) {
    const slot = this.#slots[index];
    if (!slot) return false;
    if (slot.adapter.kill) slot.adapter.kill();
    else this.#onCrash(slot, new Error('worker killed'));
    return true;
  }

  #addSlot() {
    const slot = { id: this.#nextWorker++, adapter: null, task: null, retired: false, isReady: false, tasks: 0, images: new Set(), memory: undefined, idleTimer: null };
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
    this.#counters.started++;
    this.#logger.debug(`pixelpipe: worker #${slot.id} starting (${this.#slots.length}/${this.#size})`);
    slot.adapter.post(initMessage(this.#initOptions));
    return slot;
  }

  #pump() {
    while (!this.#disposing && this.#queue.length > 0 && this.#running < this.#maxConcurrent) {
      const task = this.#queue[0];
      const free = this.#slots.filter((s) => !s.task && !s.retired);
      // Route to the worker that already holds the decoded image when it is free; else any free one.
      let slot = (task.affinity && free.find((s) => s.images.has(task.affinity))) ?? free.find((s) => s.isReady) ?? free[0];
      if (!slot) {
        if (this.#slots.length >= this.#size) return;
        slot = this.#addSlot();
      }
      this.#queue.shift();
      this.#dispatch(slot, task);
    }
  }

  #dispatch(slot, task) {
    slot.task = task;
    slot.tasks++;
    task.slot = slot;
    task.dispatchedAt = now();
    if (task.timings) task.timings.queueMs = task.dispatchedAt - task.queuedAt;
    this.#running++;
    this.#peakRunning = Math.max(this.#peakRunning, this.#running);
    clearTimeout(slot.idleTimer);
    slot.adapter.setBusy(true);
    try {
      slot.adapter.post(runMessage(task.id, task.method, task.payload, Boolean(task.onProgress)), task.transfer);
    } catch (error) {
      this.#settle(task, new ImageProcessingError(`Could not send the task to a worker: ${error.message}`, {
        code: 'WORKER_POST_FAILED', cause: error,
      }));
    }
  }

  #onMessage(slot, data) {
    if (slot.retired) return;
    if (data?.state) this.#updateState(slot, data.state);
    switch (data?.kind) {
      case MSG.READY:
        slot.isReady = true;
        slot.resolveReady(data.info);
        this.#logger.info(`pixelpipe: worker #${slot.id} ready (${data.info.build}, ${data.info.threads} thread(s))${data.info.reason ? `: ${data.info.reason}` : ''}`);
        if (!slot.task) this.#idle(slot);
        this.#pump();
        return;
      case MSG.INIT_FAILED:
        // The worker stays: it answers each task with the same error, so callers see why.
        slot.rejectReady(errorFromJSON(data.error));
        return;
      case MSG.PROGRESS: {
        const task = slot.task;
        if (task?.id === data.id && task.onProgress) {
          try {
            task.onProgress({ completed: data.completed, total: data.total, step: data.step });
          } catch (error) {
            this.#logger.warn(`pixelpipe: onProgress threw: ${error?.message ?? error}`);
          }
        }
        return;
      }
      case MSG.RESULT:
      case MSG.ERROR: {
        const task = slot.task;
        if (!task || task.id !== data.id) return;
        if (data.kind === MSG.RESULT) return this.#settle(task, null, data.value);
        if (data.fatal || data.recycle) {
          this.#counters.recycled++;
          this.#logger.warn(`pixelpipe: worker #${slot.id} recycled (${data.error?.code}: ${data.error?.message})`);
          this.#retire(slot, true);
        }
        return this.#settle(task, errorFromJSON(data.error));
      }
      default:
    }
  }

  #updateState(slot, state) {
    if (state.memory) slot.memory = state.memory;
    if (state.images) slot.images = new Set(state.images);
  }

  #onCrash(slot, cause) {
    if (slot.retired) return;
    const task = slot.task;
    const error = new ImageProcessingError(`Worker crashed: ${cause?.message ?? cause}`, { code: 'WORKER_CRASHED', cause });
    this.#counters.crashed++;
    this.#logger.error(`pixelpipe: worker #${slot.id} crashed: ${cause?.message ?? cause}`);
    this.#retire(slot, slot.isReady, error); // a worker that never got ready is not respawned (no crash loop)
    if (task) this.#settle(task, error);
  }

  #timeout(task) {
    task.timer = null;
    if (task.settled) return;
    this.#counters.timedOut++;
    const where = task.slot ? 'running' : 'queued';
    if (task.slot) {
      this.#logger.warn(`pixelpipe: task timed out after ${task.timeoutMs} ms; worker #${task.slot.id} is replaced`);
      this.#retire(task.slot, true);
    }
    this.#settle(task, new TimeoutError(`Operation timed out after ${task.timeoutMs} ms (${where})`, {
      details: { timeoutMs: task.timeoutMs, phase: where },
    }));
  }

  #abort(task) {
    if (task.settled) return;
    this.#counters.aborted++;
    if (task.slot) this.#retire(task.slot, true); // a running wasm call can only be stopped with its worker
    this.#settle(task, abortError(task.signal));
  }

  #idle(slot) {
    slot.adapter.setBusy(false);
    clearTimeout(slot.idleTimer);
    if (!Number.isFinite(this.#idleTimeoutMs)) return;
    slot.idleTimer = setTimeout(() => {
      if (slot.task || slot.retired || this.#disposing) return;
      this.#counters.idleEnded++;
      this.#logger.debug(`pixelpipe: worker #${slot.id} ended after ${this.#idleTimeoutMs} ms idle`);
      this.#retire(slot, false);
    }, this.#idleTimeoutMs);
    slot.idleTimer.unref?.();
  }

  /** Removes a worker for good; `replace` starts a fresh one at once so capacity stays warm. */
  #retire(slot, replace, reason = new ImageProcessingError('Worker retired', { code: 'WORKER_RETIRED' })) {
    const index = this.#slots.indexOf(slot);
    if (index >= 0) this.#slots.splice(index, 1);
    clearTimeout(slot.idleTimer);
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
    if (task.timings && task.dispatchedAt !== undefined) task.timings.runMs = now() - task.dispatchedAt;
    if (slot) {
      slot.task = null;
      task.slot = null;
      this.#running--;
      if (!slot.retired) this.#idle(slot);
    }
    if (error) task.reject(error);
    else task.resolve(value);
    this.#pump();
  }
}

const now = () => (typeof performance === 'object' ? performance.now() : Date.now());

function disposedError() {
  return new ImageProcessingError('The service has been disposed', { code: 'DISPOSED' });
}

function abortError(signal) {
  return new AbortError('The operation was aborted', { cause: signal?.reason });
}
