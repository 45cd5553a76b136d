import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, existsSync } from "node:fs";
import { EXT } from "./load.js";

const manifest = JSON.parse(readFileSync(EXT + "manifest.json", "utf8"));

test("version equals the helper's __version__", () => {
  const init = readFileSync(new URL("../../helper/entity_lens/__init__.py", import.meta.url), "utf8");
  const version = /__version__\s*=\s*["']([^"']+)["']/.exec(init)[1];
  assert.equal(manifest.version, version);
});

test("minimal permissions, helper on loopback only", () => {
  assert.equal(manifest.manifest_version, 3);
  assert.deepEqual(manifest.permissions.sort(), ["activeTab", "contextMenus", "scripting", "storage"]);
  assert.deepEqual(manifest.host_permissions.sort(), ["http://127.0.0.1/*", "http://localhost/*"]);
  assert.ok(!JSON.stringify(manifest).includes("<all_urls>"));
  assert.equal(manifest.content_scripts, undefined, "content scripts are injected on click only");
});

test("one background for both browsers, a module in each", () => {
  // Chrome runs the service worker, Firefox the scripts list; both as modules.
  assert.equal(manifest.background.service_worker, "background.js");
  assert.deepEqual(manifest.background.scripts, ["background.js"]);
  assert.equal(manifest.background.type, "module");
});

test("the options page and the popup load their scripts as modules", () => {
  for (const page of [manifest.options_ui.page, "popup/popup.html"]) {
    const html = readFileSync(EXT + page, "utf8");
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    assert.equal(scripts.length, 1, page);
    assert.match(scripts[0], /type="module"/, page);
  }
});

test("every file the manifest and background name exists", () => {
  const files = [
    ...Object.values(manifest.icons), ...Object.values(manifest.action.default_icon),
    ...manifest.background.scripts, manifest.options_ui.page, "_locales/en/messages.json", "popup/popup.html",
  ];
  const bg = readFileSync(EXT + "background.js", "utf8");
  const content = /CONTENT_FILES = \[([^\]]*)\]/.exec(bg)[1].match(/"[^"]+"/g).map((s) => s.slice(1, -1));
  assert.deepEqual(content, ["bundle/content.js"]);
  for (const file of [...files, ...content]) assert.ok(existsSync(EXT + file), file);
  const messages = JSON.parse(readFileSync(EXT + "_locales/en/messages.json", "utf8"));
  for (const [, key] of JSON.stringify(manifest).matchAll(/__MSG_(\w+)__/g)) assert.ok(messages[key], key);
});

test("the manifest key pins the Chrome extension id the helper trusts", async () => {
  const { createHash } = await import("node:crypto");
  // Chrome's id: the first 128 bits of SHA-256 over the public key, written with the letters a-p.
  const digest = createHash("sha256").update(Buffer.from(manifest.key, "base64")).digest("hex").slice(0, 32);
  const id = [...digest].map((h) => String.fromCharCode(97 + parseInt(h, 16))).join("");
  assert.equal(id, "nagcagbnmfohcnbcgfdklnpbdimfmhhc");
});
