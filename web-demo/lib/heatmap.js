// SPDX-License-Identifier: MIT
// A saliency map (analyzeImage's composition.saliencyMap: { width, height, data }, 0–255) drawn
// as a heat overlay: each cell from yellow (low) to red (the peak), its opacity following the
// value, so low-saliency areas keep the photo visible. (Yellow at the peak vanished on warm
// photos: over harvesters.jpeg's wheat the peak cells changed by only 33 levels.)

/** Peak opacity: at 0.65 the photo still shows through the hottest cells. */
const MAX_ALPHA = 0.65;

/** Draw `map` stretched over the `width` × `height` area of context `g` (bilinear smoothing). */
export function drawHeatmap(g, map, width, height) {
  const cells = new OffscreenCanvas(map.width, map.height);
  const img = new ImageData(map.width, map.height);
  map.data.forEach((v, i) => {
    img.data.set([255, 255 - v, 0, Math.round(v * MAX_ALPHA)], 4 * i);
  });
  cells.getContext('2d').putImageData(img, 0, 0);
  g.save();
  g.imageSmoothingEnabled = true;
  g.imageSmoothingQuality = 'high';
  g.drawImage(cells, 0, 0, width, height);
  g.restore();
}
