/* Entity Lens: the content side's entry point, built into bundle/content.js (one classic script,
   since scripting.executeScript cannot inject modules; scripts/build-content.js). Its one global,
   in the extension's isolated world, is the controller the background calls. */
import { controller } from "./main.js";

const EL = (globalThis.EntityLens = globalThis.EntityLens || {});
// Injected twice: keep the first controller and its state.
if (!EL.controller) EL.controller = controller;
