// Real-browser end-to-end tests in chromium: see suite.js.
import { defineE2E } from "./suite.js";

defineE2E("chromium");
