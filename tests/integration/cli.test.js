import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { testdataPath, SPEC_EXAMPLE_CONFIGS } from '../helpers/testdata.js';
import { pngSize } from '../helpers/image-headers.js';
import { describeWithEngine } from '../helpers/engine.js';

const BIN = fileURLToPath(new URL('../../bin/pixelpipe.js', import.meta.url));

function cli(args) {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? error.code : 0, stdout, stderr });
    });
  });
}

describe('pixelpipe CLI without the engine', () => {
  test('--help prints usage, exit 0', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('pixelpipe variations <image> --config <file.json> --out <dir>');
    expect(r.stdout).toContain('pixelpipe color <image> --transforms <file.json> --out <file>');
  });

  test('usage errors and bad configs: typed message, exit 1', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pixelpipe-cli-'));
    try {
      let r = await cli(['resize']);
      expect([r.code, r.stderr]).toEqual([1, expect.stringContaining("InvalidConfigurationError [USAGE]: unknown command 'resize'")]);
      r = await cli(['variations', 'x.png']);
      expect(r.code).toBe(1);
      writeFileSync(path.join(dir, 'bad.json'), '{ not json');
      r = await cli(['variations', testdataPath('photos/kodim23.png'), '--config', path.join(dir, 'bad.json'), '--out', dir]);
      expect([r.code, r.stderr]).toEqual([1, expect.stringContaining('is not valid JSON')]);
      r = await cli(['variations', path.join(dir, 'missing.png'), '--config', path.join(dir, 'bad.json'), '--out', dir]);
      expect(r.code).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describeWithEngine('pixelpipe CLI on the real engine', () => {
  let dir;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'pixelpipe-cli-'));
    writeFileSync(path.join(dir, 'spec.json'), JSON.stringify(SPEC_EXAMPLE_CONFIGS));
    writeFileSync(path.join(dir, 'mixed.json'), JSON.stringify([
      { id: 'j', type: 'resize', width: 64, format: 'jpeg', quality: 70 },
      { id: 'r', type: 'resize', width: 8, format: 'raw' },
    ]));
    writeFileSync(path.join(dir, 'invalid.json'), JSON.stringify([{ id: 'b', type: 'filter', filter: 'gaussian_blur', radius: 600 }]));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("variations writes <out>/<id>.png for the specification's examples, one line each", async () => {
    const out = path.join(dir, 'out');
    const r = await cli(['variations', testdataPath('photos/kodim23.png'), '--config', path.join(dir, 'spec.json'), '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(3);
    expect(r.stdout).toMatch(/thumbnail\.png\t.*bytes\t\d+ ms/);
    expect(pngSize(new Uint8Array(readFileSync(path.join(out, 'thumbnail.png'))))).toMatchObject({ width: 300, height: 300 });
    expect(existsSync(path.join(out, 'grayscale.png')) && existsSync(path.join(out, 'blurred.png'))).toBe(true);
  });

  test('jpeg → .jpg, raw → .ppraw with its header', async () => {
    const out = path.join(dir, 'mixed');
    const r = await cli(['variations', testdataPath('photos/kodim23.png'), '-c', path.join(dir, 'mixed.json'), '-o', out]);
    expect(r.code).toBe(0);
    const raw = readFileSync(path.join(out, 'r.ppraw'));
    expect(raw.subarray(0, 8).toString('latin1')).toBe('PPRAW001');
    expect([raw.readUInt32LE(8), raw.readUInt32LE(12)]).toEqual([8, 5]);
    expect(raw.length).toBe(16 + 8 * 5 * 4);
    expect(readFileSync(path.join(out, 'j.jpg')).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
  });

  test('invalid config and undecodable image: typed message, exit 1', async () => {
    let r = await cli(['variations', testdataPath('photos/kodim23.png'), '--config', path.join(dir, 'invalid.json'), '--out', dir]);
    expect([r.code, r.stderr]).toEqual([1, expect.stringContaining('InvalidConfigurationError [INVALID_CONFIGURATION]: Expected number in (0, 500]')]);
    r = await cli(['variations', testdataPath('malformed/its_png_first_chunk_not_ihdr.png'), '--config', path.join(dir, 'spec.json'), '--out', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^pixelpipe: (DecodeError|UnsupportedFormatError) \[/);
  });
});
