import * as api from '../../js/index.js';
import {
  ERROR_CLASSES, ImageProcessingError, InvalidConfigurationError, ResourceLimitError, DecodeError,
  UnsupportedFormatError, UnsupportedTransformationError, TimeoutError, AbortError,
  errorFromJSON, errorFromCode, toImageProcessingError, withCallSite,
} from '../../js/errors.js';

const EXPECTED_CODES = {
  ImageProcessingError: 'PROCESSING_FAILED',
  InvalidConfigurationError: 'INVALID_CONFIGURATION',
  UnsupportedTransformationError: 'UNSUPPORTED_TRANSFORMATION',
  InvalidLayerError: 'INVALID_LAYER',
  UnsupportedAnalysisError: 'UNSUPPORTED_ANALYSIS',
  TimeoutError: 'TIMEOUT',
  AbortError: 'ABORTED',
  ResourceLimitError: 'IMAGE_TOO_LARGE',
  DecodeError: 'DECODE_FAILED',
  UnsupportedFormatError: 'UNSUPPORTED_FORMAT',
};

describe('error classes', () => {
  test.each(Object.entries(EXPECTED_CODES))('%s: exported, extends ImageProcessingError, default code %s', (name, code) => {
    const Cls = api[name];
    expect(Cls).toBe(ERROR_CLASSES[name]);
    const error = new Cls('msg', { operation: 'generateVariations', details: { a: 1 } });
    expect(error).toBeInstanceOf(ImageProcessingError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe(name);
    expect(error.code).toBe(code);
    expect(error.operation).toBe('generateVariations');
    expect(error.details).toEqual({ a: 1 });
    expect(String(error)).toBe(`${name}: msg`);
  });

  test('details default to {} and code can be overridden', () => {
    const error = new ResourceLimitError('oom', { code: 'OUT_OF_MEMORY' });
    expect(error.code).toBe('OUT_OF_MEMORY');
    expect(error.details).toEqual({});
  });
});

describe('toJSON / errorFromJSON', () => {
  test.each(Object.keys(EXPECTED_CODES))('%s survives a structured clone (the worker boundary) with class, code, details', (name) => {
    const original = new ERROR_CLASSES[name]('it failed', {
      code: 'SOME_CODE', operation: 'generateVariations', details: { path: 'variationConfigs[2].radius', value: 500, expected: 'number' },
    });
    const rebuilt = errorFromJSON(structuredClone(original.toJSON()));
    expect(rebuilt).toBeInstanceOf(ERROR_CLASSES[name]);
    expect(rebuilt.name).toBe(name);
    expect(rebuilt.code).toBe('SOME_CODE');
    expect(rebuilt.message).toBe('it failed');
    expect(rebuilt.operation).toBe('generateVariations');
    expect(rebuilt.details).toEqual(original.details);
    expect(rebuilt.stack).toBe(original.stack);
  });

  test('JSON.stringify uses toJSON', () => {
    const json = JSON.parse(JSON.stringify(new DecodeError('bad', { details: { offset: 3 } })));
    expect(json).toMatchObject({ name: 'DecodeError', code: 'DECODE_FAILED', message: 'bad', details: { offset: 3 } });
  });

  test('cause survives: typed causes keep their class, plain errors keep name and message', () => {
    const inner = new TimeoutError('slow');
    const outer = errorFromJSON(structuredClone(new ImageProcessingError('outer', { cause: inner }).toJSON()));
    expect(outer.cause).toBeInstanceOf(TimeoutError);
    const plain = errorFromJSON(structuredClone(new ImageProcessingError('x', { cause: new RangeError('r') }).toJSON()));
    expect(plain.cause).toBeInstanceOf(Error);
    expect(plain.cause.name).toBe('RangeError');
    expect(plain.cause.message).toBe('r');
  });

  test('unknown name falls back to the class of the code, then to the base class', () => {
    expect(errorFromJSON({ name: 'Nope', code: 'DECODE_FAILED', message: 'm' })).toBeInstanceOf(DecodeError);
    const base = errorFromJSON({ name: 'Nope', code: 'WHATEVER', message: 'm' });
    expect(base.constructor).toBe(ImageProcessingError);
    expect(base.code).toBe('WHATEVER');
    expect(errorFromJSON('just text').message).toBe('just text');
    expect(errorFromJSON(null)).toBeInstanceOf(ImageProcessingError);
  });

  test('a typed error passes through unchanged', () => {
    const error = new AbortError('a');
    expect(errorFromJSON(error)).toBe(error);
  });
});

describe('errorFromCode maps every engine code (src/core/status.h) to a class', () => {
  test.each([
    ['INVALID_ARGUMENT', InvalidConfigurationError],
    ['UNSUPPORTED_FORMAT', UnsupportedFormatError],
    ['DECODE_FAILED', DecodeError],
    ['IMAGE_TOO_LARGE', ResourceLimitError],
    ['OUT_OF_MEMORY', ResourceLimitError],
    ['ENCODE_FAILED', ImageProcessingError],
    ['UNSUPPORTED_OPERATION', UnsupportedTransformationError],
    ['INTERNAL', ImageProcessingError],
    ['SOMETHING_NEW', ImageProcessingError],
  ])('%s', (code, Cls) => {
    const error = errorFromCode(code, 'm', { details: { variant: 1 } });
    expect(error.constructor).toBe(Cls);
    expect(error.code).toBe(code);
    expect(error.details).toEqual({ variant: 1 });
  });
});

describe('helpers', () => {
  test('toImageProcessingError wraps plain errors with the cause and keeps typed ones', () => {
    const plain = new TypeError('t');
    const wrapped = toImageProcessingError(plain, { code: 'INTERNAL', operation: 'op' });
    expect(wrapped).toBeInstanceOf(ImageProcessingError);
    expect(wrapped.code).toBe('INTERNAL');
    expect(wrapped.cause).toBe(plain);
    const typed = new DecodeError('d');
    expect(toImageProcessingError(typed)).toBe(typed);
    expect(toImageProcessingError('str').message).toBe('str');
  });

  test('withCallSite puts the caller stack under the error message and sets operation', () => {
    function userFunctionName() {
      return new Error();
    }
    const error = withCallSite(new DecodeError('broken'), userFunctionName(), 'generateVariations');
    expect(error.stack.split('\n')[0]).toBe('DecodeError: broken');
    expect(error.stack).toContain('userFunctionName');
    expect(error.operation).toBe('generateVariations');
  });
});
