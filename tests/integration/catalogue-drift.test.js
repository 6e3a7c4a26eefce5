// The catalogue (js/catalogue) and the engine's op registry (src/ops/registry.cpp) must name
// the same ops: an op the catalogue validates but C++ lacks would fail at run time; an op C++
// has but the catalogue lacks cannot be reached.
import { createRequire } from 'node:module';
import { catalogueOpIds } from '../../js/catalogue/walk.js';
import { describeWithEngine } from '../helpers/engine.js';

const require = createRequire(import.meta.url);

describeWithEngine('catalogue ↔ engine drift', () => {
  for (const build of ['st', 'mt']) {
    test(`every catalogue op is executed by the ${build} build, and nothing else`, async () => {
      const create = require(`../../dist/node/pixelpipe-${build}.cjs`);
      const module = await create();
      try {
        expect(module.listOperations()).toEqual(catalogueOpIds());
      } finally {
        module.PThread?.terminateAllThreads();
      }
    });
  }
});
