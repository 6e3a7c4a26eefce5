// export.js (CLI): pixelpipe export <image> --format <f> --out <file> [--options <file.json>] [--quality q] [--max-width w] [--max-height h] [--target-size bytes]
import { readImage, readJson, writeOutput } from './files.js';

export default {
  name: 'export',
  usage: `pixelpipe export <image> --format <png|jpeg|webp|gif|ico|bmp|tga|svg> --out <file> [--options <file.json>]
                  [--quality q] [--max-width w] [--max-height h] [--target-size bytes]
    processForExport: export options from the JSON file, the flags override them.`,
  needs: { positionals: 1, options: ['format', 'out'] },
  async run(service, [image], values) {
    const options = values.options ? await readJson(values.options, 'options') : {};
    for (const [flag, key] of [['quality', 'quality'], ['max-width', 'maxWidth'], ['max-height', 'maxHeight'], ['target-size', 'targetSizeBytes']]) {
      if (values[flag] !== undefined) options[key] = Number(values[flag]);
    }
    const bytes = await service.processForExport(await readImage(image), values.format, options, { transfer: true });
    return [await writeOutput(values.out, bytes)];
  },
};
