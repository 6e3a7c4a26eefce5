// SPDX-License-Identifier: MIT
// Node-side helpers for the specs that compare Chromium's two builds with Node: run one page
// function in the isolated (mt) and the plain (st) page, and the same call on the real service in
// Node; results are made plain (typed arrays → { base64 }, as the page's h.plain does) for toEqual.
import { expect } from '@playwright/test';
import { ImageProcessingService } from '../../js/index.js';
import { ISOLATED_ORIGIN, PLAIN_ORIGIN, openHarness, disposeService, watchConsole } from './helpers.js';

export const BUILDS = [['mt', ISOLATED_ORIGIN], ['st', PLAIN_ORIGIN]];

/** page.evaluate(fn, arg) with a fresh service in each build's page → { mt, st } (and the console log). */
export async function inEachBuild(page, fn, arg) {
  const log = watchConsole(page);
  const out = {};
  for (const [build, origin] of BUILDS) {
    const caps = await openHarness(page, origin);
    expect(caps.build, log.join('\n')).toBe(build);
    out[build] = await page.evaluate(fn, arg);
    await disposeService(page);
  }
  return { ...out, log };
}

/** fn(service) on the real st service in Node (the Playwright test process). */
export async function withNodeService(fn) {
  const svc = await ImageProcessingService.create({ build: 'st', workers: 1 });
  try {
    return await fn(svc);
  } finally {
    await svc.dispose();
  }
}

export function plain(value) {
  if (ArrayBuffer.isView(value)) return { base64: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

export const fromPlain = (p) => new Uint8Array(Buffer.from(p.base64, 'base64'));
