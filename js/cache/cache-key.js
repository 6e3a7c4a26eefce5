// cache-key.js: content-addressed cache keys: SHA-256 over the input (or the caller's cacheKey,
// which names the input instead), the canonical JSON of the normalised request and the version.

/** JSON with object keys sorted, so equal requests give equal strings. */
export function canonicalJson(value) {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const keys = Object.keys(value).filter((k) => value[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Hex SHA-256 of bytes or a string. */
export async function sha256Hex(data) {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const digest = await (await subtle()).digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * @param {{ operation: string, input: Uint8Array, inputName?: string, request: unknown, version: string }} parts
 *   inputName: the caller's cacheKey; when given, the input bytes are not hashed
 */
export async function cacheKey({ operation, input, inputName, request, version }) {
  const source = inputName === undefined ? `sha256:${await sha256Hex(input)}` : `name:${inputName}`;
  const digest = await sha256Hex(canonicalJson({ operation, source, request, version }));
  return `pixelpipe/${version}/${operation}/${digest}`;
}

async function subtle() {
  if (globalThis.crypto?.subtle) return globalThis.crypto.subtle;
  const { webcrypto } = await import('node:crypto'); // Node without the global (e.g. some vm contexts)
  return webcrypto.subtle;
}
