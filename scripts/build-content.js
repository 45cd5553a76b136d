#!/usr/bin/env node
// Build the content side: extension/content/*.js (ES modules) into extension/bundle/content.js,
// one classic script, since scripting.executeScript injects files, not modules. The output is
// checked in, so the extension loads unpacked as it is; tests/extension/bundle.test.js rebuilds
// it and fails when the checked-in file is stale. Usage: node scripts/build-content.js
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const ENTRY = fileURLToPath(new URL("../extension/content/entry.js", import.meta.url));
export const OUTPUT = fileURLToPath(new URL("../extension/bundle/content.js", import.meta.url));

// Strict, as the modules it is built from are.
const BANNER = '// Built by scripts/build-content.js from extension/content/entry.js: do not edit.\n"use strict";';

/** The bundle's text, built in memory. */
export async function buildContent() {
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    absWorkingDir: ROOT, // the same output (its path comments) wherever it is run from
    // An IIFE: nothing leaks into the isolated world but what entry.js puts on globalThis.
    format: "iife",
    // What Chromium and Firefox ESR run; no syntax is lowered, so the code stays as written.
    target: "es2022",
    charset: "utf8",
    legalComments: "none",
    banner: { js: BANNER },
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0].text;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  mkdirSync(dirname(OUTPUT), { recursive: true });
  writeFileSync(OUTPUT, await buildContent());
  console.log(`wrote ${OUTPUT}`);
}
