// One messages module: every runtime message type and controller method is spelled there only.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { MESSAGE, METHOD } from "../../extension/messages.js";
import { EXT } from "./load.js";

/** The extension's own modules (not the generated bundle), path -> source. */
function sources() {
  const files = readdirSync(EXT, { recursive: true })
    .filter((f) => f.endsWith(".js") && !f.startsWith("bundle"))
    .map((f) => join(EXT, f));
  return new Map(files.map((f) => [relative(EXT, f), readFileSync(f, "utf8")]));
}

test("message types are unique and namespaced", () => {
  const types = Object.values(MESSAGE);
  assert.equal(new Set(types).size, types.length);
  for (const type of types) assert.match(type, /^entity-lens:[a-z-]+$/);
});

test("no message type is written as a string outside messages.js", () => {
  for (const [file, source] of sources()) {
    if (file === "messages.js") continue;
    assert.doesNotMatch(source, /["'`]entity-lens:(?!paint:)/, `${file} spells a message type itself`);
  }
});

test("every message type is sent somewhere and handled by the background", () => {
  const all = sources();
  const background = all.get("background.js");
  for (const key of Object.keys(MESSAGE)) {
    assert.match(background, new RegExp(`case MESSAGE\\.${key}:`), `the background does not handle ${key}`);
    const senders = [...all].filter(([file, source]) => file !== "background.js" && source.includes(`MESSAGE.${key}`));
    assert.ok(senders.length, `nothing sends ${key}`);
  }
});

test("the background calls the controller by METHOD names only", () => {
  const background = sources().get("background.js");
  assert.doesNotMatch(background, /call\(tabId, ["'`]/);
  const called = [...background.matchAll(/METHOD\.(\w+)/g)].map((m) => m[1]);
  for (const name of called) assert.ok(Object.hasOwn(METHOD, name), name);
});
