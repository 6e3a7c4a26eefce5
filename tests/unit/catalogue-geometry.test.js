// catalogue-geometry.test.js: the geometry family's catalogue entries validate and normalise to
// the batons the C++ handlers read (src/ops/geometry_ops.cpp).
import { normaliseVariationConfigs } from '../../js/config/normalise.js';
import { operations } from '../../js/catalogue/operations.js';
import { RESIZE_KERNELS, RESIZE_POSITIONS } from '../../js/catalogue/families/geometry.js';
import { InvalidConfigurationError } from '../../js/errors.js';

const one = (config) => normaliseVariationConfigs([{ id: 'v', ...config }])[0].steps[0];

/** `path` is written from the variant: 'v.width' means variationConfigs[0].width. */
function expectInvalid(config, path, fragment) {
  let error;
  try {
    normaliseVariationConfigs([{ id: 'v', ...config }]);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(InvalidConfigurationError);
  expect(error.details.path).toBe(path.replace(/^v/, 'variationConfigs[0]'));
  if (fragment) expect(error.message).toContain(fragment);
}

describe('geometry catalogue', () => {
  test('the family declares resize, crop, rotate, flip, pad, trim with op = type', () => {
    for (const type of ['resize', 'crop', 'rotate', 'flip', 'pad', 'trim']) {
      expect(operations[type]).toBeDefined();
      expect(operations[type].op).toBe(type);
      for (const [key, spec] of Object.entries(operations[type].params)) {
        expect([type, key, typeof spec.doc]).toEqual([type, key, 'string']);
        // multi-word camelCase names carry their snake_case spelling
        if (/[A-Z]/.test(key)) expect(spec.snake ?? spec.aliases?.find((a) => a.includes('_'))).toBeTruthy();
      }
    }
  });

  describe('resize', () => {
    test('defaults: position centre, kernel lanczos3, preshrink on; the baton carries them', () => {
      expect(one({ type: 'resize', width: 300, height: 200 })).toEqual({
        op: 'resize', width: 300, height: 200, fit: 'contain', withoutEnlargement: false,
        background: [0, 0, 0, 0], position: 'centre', kernel: 'lanczos3', preshrink: true,
      });
    });

    test('preshrink: false reaches the baton; a non-boolean is refused', () => {
      expect(one({ type: 'resize', width: 300, preshrink: false }).preshrink).toBe(false);
      expect(() => one({ type: 'resize', width: 300, preshrink: 'no' })).toThrow(/preshrink/);
    });

    test.each(RESIZE_KERNELS)('kernel %s passes through', (kernel) => {
      expect(one({ type: 'resize', width: 10, kernel }).kernel).toBe(kernel);
    });

    test.each(RESIZE_POSITIONS)('position %s is accepted', (position) => {
      const step = one({ type: 'resize', width: 10, height: 10, fit: 'cover', position });
      expect(step.position).toBe(position === 'center' ? 'centre' : position);
    });

    test("'center' and 'centre' give the same baton (one cache key); gravity is an alias", () => {
      const a = one({ type: 'resize', width: 10, height: 10, fit: 'cover', position: 'center' });
      const b = one({ type: 'resize', width: 10, height: 10, fit: 'cover', position: 'centre' });
      const c = one({ type: 'resize', width: 10, height: 10, fit: 'cover', gravity: 'centre' });
      expect(JSON.stringify(a)).toBe(JSON.stringify(b));
      expect(c).toEqual(b);
    });

    test('bad kernel / position / size are rejected with their path', () => {
      expectInvalid({ type: 'resize', width: 10, kernel: 'cubic' }, 'v.kernel', 'lanczos3');
      expectInvalid({ type: 'resize', width: 10, position: 'top' }, 'v.position', 'northeast');
      expectInvalid({ type: 'resize', width: 0 }, 'v.width', 'integer between 1 and 32768');
      expectInvalid({ type: 'resize', height: 32769 }, 'v.height');
      expectInvalid({ type: 'resize', fit: 'cover' }, 'v', 'at least one of width, height');
    });

    test('existing fields keep working (maintainAspectRatio, snake_case)', () => {
      expect(one({ type: 'resize', width: 5, maintain_aspect_ratio: false, without_enlargement: true }))
        .toMatchObject({ fit: 'fill', withoutEnlargement: true, kernel: 'lanczos3' });
    });
  });

  describe('crop', () => {
    test('left/top default to 0; width/height only when given (0 on the wire means to the edge)', () => {
      expect(one({ type: 'crop', left: 10, top: 20, width: 30, height: 40 }))
        .toEqual({ op: 'crop', left: 10, top: 20, width: 30, height: 40 });
      expect(one({ type: 'crop', left: 5 })).toEqual({ op: 'crop', left: 5, top: 0 });
    });

    test('needs at least one field; width 0, negative or fractional values are rejected', () => {
      expectInvalid({ type: 'crop' }, 'v', 'at least one of left, top, width, height');
      expectInvalid({ type: 'crop', width: 0 }, 'v.width', 'integer between 1 and 32768');
      expectInvalid({ type: 'crop', left: -1 }, 'v.left', 'integer between 0 and 32768');
      expectInvalid({ type: 'crop', top: 1.5 }, 'v.top');
    });
  });

  describe('rotate', () => {
    test('angle required; bilinear and transparent background by default', () => {
      expect(one({ type: 'rotate', angle: 90 })).toEqual({
        op: 'rotate', angle: 90, background: [0, 0, 0, 0], interpolation: 'bilinear',
      });
      expect(one({ type: 'rotate', angle: -12.5, background: '#fff', interpolation: 'bicubic' })).toEqual({
        op: 'rotate', angle: -12.5, background: [255, 255, 255, 255], interpolation: 'bicubic',
      });
      expect(one({ type: 'rotate', angle: 30, background_color: [1, 2, 3, 4] }).background).toEqual([1, 2, 3, 4]);
    });

    test('bad values', () => {
      expectInvalid({ type: 'rotate' }, 'v', 'angle');
      expectInvalid({ type: 'rotate', angle: 361 }, 'v.angle', 'number between -360 and 360');
      expectInvalid({ type: 'rotate', angle: '90' }, 'v.angle');
      expectInvalid({ type: 'rotate', angle: 10, interpolation: 'nearest' }, 'v.interpolation');
      expectInvalid({ type: 'rotate', angle: 10, background: 'reddish' }, 'v.background');
    });
  });

  describe('flip', () => {
    test('horizontal by default; vertical and both', () => {
      expect(one({ type: 'flip' })).toEqual({ op: 'flip', direction: 'horizontal' });
      expect(one({ type: 'flip', direction: 'vertical' }).direction).toBe('vertical');
      expect(one({ type: 'flip', direction: 'both' }).direction).toBe('both');
      expectInvalid({ type: 'flip', direction: 'diagonal' }, 'v.direction', "'horizontal', 'vertical', 'both'");
    });
  });

  describe('pad', () => {
    test('all sides default to 0, background transparent', () => {
      expect(one({ type: 'pad', top: 4, left: 2, background: '#ff000080' })).toEqual({
        op: 'pad', top: 4, right: 0, bottom: 0, left: 2, background: [255, 0, 0, 128],
      });
    });

    test('bad values', () => {
      expectInvalid({ type: 'pad', right: -3 }, 'v.right', 'integer between 0 and 32768');
      expectInvalid({ type: 'pad', bottom: 40000 }, 'v.bottom');
      expectInvalid({ type: 'pad', margin: 3 }, 'v.margin', 'Unknown field');
    });
  });

  describe('trim', () => {
    test('threshold 10 by default (sharp)', () => {
      expect(one({ type: 'trim' })).toEqual({ op: 'trim', threshold: 10 });
      expect(one({ type: 'trim', threshold: 0 })).toEqual({ op: 'trim', threshold: 0 });
      expectInvalid({ type: 'trim', threshold: 256 }, 'v.threshold', 'number between 0 and 255');
      expectInvalid({ type: 'trim', threshold: -1 }, 'v.threshold');
    });
  });

  test('a multi-step geometry chain normalises in order', () => {
    const [v] = normaliseVariationConfigs([{ id: 'chain', steps: [
      { type: 'trim' },
      { type: 'crop', left: 1, top: 2, width: 3, height: 4 },
      { type: 'rotate', angle: 270 },
      { type: 'flip', direction: 'both' },
      { type: 'pad', top: 1, right: 1, bottom: 1, left: 1 },
      { type: 'resize', width: 64, height: 64, fit: 'cover', position: 'attention', kernel: 'mitchell' },
    ] }]);
    expect(v.steps.map((s) => s.op)).toEqual(['trim', 'crop', 'rotate', 'flip', 'pad', 'resize']);
    expect(structuredClone(v)).toEqual(v);
  });
});
