// The Node script: import the package by name (its "node" entry) and print the examples' outcome.
import { readFileSync } from 'node:fs';
import * as pixelpipe from 'pixelpipe';
import { runExamples } from './examples.js';

console.log(JSON.stringify(await runExamples(pixelpipe, new Uint8Array(readFileSync(process.argv[2])))));
