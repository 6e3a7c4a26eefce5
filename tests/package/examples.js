// examples.js: every public method's documented example (the @example of each method's JSDoc in
// js/service.js), run the same way in Node and in each browser. Returns which engine ran and a
// SHA-256 per result, so runs on different engines compare byte for byte.
// Plain ES module with no imports: the Vite app bundles it, the import-map page and Node load it as is.

/**
 * @param {{ ImageProcessingService: Function }} pixelpipe the package's exports
 * @param {Uint8Array} bytes an encoded photo
 * @returns {Promise<{ engine: object, results: Record<string, string> }>}
 */
export async function runExamples(pixelpipe, bytes) {
  const service = await pixelpipe.ImageProcessingService.create();
  try {
    const { build, reason, threads, workers, cores, simd } = await service.capabilities();
    const results = {};
    const variants = await service.generateVariations(bytes, [
      { id: 'thumbnail', type: 'resize', width: 300, height: 300, maintainAspectRatio: true },
      { id: 'grayscale', type: 'color_transform', transform: 'grayscale' },
      { id: 'blurred', type: 'filter', filter: 'gaussian_blur', radius: 5, format: 'jpeg', quality: 85 },
    ]);
    for (const [id, out] of Object.entries(variants)) results[`generateVariations.${id}`] = await digest(out);
    results.applyColorTransformations = await digest(
      await service.applyColorTransformations(bytes, [{ transform: 'grayscale' }], { format: 'jpeg' }));
    results.createComposite = await digest(await service.createComposite([
      { image: bytes, x: 0, y: 0, width: 1200, height: 630, fit: 'cover' },
      { gradient: { type: 'linear', angle: 180, stops: [[0.5, 'rgba(0,0,0,0)'], [1, 'rgba(0,0,0,0.7)']] } },
      { text: 'Hello', size: 64, color: 'white', x: 60, y: 480 },
    ], 1200, 630, '#000', { format: 'jpeg' }));
    const analysis = await service.analyzeImage(bytes, ['colors', 'quality']);
    results.analyzeImage = await digest(new TextEncoder().encode(JSON.stringify(analysis)));
    const palettes = await service.generateAndApplyPalette(bytes, 'deep ocean blues with a hint of coral', 3);
    results['generateAndApplyPalette.colors'] = palettes.map((p) => p.colors.map((c) => c.hex).join(' ')).join(' | ');
    results['generateAndApplyPalette.images'] = (await Promise.all(palettes.map((p) => digest(p.image)))).join(' ');
    results.processForExport = await digest(await service.processForExport(bytes, 'webp', { quality: 80, maxWidth: 2048 }));
    return { engine: { build, reason, threads, workers, cores, simd }, results };
  } finally {
    await service.dispose();
  }
}

async function digest(bytes) {
  const hash = await crypto.subtle.digest('SHA-256', bytes);
  return `${bytes.byteLength}:${[...new Uint8Array(hash)].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** In a page: runs the examples on /input.png and leaves the outcome in window.__pixelpipeResult. */
export async function runInPage(pixelpipe) {
  const violations = [];
  document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective}: ${e.blockedURI}`));
  try {
    const bytes = new Uint8Array(await (await fetch('/input.png')).arrayBuffer());
    const outcome = await runExamples(pixelpipe, bytes);
    window.__pixelpipeResult = { ...outcome, crossOriginIsolated: self.crossOriginIsolated === true, violations };
  } catch (error) {
    window.__pixelpipeResult = { error: `${error?.name}: ${error?.message}\n${error?.stack ?? ''}`, violations };
  }
}
