/* Entity Lens: the only code that talks to the local helper (see docs/api.md).
   Runs in the background. Failures become HelperError with a code, and
   describeError() turns any of them into a plain message saying what to do. */
import { helperCommand, localNetworkAdvice } from "./setup-advice.js";

const TIMEOUT_MS = 30000;

class HelperError extends Error {
  constructor(code, message, status = 0, details = {}) {
    super(message || code);
    this.name = "HelperError";
    this.code = code;
    this.status = status;
    // unsupported_language: { language, language_name, command } (docs/api.md)
    for (const key of ["language", "language_name", "command"]) {
      if (typeof details[key] === "string") this[key] = details[key];
    }
  }
}

async function request(base, path, { method = "GET", body, timeoutMs = TIMEOUT_MS, signal, token } = {}) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort("timeout"), timeoutMs);
  const onAbort = () => controller.abort("cancelled");
  if (signal) signal.addEventListener("abort", onAbort, { once: true });
  let response;
  try {
    const headers = body ? { "Content-Type": "application/json" } : {};
    // The token from pairing: the helper serves nothing else (an Origin proves nothing).
    if (token) headers.Authorization = `Bearer ${token}`;
    response = await fetch(base.replace(/\/+$/, "") + path, {
      method,
      headers,
      body: body ? JSON.stringify(body) : undefined,
      signal: controller.signal,
      credentials: "omit",
      cache: "no-store",
    });
  } catch (err) {
    if (controller.signal.aborted) {
      const reason = controller.signal.reason;
      throw new HelperError(reason === "cancelled" ? "cancelled" : "timeout", String(err));
    }
    // A refused connection, a blocked local-network request or a bad address all land here.
    throw new HelperError("unreachable", String(err && err.message ? err.message : err));
  } finally {
    clearTimeout(timer);
    if (signal) signal.removeEventListener("abort", onAbort);
  }
  let data = null;
  try {
    data = await response.json();
  } catch (err) {
    data = null;
  }
  if (!response.ok) {
    const error = data && data.error;
    const code = (error && error.code) || (response.status === 403 ? "forbidden" : "http_" + response.status);
    throw new HelperError(code, (error && error.message) || response.statusText, response.status, error || {});
  }
  if (!data || typeof data !== "object") throw new HelperError("bad_response", "The helper's answer was not JSON.");
  return data;
}

function health(base, options) {
  return request(base, "/v1/health", { ...options, timeoutMs: 5000 });
}

/**
 * The JSON body of POST /v1/annotate: the address, the page when it is sent,
 * and the watchlist, always (an empty list asks for no WATCH matches).
 */
function annotateBody({ url, html, watchlist }) {
  const body = { url };
  if (typeof html === "string") body.html = html;
  body.watchlist = Array.isArray(watchlist) ? watchlist.filter((w) => typeof w === "string" && w.trim()) : [];
  return body;
}

/** Trade the code the reader typed (from `entity-lens pair`) for this browser's token. */
async function pair(base, code, name, options) {
  const answer = await request(base, "/v1/pair", { ...options, method: "POST", body: { code, name }, timeoutMs: 5000 });
  if (!answer.token) throw new HelperError("bad_response", "The helper's answer has no token.");
  return answer.token;
}

async function annotate(base, payload, options) {
  const result = await request(base, "/v1/annotate", { ...options, method: "POST", body: annotateBody(payload) });
  if (typeof result.text !== "string" || !Array.isArray(result.entities) || !Array.isArray(result.groups)) {
    throw new HelperError("bad_response", "The helper's answer is missing text, entities or groups.");
  }
  return result;
}

/** How to start the helper, with the set-up script's commands for the reader's system. */
function startAdvice(reader) {
  return `Start it in a terminal, in the Entity Lens folder, with: ${helperCommand(reader.os, "serve")}\n` +
    `To have it start with your computer, run once: ${helperCommand(reader.os, "service install")}\n` +
    "(Installed with pipx: entity-lens serve.)";
}

// What the user sees for each failure: a short title and what to do. `reader`: { os, browser },
// for commands and words of the reader's own system and browser (setup-advice.js).
const MESSAGES = {
  unreachable: (e, base, reader) => ({
    title: `The Entity Lens helper is not running at ${base}.`,
    advice:
      startAdvice(reader) +
      "\nIf it is running, check the helper address in the extension's options. " +
      localNetworkAdvice(reader.browser),
  }),
  timeout: (e, base, reader) => ({
    title: "The helper took more than 30 seconds to answer.",
    advice: `The page may be very long or the helper busy. Try again; if it keeps happening, restart it with: ${helperCommand(reader.os, "serve")}`,
  }),
  not_paired: (e, base, reader) => ({
    title: "Entity Lens is not paired with the helper yet.",
    advice:
      `The helper answers only what you paired. Run ${helperCommand(reader.os, "pair")} in a terminal, in the ` +
      "Entity Lens folder (installed with pipx: entity-lens pair), and type the code it shows into " +
      "the Entity Lens options (Open options below); then click Retry.",
  }),
  bad_pairing_code: (e, base, reader) => ({
    title: "The helper did not accept that code.",
    advice: `Codes work once, for 10 minutes. Run ${helperCommand(reader.os, "pair")} again and type the new code.`,
  }),
  // auto mode reads such pages as displayed instead; this shows in mode "address" only.
  private_address: () => ({
    title: "The helper does not read pages on your own computer or network.",
    advice:
      "That keeps web pages from using it to look into your network. Set the mode to " +
      "\"Automatic\" or \"Page as displayed\" in the options to read this page as you see it.",
  }),
  forbidden: (e, base) => ({
    title: "The helper refused the request (403).",
    advice: `It only answers this extension on 127.0.0.1 or localhost. Check the helper address in the options (now ${base}) and that no other program uses that port.`,
  }),
  bad_request: (e) => ({
    title: "The helper could not read the request.",
    advice: `Update the extension and the helper to the same version. (${e.message})`,
  }),
  bad_url: () => ({
    title: "The helper cannot fetch this address.",
    advice: "Only http and https pages without a user name or password in the address can be fetched. Set the mode to \"page as displayed\" in the options, or use auto.",
  }),
  not_found: () => ({
    title: "The helper does not know this request (404).",
    advice: "Another program may be using the helper's port, or the helper is too old: update it and check the address in the options.",
  }),
  method_not_allowed: () => ({
    title: "The helper does not accept this request (405).",
    advice: "Update the extension and the helper to the same version.",
  }),
  too_large: () => ({
    title: "This page is too large for the helper.",
    advice: "Try the page's print or single-article view, or a shorter page.",
  }),
  not_html: () => ({
    title: "This is not an HTML page.",
    advice: "Entity Lens reads web articles; PDFs, images and other files are not supported.",
  }),
  not_json: () => ({
    title: "The helper could not read the request (not JSON).",
    advice: "Update the extension and the helper to the same version.",
  }),
  // The helper's plain sentence says what is missing; the one command that installs it goes
  // under the panel's Details, with a copy button.
  unsupported_language: (e) => ({
    title: e.message && e.message !== "unsupported_language"
      ? e.message : "The helper has no language model for this page's language.",
    advice: e.command
      ? "Details has the one command that installs it; then restart the helper and click Retry."
      : "Test and save in the options lists the languages the helper serves.",
    command: e.command || undefined,
  }),
  no_text: () => ({
    title: "No article text was found on this page.",
    advice: "Open the article itself (not a home or list page) and try again.",
  }),
  too_complex: () => ({
    title: "This page took the helper too long to read.",
    advice: "It is very long, or holds long runs of symbols. The helper stopped and is still running; try a shorter page, or the article's own page rather than a collection.",
  }),
  fetch_failed: (e) => ({
    title: "The helper could not download this page.",
    advice: `Try again, or set the mode to "page as displayed" in the options. (${e.message})`,
  }),
  fetch_timeout: () => ({
    title: "The site took too long to answer the helper.",
    advice: "Try again later, or set the mode to \"page as displayed\" in the options.",
  }),
  internal: (e, base, reader) => ({
    title: "The helper hit an internal error.",
    advice: `Its log has the details. Try again; if it persists, restart it with: ${helperCommand(reader.os, "serve")}`,
  }),
  bad_response: (e) => ({
    title: "The helper's answer could not be read.",
    advice: `Update the extension and the helper to the same version. (${e.message})`,
  }),
  extension_error: (error) => ({
    title: "Entity Lens could not finish on this page.",
    advice: `Something on the page got in the way (${(error && error.message) || "unknown error"}). Reload the page and try again.`,
  }),
  not_scriptable: () => ({
    title: "Entity Lens cannot run on this page.",
    advice: "Browser pages, add-on stores, the PDF viewer and other protected pages cannot be read by extensions. Open a news article and click the button there.",
  }),
};

/** { code, title, advice } for any error, never throws. */
function describeError(error, base, reader = {}) {
  // No code: not the helper's answer but a failure in the extension itself; say so.
  const code = (error && error.code) || "extension_error";
  const make = MESSAGES[code];
  if (make) return { code, ...make(error, base, { os: "linux", browser: "chrome", ...reader }) };
  return {
    code,
    title: `The helper answered with an error (${code}).`,
    advice: `Update the extension and the helper to the same version. (${error && error.message})`,
  };
}

/** One line for the options page's test-connection: version, model and languages served. */
function describeHealth(data) {
  const d = data || {};
  if (d.paired === false) {
    return `The helper ${d.version || ""} is running, but this browser is not paired with it yet: see Pairing below.`.replace("  ", " ");
  }
  const model = d.model && d.model.name ? `${d.model.name} ${d.model.version || ""}`.trim() : "unknown";
  const languages = Array.isArray(d.languages) && d.languages.length ? d.languages.join(", ") : "unknown";
  return `Connected: helper ${d.version || "unknown"}, model ${model}, languages ${languages}.`;
}

export {
  HelperError, request, health, pair, annotate, annotateBody, describeError, describeHealth, TIMEOUT_MS,
};
