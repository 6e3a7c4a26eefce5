// The hand-written and generated TypeScript declarations compile and type the documented usage
// (tests/types/service.test-d.ts, including an @ts-expect-error that must stay an error).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '../helpers/engine.js';

test('tsc --noEmit -p tests/types', () => {
  const tsc = path.join(repoRoot, 'node_modules/typescript/bin/tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', 'tests/types'], { cwd: repoRoot, encoding: 'utf8' });
  expect(r.stdout + r.stderr).toBe('');
  expect(r.status).toBe(0);
});
