/* Entity Lens popup: shows why nothing could run on this tab (the background
   sets this popup for the tab with the message in the query string). */
import { browserApi } from "../browser-api.js";
import { MESSAGE } from "../messages.js";

const ext = browserApi();
const params = new URLSearchParams(location.search);

document.getElementById("title").textContent = params.get("title") || "Entity Lens";
document.getElementById("advice").textContent = params.get("advice") || "";

document.getElementById("retry").addEventListener("click", async () => {
  const [tab] = await ext.tabs.query({ active: true, currentWindow: true });
  if (tab) await ext.runtime.sendMessage({ type: MESSAGE.retryTab, tabId: tab.id });
  window.close();
});
