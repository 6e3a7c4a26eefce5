// Hand-written types for the public API of pixelpipe (see js/catalogue for the parameter ranges).

export declare const version: string;

// ---- errors -------------------------------------------------------------------------------

export interface ErrorDetails {
  /** For config errors: where, e.g. `variationConfigs[2].radius`. */
  path?: string;
  /** For config errors: the value received. */
  value?: unknown;
  /** For config errors: what was expected. */
  expected?: unknown;
  [key: string]: unknown;
}

export interface ImageProcessingErrorJSON {
  name: string;
  code: string;
  message: string;
  operation?: string;
  details: ErrorDetails;
  stack?: string;
  cause?: unknown;
}

export interface ImageProcessingErrorOptions {
  code?: string;
  operation?: string;
  details?: ErrorDetails;
  cause?: unknown;
}

export declare class ImageProcessingError extends Error {
  constructor(message: string, options?: ImageProcessingErrorOptions);
  /** Stable SCREAMING_SNAKE identifier, e.g. `DECODE_FAILED`, `TIMEOUT`, `DISPOSED`. */
  code: string;
  /** The public method that failed, e.g. `generateVariations`. */
  operation: string | undefined;
  details: ErrorDetails;
  toJSON(): ImageProcessingErrorJSON;
}
export declare class InvalidConfigurationError extends ImageProcessingError {}
export declare class UnsupportedTransformationError extends ImageProcessingError {}
export declare class InvalidLayerError extends ImageProcessingError {}
export declare class UnsupportedAnalysisError extends ImageProcessingError {}
export declare class TimeoutError extends ImageProcessingError {}
export declare class AbortError extends ImageProcessingError {}
/** `code` is `IMAGE_TOO_LARGE` or `OUT_OF_MEMORY`. */
export declare class ResourceLimitError extends ImageProcessingError {}
export declare class DecodeError extends ImageProcessingError {}
export declare class UnsupportedFormatError extends ImageProcessingError {}

/** Rebuilds the right error class from `error.toJSON()` (e.g. after postMessage). */
export declare function errorFromJSON(json: ImageProcessingErrorJSON | { name?: string; code?: string; message?: string }): ImageProcessingError;

// ---- caches -------------------------------------------------------------------------------

export interface Cache {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<unknown>;
  clear(): Promise<void>;
  /** Optional: lets invalidate() and version purges enumerate entries (else an index entry is kept). */
  keys?(): Promise<string[]>;
}

export declare class MemoryCache implements Cache {
  constructor(options?: { maxBytes?: number });
  readonly maxBytes: number;
  /** Bytes currently held. */
  readonly size: number;
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<boolean>;
  clear(): Promise<void>;
  keys(): Promise<string[]>;
}

export declare class IndexedDBCache implements Cache {
  /** maxBytes: total size cap, default 256 MiB (least recently used evicted first). */
  constructor(options?: { name?: string; maxBytes?: number; indexedDB?: IDBFactory });
  readonly name: string;
  readonly maxBytes: number;
  /** False when IndexedDB is unavailable: the cache then stores nothing. */
  available(): Promise<boolean>;
  /** Why the cache stores nothing, when it does not. */
  readonly unavailableReason: string | undefined;
  keys(): Promise<string[]>;
  usage(): Promise<{ entries: number; bytes: number }>;
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
  clear(): Promise<void>;
  close(): void;
}

// ---- inputs, outputs ----------------------------------------------------------------------

/** Raw RGBA8 pixels; an ImageData qualifies. */
export interface RawImage {
  width: number;
  height: number;
  data: Uint8Array | Uint8ClampedArray;
}
export type ImageInput = Uint8Array | ArrayBuffer | Blob | RawImage | ImageHandle;

/** An image decoded once and kept in the engine (service.load): accepted by every method as its image. */
export declare class ImageHandle {
  private constructor();
  readonly width: number;
  readonly height: number;
  /** The decoded format ('jpeg', 'png', …, or 'raw' for pixels). */
  readonly format: string;
  /** True after release(). */
  readonly released: boolean;
  /** Frees the engine's copy; using the handle afterwards rejects. Idempotent. */
  release(): void;
}

/** Output of format 'raw'; `new ImageData(out.data, out.width, out.height)` works. */
export interface RawOutput {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

// ---- variation configs --------------------------------------------------------------------

export type Fit = 'contain' | 'cover' | 'fill' | 'inside' | 'outside';
// Every step type (ResizeStep, SepiaStep, GaussianBlurStep, …), VariationStep, ColorTransform and
// Color are generated from the catalogue (scripts/gen-catalogue-artifacts.mjs).
import type { VariationStep, ColorTransform, OutputFormat, FormatOptions, Color } from './operations.generated';
export * from './operations.generated';

export interface VariantOutputOptions {
  /** Unique within one call. */
  id: string;
  /** Default 'png'. */
  format?: OutputFormat;
  /** The format's encoder options (service.operations().formats[format].options). */
  formatOptions?: FormatOptions;
  /** Shorthand for formatOptions.quality (formats that have one). */
  quality?: number;
}

export type VariationConfig =
  | (VariantOutputOptions & VariationStep)
  | (VariantOutputOptions & { steps: VariationStep[] });

export type VariationResults = Record<string, Uint8Array | RawOutput>;

// ---- service ------------------------------------------------------------------------------

export interface Logger {
  debug(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

export interface ServiceOptions {
  /** Default null (no cache). */
  cache?: Cache | null;
  /** Default 10. */
  maxConcurrentOperations?: number;
  /** Default 30000; counted from the call (queue wait included). Infinity = none. */
  operationTimeoutMs?: number;
  /** Default 100_000_000. */
  maxInputPixels?: number;
  /** Default 32768. */
  maxInputSide?: number;
  /** Per worker: a call whose estimated peak memory is larger is refused before allocating. Default 1 GiB. */
  maxMemoryBytes?: number;
  /** Per worker: decoded images kept for reuse (LRU by content hash). Default 128 MiB; 0 = none. */
  imageCacheBytes?: number;
  /** An idle worker is ended after this. Default 30000; Infinity = never. */
  idleTimeoutMs?: number;
  /** The threaded build must start its threads within this (ms), else the single-threaded build is used. Default 10000. */
  threadStartTimeoutMs?: number;
  /** Default 1 for the threaded build, else min(cores, 4). */
  workers?: number;
  /** Halide threads per worker (threaded build only); default: floor(cores / workers). */
  threads?: number;
  /** Default 'auto': threaded where possible, else single-threaded. */
  build?: 'auto' | 'mt' | 'st';
  /** Default: silent. */
  logger?: Logger;
  /** Embedded ICC profiles on decode. Default 'convert' (to sRGB); a call's colorManagement overrides it. */
  colorManagement?: ColorManagement;
}

/** 'convert': embedded ICC profile → sRGB; 'ignore': pixels as stored; 'preserve': as stored, profile kept. */
export type ColorManagement = 'convert' | 'ignore' | 'preserve';

export interface Progress {
  completed: number;
  total: number;
  /** 'decode' or the id of the variant just finished. */
  step: string;
}

export interface CallOptions {
  signal?: AbortSignal;
  /** Names the cache entry group (service.invalidate(cacheKey) drops it); the bytes are always hashed. */
  cacheKey?: string;
  /** Called after the decode and after each variant. */
  onProgress?: (progress: Progress) => void;
  /** Hand the input's buffer to the worker without copying (it becomes detached). */
  transfer?: boolean;
  /** Overrides operationTimeoutMs for this call. */
  timeoutMs?: number;
  /** Overrides create()'s colorManagement for this call (part of the cache key). */
  colorManagement?: ColorManagement;
}

/** Options of methods that return one image. */
export interface OutputOptions extends CallOptions {
  /** Default 'png'. */
  format?: OutputFormat;
  /** The format's encoder options; opaque formats flatten alpha onto `background` (default white). */
  formatOptions?: FormatOptions;
  /** Shorthand for formatOptions.quality. */
  quality?: number;
}
export type ColorTransformOptions = OutputOptions;

export type AnalysisType = 'colors' | 'composition' | 'quality' | 'histogram' | 'stats' | 'metadata' | 'smartCrop';

export interface AnalyzeOptions extends CallOptions {
  /** Colours in colors.palette, 1–20. Default 6. */
  paletteSize?: number;
  /** smartCrop box width / height. Default 1. */
  aspectRatio?: number;
}

export interface PaletteColor { hex: string; rgb: [number, number, number]; oklch: [number, number, number]; proportion: number }
export interface ScoredMeasure { value: number; score: number }

/** analyzeImage's result: one key per requested type (README "analyzeImage" defines every field). */
export interface Analysis {
  colors?: {
    dominant: { hex: string; rgb: [number, number, number]; proportion: number; name: string };
    average: { hex: string; rgb: [number, number, number] };
    palette: PaletteColor[];
    colorfulness: number;
    histogram: { r: number[]; g: number[]; b: number[]; luma: number[] };
  };
  composition?: {
    score: number; ruleOfThirds: number; balance: number; symmetry: number; negativeSpace: number;
    balanceX?: number; balanceY?: number; symmetryHorizontal?: number; symmetryVertical?: number;
    subject: { x: number; y: number; width: number; height: number; centroid: { x: number; y: number } };
    horizonTilt: number | null;
  };
  quality?: {
    overallScore: number;
    sharpness: ScoredMeasure; noise: ScoredMeasure; contrast: ScoredMeasure; entropy: ScoredMeasure; resolution: ScoredMeasure;
    exposure: ScoredMeasure & { clippedShadows: number; clippedHighlights: number };
    jpegBlockiness: ScoredMeasure | null;
    analyzedWidth: number; analyzedHeight: number;
  };
  histogram?: { r: number[]; g: number[]; b: number[]; a: number[]; luma: number[] };
  stats?: { channels: { min: number; max: number; mean: number; stdev: number }[]; isOpaque: boolean };
  metadata?: {
    format: string; width: number; height: number; orientation: number; uprightWidth: number; uprightHeight: number;
    hasAlpha: boolean; bitDepth: number; icc: { description: string | null; colorSpace: string | null; class: string | null } | null; exif: Record<string, unknown> | null;
  };
  smartCrop?: { left: number; top: number; width: number; height: number; score: number };
}


export interface WorkerStats {
  id: number;
  busy: boolean;
  ready: boolean;
  tasks: number;
  storedImages: number;
  /** The module's memory as last reported by the worker. */
  memory?: { heapBytes: number; storedImages: number; storedImageBytes: number };
}

export interface ServiceStats {
  queued: number;
  /** Calls in flight (handed to a worker). */
  running: number;
  peakRunning: number;
  /** Workers alive now. */
  workers: number;
  cacheHits: number;
  cacheMisses: number;
  started: number;
  recycled: number;
  crashed: number;
  timedOut: number;
  aborted: number;
  idleEnded: number;
  perWorker: WorkerStats[];
}

export interface Capabilities {
  build: 'mt' | 'st';
  threads: number;
  workers: number;
  cores: number;
  simd: boolean;
  /** What the running engine reads and writes. */
  formats: { decode: string[]; encode: string[] };
  version: string;
  /** Why the single-threaded build runs, when it does. */
  reason?: string;
}

export declare class ImageProcessingService {
  private constructor();
  static create(options?: ServiceOptions): Promise<ImageProcessingService>;
  generateVariations(image: ImageInput, variationConfigs: VariationConfig[], options?: CallOptions): Promise<VariationResults>;
  applyColorTransformations(image: ImageInput, transforms: ColorTransform[], options?: OutputOptions): Promise<Uint8Array | RawOutput>;
  analyzeImage(image: ImageInput, analysisTypes: AnalysisType[], options?: AnalyzeOptions): Promise<Analysis>;
  /** Decodes once and keeps the image in the engine; every method accepts the handle as its image. */
  load(image: ImageInput, options?: CallOptions): Promise<ImageHandle>;
  operations(): Promise<typeof catalogue>;
  capabilities(): Promise<Capabilities>;
  stats(): Promise<ServiceStats>;
  /** Drops the cached results of calls made with this cacheKey; resolves with the number removed. */
  invalidate(cacheKey: string): Promise<number>;
  dispose(): Promise<void>;
}

// ---- catalogue ----------------------------------------------------------------------------

export interface ParamSpec {
  type: 'integer' | 'number' | 'boolean' | 'enum' | 'color';
  doc: string;
  unit?: string;
  min?: number;
  max?: number;
  minExclusive?: boolean;
  maxExclusive?: boolean;
  values?: readonly string[];
  default?: unknown;
  snake?: string;
  aliases?: readonly string[];
}

export interface OperationEntry {
  doc: string;
  op?: string;
  requireAnyOf?: readonly string[];
  params?: Readonly<Record<string, ParamSpec>>;
  selector?: string;
  choices?: Readonly<Record<string, { op: string; doc: string; params: Readonly<Record<string, ParamSpec>> }>>;
}

export interface FormatEntry {
  doc: string;
  mimeType: string | null;
  extension: string;
  aliases?: readonly string[];
  options: Readonly<Record<string, ParamSpec>>;
}

/** The read-only operation and format catalogue (deep-frozen). */
export declare const catalogue: {
  readonly operations: Readonly<Record<'resize' | 'color_transform' | 'filter', OperationEntry>>;
  readonly formats: Readonly<Record<'png' | 'jpeg' | 'raw', FormatEntry>>;
  readonly defaultFormat: 'png';
};
