// palette-docs.test.js: the README's vocabulary table follows js/palette/vocabulary.js.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

test('docs/palette-vocabulary.md is up to date (node scripts/gen-palette-docs.mjs)', () => {
  const script = fileURLToPath(new URL('../../scripts/gen-palette-docs.mjs', import.meta.url));
  const r = spawnSync(process.execPath, [script, '--check'], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
});
