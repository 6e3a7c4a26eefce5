// variations.js (CLI): pixelpipe variations <image> --config <file.json> --out <dir>
import path from 'node:path';
import { readJson, readImage, writeOutput, extensionOf, safeName } from './files.js';

export default {
  name: 'variations',
  usage: `pixelpipe variations <image> --config <file.json> --out <dir>
    One file per variation config: <dir>/<id>.<ext> (format 'raw' as <id>.ppraw). The config file is
    a JSON array of variation configs, for example:
      [{ "id": "thumbnail", "type": "resize", "width": 300, "height": 300, "maintain_aspect_ratio": true },
       { "id": "blurred", "type": "filter", "filter": "gaussian_blur", "radius": 5, "format": "jpeg" }]`,
  needs: { positionals: 1, options: ['config', 'out'] },
  async run(service, [image], { config, out }) {
    const configs = await readJson(config);
    const input = await readImage(image);
    const results = await service.generateVariations(input, configs, { transfer: true });
    const written = [];
    for (const [id, output] of Object.entries(results)) {
      const format = Array.isArray(configs) ? configs.find((c) => c?.id === id)?.format : undefined;
      written.push(await writeOutput(path.join(out, `${safeName(id)}.${extensionOf(format)}`), output));
    }
    return written;
  },
};
