// SPDX-License-Identifier: MIT
// pixelpipe's method rows: raw RGBA in (copied into the worker on every call, no result cache, no
// decoded-image reuse), the result back in JS memory. The page's isolation decides mt or st.
// Composite rows: as Canvas 2D gets its layers as ImageBitmaps made untimed, the layers here are
// loaded once, untimed, as ImageHandles (service.load); the backdrop is still raw per call (as
// Canvas' putImageData). composite1raw / composite10raw send the raw layers on every call too.
import { COMPOSITE1, COMPOSITE10, THEME, TRACE_COLORS } from './rows.js';

export function pixelpipeEngine(inputs) {
  let svc, handles;
  const { photo, photo1mp, layers } = inputs;
  const layer = (from) => (l) => ({ image: from[l.layer], x: l.x, y: l.y, opacity: l.opacity, blendMode: l.mode });
  const composite = (from, list) => ({
    run: () => svc.createComposite([{ image: photo }, ...list.map(layer(from()))], photo.width, photo.height, null, { format: 'raw' }),
  });
  const exportRow = (format, options, image = photo) => ({ run: () => svc.processForExport(image, format, options) });
  return {
    async setup() {
      const pp = await import('/js/index.js');
      svc = await pp.ImageProcessingService.create({ cache: null, imageCacheBytes: 0, operationTimeoutMs: 300000, maxInputPixels: 100_000_000 });
      const caps = await svc.capabilities();
      handles = await Promise.all(layers.map((l) => svc.load(l)));
      return { build: caps.build, threads: caps.threads, workers: caps.workers, version: pp.version };
    },
    rows: {
      analyze3: { run: () => svc.analyzeImage(photo, ['colors', 'composition', 'quality']) },
      statsHist: { run: () => svc.analyzeImage(photo, ['stats', 'histogram']) },
      composite1: composite(() => handles, [COMPOSITE1]),
      composite10: composite(() => handles, COMPOSITE10),
      composite1raw: composite(() => layers, [COMPOSITE1]),
      composite10raw: composite(() => layers, COMPOSITE10),
      palette3: { run: () => svc.generateAndApplyPalette(photo, THEME, 3, { mode: 'map', format: 'png' }) },
      pngDefault: exportRow('png', {}),
      pngSmallest: exportRow('png', { compressionLevel: 9 }),
      jpeg85: exportRow('jpeg', { quality: 85 }),
      webp80: exportRow('webp', { quality: 80 }),
      svgTrace: { run: async () => new TextDecoder().decode(await svc.processForExport(photo1mp, 'svg', { mode: 'trace', colors: TRACE_COLORS })) },
    },
    async dispose() { for (const h of handles ?? []) h.release(); await svc?.dispose(); },
  };
}
