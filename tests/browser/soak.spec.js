// SPDX-License-Identifier: MIT
// A short run of the browser soak (bench/soak.mjs, `npm run soak`: 10,000 calls per build) in each
// build: 100 mixed calls across all six methods and load()/release(), with malformed files,
// invalid configs, aborts and short timeouts, 4 in flight. Every call must answer with a result or
// an error of the class js-api.md promises for its kind (bench/soak/calls.js), and no worker or
// object URL may outlive its use. Memory flatness needs the long run: it is not judged here.
import { test, expect } from '@playwright/test';
import { ISOLATED_ORIGIN, PLAIN_ORIGIN } from './helpers.js';
import { prepareInputs, soakBuild } from '../../bench/soak/driver.mjs';

const CALLS = 100;

test(`soak: ${CALLS} mixed calls per build, every one answered as its kind expects, no leaked workers or object URLs`, async ({ browser }) => {
  test.setTimeout(180_000);
  const manifest = await prepareInputs();
  for (const [build, origin] of [['mt', ISOLATED_ORIGIN], ['st', PLAIN_ORIGIN]]) {
    const r = await soakBuild(browser, { build, origin: `${origin}/`, manifest, calls: CALLS, every: 50 });
    expect(r.info.build, build).toBe(build);
    expect(r.unexpected, `${build}: answers outside what each kind may answer`).toEqual([]);
    expect(r.answered, build).toBe(CALLS);
    // The mix reached every kind of answer it is built to provoke (not only successes).
    const seen = new Set(Object.values(r.outcomes).flatMap((o) => Object.keys(o)));
    for (const outcome of ['ok', 'AbortError', 'TimeoutError', 'DecodeError', 'InvalidConfigurationError', 'InvalidLayerError']) {
      expect([...seen], `${build} saw ${outcome}`).toContain(outcome);
    }
    const { workersMatchPool, noWorkersAfterDispose, noObjectUrls, noPageErrors } = r.checks;
    expect({ workersMatchPool, noWorkersAfterDispose, noObjectUrls, noPageErrors }, build)
      .toEqual({ workersMatchPool: true, noWorkersAfterDispose: true, noObjectUrls: true, noPageErrors: true });
  }
});
