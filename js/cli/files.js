// files.js: the CLI's reading and writing (Node only): JSON configs, images, and outputs on disk
// (encoded bytes as they are; raw pixels as .ppraw: "PPRAW001", uint32 LE width, height, RGBA8;
// plain data as JSON).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { InvalidConfigurationError } from '../errors.js';
import { catalogue } from '../catalogue/index.js';

export async function readJson(file, what = 'config') {
  let text;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InvalidConfigurationError(`Cannot read ${what} ${file}: ${error.message}`, { details: { path: what, value: file } });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidConfigurationError(`${what[0].toUpperCase()}${what.slice(1)} ${file} is not valid JSON: ${error.message}`, { details: { path: what, value: file } });
  }
}

export async function readImage(file, what = 'image') {
  return readFile(file).catch((error) => {
    throw new InvalidConfigurationError(`Cannot read ${what} ${file}: ${error.message}`, { details: { path: what, value: file } });
  });
}

/** The file extension of a format name or alias ('jpg' → 'jpg', 'jpeg' → 'jpg'). */
export function extensionOf(format = catalogue.defaultFormat) {
  const lower = String(format).toLowerCase();
  const [, entry] = Object.entries(catalogue.formats).find(([name, f]) => name === lower || f.aliases?.includes(lower)) ?? [];
  return entry?.extension ?? lower;
}

/** Writes an image output (bytes, or { width, height, data } as .ppraw) to `file` (.ppraw added for raw). */
export async function writeOutput(file, output) {
  await mkdir(path.dirname(file), { recursive: true });
  if (output instanceof Uint8Array) {
    await writeFile(file, output);
    return { file, bytes: output.byteLength, size: '' };
  }
  const header = new Uint8Array(16);
  header.set(new TextEncoder().encode('PPRAW001'));
  new DataView(header.buffer).setUint32(8, output.width, true);
  new DataView(header.buffer).setUint32(12, output.height, true);
  const bytes = new Uint8Array(16 + output.data.byteLength);
  bytes.set(header);
  bytes.set(output.data, 16);
  const target = file.endsWith('.ppraw') ? file : `${file.replace(/\.[^./]*$/, '')}.ppraw`;
  await writeFile(target, bytes);
  return { file: target, bytes: bytes.byteLength, size: `${output.width}x${output.height}` };
}

/** Ids are free text; keep file names inside the output folder. */
export const safeName = (id) => id.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_');
