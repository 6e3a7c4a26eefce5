// The published package works: npm pack → install the tarball offline into an empty project →
// run the specification's three examples through `import 'pixelpipe'` in plain Node.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { testdataPath } from '../helpers/testdata.js';
import { describeWithEngine, repoRoot } from '../helpers/engine.js';

const npm = (args, cwd) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });

const RUNNER = `
import { readFileSync } from 'node:fs';
import { ImageProcessingService, InvalidConfigurationError, version } from 'pixelpipe';
const service = await ImageProcessingService.create();
const out = await service.generateVariations(readFileSync(process.argv[2]), [
  { id: 'thumbnail', type: 'resize', width: 300, height: 300, maintain_aspect_ratio: true },
  { id: 'grayscale', type: 'color_transform', transform: 'grayscale' },
  { id: 'blurred', type: 'filter', filter: 'gaussian_blur', radius: 5 },
]);
const bad = await service.generateVariations(new Uint8Array(1), [{ id: 'x', type: 'no_such_operation' }]).catch((e) => e.name);
const size = (b) => [new DataView(b.buffer, b.byteOffset).getUint32(16), new DataView(b.buffer, b.byteOffset).getUint32(20)];
console.log(JSON.stringify({ version, build: (await service.capabilities()).build, bad,
  sizes: Object.fromEntries(Object.entries(out).map(([k, v]) => [k, size(v)])) }));
await service.dispose();
`;

describeWithEngine('npm pack', () => {
  let dir;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'pixelpipe-pack-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('the tarball installs offline and runs the three examples', () => {
    const [{ filename, files }] = JSON.parse(npm(['pack', '--json', '--pack-destination', dir], repoRoot));
    const packed = files.map((f) => f.path);
    expect(packed).toEqual(expect.arrayContaining([
      'js/index.js', 'js/pool/worker-entry.js', 'js/types/index.d.ts', 'bin/pixelpipe.js',
      'dist/node/pixelpipe-mt.cjs', 'dist/node/pixelpipe-st.cjs', 'dist/node/package.json', 'dist/web/pixelpipe-mt.mjs',
    ]));
    expect(packed.some((f) => f.startsWith('tests/') || f.startsWith('src/'))).toBe(false);

    const app = path.join(dir, 'app');
    execFileSync('mkdir', ['-p', app]);
    writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
    npm(['install', '--offline', '--no-audit', '--no-fund', path.join(dir, path.basename(filename))], app);
    expect(existsSync(path.join(app, 'node_modules/pixelpipe/dist/node/pixelpipe-mt.cjs'))).toBe(true);
    writeFileSync(path.join(app, 'run.mjs'), RUNNER);
    const stdout = execFileSync(process.execPath, ['run.mjs', testdataPath('photos/kodim23.png')], { cwd: app, encoding: 'utf8', timeout: 60_000 });
    expect(JSON.parse(stdout)).toEqual({
      version: '0.1.0', build: 'mt', bad: 'UnsupportedTransformationError',
      sizes: { thumbnail: [300, 300], grayscale: [768, 512], blurred: [768, 512] },
    });

    const help = execFileSync(path.join(app, 'node_modules/.bin/pixelpipe'), ['--help'], { encoding: 'utf8' });
    expect(help).toContain('pixelpipe variations <image>');
  }, 240_000);
});
