// Let Node exit while pthread pool workers idle: unref each worker once it has loaded (unref'ing
// earlier lets Node exit during start-up with the factory promise never settling).
if (ENVIRONMENT_IS_NODE && !ENVIRONMENT_IS_PTHREAD) {
  var pixelpipeLoadWorker = PThread.loadWasmModuleToWorker;
  PThread.loadWasmModuleToWorker = function (w, done) {
    pixelpipeLoadWorker(w, function (x) { w.unref(); if (done) done(x); });
  };
}
