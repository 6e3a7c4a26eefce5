// engine.js: whether the wasm engine has been built (the real-engine suites need dist/node).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export const distBuilt = ['pixelpipe-mt.cjs', 'pixelpipe-st.cjs'].every((f) =>
  existsSync(fileURLToPath(new URL(`../../dist/node/${f}`, import.meta.url))));

/**
 * describe() for suites that need the real engine. Without dist/ the suite reports one failing
 * test saying so, rather than passing vacuously.
 */
export function describeWithEngine(name, body) {
  if (distBuilt) return describe(name, body);
  return describe(name, () => {
    test('needs the wasm engine in dist/node (run `node scripts/build.mjs`)', () => {
      throw new Error('dist/node/pixelpipe-{mt,st}.cjs not built');
    });
  });
}

/**
 * Inside a describe(): one service per build (st with one worker, mt), created before the tests
 * and disposed after, with the create() `options` given (a logger, say). Returns an object whose
 * `st` and `mt` are set once they exist.
 */
export function servicesForBothBuilds(options = {}) {
  const services = {};
  beforeAll(async () => {
    const { ImageProcessingService } = await import('../../js/index.js');
    [services.st, services.mt] = await Promise.all([
      ImageProcessingService.create({ ...options, build: 'st', workers: 1 }), ImageProcessingService.create({ ...options, build: 'mt' }),
    ]);
  });
  afterAll(async () => { await services.st?.dispose(); await services.mt?.dispose(); });
  return services;
}
