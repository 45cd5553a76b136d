/* Entity Lens: save generated text as a file the reader downloads (the panel's exports, the
   options page's watchlist). */

// Long enough for the browser to have started the download; then the blob can go.
const REVOKE_AFTER_MS = 30000;

/**
 * Download `text` as `name` (MIME `type`) through a link clicked inside `container` (a document's
 * body, or our closed shadow root, so that the page never sees the link).
 */
export function saveFile(container, name, type, text) {
  const doc = container.ownerDocument;
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = doc.createElement("a");
  a.href = url;
  a.download = name;
  container.append(a);
  a.click();
  a.remove();
  globalThis.setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}
