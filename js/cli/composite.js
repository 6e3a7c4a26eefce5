// composite.js (CLI): pixelpipe composite --layers <file.json> --width W --height H --out <file>
//   [--background colour] [--format f] [--quality q]. In the JSON, a layer's `image`, `mask` and
//   `font` are file paths (read here).
import path from 'node:path';
import { readJson, readImage, writeOutput } from './files.js';

export default {
  name: 'composite',
  usage: `pixelpipe composite --layers <file.json> --width W --height H --out <file> [--background c] [--format f] [--quality q]
    createComposite: the JSON array of layers; image, mask and font are file paths (relative to the JSON file), e.g.
      [{ "image": "photo.jpg", "x": 0, "y": 0, "width": 1200, "height": 630, "fit": "cover" },
       { "text": "Hello", "size": 64, "color": "white", "x": 60, "y": 500 }]`,
  needs: { positionals: 0, options: ['layers', 'width', 'height', 'out'] },
  async run(service, _, values) {
    const list = await readJson(values.layers, 'layers');
    const base = path.dirname(values.layers);
    const layers = Array.isArray(list) ? await Promise.all(list.map(async (layer) => {
      if (!layer || typeof layer !== 'object') return layer;
      const out = { ...layer };
      for (const key of ['image', 'mask', 'font']) {
        if (typeof layer[key] === 'string') out[key] = await readImage(path.resolve(base, layer[key]), `layers.${key}`);
      }
      return out;
    })) : list;
    const options = {};
    if (values.format !== undefined) options.format = values.format;
    if (values.quality !== undefined) options.quality = Number(values.quality);
    const out = await service.createComposite(layers, Number(values.width), Number(values.height), values.background, options);
    return [await writeOutput(values.out, out)];
  },
};
