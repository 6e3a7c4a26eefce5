// palette.js (CLI): pixelpipe palette <image> --theme "warm autumn sunset" --out <dir> [--count n] [--mode m] [--format f]
import path from 'node:path';
import { mkdir, writeFile } from 'node:fs/promises';
import { readImage, writeOutput, extensionOf, safeName } from './files.js';

export default {
  name: 'palette',
  usage: `pixelpipe palette <image> --theme <text> --out <dir> [--count n] [--mode map|transfer|quantize] [--format f]
    generateAndApplyPalette: <dir>/palettes.json (the palettes) and one image per palette.`,
  needs: { positionals: 1, options: ['theme', 'out'] },
  async run(service, [image], values) {
    const options = { transfer: true };
    if (values.mode !== undefined) options.mode = values.mode;
    if (values.format !== undefined) options.format = values.format;
    const count = values.count === undefined ? 3 : Number(values.count);
    const palettes = await service.generateAndApplyPalette(await readImage(image), values.theme, count, options);
    await mkdir(values.out, { recursive: true });
    const written = [];
    const described = [];
    for (const [i, { image: out, ...palette }] of palettes.entries()) {
      const file = path.join(values.out, `${i + 1}-${safeName(palette.name)}.${extensionOf(values.format)}`);
      const w = await writeOutput(file, out);
      written.push(w);
      described.push({ ...palette, file: path.basename(w.file) });
    }
    const json = path.join(values.out, 'palettes.json');
    const text = `${JSON.stringify(described, null, 2)}\n`;
    await writeFile(json, text);
    return [...written, { file: json, size: '', bytes: Buffer.byteLength(text) }];
  },
};
