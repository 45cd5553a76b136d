// Settings: the helper's default address, and the rule for where the helper may be.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { DEFAULTS, HELPER_PORT, clean, isLoopbackAddress } from "../../extension/settings.js";
import { EXT } from "./load.js";

test("the default port is the helper's own (helper/entity_lens/config.py DEFAULT_PORT)", () => {
  const config = readFileSync(new URL("../../helper/entity_lens/config.py", import.meta.url), "utf8");
  const port = /^DEFAULT_PORT\s*=\s*(\d+)\s*$/m.exec(config);
  assert.ok(port, "no DEFAULT_PORT in config.py");
  assert.equal(HELPER_PORT, Number(port[1]));
  assert.equal(DEFAULTS.helperUrl, `http://127.0.0.1:${port[1]}`);
});

test("the helper may only be on a loopback host over http, as the host permissions allow", () => {
  for (const address of ["http://127.0.0.1:7318", "http://localhost:8000", "http://[::1]:7318/", "http://127.0.0.1"]) {
    assert.equal(isLoopbackAddress(address), true, address);
  }
  for (const address of ["https://127.0.0.1:7318", "http://127.0.0.2:7318", "http://localhost.evil.example",
    "http://192.168.1.4:7318", "ftp://localhost", "127.0.0.1:7318", "", "not a url"]) {
    assert.equal(isLoopbackAddress(address), false, address);
  }
  // Every loopback host the options accept is one the manifest lets the extension reach.
  const manifest = JSON.parse(readFileSync(EXT + "manifest.json", "utf8"));
  for (const host of manifest.host_permissions) assert.equal(isLoopbackAddress(host.replace("/*", ":7318")), true, host);
});

test("a stored address is trimmed of spaces and trailing slashes; an empty one is the default", () => {
  assert.equal(clean({ helperUrl: " http://localhost:9000// " }).helperUrl, "http://localhost:9000");
  assert.equal(clean({ helperUrl: "  " }).helperUrl, DEFAULTS.helperUrl);
  assert.equal(clean({ helperUrl: 7 }).helperUrl, DEFAULTS.helperUrl);
});
