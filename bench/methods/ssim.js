// SPDX-License-Identifier: MIT
// ssim.js: SSIM (Wang et al. 2004: Gaussian window σ 1.5, K1 0.01, K2 0.03, L 255) of a traced SVG,
// rasterised by Chromium at the input's size, against the input, on Rec. 709 luma — the measure
// skimage's structural_similarity(gaussian_weights=True, sigma=1.5, use_sample_covariance=False) gives.
const luma = (d, n) => { const y = new Float32Array(n); for (let i = 0; i < n; i++) y[i] = 0.2126 * d[4 * i] + 0.7152 * d[4 * i + 1] + 0.0722 * d[4 * i + 2]; return y; };

function blur(src, w, h) {
  const r = 5, k = [];
  for (let i = -r; i <= r; i++) k.push(Math.exp(-(i * i) / (2 * 1.5 * 1.5)));
  const s = k.reduce((a, b) => a + b);
  const kn = k.map((v) => v / s);
  const tmp = new Float32Array(w * h), out = new Float32Array(w * h);
  const clamp = (v, hi) => (v < 0 ? 0 : v > hi ? hi : v);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) { let a = 0; for (let i = -r; i <= r; i++) a += kn[i + r] * src[y * w + clamp(x + i, w - 1)]; tmp[y * w + x] = a; }
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) { let a = 0; for (let i = -r; i <= r; i++) a += kn[i + r] * tmp[clamp(y + i, h - 1) * w + x]; out[y * w + x] = a; }
  return out;
}

export async function ssimOfSvg(svg, ref) {
  const { width: w, height: h } = ref;
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  const img = new Image();
  img.src = url;
  await img.decode();
  const c = new OffscreenCanvas(w, h);
  const ctx = c.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, w, h);
  ctx.drawImage(img, 0, 0, w, h);
  URL.revokeObjectURL(url);
  const n = w * h;
  const a = luma(ctx.getImageData(0, 0, w, h).data, n), b = luma(ref.data, n);
  const prod = (p, q) => p.map((v, i) => v * q[i]);
  const [ma, mb, aa, bb, ab] = [a, b, prod(a, a), prod(b, b), prod(a, b)].map((m) => blur(m, w, h));
  const C1 = (0.01 * 255) ** 2, C2 = (0.03 * 255) ** 2;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const va = aa[i] - ma[i] * ma[i], vb = bb[i] - mb[i] * mb[i], cov = ab[i] - ma[i] * mb[i];
    sum += ((2 * ma[i] * mb[i] + C1) * (2 * cov + C2)) / ((ma[i] ** 2 + mb[i] ** 2 + C1) * (va + vb + C2));
  }
  return { ssim: sum / n, bytes: new TextEncoder().encode(svg).byteLength };
}
