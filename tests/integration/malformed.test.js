// Every malformed file either decodes safely or rejects with a typed error, the engine survives
// (no crash, no hang), and a valid call succeeds afterwards.
import { ImageProcessingService, ImageProcessingError } from '../../js/index.js';
import { listTestdata, readTestdata } from '../helpers/testdata.js';
import { isPng } from '../helpers/image-headers.js';
import { describeWithEngine } from '../helpers/engine.js';

const INPUT_ERROR_CODES = ['DECODE_FAILED', 'UNSUPPORTED_FORMAT', 'IMAGE_TOO_LARGE', 'OUT_OF_MEMORY'];
const CONFIG = [{ id: 'small', type: 'resize', width: 32 }];
const VALID = readTestdata('pngsuite/basn6a08.png');

describeWithEngine('malformed inputs (shared/testdata/malformed)', () => {
  let service;
  beforeAll(async () => {
    service = await ImageProcessingService.create({ operationTimeoutMs: 20_000 });
  });
  afterAll(() => service?.dispose());

  test.each(listTestdata('malformed'))('%s', async (name) => {
    const outcome = await service.generateVariations(readTestdata(`malformed/${name}`), CONFIG).then(
      (value) => ({ value }),
      (error) => ({ error }),
    );
    if (outcome.error) {
      expect(outcome.error).toBeInstanceOf(ImageProcessingError);
      expect(outcome.error.constructor).not.toBe(ImageProcessingError); // a subclass, not a generic failure
      expect(INPUT_ERROR_CODES).toContain(outcome.error.code);
    } else {
      expect(isPng(outcome.value.small)).toBe(true); // decoded safely
    }
    const after = await service.generateVariations(VALID, CONFIG);
    expect(isPng(after.small)).toBe(true);
  });
});
