// JPEG shrink-on-load through the real engine (issue #12): decodeImage's shrink option, the store
// keyed on it, and generateVariations choosing it for a thumbnail. Oracles: Pillow's DCT-scaled
// decode sizes (ceil(side / factor)) and the full-decode result of the same call
// (shrinkOnLoad: false), which the shrunk result must match within the resize tolerance.
import { createRequire } from 'node:module';
import path from 'node:path';
import { ImageProcessingService } from '../../js/index.js';
import { ImageStore } from '../../js/worker/store.js';
import { acquireInputs } from '../../js/worker/acquire.js';
import variationsHandler from '../../js/worker/variations.js';
import { normaliseVariationConfigs } from '../../js/config/normalise.js';
import { describeWithEngine, repoRoot } from '../helpers/engine.js';
import { readTestdata } from '../helpers/testdata.js';

const PHOTO = 'photos/Kleiber_by_Lukas_Baubkus.jpg'; // 6028×3391 baseline 4:2:2 with EXIF (orientation 1)
const LIMITS = { maxPixels: 1e8, maxSide: 32768 };
const THUMB = [{ id: 't', type: 'resize', width: 300, height: 300, fit: 'inside', format: 'raw' }];

describeWithEngine('shrink-on-load: decodeImage option and the store', () => {
  let M;
  beforeAll(async () => {
    M = await createRequire(import.meta.url)(path.join(repoRoot, 'dist/node/pixelpipe-st.cjs'))();
  });

  test('the variations handler picks 1/8 for a 300 px thumbnail of a 6028×3391 JPEG; the decode is ceil(side / 8); the store keys on it', () => {
    const store = new ImageStore(M, 256 << 20);
    const request = { variants: normaliseVariationConfigs(THUMB, undefined, LIMITS, { available: ['raw'] }) };
    const decodeHints = (head) => variationsHandler.decodeHints(request, head);
    const input = { bytes: readTestdata(PHOTO), rawWidth: 0, rawHeight: 0, hash: 'k' };
    const [image] = acquireInputs(M, [input], { limits: LIMITS, maxMemoryBytes: 1 << 30, store, workBytes: () => 0, decodeHints });
    expect(image).toMatchObject({ width: 754, height: 424, shrink: 8, key: 'k|shrink=8' }); // 754 = ceil(6028 / 8), 424 = ceil(3391 / 8)
    store.keep(image.key, image);
    // Next call: the stored entry's header gives the hints, so no copy-in and no decode.
    const [again] = acquireInputs(M, [{ ...input, bytes: undefined }], { limits: LIMITS, maxMemoryBytes: 1 << 30, store, workBytes: () => 0, decodeHints });
    expect(again).toMatchObject({ handle: image.handle, fresh: false });
    // shrinkOnLoad: false → the full decode, another entry
    const full = acquireInputs(M, [input], {
      limits: LIMITS, maxMemoryBytes: 1 << 30, store, workBytes: () => 0, decodeHints: (head) => variationsHandler.decodeHints({ ...request, shrinkOnLoad: false }, head),
    })[0];
    expect(full).toMatchObject({ width: 6028, height: 3391, shrink: 1, key: 'k' });
    M.releaseImage(image.handle);
    M.releaseImage(full.handle);
  });

  test('decodeImage rejects a shrink other than 1, 2, 4, 8 with a typed error', () => {
    const bytes = readTestdata('formats/jpeg_baseline_420.jpg');
    const ptr = M._malloc(bytes.length);
    M.HEAPU8.set(bytes, ptr);
    const bad = M.decodeImage(ptr, bytes.length, LIMITS, { shrink: 3 });
    const ok = M.decodeImage(ptr, bytes.length, LIMITS, { shrink: 4 });
    M._free(ptr);
    expect(bad).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
    expect(ok).toMatchObject({ ok: true, width: 57, height: 38, shrink: 4, sourceWidth: 227, sourceHeight: 149 }); // ceil(227/4), ceil(149/4)
    M.releaseImage(ok.handle);
  });
});

describeWithEngine('shrink-on-load: generateVariations', () => {
  let service;
  beforeAll(async () => { service = await ImageProcessingService.create({ build: 'st', workers: 1 }); });
  afterAll(() => service?.dispose());

  test('a 300×300 thumbnail from the shrunk decode matches the full-decode thumbnail (same size, mean |diff| ≤ 1, not identical)', async () => {
    const bytes = readTestdata(PHOTO);
    const shrunk = (await service.generateVariations(bytes, THUMB)).t;
    const full = (await service.generateVariations(bytes, THUMB, { shrinkOnLoad: false })).t;
    expect([shrunk.width, shrunk.height]).toEqual([300, 169]); // round(3391 × 300 / 6028)
    expect([full.width, full.height]).toEqual([300, 169]);
    let sum = 0;
    let differing = 0;
    for (let i = 0; i < full.data.length; i += 1) {
      const d = Math.abs(full.data[i] - shrunk.data[i]);
      sum += d;
      if (d) differing += 1;
    }
    expect(sum / full.data.length).toBeLessThanOrEqual(1);
    expect(differing).toBeGreaterThan(0); // the shrink was applied: a different path gave different rounding
  });

  test('shrinkOnLoad must be a boolean; snake_case spelling accepted', async () => {
    await expect(service.generateVariations(readTestdata(PHOTO), THUMB, { shrinkOnLoad: 'no' })).rejects.toMatchObject({ code: 'INVALID_CONFIGURATION' });
    await expect(service.generateVariations(readTestdata('formats/jpeg_baseline_420.jpg'), THUMB, { shrink_on_load: false })).resolves.toHaveProperty('t');
  });
});
