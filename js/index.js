// index.js: the public entry point of pixelpipe.
export { ImageProcessingService } from './service.js';
export { MemoryCache } from './cache/memory-cache.js';
export { IndexedDBCache } from './cache/idb-cache.js';
export {
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
  errorFromJSON,
} from './errors.js';
export { catalogue } from './catalogue/index.js';
export { ImageHandle } from './image-handle.js';
export { version } from './version.js';
