import { test } from "node:test";
import assert from "node:assert/strict";
import { browserKind, helperCommand, helperState, localNetworkAdvice, startSteps } from "../../extension/setup-advice.js";

const extAt = (origin) => ({ runtime: { getURL: (path) => `${origin}/${path}` } });

test("the helper's command is the set-up script's, for the reader's system", () => {
  assert.equal(helperCommand("linux", "serve"), ".venv/bin/entity-lens serve");
  assert.equal(helperCommand("mac", "pair"), ".venv/bin/entity-lens pair");
  assert.equal(helperCommand("win", "service install"), ".venv\\Scripts\\entity-lens.exe service install");
  assert.deepEqual(startSteps("win").map((s) => s.command), [".venv\\Scripts\\entity-lens.exe serve", ".venv\\Scripts\\entity-lens.exe service install"]);
});

test("the local-network words are the reader's browser's own", () => {
  assert.equal(browserKind(extAt("moz-extension://0d4036fc")), "firefox");
  assert.equal(browserKind(extAt("chrome-extension://nagcagbnmfohcnbcgfdklnpbdimfmhhc")), "chrome");
  const firefox = localNetworkAdvice("firefox");
  assert.match(firefox, /access other apps and services on this device/);
  assert.doesNotMatch(firefox, /Chrome/);
  const chrome = localNetworkAdvice("chrome");
  assert.match(chrome, /Local network access/);
  assert.doesNotMatch(chrome, /Firefox/);
});

test("a health check's answer reads as paired, not paired, not running or another error", () => {
  assert.equal(helperState({ ok: true, data: { paired: true } }), "paired");
  assert.equal(helperState({ ok: true, data: { paired: false } }), "not-paired");
  assert.equal(helperState({ ok: false, code: "unreachable" }), "not-running");
  assert.equal(helperState({ ok: false, code: "timeout" }), "not-running");
  assert.equal(helperState({ ok: false, code: "forbidden" }), "error");
  assert.equal(helperState(null), "error");
});
