// The content side is built from extension/content/*.js (ES modules) into one classic script,
// extension/bundle/content.js, which the background injects. It is checked in, so it must be what
// the sources build to now, and it may leave only the controller on the isolated world's global.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import vm from "node:vm";
import { buildContent, OUTPUT } from "../../scripts/build-content.js";
import { METHOD } from "../../extension/messages.js";
import { loadPage } from "./load.js";

test("the checked-in content bundle is what the sources build to (run: node scripts/build-content.js)", async () => {
  assert.equal(readFileSync(OUTPUT, "utf8"), await buildContent());
});

/** Run the bundle as scripting.executeScript does: a classic script in a world of its own. */
function inject(world) {
  vm.runInContext(readFileSync(OUTPUT, "utf8"), world, { filename: OUTPUT });
}

test("the bundle leaves one global, EntityLens.controller, and a second injection keeps the first", () => {
  const { document, window } = loadPage("<p>Ada Lovelace wrote.</p>");
  const world = vm.createContext({ document, window, location: { href: "https://news.example/a" } });
  const before = new Set(Object.getOwnPropertyNames(world));
  inject(world);
  const added = Object.getOwnPropertyNames(world).filter((name) => !before.has(name));
  assert.deepEqual(added, ["EntityLens"]);
  const EL = world.EntityLens;
  assert.deepEqual(Object.keys(EL), ["controller"]);
  assert.equal(EL.controller.state, "idle");
  assert.equal(EL.controller.handle(METHOD.location), "https://news.example/a");

  const first = EL.controller;
  inject(world);
  assert.equal(world.EntityLens.controller, first);
});
