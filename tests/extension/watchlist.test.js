import { test } from "node:test";
import assert from "node:assert/strict";
import * as S from "../../extension/settings.js";
import * as W from "../../extension/watchlist.js";

test("parse: one phrase per line, trimmed, empty lines dropped, duplicates dropped case-insensitively", () => {
  const text = "\ufeff  Acme Corp \r\n\r\nJane   Doe\nacme corp\n\tJANE DOE\t\nÉlysée\n   \n";
  // The first spelling wins; inner runs of spaces become one.
  assert.deepEqual(W.parse(text), ["Acme Corp", "Jane Doe", "Élysée"]);
  assert.deepEqual(W.parse(""), []);
  assert.deepEqual(W.parse(undefined), []);
});

test("normalise accepts only strings and composes accents, so stored lists compare equal", () => {
  assert.deepEqual(W.normalise(["Zoe", 3, null, "  ", "ZOE", "Zoe\u0301", "Zo\u00e9"]), ["Zoe", "Zo\u00e9"]);
  assert.deepEqual(W.normalise("Acme"), []);
  assert.deepEqual(W.normalise(undefined), []);
});

test("toText for export and merge for import", () => {
  assert.equal(W.toText(["Acme Corp", "Jane Doe"]), "Acme Corp\nJane Doe\n");
  assert.equal(W.toText([]), "");
  // An exported file imports back to the same list.
  assert.deepEqual(W.parse(W.toText(["Acme Corp", "Jane Doe"])), ["Acme Corp", "Jane Doe"]);
  // Import adds what is new, keeps the current spelling and order.
  assert.deepEqual(W.merge(["Acme Corp", "Jane Doe"], ["jane doe", "Kyiv"]), ["Acme Corp", "Jane Doe", "Kyiv"]);
});

test("settings: watchlist defaults to an empty list and is normalised when loaded", () => {
  assert.deepEqual([...S.DEFAULTS.watchlist], []);
  assert.deepEqual(S.clean({}).watchlist, []);
  assert.deepEqual(S.clean({ watchlist: " Acme \nx" }).watchlist, []);
  assert.deepEqual(S.clean({ watchlist: [" Acme ", "acme", "", "Jane Doe"] }).watchlist, ["Acme", "Jane Doe"]);
});

test("settings.load reads the watchlist key from storage.local", async () => {
  let asked;
  globalThis.chrome = { storage: { local: { get: async (keys) => { asked = keys; return { watchlist: ["Acme", "ACME"] }; } } } };
  let settings;
  try {
    settings = await S.load();
  } finally {
    delete globalThis.chrome;
  }
  assert.ok(asked.includes("watchlist"));
  assert.deepEqual(settings.watchlist, ["Acme"]);
});
