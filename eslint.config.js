// ESLint (flat config): the extension's scripts as the browsers load them, the tests as node runs them.
import js from "@eslint/js";
import globals from "globals";

const rules = {
  // Unused code is a defect; an unused caught error is how "we expected this may fail" reads.
  "no-unused-vars": ["error", { caughtErrors: "none" }],
};

export default [
  { ignores: ["node_modules/", "dist/", "reports/", ".venv/"] },
  js.configs.recommended,
  {
    // Plain scripts sharing globals (labels.js, settings.js, …), in pages, content worlds and
    // Chrome's service worker.
    files: ["extension/**/*.js"],
    languageOptions: {
      sourceType: "script",
      globals: { ...globals.browser, ...globals.webextensions, ...globals.serviceworker },
    },
    rules,
  },
  {
    // ES modules: the welcome page and what it imports.
    files: ["extension/welcome/**/*.js", "extension/setup-advice.js", "extension/options/setup-words.js"],
    languageOptions: { sourceType: "module" },
  },
  {
    files: ["tests/**/*.js", "eslint.config.js"],
    languageOptions: { sourceType: "module", globals: { ...globals.node } },
    rules,
  },
  {
    // End-to-end tests hand functions to the browser (page.evaluate): they run in a page.
    files: ["tests/e2e/**/*.js"],
    languageOptions: { globals: { ...globals.node, ...globals.browser, ...globals.webextensions } },
  },
];
