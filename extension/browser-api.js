/* Entity Lens: the WebExtension API object. Firefox has `browser` (promises); Chrome has
   `chrome` (promises too, in Manifest V3). Read at each call, so tests can put a fake in place. */

/** The extension API of this browser. */
export function browserApi() {
  return globalThis.browser ?? globalThis.chrome;
}
