/**
 * Base64 for the embedded WebAssembly modules (the engine must load with no file access, so
 * the modules ship as text inside a TypeScript file).
 *
 * @module
 */

/**
 * Bytes to base64 text.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { encodeBase64 } from "./base64.ts";
 * assert.equal(encodeBase64(new Uint8Array([0, 97, 115, 109])), "AGFzbQ==");
 * ```
 */
export function encodeBase64(bytes: Uint8Array): string {
  let text = "";
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text);
}

/**
 * Base64 text to bytes.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { decodeBase64 } from "./base64.ts";
 * assert.deepEqual(Array.from(decodeBase64("AGFzbQ==")), [0, 97, 115, 109]);
 * ```
 */
export function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}
