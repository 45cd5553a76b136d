// ESLint (flat config): the extension's modules as the browsers load them, the tests and scripts as
// node runs them.
import js from "@eslint/js";
import globals from "globals";

const rules = {
  // Unused code is a defect; an unused caught error is how "we expected this may fail" reads.
  "no-unused-vars": ["error", { caughtErrors: "none" }],
};

export default [
  // extension/bundle/ is generated from extension/content/ (scripts/build-content.js).
  { ignores: ["node_modules/", "dist/", "reports/", ".venv/", "extension/bundle/"] },
  js.configs.recommended,
  {
    // ES modules, in pages, the content world (bundled) and the background (Chrome's service
    // worker, Firefox's background page).
    files: ["extension/**/*.js"],
    languageOptions: {
      sourceType: "module",
      globals: { ...globals.browser, ...globals.webextensions, ...globals.serviceworker },
    },
    rules: {
      ...rules,
      // Small functions, one step each; a long one hides its phases (issue 15).
      "max-lines-per-function": ["error", { max: 80, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ["tests/**/*.js", "scripts/**/*.js", "eslint.config.js"],
    languageOptions: { sourceType: "module", globals: { ...globals.node } },
    rules,
  },
  {
    // End-to-end tests hand functions to the browser (page.evaluate): they run in a page.
    files: ["tests/e2e/**/*.js"],
    languageOptions: { globals: { ...globals.node, ...globals.browser, ...globals.webextensions } },
  },
];
