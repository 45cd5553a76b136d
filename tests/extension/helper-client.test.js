import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as helperClient from "../../extension/helper-client.js";

const BASE = "http://127.0.0.1:7318";

function client() {
  return helperClient;
}

function json(status, body) {
  return { ok: status < 400, status, statusText: "", json: async () => body };
}

// The plain script calls the global fetch: swap in a fake that plays the helper.
async function withFetch(fake, fn) {
  const real = globalThis.fetch;
  globalThis.fetch = fake;
  try {
    return await fn();
  } finally {
    globalThis.fetch = real;
  }
}

test("annotate posts JSON to /v1/annotate and returns the answer", async () => {
  const answer = { text: "A", entities: [], groups: [] };
  let seen;
  const helper = client();
  await withFetch(async (url, init) => {
    seen = { url, init };
    return json(200, answer);
  }, async () => {
    assert.deepEqual(await helper.annotate(BASE + "/", { url: "https://example.org/" }), answer);
  });
  assert.equal(seen.url, BASE + "/v1/annotate");
  assert.equal(seen.init.method, "POST");
  assert.equal(seen.init.headers["Content-Type"], "application/json");
  // No watchlist given: an empty one is still sent, so the field is always there.
  assert.deepEqual(JSON.parse(seen.init.body), { url: "https://example.org/", watchlist: [] });
});

test("every annotate request carries the watchlist, and the page when it is sent", async () => {
  const helper = client();
  const bodies = [];
  await withFetch(async (url, init) => {
    bodies.push(JSON.parse(init.body));
    return json(200, { text: "", entities: [], groups: [] });
  }, async () => {
    await helper.annotate(BASE, { url: "https://example.org/", watchlist: ["Acme Corp", "Jane Doe"] });
    await helper.annotate(BASE, { url: "file:///a.html", html: "<p>x</p>", watchlist: ["Acme Corp"] });
  });
  assert.deepEqual(bodies, [
    { url: "https://example.org/", watchlist: ["Acme Corp", "Jane Doe"] },
    { url: "file:///a.html", html: "<p>x</p>", watchlist: ["Acme Corp"] },
  ]);
  // Whatever the caller holds, the helper gets a list of non-empty strings.
  assert.deepEqual(helper.annotateBody({ url: "u", watchlist: ["a", "", " ", 3, null] }).watchlist, ["a"]);
  assert.deepEqual(helper.annotateBody({ url: "u", watchlist: "a" }).watchlist, []);
});

test("unsupported_language: the helper's plain sentence, and its one command for the Details", async () => {
  const helper = client();
  const sentence = "This page is in Portuguese, and the helper has no Portuguese language model installed.";
  const command = "/home/ana/entity-lens/.venv/bin/entity-lens model add pt";
  let error;
  const body = { error: { code: "unsupported_language", message: sentence, language: "pt", language_name: "Portuguese", command } };
  await withFetch(async () => json(422, body), async () => {
    error = await helper.annotate(BASE, { url: "https://jornal.example/" }).catch((e) => e);
  });
  assert.equal(error.code, "unsupported_language");
  assert.equal(error.status, 422);
  assert.equal(error.language_name, "Portuguese");
  const m = helper.describeError(error, BASE);
  assert.equal(m.code, "unsupported_language");
  assert.equal(m.title, sentence);
  assert.equal(m.command, command);
  assert.doesNotMatch(`${m.title} ${m.advice}`, /pip install|--model/);

  // An older helper without a command: still one plain sentence, and no recipe.
  await withFetch(async () => json(422, { error: { code: "unsupported_language", message: sentence } }), async () => {
    error = await helper.annotate(BASE, { url: "https://jornal.example/" }).catch((e) => e);
  });
  const old = helper.describeError(error, BASE);
  assert.equal(old.title, sentence);
  assert.equal(old.command, undefined);
});

test("the test-connection summary names the helper version, model and languages", () => {
  const helper = client();
  const summary = helper.describeHealth({
    status: "ok", version: "0.1.0", model: { name: "en_core_web_sm", version: "3.8.0", lang: "en" },
    labels: ["LOC", "MISC", "ORG", "PERSON", "WATCH"], languages: ["en", "fr"],
  });
  assert.equal(summary, "Connected: helper 0.1.0, model en_core_web_sm 3.8.0, languages en, fr.");
  // An older helper without `languages` still gets a sentence, not "undefined".
  assert.doesNotMatch(helper.describeHealth({ version: "0.0.9" }), /undefined/);
});

test("helper error bodies become HelperError with the helper's code", async () => {
  const helper = client();
  await withFetch(async () => json(502, { error: { code: "fetch_failed", message: "upstream 403" } }), async () => {
    await assert.rejects(helper.annotate(BASE, { url: "https://x.org/" }), (e) => e.code === "fetch_failed" && e.status === 502);
  });
  await withFetch(async () => json(403, null), async () => {
    await assert.rejects(helper.health(BASE), (e) => e.code === "forbidden");
  });
});

test("a network failure means the helper is not running, with the commands to start it", async () => {
  const helper = client();
  await withFetch(async () => {
    throw new TypeError("Failed to fetch");
  }, async () => {
    await assert.rejects(helper.health(BASE), (e) => e.code === "unreachable");
  });
  const message = helper.describeError({ code: "unreachable" }, BASE);
  assert.match(message.advice, /entity-lens serve/);
  assert.match(message.advice, /entity-lens service install/);
  assert.match(message.title, /127\.0\.0\.1:7318/);
});

test("a slow helper is abandoned with a time-out", async () => {
  const helper = client();
  await withFetch((url, init) => new Promise((resolve, reject) => {
    init.signal.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")));
  }), async () => {
    await assert.rejects(helper.request(BASE, "/v1/health", { timeoutMs: 20 }), (e) => e.code === "timeout");
  });
});

test("every error code of docs/api.md has its own plain message", () => {
  const helper = client();
  const api = readFileSync(new URL("../../docs/api.md", import.meta.url), "utf8");
  const codes = [...api.matchAll(/^\| `(\w+)` \|/gm)].map((m) => m[1]);
  assert.ok(codes.length >= 10, "error table found in docs/api.md");
  for (const code of [...codes, "unreachable", "timeout", "not_scriptable", "bad_response"]) {
    const m = helper.describeError({ code, message: "detail" }, BASE);
    assert.ok(m.title && m.advice, code);
    assert.doesNotMatch(m.title, /answered with an error/, `${code} has no message of its own`);
  }
});

test("not running: the commands of the reader's system and the words of their browser", () => {
  const firefoxOnWindows = helperClient.describeError({ code: "unreachable" }, BASE, { os: "win", browser: "firefox" });
  assert.match(firefoxOnWindows.advice, /with: \.venv\\Scripts\\entity-lens\.exe serve\n/);
  assert.match(firefoxOnWindows.advice, /run once: \.venv\\Scripts\\entity-lens\.exe service install\n/);
  assert.match(firefoxOnWindows.advice, /Firefox asked/);
  assert.doesNotMatch(firefoxOnWindows.advice, /Chrome/);
  const chromeOnLinux = helperClient.describeError({ code: "unreachable" }, BASE, { os: "linux", browser: "chrome" });
  assert.match(chromeOnLinux.advice, /with: \.venv\/bin\/entity-lens serve\n/);
  assert.match(chromeOnLinux.advice, /Chrome asked .*Local network access/);
  assert.doesNotMatch(chromeOnLinux.advice, /Firefox/);
  assert.match(helperClient.describeError({ code: "not_paired" }, BASE, { os: "mac" }).advice, /Run \.venv\/bin\/entity-lens pair in a terminal/);
});
