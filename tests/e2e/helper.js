// Starts the real helper (`entity-lens serve --port N`, real model) and talks to it the way the
// extension does not: from node, without an Origin header, to learn what it returns.
import { execFile, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO } from "./browsers.js";
import { setTimeout as sleep } from "node:timers/promises";

// The helper logs one line per request: method, path, status.
const REQUEST_LINE = /entity_lens\.requests: (\S+) (\S+) (\d{3}) /;

export const HELPER_BIN = process.env.ENTITY_LENS_HELPER_BIN || join(REPO, ".venv/bin/entity-lens");

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// The token each helper these tests ask from node gave them, by base URL: the reader's own
// programs are paired too (`entity-lens pair --token`); the browsers pair through pairing.js.
const TOKENS = new Map();

const authorization = (url) => (TOKENS.has(url) ? { Authorization: `Bearer ${TOKENS.get(url)}` } : {});

/** Runs `entity-lens ARGS` with `configDir` as its configuration folder (undefined: the default). */
export function helperCli(args, configDir) {
  const env = { ...process.env };
  if (configDir) env.ENTITY_LENS_CONFIG_DIR = configDir;
  return new Promise((resolve) => {
    execFile(HELPER_BIN, args, { env, timeout: 60000 }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === "number" ? err.code : 1) : 0, stdout, stderr }),
    );
  });
}

/**
 * From now on, annotate() and helperHealth() ask the helper at `url` with the local token of its
 * configuration folder (`entity-lens pair --token`). Returns the token.
 */
export async function useLocalToken(url, configDir) {
  const run = await helperCli(["pair", "--token"], configDir);
  const token = run.stdout.trim();
  if (run.code !== 0 || !/^\S{20,}$/.test(token)) throw new Error(`entity-lens pair --token failed (${run.code}): ${run.stdout}${run.stderr}`);
  TOKENS.set(url, token);
  return token;
}

/** GET /v1/health (with the helper's token once useLocalToken was called): the JSON, or null. */
export async function helperHealth(url, timeoutMs = 2000) {
  return health(url, timeoutMs);
}

async function health(url, timeoutMs = 2000) {
  const ctl = new AbortController();
  const t = setTimeout(() => ctl.abort(), timeoutMs);
  try {
    const r = await fetch(`${url}/v1/health`, { signal: ctl.signal, headers: authorization(url) });
    if (!r.ok) return null;
    return await r.json();
  } catch {
    return null;
  } finally {
    clearTimeout(t);
  }
}

/**
 * A configuration folder of its own for a test helper (ENTITY_LENS_CONFIG_DIR: its pairing file),
 * so tests never touch the reader's; it outlives restarts of the helper, gone when node exits.
 */
function testConfigDir() {
  const dir = mkdtempSync(join(tmpdir(), "entity-lens-config-"));
  process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * Starts the helper on `port` (a free one if not given) and waits for /v1/health.
 * `allowPrivateAddresses` (default true: the fixture pages are served from 127.0.0.1) passes
 * `--allow-private-addresses`, which a real install never does; false gives the default helper.
 * Returns { url, port, configDir, token, health, requests, stop(), start(), log() }: stop() ends
 * only the process started here; start() starts it again on the same port, with the same
 * configuration folder (so its pairings and token stay). `token` is the local one
 * (`entity-lens pair --token`), which annotate() sends.
 */
export async function startHelper({ port, timeoutMs = 90000, configDir = testConfigDir(), allowPrivateAddresses = true } = {}) {
  if (!existsSync(HELPER_BIN)) {
    throw new Error(`the helper is not installed: ${HELPER_BIN} is missing (python -m venv .venv && .venv/bin/pip install -e .)`);
  }
  port = port || (await freePort());
  const url = `http://127.0.0.1:${port}`;
  let proc = null;
  let lines = [];
  const helper = {
    url,
    port,
    configDir,
    health: null,
    requests: [], // every request the helper logged, in order: { method, path, status }
    log: () => lines.join(""),
    async start() {
      if (proc) return helper;
      if (await health(url, 500)) throw new Error(`something already answers on ${url}`);
      lines = [];
      const args = ["serve", "--port", String(port)];
      if (allowPrivateAddresses) args.push("--allow-private-addresses");
      const child = spawn(HELPER_BIN, args, {
        stdio: ["ignore", "pipe", "pipe"],
        env: { ...process.env, PYTHONUNBUFFERED: "1", ENTITY_LENS_CONFIG_DIR: configDir },
      });
      proc = child;
      let partial = "";
      const keep = (d) => {
        lines.push(String(d));
        if (lines.length > 200) lines.splice(0, lines.length - 200);
        // Every request line, kept whole (the log above keeps only the latest output).
        const text = partial + String(d);
        const complete = text.split("\n");
        partial = complete.pop();
        for (const line of complete) {
          const m = line.match(REQUEST_LINE);
          if (m) helper.requests.push({ method: m[1], path: m[2], status: Number(m[3]) });
        }
      };
      child.stdout.on("data", keep);
      child.stderr.on("data", keep);
      const exited = new Promise((r) => child.once("exit", (code, sig) => r({ code, sig })));
      child.once("exit", () => {
        if (proc === child) proc = null;
      });
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const h = await health(url);
        if (h) {
          helper.health = h;
          return helper;
        }
        const done = await Promise.race([exited, sleep(200).then(() => null)]);
        if (done) {
          throw new Error(`the helper exited (${done.code ?? done.sig}) before answering /v1/health:\n${helper.log()}`);
        }
        if (Date.now() > deadline) {
          await helper.stop();
          throw new Error(`the helper did not answer ${url}/v1/health within ${timeoutMs} ms:\n${helper.log()}`);
        }
      }
    },
    async stop() {
      const child = proc;
      if (!child) return;
      proc = null;
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      const ok = await Promise.race([gone.then(() => true), sleep(5000).then(() => false)]);
      if (!ok) {
        child.kill("SIGKILL");
        await gone;
      }
      // Wait until the port no longer answers so a test of "helper stopped" is real.
      for (let i = 0; i < 50 && (await health(url, 300)); i++) await sleep(100);
    },
  };
  await helper.start();
  // Paired as the reader's own programs are; the full health (model, labels) needs the token.
  helper.token = await useLocalToken(url, configDir);
  helper.health = await health(url);
  return helper;
}

/** The requests the helper has logged so far (one line each): [{ method, path, status }]. */
export function requestLines(helper) {
  return [...helper.requests];
}

/** POST /v1/annotate from node (no Origin header). Returns { status, body }. */
export async function annotate(helperUrl, request, timeoutMs = 60000) {
  const ctl = new AbortController();
  const t = setTimeout(() => ctl.abort(), timeoutMs);
  try {
    const r = await fetch(`${helperUrl}/v1/annotate`, {
      method: "POST",
      headers: { "Content-Type": "application/json", ...authorization(helperUrl) },
      body: JSON.stringify(request),
      signal: ctl.signal,
    });
    const text = await r.text();
    let body;
    try {
      body = JSON.parse(text);
    } catch {
      body = { raw: text };
    }
    return { status: r.status, body };
  } finally {
    clearTimeout(t);
  }
}

/**
 * The helper's entities as the page will see them: `text` and `label` per mention, plus the
 * mention's UTF-16 offsets in `result.text` (the API counts code points).
 */
export function mentionsOf(result) {
  const text = result.text || "";
  const cps = Array.from(text);
  // code point index -> UTF-16 index
  const u16 = new Array(cps.length + 1);
  let acc = 0;
  for (let i = 0; i < cps.length; i++) {
    u16[i] = acc;
    acc += cps[i].length;
  }
  u16[cps.length] = acc;
  return (result.entities || []).map((e) => {
    const start = u16[e.start];
    const end = u16[e.end];
    const slice = text.slice(start, end);
    return { text: e.text, label: e.label, group: e.group, start, end, consistent: slice === e.text };
  });
}
