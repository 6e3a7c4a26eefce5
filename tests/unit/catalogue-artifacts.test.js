// The generated types and the README's operations table must match the catalogue.
import { spawnSync } from 'node:child_process';
import { repoRoot } from '../helpers/engine.js';

test('js/types/operations.generated.d.ts and the README operations table are up to date', () => {
  const r = spawnSync(process.execPath, ['scripts/gen-catalogue-artifacts.mjs', '--check'], { cwd: repoRoot, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
});
