// spawn-worker.node.js: Node's half of spawn-worker.js: worker_threads running
// worker-entry.node.js, and the CPU count (Node 20 has no navigator.hardwareConcurrency).
import { Worker } from 'node:worker_threads';
import os from 'node:os';

export const nodeHost = {
  cores: () => os.availableParallelism?.() ?? os.cpus().length,
  // os.availableParallelism() is the real count (cgroup limits included): use it as it is.
  defaultWorkers: (cores) => Math.min(cores, 4),
  spawn: spawnNodeWorker,
};

function spawnNodeWorker(handlers) {
  const worker = new Worker(new URL('./worker-entry.node.js', import.meta.url));
  let terminating = false;
  worker.on('message', (data) => handlers.message(data));
  worker.on('error', (error) => handlers.crash(error));
  worker.on('messageerror', (error) => handlers.crash(error));
  worker.on('exit', (code) => {
    if (!terminating) handlers.crash(new Error(`worker exited with code ${code}`));
  });
  return {
    post: (message, transfer = []) => worker.postMessage(message, transfer),
    terminate: async () => {
      terminating = true;
      await worker.terminate();
    },
    // An idle worker must not keep the process alive (a user who forgets dispose() can still exit).
    setBusy: (busy) => (busy ? worker.ref() : worker.unref()),
    // Not through terminate(): the 'exit' event then reports the crash, as a real one would.
    kill: () => { worker.terminate(); },
  };
}
