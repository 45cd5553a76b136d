// saveFile: the one way the extension hands the reader a file (panel exports, watchlist export).
import { test } from "node:test";
import assert from "node:assert/strict";
import { saveFile } from "../../extension/download.js";
import { loadPage } from "./load.js";

test("a file is offered through a link clicked inside the container, then the link and the blob go", async () => {
  const { document, window } = loadPage("<p>page</p>");
  const clicks = [];
  window.HTMLAnchorElement.prototype.click = function () {
    clicks.push({ href: this.getAttribute("href"), download: this.download, inside: this.parentNode === document.body });
  };
  const blobs = [];
  const revoked = [];
  const timers = [];
  const real = { create: URL.createObjectURL, revoke: URL.revokeObjectURL, setTimeout: globalThis.setTimeout };
  URL.createObjectURL = (blob) => (blobs.push(blob), "blob:test");
  URL.revokeObjectURL = (url) => revoked.push(url);
  globalThis.setTimeout = (fn, ms) => timers.push({ fn, ms });
  try {
    saveFile(document.body, "list.txt", "text/plain", "Acme\n");
    assert.deepEqual(revoked, [], "the blob went before the download could start");
    assert.equal(timers.length, 1);
    assert.ok(timers[0].ms >= 10000);
    timers[0].fn();
  } finally {
    Object.assign(URL, { createObjectURL: real.create, revokeObjectURL: real.revoke });
    globalThis.setTimeout = real.setTimeout;
  }
  assert.deepEqual(clicks, [{ href: "blob:test", download: "list.txt", inside: true }]);
  assert.equal(document.querySelector("a"), null, "the link stayed in the page");
  assert.equal(await blobs[0].text(), "Acme\n");
  assert.equal(blobs[0].type, "text/plain");
  // The blob is let go later, once the browser has started the download.
  assert.deepEqual(revoked, ["blob:test"]);
});
