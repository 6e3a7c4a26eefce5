// SPDX-License-Identifier: MIT
// pixelpipe's method rows: raw RGBA in (copied into the worker on every call, no result cache, no
// decoded-image reuse), the result back in JS memory. The page's isolation decides mt or st.
import { COMPOSITE1, COMPOSITE10, THEME, TRACE_COLORS } from './rows.js';

export function pixelpipeEngine(inputs) {
  let svc;
  const { photo, photo1mp, layers } = inputs;
  const layer = (l) => ({ image: layers[l.layer], x: l.x, y: l.y, opacity: l.opacity, blendMode: l.mode });
  const exportRow = (format, options, image = photo) => ({ run: () => svc.processForExport(image, format, options) });
  return {
    async setup() {
      const pp = await import('/js/index.js');
      svc = await pp.ImageProcessingService.create({ cache: null, imageCacheBytes: 0, operationTimeoutMs: 300000, maxInputPixels: 100_000_000 });
      const caps = await svc.capabilities();
      return { build: caps.build, threads: caps.threads, workers: caps.workers, version: pp.version };
    },
    rows: {
      analyze3: { run: () => svc.analyzeImage(photo, ['colors', 'composition', 'quality']) },
      statsHist: { run: () => svc.analyzeImage(photo, ['stats', 'histogram']) },
      composite1: { run: () => svc.createComposite([{ image: photo }, layer(COMPOSITE1)], photo.width, photo.height, null, { format: 'raw' }) },
      composite10: { run: () => svc.createComposite([{ image: photo }, ...COMPOSITE10.map(layer)], photo.width, photo.height, null, { format: 'raw' }) },
      palette3: { run: () => svc.generateAndApplyPalette(photo, THEME, 3, { mode: 'map', format: 'png' }) },
      pngDefault: exportRow('png', {}),
      pngSmallest: exportRow('png', { compressionLevel: 9 }),
      jpeg85: exportRow('jpeg', { quality: 85 }),
      webp80: exportRow('webp', { quality: 80 }),
      svgTrace: { run: async () => new TextDecoder().decode(await svc.processForExport(photo1mp, 'svg', { mode: 'trace', colors: TRACE_COLORS })) },
    },
    async dispose() { await svc?.dispose(); },
  };
}
