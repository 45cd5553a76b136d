// Serves fixture pages over HTTP on 127.0.0.1 (a free port).
// - Files under `root` by path; `*.html.gz` files are served decompressed as text/html.
// - `/members/...` is for the browser only: it needs the subscriber cookie, which `/login` sets,
//   and it refuses any client whose User-Agent names Entity Lens (the helper's fetcher), like a
//   paywall or a login would. The helper cannot fetch these pages; the browser shows them.
// - `/delay/<ms>` answers 404 after <ms> milliseconds (a slow third party, for pages that chain
//   requests).
// - `extra`: a Map of URL path -> absolute file path, served in addition (the audit uses it).
import http from "node:http";
import { readFile, stat } from "node:fs/promises";
import { gunzipSync } from "node:zlib";
import { extname, join, normalize, resolve, sep } from "node:path";
import { REPO } from "./browsers.js";

export const FIXTURES = join(REPO, "tests/fixtures/pages");
export const MEMBER_COOKIE = "courier_session=subscriber";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".htm": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".svg": "image/svg+xml",
};

function isUtf8(bytes) {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function forbiddenPage(res) {
  const body = `<!doctype html><html><head><meta charset="utf-8"><title>Subscribers only</title></head>
<body><h1>Subscribers only</h1><p>Sign in to read this article.</p></body></html>`;
  res.writeHead(403, { "Content-Type": "text/html; charset=utf-8", "Content-Length": Buffer.byteLength(body) });
  res.end(body);
}

/** Starts the server. Returns { url, port, requests, close() }; `requests` logs {path, ua, status}. */
export async function startFixtureServer({ root = FIXTURES, extra = null, rawCharset = false } = {}) {
  const rootAbs = resolve(root);
  const requests = [];
  const server = http.createServer(async (req, res) => {
    const ua = req.headers["user-agent"] || "";
    const entry = { path: req.url, ua, status: 0 };
    requests.push(entry);
    const send = (status, headers, body) => {
      entry.status = status;
      res.writeHead(status, { ...headers, "Content-Length": Buffer.byteLength(body), "Cache-Control": "no-store" });
      res.end(req.method === "HEAD" ? undefined : body);
    };
    try {
      const u = new URL(req.url, "http://127.0.0.1");
      let path = decodeURIComponent(u.pathname);
      if (req.method !== "GET" && req.method !== "HEAD") return send(405, { "Content-Type": "text/plain" }, "method not allowed");

      if (path === "/login") {
        const next = u.searchParams.get("next") || "/";
        entry.status = 302;
        res.writeHead(302, { Location: next.startsWith("/") ? next : "/", "Set-Cookie": `${MEMBER_COOKIE}; Path=/; SameSite=Lax` });
        return res.end();
      }
      if (path.startsWith("/members/")) {
        const cookies = req.headers.cookie || "";
        if (/entity[\s-]*lens/i.test(ua) || !cookies.split(/;\s*/).includes(MEMBER_COOKIE)) {
          entry.status = 403;
          return forbiddenPage(res);
        }
      }

      const delay = /^\/delay\/(\d{1,5})$/.exec(path);
      if (delay) {
        await new Promise((r) => setTimeout(r, Number(delay[1])));
        return send(404, { "Content-Type": "text/plain" }, "not here");
      }

      let file = extra && extra.get(path);
      if (!file) {
        if (path.endsWith("/")) path += "index.html";
        const candidate = normalize(join(rootAbs, path));
        if (candidate !== rootAbs && !candidate.startsWith(rootAbs + sep)) return send(403, { "Content-Type": "text/plain" }, "forbidden");
        file = candidate;
      }
      let st;
      try {
        st = await stat(file);
      } catch {
        return send(404, { "Content-Type": "text/html; charset=utf-8" }, "<!doctype html><title>Not found</title><h1>Not found</h1>");
      }
      if (!st.isFile()) return send(404, { "Content-Type": "text/plain" }, "not found");
      let body = await readFile(file);
      let type;
      if (file.endsWith(".gz")) {
        body = gunzipSync(body);
        type = TYPES[extname(file.slice(0, -3))] || "text/html";
      } else {
        type = TYPES[extname(file)] || "application/octet-stream";
      }
      // Pages of unknown encoding (the audit corpus): valid UTF-8 is declared as such, as their
      // sites' servers did (else a browser guesses windows-1252 and shows mojibake); anything else
      // goes without a charset, so the browser and the helper both go by the page's <meta charset>.
      if (rawCharset && type.startsWith("text/html")) type = isUtf8(body) ? "text/html; charset=utf-8" : "text/html";
      send(200, { "Content-Type": type }, body);
    } catch (err) {
      send(500, { "Content-Type": "text/plain" }, String(err && err.stack || err));
    }
  });
  await new Promise((r, j) => {
    server.once("error", j);
    server.listen(0, "127.0.0.1", r);
  });
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections?.();
        server.close(() => r());
      }),
  };
}
