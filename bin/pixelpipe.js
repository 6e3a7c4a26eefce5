#!/usr/bin/env node
// pixelpipe CLI: runs the public API from the shell (one command for now: variations).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ImageProcessingService, ImageProcessingError, InvalidConfigurationError, catalogue } from '../js/index.js';

const USAGE = `Usage: pixelpipe variations <image> --config <file.json> --out <dir> [--build auto|mt|st]

  Writes one file per variation config to <dir>/<id>.<ext>
  (png, jpg; format 'raw' is written as <id>.ppraw: "PPRAW001", uint32 LE width, height, RGBA8).
  The config file is a JSON array of variation configs, for example:
    [{ "id": "thumbnail", "type": "resize", "width": 300, "height": 300, "maintain_aspect_ratio": true },
     { "id": "blurred", "type": "filter", "filter": "gaussian_blur", "radius": 5, "format": "jpeg" }]

Options:
  -c, --config <file>  variation configs (JSON array)
  -o, --out <dir>      output folder (created if missing)
      --build <b>      engine build: auto (default), mt or st
  -h, --help           show this help
`;

async function main(argv) {
  const { values, positionals } = parseCommandLine(argv);
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const [command, image] = positionals;
  if (command !== 'variations') throw usageError(command ? `unknown command '${command}'` : 'missing command');
  if (!image || !values.config || !values.out) throw usageError('variations needs <image>, --config and --out');
  if (positionals.length > 2) throw usageError(`unexpected argument '${positionals[2]}'`);

  const configs = await readConfig(values.config);
  const input = await readFile(image).catch((error) => {
    throw new InvalidConfigurationError(`Cannot read image ${image}: ${error.message}`, { details: { path: 'image', value: image } });
  });
  const service = await ImageProcessingService.create({ build: values.build ?? 'auto' });
  try {
    const started = performance.now();
    const results = await service.generateVariations(input, configs, { transfer: true });
    const ms = performance.now() - started;
    await mkdir(values.out, { recursive: true });
    const { build, threads } = await service.capabilities();
    for (const [id, output] of Object.entries(results)) {
      const { file, bytes, size } = encodeForDisk(id, output, configs);
      const target = path.join(values.out, file);
      await writeFile(target, bytes);
      process.stdout.write(`${target}\t${size}\t${bytes.byteLength} bytes\t${ms.toFixed(0)} ms (${build}, ${threads} thread(s))\n`);
    }
  } finally {
    await service.dispose();
  }
  return 0;
}

function parseCommandLine(argv) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        config: { type: 'string', short: 'c' },
        out: { type: 'string', short: 'o' },
        build: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw usageError(error.message);
  }
}

async function readConfig(file) {
  let text;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InvalidConfigurationError(`Cannot read config ${file}: ${error.message}`, { details: { path: 'config', value: file } });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidConfigurationError(`Config ${file} is not valid JSON: ${error.message}`, { details: { path: 'config', value: file } });
  }
}

function encodeForDisk(id, output, configs) {
  if (output instanceof Uint8Array) {
    const format = configs.find((c) => c.id === id)?.format ?? catalogue.defaultFormat;
    const extension = format === 'jpg' || format === 'jpeg' ? catalogue.formats.jpeg.extension : catalogue.formats.png.extension;
    return { file: `${safeName(id)}.${extension}`, bytes: output, size: '' };
  }
  const header = new Uint8Array(16);
  header.set(new TextEncoder().encode('PPRAW001'));
  new DataView(header.buffer).setUint32(8, output.width, true);
  new DataView(header.buffer).setUint32(12, output.height, true);
  const bytes = new Uint8Array(16 + output.data.byteLength);
  bytes.set(header);
  bytes.set(output.data, 16);
  return { file: `${safeName(id)}.ppraw`, bytes, size: `${output.width}x${output.height}` };
}

/** Ids are free text; keep file names inside the output folder. */
const safeName = (id) => id.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_');

function usageError(message) {
  return new InvalidConfigurationError(`${message}\n\n${USAGE}`, { code: 'USAGE' });
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    if (error instanceof ImageProcessingError) {
      process.stderr.write(`pixelpipe: ${error.name} [${error.code}]: ${error.message}\n`);
    } else {
      process.stderr.write(`pixelpipe: unexpected failure: ${error?.stack ?? error}\n`);
    }
    process.exit(1);
  },
);
