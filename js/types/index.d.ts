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
import type { VariationStep, ColorTransform, OutputFormat, FormatOptions, FormatOptionsMap, Color, AnalysisType, BlendMode, MethodOptionsMap } from './operations.generated';
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

export type AnalyzeOptions = CallOptions & MethodOptionsMap['analyzeImage'];
/** generateVariations' options: the call options and shrinkOnLoad (JPEG decode at 1/2, 1/4, 1/8 when every variant starts with a large enough reduction; default true). */
export type VariationsOptions = CallOptions & MethodOptionsMap['generateVariations'];

// ---- createComposite ----------------------------------------------------------------------

/** Fields every layer kind accepts (README "createComposite"). */
export interface LayerCommon {
  /** Top-left on the canvas; negative or past the canvas is clipped. Default 0. */
  x?: number;
  y?: number;
  /** image/text: the box the layer is scaled into with `fit`; solid/gradient: the box (default: the rest of the canvas). */
  width?: number;
  height?: number;
  fit?: Fit;
  /** 0–1, default 1. */
  opacity?: number;
  blendMode?: BlendMode;
  blend_mode?: BlendMode;
  /** Degrees clockwise about the layer's centre. */
  rotate?: number;
  /** Catalogue steps applied to the layer first. */
  transforms?: VariationStep[];
  /** An image scaled to the layer's box whose luminance (default) or alpha multiplies the layer's alpha. */
  mask?: ImageInput;
  maskMode?: 'luminance' | 'alpha';
  mask_mode?: 'luminance' | 'alpha';
}
export interface ImageLayer extends LayerCommon { image: ImageInput }
export interface TextLayer extends LayerCommon {
  /** UTF-8 text. */
  text: string;
  /** TrueType/OpenType bytes; default DejaVu Sans. */
  font?: Uint8Array | ArrayBuffer;
  /** Pixels per em, default 16. */
  size?: number;
  color?: Color;
  align?: 'left' | 'center' | 'right';
  maxWidth?: number;
  max_width?: number;
  /** × size, default 1.2. */
  lineHeight?: number;
  line_height?: number;
}
export type GradientStop = [number, Color];
export interface GradientLayer extends LayerCommon {
  gradient:
    | { type: 'linear'; /** CSS degrees, 180 = to bottom. */ angle?: number; stops: GradientStop[] }
    | { type: 'radial'; center?: [number, number]; radius?: number; stops: GradientStop[] };
}
export interface SolidLayer extends LayerCommon { color: Color }
/** The kind is decided by precedence: image, text, gradient, color. */
export type Layer = ImageLayer | TextLayer | GradientLayer | SolidLayer;

// ---- generateAndApplyPalette --------------------------------------------------------------

export type PaletteRole = 'background' | 'surface' | 'primary' | 'secondary' | 'accent' | 'text';
export type PaletteOptions = OutputOptions & MethodOptionsMap['generateAndApplyPalette'];
export interface ThemePalette {
  name: string;
  /** snake_case: 'analogous', 'complementary', 'split_complementary', 'triadic', 'monochromatic', … */
  harmony: string;
  colors: { hex: string; rgb: [number, number, number]; oklch: [number, number, number]; role: PaletteRole; name?: string }[];
  /** The palette applied to the image, in the call's output format. */
  image: Uint8Array | RawOutput;
  /** WCAG contrast ratio of the text role on the background role. */
  contrast: number;
  matchedTerms: string[];
  unmatchedTerms: string[];
  warnings: string[];
}

// ---- processForExport ---------------------------------------------------------------------

/** The chosen format's encoder options (FormatOptionsMap) plus the export options. */
export type ExportOptions = MethodOptionsMap['processForExport'] & Partial<FormatOptionsMap[keyof FormatOptionsMap]> & { background?: Color; dpi?: number };

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
    /** Only with the saliencyMap option: the saliency map, 0–255, row-major (README "analyzeImage"). */
    saliencyMap?: { width: number; height: number; data: Uint8Array };
  };
  quality?: {
    overallScore: number;
    sharpness: ScoredMeasure; noise: ScoredMeasure; contrast: ScoredMeasure; entropy: ScoredMeasure; resolution: ScoredMeasure;
    exposure: ScoredMeasure & { clippedShadows: number; clippedHighlights: number; clippedChannels: number };
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
  /** heapBytes: the wasm memory size (never shrinks); mallocBytes: bytes allocated and not yet freed. */
  memory?: { heapBytes: number; mallocBytes: number; storedImages: number; storedImageBytes: number };
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
  generateVariations(image: ImageInput, variationConfigs: VariationConfig[], options?: VariationsOptions): Promise<VariationResults>;
  applyColorTransformations(image: ImageInput, transforms: ColorTransform[], options?: OutputOptions): Promise<Uint8Array | RawOutput>;
  createComposite(layers: Layer[], width: number, height: number, backgroundColor?: Color | null, options?: OutputOptions): Promise<Uint8Array | RawOutput>;
  analyzeImage(image: ImageInput, analysisTypes: AnalysisType[], options?: AnalyzeOptions): Promise<Analysis>;
  generateAndApplyPalette(image: ImageInput, themeDescription: string, numPalettes?: number, options?: PaletteOptions): Promise<ThemePalette[]>;
  /** Resolves with the file's bytes (svg: UTF-8 of the document). */
  processForExport(image: ImageInput, exportFormat: Exclude<OutputFormat, 'raw'>, exportOptions?: ExportOptions, options?: CallOptions): Promise<Uint8Array>;
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

export interface MethodEntry {
  doc: string;
  worker: string;
  output: boolean;
  options: Readonly<Record<string, ParamSpec>>;
  /** analyzeImage: the analysis types. */
  types?: readonly AnalysisType[];
  /** createComposite: the blend modes and their Canvas aliases. */
  blendModes?: readonly string[];
  blendAliases?: Readonly<Record<string, string>>;
  /** processForExport: the options besides the format's own. */
  exportOptions?: Readonly<Record<string, ParamSpec>>;
}

/** The read-only operation, format and method catalogue (deep-frozen). */
export declare const catalogue: {
  readonly operations: Readonly<Record<'resize' | 'color_transform' | 'filter', OperationEntry>>;
  readonly formats: Readonly<Record<Exclude<OutputFormat, 'jpg'>, FormatEntry>>;
  readonly methods: Readonly<Record<'generateVariations' | 'applyColorTransformations' | 'createComposite' | 'analyzeImage' | 'generateAndApplyPalette' | 'processForExport' | 'load', MethodEntry>>;
  readonly defaultFormat: 'png';
};
