// Real-browser end-to-end tests in firefox: see suite.js.
import { defineE2E } from "./suite.js";

defineE2E("firefox");
