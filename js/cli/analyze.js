// analyze.js (CLI): pixelpipe analyze <image> --types colors,quality,… [--palette-size n] [--aspect-ratio r] [--out file.json]
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readImage } from './files.js';

export default {
  name: 'analyze',
  usage: `pixelpipe analyze <image> --types <t1,t2,…> [--palette-size n] [--aspect-ratio r] [--out <file.json>]
    analyzeImage: types colors, composition, quality, histogram, stats, metadata, smartCrop;
    prints the JSON result (or writes it to --out).`,
  needs: { positionals: 1, options: ['types'] },
  async run(service, [image], values) {
    const options = { transfer: true };
    if (values['palette-size'] !== undefined) options.paletteSize = Number(values['palette-size']);
    if (values['aspect-ratio'] !== undefined) options.aspectRatio = Number(values['aspect-ratio']);
    const result = await service.analyzeImage(await readImage(image), values.types.split(',').map((t) => t.trim()).filter(Boolean), options);
    const text = `${JSON.stringify(result, null, 2)}\n`;
    if (!values.out) {
      process.stdout.write(text);
      return [];
    }
    await mkdir(path.dirname(values.out), { recursive: true });
    await writeFile(values.out, text);
    return [{ file: values.out, size: '', bytes: Buffer.byteLength(text) }];
  },
};
