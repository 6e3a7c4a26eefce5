// SPDX-License-Identifier: MIT
// vips-setup.js: wasm-vips as every bench page runs it — no HEIF/JXL side modules, the operation
// cache off (repeated runs do the full work), and the same thread budget as pixelpipe-mt
// (wasm-vips defaults to VIPS_CONCURRENCY=1).
export async function loadVips() {
  const { default: Vips } = await import('/node_modules/wasm-vips/lib/vips-es6.js');
  const vips = await Vips({ dynamicLibraries: [] });
  vips.Cache.max(0);
  vips.concurrency(navigator.hardwareConcurrency || 1);
  return vips;
}
