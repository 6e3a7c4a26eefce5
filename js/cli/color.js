// color.js (CLI): pixelpipe color <image> --transforms <file.json> --out <file> [--format f] [--quality q]
import { readJson, readImage, writeOutput } from './files.js';

export default {
  name: 'color',
  usage: `pixelpipe color <image> --transforms <file.json> --out <file> [--format png|jpeg|raw] [--quality q]
    applyColorTransformations: the JSON array of transforms applied in order, for example:
      [{ "transform": "brightness", "amount": 1.2 }, { "transform": "sepia", "amount": 0.5 }]`,
  needs: { positionals: 1, options: ['transforms', 'out'] },
  async run(service, [image], { transforms, out, format, quality }) {
    const list = await readJson(transforms, 'transforms');
    const input = await readImage(image);
    const options = { transfer: true };
    if (format !== undefined) options.format = format;
    if (quality !== undefined) options.quality = Number(quality);
    return [await writeOutput(out, await service.applyColorTransformations(input, list, options))];
  },
};
