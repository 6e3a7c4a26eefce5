// errors.js: every public failure is one of these classes. They survive postMessage through
// toJSON()/errorFromJSON() (comlink's transfer handler loses the class; we keep it by name).

/**
 * Base class of every pixelpipe error.
 * @property {string} code      stable SCREAMING_SNAKE identifier (e.g. `DECODE_FAILED`)
 * @property {string|undefined} operation the public method that failed (e.g. `generateVariations`)
 * @property {object} details   structured context: for config errors `{ path, value, expected }`
 */
export class ImageProcessingError extends Error {
  static defaultCode = 'PROCESSING_FAILED';

  constructor(message, { code, operation, details, cause } = {}) {
    super(message, cause === undefined ? undefined : { cause });
    this.code = code ?? new.target.defaultCode;
    this.operation = operation;
    this.details = details ?? {};
  }

  toJSON() {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      operation: this.operation,
      details: this.details,
      stack: this.stack,
      ...(this.cause === undefined ? {} : { cause: serialiseCause(this.cause) }),
    };
  }
}

/** A config is missing a field, has an unknown field, a wrong type or a value out of range. */
export class InvalidConfigurationError extends ImageProcessingError {
  static defaultCode = 'INVALID_CONFIGURATION';
}
/** An unknown variation type, transform, filter or operation name. */
export class UnsupportedTransformationError extends ImageProcessingError {
  static defaultCode = 'UNSUPPORTED_TRANSFORMATION';
}
/** A composite layer is malformed (details.layer names its index). */
export class InvalidLayerError extends ImageProcessingError {
  static defaultCode = 'INVALID_LAYER';
}
/** An unknown analysis type. */
export class UnsupportedAnalysisError extends ImageProcessingError {
  static defaultCode = 'UNSUPPORTED_ANALYSIS';
}
/** The operation ran longer than its timeout; the worker running it was replaced. */
export class TimeoutError extends ImageProcessingError {
  static defaultCode = 'TIMEOUT';
}
/** The caller's AbortSignal fired; `cause` is the signal's reason. */
export class AbortError extends ImageProcessingError {
  static defaultCode = 'ABORTED';
}
/**
 * The input is over a limit (`IMAGE_TOO_LARGE`), the call would need more than maxMemoryBytes
 * (`MEMORY_LIMIT_EXCEEDED`, refused before allocating) or memory ran out (`OUT_OF_MEMORY`).
 */
export class ResourceLimitError extends ImageProcessingError {
  static defaultCode = 'IMAGE_TOO_LARGE';
}
/** The bytes are a recognised format but could not be decoded. */
export class DecodeError extends ImageProcessingError {
  static defaultCode = 'DECODE_FAILED';
}
/** The bytes are not an image format pixelpipe decodes. */
export class UnsupportedFormatError extends ImageProcessingError {
  static defaultCode = 'UNSUPPORTED_FORMAT';
}

/** Every error class by its name; the name is what crosses the worker boundary. */
export const ERROR_CLASSES = Object.freeze({
  ImageProcessingError,
  InvalidConfigurationError,
  UnsupportedTransformationError,
  InvalidLayerError,
  UnsupportedAnalysisError,
  TimeoutError,
  AbortError,
  ResourceLimitError,
  DecodeError,
  UnsupportedFormatError,
});

// Names set on the prototypes, not read from constructor.name, so minified bundles keep them.
for (const [name, cls] of Object.entries(ERROR_CLASSES)) {
  Object.defineProperty(cls.prototype, 'name', { value: name, writable: true, configurable: true });
}

/** The class for each error code the wasm engine (src/core/status.h) can return. */
const CLASS_BY_CODE = Object.freeze({
  INVALID_ARGUMENT: InvalidConfigurationError,
  UNSUPPORTED_FORMAT: UnsupportedFormatError,
  DECODE_FAILED: DecodeError,
  IMAGE_TOO_LARGE: ResourceLimitError,
  OUT_OF_MEMORY: ResourceLimitError,
  MEMORY_LIMIT_EXCEEDED: ResourceLimitError,
  ENCODE_FAILED: ImageProcessingError,
  UNSUPPORTED_OPERATION: UnsupportedTransformationError,
  INTERNAL: ImageProcessingError,
  TIMEOUT: TimeoutError,
  ABORTED: AbortError,
});

/** Builds the right class for an engine error code (unknown codes give the base class). */
export function errorFromCode(code, message, extra = {}) {
  const Cls = CLASS_BY_CODE[code] ?? ImageProcessingError;
  return new Cls(message, { ...extra, code });
}

/**
 * Rebuilds a typed error from its toJSON() form (or any `{ name, message, code }` object).
 * The class comes from `name`, then from `code`, else ImageProcessingError.
 */
export function errorFromJSON(json) {
  if (json instanceof ImageProcessingError) return json;
  const data = json && typeof json === 'object' ? json : { message: String(json) };
  const Cls = ERROR_CLASSES[data.name] ?? CLASS_BY_CODE[data.code] ?? ImageProcessingError;
  const error = new Cls(String(data.message ?? 'Unknown error'), {
    code: typeof data.code === 'string' ? data.code : undefined,
    operation: data.operation,
    details: data.details,
    cause: data.cause === undefined ? undefined : deserialiseCause(data.cause),
  });
  if (typeof data.stack === 'string') error.stack = data.stack;
  return error;
}

/** Any thrown value as a typed error; plain errors become ImageProcessingError with them as cause. */
export function toImageProcessingError(value, { code = 'PROCESSING_FAILED', operation } = {}) {
  if (value instanceof ImageProcessingError) return value;
  const message = value instanceof Error ? value.message : String(value);
  return new ImageProcessingError(message, { code, operation, cause: value });
}

/**
 * Gives `error` the caller's stack (captured with `new Error()` at the public call, as sharp does),
 * so async failures point at user code rather than at worker plumbing.
 */
export function withCallSite(error, callSite, operation) {
  if (operation !== undefined && error.operation === undefined) error.operation = operation;
  if (callSite?.stack) {
    const frames = callSite.stack.split('\n').slice(1).join('\n');
    error.stack = `${error.name}: ${error.message}\n${frames}`;
  }
  return error;
}

function serialiseCause(cause) {
  if (cause instanceof ImageProcessingError) return cause.toJSON();
  if (cause instanceof Error) return { name: cause.name, message: cause.message, stack: cause.stack };
  try {
    return structuredClone(cause);
  } catch {
    return String(cause);
  }
}

function deserialiseCause(cause) {
  if (cause && typeof cause === 'object' && typeof cause.message === 'string') {
    if (ERROR_CLASSES[cause.name]) return errorFromJSON(cause);
    const error = new Error(cause.message);
    if (typeof cause.name === 'string') error.name = cause.name;
    if (typeof cause.stack === 'string') error.stack = cause.stack;
    return error;
  }
  return cause;
}
