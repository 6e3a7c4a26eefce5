// SPDX-License-Identifier: MIT
// A synthetic sample image (no test data in the repo): gradients, shapes and fine stripes, so every
// panel (blur, histogram, palette, composition) has something to show.

export async function makeSample(width = 640, height = 427) {
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d');
  const g = ctx.createLinearGradient(0, 0, width, height);
  g.addColorStop(0, '#1e3c72');
  g.addColorStop(0.45, '#2a9d8f');
  g.addColorStop(0.75, '#e9c46a');
  g.addColorStop(1, '#e76f51');
  ctx.fillStyle = g;
  ctx.fillRect(0, 0, width, height);
  const r = ctx.createRadialGradient(width * 0.7, height * 0.3, 5, width * 0.7, height * 0.3, height * 0.45);
  r.addColorStop(0, 'rgba(255,255,255,0.9)');
  r.addColorStop(1, 'rgba(255,255,255,0)');
  ctx.fillStyle = r;
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#264653';
  ctx.beginPath();
  ctx.moveTo(0, height);
  for (let x = 0; x <= width; x += 20) ctx.lineTo(x, height * 0.75 - 40 * Math.sin(x / 60));
  ctx.lineTo(width, height);
  ctx.fill();
  ctx.strokeStyle = 'rgba(255,255,255,0.55)'; // fine stripes make a blur visible
  for (let x = 20; x < 200; x += 6) {
    ctx.beginPath();
    ctx.moveTo(x, 30);
    ctx.lineTo(x, 130);
    ctx.stroke();
  }
  ctx.fillStyle = '#fff';
  ctx.font = 'bold 42px system-ui, sans-serif';
  ctx.fillText('pixelpipe', 30, 200);
  const blob = await canvas.convertToBlob({ type: 'image/png' });
  return new File([blob], 'sample.png', { type: 'image/png' });
}
