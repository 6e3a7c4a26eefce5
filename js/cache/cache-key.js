// cache-key.js: content-addressed cache keys. A key is
//   pixelpipe/<library version>/<group>/<sha-256 of { operation, input: sha-256 of the input bytes,
//                                                     request: the normalised config, version }>
// The input is always hashed; the caller's `cacheKey` only names the group (so that
// service.invalidate(cacheKey) can drop the group's entries). Any change of config or version gives
// a new key; keys of other versions are recognisable by their prefix and purged.

export const KEY_ROOT = 'pixelpipe/';
/** The group of calls made without a cacheKey. */
export const DEFAULT_GROUP = '-';

/** JSON with object keys sorted, so equal requests give equal strings. */
export function canonicalJson(value) {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (ArrayBuffer.isView(value)) return `[${Array.from(value).join(',')}]`;
  if (value && typeof value === 'object') {
    const keys = Object.keys(value).filter((k) => value[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Hex SHA-256 of bytes or a string. */
export async function sha256Hex(data) {
  let bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  // WebCrypto refuses views of a SharedArrayBuffer (staged inputs, js/input/staging.js): hash a
  // private copy (slice() allocates a plain ArrayBuffer).
  if (typeof SharedArrayBuffer === 'function' && bytes.buffer instanceof SharedArrayBuffer) bytes = bytes.slice();
  const digest = await (await subtle()).digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The key segment of a group name (a cacheKey may contain any character, '/' included). */
export const groupSegment = (group = DEFAULT_GROUP) => encodeURIComponent(group);

/** The prefix shared by every key of `group` in `version`. */
export const groupPrefix = (version, group) => `${KEY_ROOT}${version}/${groupSegment(group)}/`;

/**
 * @param {{ operation: string, inputHashes: string[], request: unknown, version: string, group?: string }} parts
 *   inputHashes: sha256Hex of each input's bytes, in order (a composite of solid layers has none);
 *   group: the caller's cacheKey
 */
export async function cacheKey({ operation, inputHashes, request, version, group }) {
  // A key that forgot its inputs would serve one image's result for another: refuse it.
  if (!Array.isArray(inputHashes) || inputHashes.some((h) => typeof h !== 'string' || !h)) {
    throw new TypeError('cacheKey needs inputHashes: one content hash per input');
  }
  const digest = await sha256Hex(canonicalJson({ operation, inputs: inputHashes, request, version }));
  return `${groupPrefix(version, group)}${digest}`;
}

/** { version, group } of a pixelpipe key, or undefined for other keys. */
export function parseKey(key) {
  if (typeof key !== 'string' || !key.startsWith(KEY_ROOT)) return undefined;
  const [version, group, digest] = key.slice(KEY_ROOT.length).split('/');
  if (!version || !group || !digest) return undefined;
  return { version, group: decodeURIComponent(group) };
}

const NODE_CRYPTO = 'node:crypto';

async function subtle() {
  if (globalThis.crypto?.subtle) return globalThis.crypto.subtle;
  // Node without the global (e.g. some vm contexts); a name bundlers do not follow, so browser
  // bundles carry no node:crypto stub.
  const { webcrypto } = await import(/* @vite-ignore */ /* webpackIgnore: true */ NODE_CRYPTO);
  return webcrypto.subtle;
}
