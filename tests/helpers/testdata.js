// testdata.js: paths into the shared test images (never copied into the repo).
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const testdataDir = fileURLToPath(new URL('../../../shared/testdata/', import.meta.url));

/** Absolute path of a file under shared/testdata, e.g. testdataPath('photos/kodim23.png'). */
export const testdataPath = (relative) => fileURLToPath(new URL(relative, new URL('../../../shared/testdata/', import.meta.url)));

/** The bytes of a test file as a Uint8Array (a fresh buffer each call). */
export const readTestdata = (relative) => new Uint8Array(readFileSync(testdataPath(relative)));

/** File names in a testdata folder, sorted. */
export const listTestdata = (folder) => readdirSync(testdataPath(`${folder}/`)).sort();

/** The three example configs of the specification. */
export const SPEC_EXAMPLE_CONFIGS = [
  { id: 'thumbnail', type: 'resize', width: 300, height: 300, maintain_aspect_ratio: true },
  { id: 'grayscale', type: 'color_transform', transform: 'grayscale' },
  { id: 'blurred', type: 'filter', filter: 'gaussian_blur', radius: 5 },
];
