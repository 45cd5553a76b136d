/* Entity Lens: what to tell a reader about setting up the helper, for their system and browser.
   The commands are the set-up script's (README "Install"): the helper lives in `.venv/` in the
   folder the reader downloaded Entity Lens into; pipx users type `entity-lens` alone. */

/** "firefox" or "chrome" (Chrome, Chromium, Edge): the extension's own address says which. */
export function browserKind(ext) {
  return ext.runtime.getURL("").startsWith("moz-extension:") ? "firefox" : "chrome";
}

/** The helper's command for `os` (runtime.getPlatformInfo().os), as the set-up script installs it. */
export function helperCommand(os, args) {
  const program = os === "win" ? ".venv\\Scripts\\entity-lens.exe" : ".venv/bin/entity-lens";
  return `${program} ${args}`;
}

/** What to allow when the browser may have refused to reach the helper, in the browser's words. */
export function localNetworkAdvice(kind) {
  if (kind === "firefox") {
    return "If Firefox asked to let Entity Lens \"access other apps and services on this device\", allow it " +
      "(Permissions, left of the address bar), and in about:addons → Entity Lens → Permissions allow " +
      "access to 127.0.0.1 and localhost.";
  }
  return "If Chrome asked to \"look for and connect to any device on your local network\", allow it " +
    "(site settings, left of the address bar: Local network access).";
}

/** The steps that start the helper, for the reader's system: [{ what, command }]. */
export function startSteps(os) {
  return [
    { what: "Start the helper in a terminal, in the Entity Lens folder (leave it open):", command: helperCommand(os, "serve") },
    { what: "Or have it start with your computer from now on (run once):", command: helperCommand(os, "service install") },
  ];
}

/** Reads a health check's answer (the background's entity-lens:health reply) as one of
    "paired" | "not-paired" | "not-running" | "error". */
export function helperState(answer) {
  if (answer && answer.ok) return answer.data && answer.data.paired === false ? "not-paired" : "paired";
  if (answer && (answer.code === "unreachable" || answer.code === "timeout")) return "not-running";
  return "error";
}
