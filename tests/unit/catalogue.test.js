import { readFileSync } from 'node:fs';
import { catalogue, version } from '../../js/index.js';
import { operations } from '../../js/catalogue/operations.js';
import { formats } from '../../js/catalogue/formats.js';
import { normaliseVariationConfigs } from '../../js/config/normalise.js';
import { checkValue } from '../../js/config/validate.js';
import { catalogueOpIds } from '../../js/catalogue/walk.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));

/** Every (type, choice) pair in the catalogue, as a minimal valid config. */
function minimalConfigs() {
  return Object.entries(operations).flatMap(([type, entry]) => {
    if (!entry.selector) return [{ id: type, type, ...Object.fromEntries((entry.requireAnyOf ?? []).slice(0, 1).map((k) => [k, 8])) }];
    return Object.keys(entry.choices).map((choice) => ({ id: `${type}:${choice}`, type, [entry.selector]: choice }));
  });
}

describe('catalogue', () => {
  test('version equals package.json', () => {
    expect(version).toBe(pkg.version);
  });

  test('the exported catalogue is deep-frozen and equals the source data', () => {
    expect(Object.isFrozen(catalogue)).toBe(true);
    expect(Object.isFrozen(catalogue.operations.filter.choices.gaussian_blur.params.radius)).toBe(true);
    expect(() => { catalogue.operations.filter.choices.gaussian_blur.params.radius.max = 1e9; }).toThrow(TypeError);
    // the data, without the engine-side functions (outputSize)
    expect(catalogue.operations).toEqual(JSON.parse(JSON.stringify(operations)));
    expect(catalogue.operations.resize.outputSize).toBeUndefined();
    expect(catalogue.formats).toEqual(formats);
    expect(catalogue.defaultFormat).toBe('png');
  });

  test('every parameter has a type, a doc, and a default of its own type within range', () => {
    for (const entry of Object.values(operations)) {
      const paramSets = entry.selector ? Object.values(entry.choices).map((c) => c.params) : [entry.params];
      for (const params of paramSets) {
        for (const [key, spec] of Object.entries(params)) {
          expect([key, typeof spec.doc]).toEqual([key, 'string']);
          expect(['integer', 'number', 'boolean', 'enum', 'color', 'array']).toContain(spec.type);
          if ('default' in spec) expect(() => checkValue(spec, spec.default, key)).not.toThrow();
        }
      }
    }
  });

  test('every selector choice normalises to its engine op', () => {
    const configs = minimalConfigs().filter((c) => operations[c.type].selector);
    const batons = normaliseVariationConfigs(configs);
    const expected = configs.map((c) => operations[c.type].choices[c[operations[c.type].selector]].op);
    expect(batons.map((b) => b.steps[0].op)).toEqual(expected);
    expect(catalogueOpIds()).toEqual(expect.arrayContaining(['gaussian_blur', 'grayscale', 'resize']));
  });

  test('the specification names: transform grayscale, filter gaussian_blur with radius, resize fields', () => {
    expect(Object.keys(operations.color_transform.choices)).toContain('grayscale');
    expect(operations.filter.choices.gaussian_blur.params.radius).toMatchObject({ min: 0, minExclusive: true, default: 2 });
    expect(Object.keys(operations.resize.params)).toEqual(expect.arrayContaining(['width', 'height', 'maintainAspectRatio', 'fit', 'withoutEnlargement', 'background']));
    expect(formats.jpeg.options.quality).toMatchObject({ min: 1, max: 100, default: 80 });
  });
});
