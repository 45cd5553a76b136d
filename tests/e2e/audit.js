// The page audit (run it through scripts/audit): the real flow of the e2e tests over every page in
// a folder, in one browser, with a JSON report. See `scripts/audit --help`.
import { readdir, stat, writeFile, rename } from "node:fs/promises";
import { existsSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { join, resolve } from "node:path";
import { startHelper, annotate, mentionsOf, useLocalToken, helperHealth } from "./helper.js";
import { launchPaired } from "./pairing.js";
import { startFixtureServer } from "./fixture-server.js";
import {
  snapshot,
  annotateViaAction,
  readMentions,
  enableAllFilters,
  clearViaAction,
  alignMentions,
  firstDiff,
  normText,
  withTimeout,
} from "./flow.js";

const USAGE = `usage: scripts/audit --browser chromium|firefox --pages DIR --report FILE.json [--helper URL]
                     [--mode auto|url|page] [--style highlight|inline] [--limit N] [--only NAME,...]
                     [--page-timeout SECONDS]

Runs the real flow (open the page from 127.0.0.1, click the toolbar action, check the painted
mentions against what the helper returned, clear, check the page is restored) over every page in
DIR: DIR/html/<name>.html(.gz) and DIR/<name>/source.html. Its scripts may not navigate away, and once it
has loaded its own timers are stopped (they change the DOM by themselves); its alert, confirm and prompt
dialogs are closed as a reader would (OK on an alert, Cancel on the others) and listed in the report. Starts its own helper (with
--allow-private-addresses, as the pages come from 127.0.0.1) unless --helper is given; a helper given with
--helper must run with that option too. The browser's Entity Lens is paired with the helper as a reader
does (the code entity-lens pair prints, typed into the options page; the command uses
$ENTITY_LENS_CONFIG_DIR as the helper does). Writes one JSON report and prints one line per page and the totals.`;

function parseArgs(argv) {
  const o = { mode: "auto", style: "highlight", limit: 0, only: null, pageTimeout: 90 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === "-h" || a === "--help") o.help = true;
    else if (a === "--browser") o.browser = val();
    else if (a === "--pages") o.pages = val();
    else if (a === "--report") o.report = val();
    else if (a === "--helper") o.helper = val().replace(/\/+$/, "");
    else if (a === "--mode") o.mode = val();
    else if (a === "--style") o.style = val();
    else if (a === "--limit") o.limit = Number(val());
    else if (a === "--only") o.only = new Set(val().split(","));
    else if (a === "--page-timeout") o.pageTimeout = Number(val());
    else throw new Error(`unknown argument ${a}`);
  }
  if (o.help) return o;
  if (!["chromium", "firefox"].includes(o.browser)) throw new Error("--browser must be chromium or firefox");
  if (!o.pages) throw new Error("--pages DIR is required");
  if (!o.report) throw new Error("--report FILE.json is required");
  if (!["auto", "url", "page"].includes(o.mode)) throw new Error("--mode must be auto, url or page");
  if (!["highlight", "inline"].includes(o.style)) throw new Error("--style must be highlight or inline");
  return o;
}

const stripExt = (f) => f.replace(/(\.html?|\.xhtml)?(\.gz)?$/i, "");

/** [{name, file}] from DIR/html/<name>.html[.gz], DIR/<name>.html[.gz] and DIR/<name>/source.html. */
export async function discoverPages(dir) {
  const out = new Map();
  const addHtmlFiles = async (d) => {
    if (!existsSync(d)) return;
    for (const f of (await readdir(d)).sort()) {
      if (/\.(html?|xhtml)(\.gz)?$/i.test(f)) {
        const file = join(d, f);
        if ((await stat(file)).isFile() && !out.has(stripExt(f))) out.set(stripExt(f), file);
      }
    }
  };
  await addHtmlFiles(join(dir, "html"));
  for (const f of (await readdir(dir)).sort()) {
    const sub = join(dir, f);
    if (f !== "html" && (await stat(sub)).isDirectory()) {
      for (const cand of ["source.html", "source.html.gz", "source.htm"]) {
        if (existsSync(join(sub, cand))) {
          out.set(f, join(sub, cand));
          break;
        }
      }
    }
  }
  await addHtmlFiles(dir);
  return [...out].map(([name, file]) => ({ name, file }));
}

const pct = (xs, p) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[i];
};
const median = (xs) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return Math.round((s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2) * 10) / 10;
};

/** The paragraph of `result.text` holding a mention (UTF-16 offsets). */
function paragraphOf(mention, resultText) {
  const para = resultText.slice(0, mention.start).lastIndexOf("\n") + 1;
  const end = resultText.indexOf("\n", mention.end);
  return resultText.slice(para, end < 0 ? undefined : end);
}

/**
 * Why a mention was missed: its paragraph is in the page's rendered text (so alignment missed it),
 * only in hidden DOM text, or nowhere in the page's text (extraction changed it, or the page's
 * scripts changed the page after it was fetched).
 */
function missCause(mention, resultText, text) {
  const paragraph = normText(paragraphOf(mention, resultText));
  if (text.rendered.includes(paragraph)) return "alignment";
  if (text.dom.includes(paragraph)) return "paragraph_hidden_in_page";
  return "paragraph_not_in_page_text";
}

/**
 * Runs in the page (main world) once it has loaded: puts the page's own scripts to sleep, since
 * they change the DOM by themselves (comment-form countdowns, carousels, ad-block probes that load
 * one test frame after another) and "restore exact" must measure us, not them. Clears every timer
 * and animation frame set so far, stops the loads still pending, and keeps load/error events of
 * the page's elements from the page's handlers. Our content script keeps its own timers (it runs
 * in its own world and starts later) and needs no element events.
 */
function quietPage() {
  const lastTimer = setTimeout(() => {}, 0);
  for (let id = 0; id <= lastTimer; id++) {
    clearTimeout(id);
    clearInterval(id);
  }
  const lastFrame = requestAnimationFrame(() => {});
  for (let id = 0; id <= lastFrame; id++) cancelAnimationFrame(id);
  window.stop();
  for (const type of ["load", "error", "abort"]) {
    document.addEventListener(type, (event) => event.target !== document && event.stopImmediatePropagation(), true);
  }
  return true;
}

/**
 * Runs in the page: records the changes to <body> that are not ours (ours, in the inline style,
 * are <mark data-entity-lens> elements and the text nodes they split), so a restore that is not
 * exact says whether the page changed itself meanwhile. window.__elPageChanges() reads them.
 */
function watchPageChanges() {
  const ours = (n) => n.nodeType !== 1 || (n.tagName === "MARK" && n.hasAttribute("data-entity-lens"));
  const describe = (el) => `<${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/)[0] : ""}>`;
  const changes = [];
  const observer = new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === "attributes" && !ours(r.target)) changes.push(`${describe(r.target)} ${r.attributeName}`);
      if (r.type === "childList") {
        for (const n of [...r.addedNodes, ...r.removedNodes]) if (!ours(n)) changes.push(`${describe(r.target)} child ${describe(n)}`);
      }
    }
  });
  observer.observe(document.body, { subtree: true, childList: true, attributes: true });
  window.__elPageChanges = () => {
    observer.takeRecords();
    return changes.slice(0, 10).concat(changes.length > 10 ? [`… ${changes.length} in all`] : []);
  };
  return true;
}

/**
 * A page's script that sends the tab elsewhere (an http→https redirect written inline, a consent
 * wall) would replace the page we opened, and offline the new one is an error page.
 * Runs before any of the page's scripts (a preload script in both browsers) and cancels such
 * navigations through the Navigation API, so the page audited is the page opened. Hash changes,
 * history traversal and reloads pass.
 */
async function keepPageHere(page) {
  await page.evaluateOnNewDocument(() => {
    if (!window.navigation) return;
    window.navigation.addEventListener("navigate", (event) => {
      const away = event.destination.url.split("#")[0] !== location.href.split("#")[0];
      if (away && event.cancelable && !event.hashChange && event.navigationType !== "traverse") {
        event.preventDefault();
      }
    });
  });
}

/**
 * A page's alert(), confirm() or prompt() stops it (and the browser's automation) until someone
 * answers. Close each as a reader who does not want it does: OK on an alert, Cancel on the others.
 * The report lists them (type and the first words) under `dialogs`.
 */
function closeDialogsAsAReader(page, rec) {
  rec.dialogs = [];
  page.on("dialog", (dialog) => {
    rec.dialogs.push({ type: dialog.type(), message: dialog.message().slice(0, 80) });
    const answer = dialog.type() === "alert" ? dialog.accept() : dialog.dismiss();
    answer.catch(() => {}); // already closed (the page went on)
  });
}

/**
 * Opens `url` and waits for its load event. Firefox over BiDi ends the navigation command with
 * "Address rejected" as soon as any frame shows an error page (a like button's or an ad's iframe
 * refused by the offline proxy) while the page itself goes on loading; and a page may never fire
 * load at all. Either way, when the tab shows our document, wait for its load ourselves and go on
 * once it has been parsed.
 */
async function openPage(page, url) {
  try {
    await page.goto(url, { waitUntil: "load", timeout: 20000 });
    return;
  } catch (err) {
    const here = await page.evaluate(() => location.href).catch(() => null);
    if (here !== url) throw err;
    const state = await page
      .waitForFunction(() => document.readyState === "complete", { timeout: 20000, polling: 100 })
      .then(() => "complete")
      .catch(() => page.evaluate(() => document.readyState).catch(() => "gone"));
    if (state !== "complete" && state !== "interactive") throw new Error(`${err.message.split("\n")[0]} (document ${state})`);
  }
}

async function auditPage(ctx, { name }) {
  const { session, server, helperUrl, opts } = ctx;
  const rec = {
    name,
    ok: false,
    error: null,
    entities_returned: 0,
    mentions_returned: 0,
    mentions_highlighted: 0,
    highlights: [],
    text_unchanged: null,
    restore_exact: null,
    ms_click_to_first_highlight: null,
    ms_click_to_done: null,
  };
  const url = `${server.url}/p/${encodeURIComponent(name)}.html`;
  let page;
  const stillHere = () => {
    if (page.url() !== url) throw new Error(`the page's scripts navigated away (to ${page.url().slice(0, 80)})`);
  };
  try {
    page = await session.newPage();
    closeDialogsAsAReader(page, rec);
    await keepPageHere(page);
    await openPage(page, url);
    rec.loaded = true;
    await sleep(300);
    stillHere();
    rec.page_quieted = await page.evaluate(quietPage).catch(() => false);
    // Some pages answer any DOM change (our panel too) by loading lazy images: let them do
    // that once now, with a change of our own that leaves nothing behind, before the snapshot.
    await page.evaluate(() => document.documentElement.appendChild(document.createElement("div")).remove()).catch(() => {});
    await sleep(400);
    const before = await snapshot(page);
    await sleep(200);
    const before2 = await snapshot(page);
    rec.page_mutates_itself = before2.bodyHTML !== before.bodyHTML;
    await page.evaluate(watchPageChanges).catch(() => {});

    const state = await annotateViaAction(session, page, { timeoutMs: 60000 });
    rec.status = state.status;
    rec.ms_click_to_first_highlight = state.ms_first;
    rec.ms_click_to_done = state.ms_done;
    stillHere();
    if (state.timedOut) throw new Error(`no result within 60 s (status: ${JSON.stringify(state.status)})`);
    if (state.error) rec.error = `panel error: ${state.error}`;

    // What the helper returned (asked after the extension, so its timing is not helped by a cache).
    const expected = {};
    if (opts.mode !== "page") expected.url = await annotate(helperUrl, { url });
    if (opts.mode !== "url") expected.page = await annotate(helperUrl, { url, html: before2.docHTML });

    await enableAllFilters(session, page).catch(() => []);
    const painted = await readMentions(session, page);
    rec.highlights = painted.map((p) => ({ text: p.text, label: p.label, prefix: p.prefix, suffix: p.suffix }));
    const during = await snapshot(page);
    rec.text_unchanged = during.bodyText === before2.bodyText;
    if (!rec.text_unchanged) {
      rec.text_diff = firstDiff(before2.bodyText, during.bodyText, 40);
      // Firefox's innerText reports some unrendered whitespace (after a <br>) by layout: a
      // narrower line alone changes it. Say whether only whitespace differs.
      rec.text_differs_in_whitespace_only = normText(before2.bodyText) === normText(during.bodyText);
    }

    // Which result did the extension paint? In auto mode the better-matching one.
    let best = null;
    for (const [source, r] of Object.entries(expected)) {
      if (r.status !== 200) continue;
      const mentions = mentionsOf(r.body);
      const al = alignMentions(mentions, painted, { anyOrder: true });
      if (!best || al.matched.length > best.al.matched.length || (al.matched.length === best.al.matched.length && source === "url" && opts.mode === "auto" && mentions.length <= best.mentions.length)) {
        best = { source, r, mentions, al };
      }
    }
    if (best) {
      rec.source_used = best.source;
      rec.entities_returned = best.r.body.groups.length;
      rec.mentions_returned = best.mentions.length;
      rec.mentions_highlighted = best.al.matched.length;
      rec.extra_highlights = best.al.extra.length;
      const text = {
        rendered: normText(during.bodyText),
        dom: normText(await page.evaluate(() => document.body.textContent)),
      };
      rec.missed = [];
      rec.miss_causes = {};
      for (const m of best.al.missing) {
        const cause = missCause(m, best.r.body.text, text);
        rec.miss_causes[cause] = (rec.miss_causes[cause] || 0) + 1;
        if (rec.missed.length < 40) {
          rec.missed.push({ text: m.text, label: m.label, cause, paragraph: paragraphOf(m, best.r.body.text).slice(0, 160) });
        }
      }
    } else {
      const errs = Object.entries(expected).map(([s, r]) => `${s}: ${r.body && r.body.error ? r.body.error.code : r.status}`);
      rec.helper_error = errs.join("; ");
      if (!rec.error) rec.error = `helper returned no result (${rec.helper_error})`;
    }

    const cleared = await clearViaAction(session, page);
    const afterClear = await snapshot(page);
    rec.restore_exact = afterClear.bodyHTML === before2.bodyHTML;
    if (!rec.restore_exact) {
      const d = firstDiff(before2.bodyHTML, afterClear.bodyHTML, 40);
      rec.restore_diff = d;
      // A difference that names nothing of ours (marks, entity-lens attributes) is most likely the
      // page's own scripts (timers, lazy loading, ads) changing the DOM meanwhile.
      rec.restore_diff_looks_like_ours = /entity-lens|<mark/i.test(d.before + d.after);
      rec.page_changes = await page.evaluate(() => (window.__elPageChanges ? window.__elPageChanges() : null)).catch(() => null);
    }
    if (rec.text_unchanged) rec.text_unchanged = afterClear.bodyText === before2.bodyText;
    if (!cleared && !rec.error) rec.error = "the second click did not clear the page";
    rec.ok = !rec.error;
  } catch (err) {
    rec.error = rec.error || String(err && err.message ? err.message : err).split("\n")[0];
    rec.ok = false;
  } finally {
    if (page) await withTimeout(page.close(), 10000, "closing the page").catch(() => {});
  }
  return rec;
}

function summarize(pages) {
  const loaded = pages.filter((p) => p.loaded);
  const sum = (k) => pages.reduce((a, p) => a + (p[k] || 0), 0);
  const returned = sum("mentions_returned");
  const highlighted = sum("mentions_highlighted");
  const first = pages.map((p) => p.ms_click_to_first_highlight).filter((x) => typeof x === "number");
  const done = pages.filter((p) => !p.error || p.ok).map((p) => p.ms_click_to_done).filter((x) => typeof x === "number");
  const causes = {};
  for (const p of pages) for (const [c, n] of Object.entries(p.miss_causes || {})) causes[c] = (causes[c] || 0) + n;
  const errors = {};
  for (const p of pages) if (p.error) {
    const k = p.error.replace(/\d+(\.\d+)?/g, "N").slice(0, 100);
    errors[k] = (errors[k] || 0) + 1;
  }
  return {
    pages: pages.length,
    loaded: loaded.length,
    ok: pages.filter((p) => p.ok).length,
    failed: pages.filter((p) => !p.ok).length,
    entities_returned: sum("entities_returned"),
    mentions_returned: returned,
    mentions_highlighted: highlighted,
    highlight_recall: returned ? Math.round((highlighted / returned) * 10000) / 10000 : null,
    pages_full_recall: pages.filter((p) => p.mentions_returned && p.mentions_highlighted === p.mentions_returned).length,
    extra_highlights: sum("extra_highlights"),
    text_unchanged: loaded.filter((p) => p.text_unchanged === true).length,
    text_changed: loaded.filter((p) => p.text_unchanged === false).length,
    text_changed_in_whitespace_only: loaded.filter((p) => p.text_unchanged === false && p.text_differs_in_whitespace_only).length,
    restore_exact: loaded.filter((p) => p.restore_exact === true).length,
    restore_not_exact: loaded.filter((p) => p.restore_exact === false).length,
    restore_not_exact_page_mutates_itself: loaded.filter((p) => p.restore_exact === false && p.page_mutates_itself).length,
    restore_not_exact_page_changed_itself: loaded.filter((p) => p.restore_exact === false && p.page_changes && p.page_changes.length).length,
    restore_not_exact_diff_looks_like_ours: loaded.filter((p) => p.restore_exact === false && p.restore_diff_looks_like_ours).length,
    ms_click_to_first_highlight: { median: median(first), p95: pct(first, 95) },
    ms_click_to_done: { median: median(done), p95: pct(done, 95) },
    source_used: pages.reduce((a, p) => (p.source_used && (a[p.source_used] = (a[p.source_used] || 0) + 1), a), {}),
    miss_causes: causes,
    dialogs_closed: pages.reduce((a, p) => a + (p.dialogs ? p.dialogs.length : 0), 0),
    errors,
  };
}

async function writeReport(file, report) {
  const tmp = `${file}.tmp`;
  await writeFile(tmp, JSON.stringify(report, null, 1));
  await rename(tmp, file);
}

export async function main(argv) {
  let opts;
  try {
    opts = parseArgs(argv);
  } catch (err) {
    console.error(`${err.message}\n\n${USAGE}`);
    return 2;
  }
  if (opts.help) {
    console.log(USAGE);
    return 0;
  }
  const dir = resolve(opts.pages);
  if (!existsSync(dir)) {
    console.error(`no such folder: ${dir}`);
    return 2;
  }
  let list = await discoverPages(dir);
  if (opts.only) list = list.filter((p) => opts.only.has(p.name));
  if (opts.limit > 0) list = list.slice(0, opts.limit);
  if (!list.length) {
    console.error(`no pages found in ${dir} (expected html/<name>.html.gz or <name>/source.html)`);
    return 2;
  }

  const extra = new Map(list.map((p) => [`/p/${p.name}.html`, p.file]));
  const server = await startFixtureServer({ root: dir, extra, rawCharset: true });
  let helper = null;
  let session = null;
  const report = { browser: opts.browser, mode: opts.mode, style: opts.style, pages: [], summary: {} };
  const started = Date.now();
  // Interrupted: close what this run started (browser, temp profile, helper), keep the report.
  let stopping = false;
  const onSignal = async (sig) => {
    if (stopping) return;
    stopping = true;
    console.error(`audit: ${sig}, stopping after ${report.pages.length} pages`);
    await Promise.allSettled([session && session.close(), helper && helper.stop(), server.close()]);
    process.exit(sig === "SIGINT" ? 130 : 143);
  };
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(sig, onSignal);
  try {
    let helperUrl = opts.helper;
    if (!helperUrl) {
      helper = await startHelper();
      helperUrl = helper.url;
    } else {
      // A helper given with --helper keeps its pairings where $ENTITY_LENS_CONFIG_DIR (else the
      // reader's configuration folder) says; `entity-lens pair` is run with the same.
      await useLocalToken(helperUrl, process.env.ENTITY_LENS_CONFIG_DIR);
    }
    const pairWith = helper || { url: helperUrl, configDir: process.env.ENTITY_LENS_CONFIG_DIR };
    const h = await helperHealth(helperUrl);
    report.helper = { url: helperUrl, version: h.version, model: h.model };
    // Warm the helper (model loaded, first-call costs paid) so latencies are of a warm helper.
    await annotate(helperUrl, {
      url: "http://127.0.0.1/warm-up",
      html: "<html><body><article><p>Angela Merkel met Emmanuel Macron in Paris on Monday to discuss the European Union budget.</p></article></body></html>",
    });

    const launch = async () => {
      session = await launchPaired(opts.browser, pairWith, { handleSignals: false });
      await session.setSettings({ helperUrl, mode: opts.mode, style: opts.style });
      report.extension = session.extensionId;
    };
    await launch();
    console.log(`audit: ${list.length} pages in ${opts.browser}, helper ${helperUrl}, mode ${opts.mode}, style ${opts.style}`);
    for (const item of list) {
      if (stopping) break;
      let rec;
      try {
        rec = await withTimeout(auditPage({ session, server, helperUrl, opts }, item), opts.pageTimeout * 1000, "the page");
      } catch (err) {
        rec = { name: item.name, ok: false, error: err.message, entities_returned: 0, mentions_returned: 0, mentions_highlighted: 0, highlights: [], text_unchanged: null, restore_exact: null, ms_click_to_first_highlight: null, ms_click_to_done: null };
      }
      report.pages.push(rec);
      const flag = (v) => (v === true ? "yes" : v === false ? "NO" : "-");
      console.log(
        `${rec.ok ? "ok  " : "FAIL"} ${rec.name.slice(0, 24).padEnd(24)} ` +
          `mentions ${String(rec.mentions_highlighted).padStart(4)}/${String(rec.mentions_returned).padEnd(4)} ` +
          `first ${String(rec.ms_click_to_first_highlight ?? "-").padStart(7)} ms  done ${String(rec.ms_click_to_done ?? "-").padStart(7)} ms  ` +
          `text ${flag(rec.text_unchanged)}  restore ${flag(rec.restore_exact)}${rec.source_used ? "  via " + rec.source_used : ""}` +
          `${rec.error ? "  error: " + rec.error.slice(0, 160) : ""}`,
      );
      // A crashed or disconnected browser is relaunched; the run goes on.
      if (!stopping && !session.browser.connected) {
        console.log("audit: the browser went away; relaunching it");
        await session.close().catch(() => {});
        await launch();
      }
      report.summary = { ...summarize(report.pages), seconds: Math.round((Date.now() - started) / 1000) };
      await writeReport(opts.report, report);
    }
  } finally {
    if (session) await session.close().catch(() => {});
    if (helper) await helper.stop();
    await server.close();
  }
  report.summary = { ...summarize(report.pages), seconds: Math.round((Date.now() - started) / 1000) };
  await writeReport(opts.report, report);
  const s = report.summary;
  console.log(
    `totals: ${s.pages} pages, ${s.ok} ok, ${s.failed} failed; highlight recall ${s.highlight_recall} ` +
      `(${s.mentions_highlighted}/${s.mentions_returned} mentions, ${s.entities_returned} entities); ` +
      `click-to-first-highlight median ${s.ms_click_to_first_highlight.median} ms p95 ${s.ms_click_to_first_highlight.p95} ms; ` +
      `click-to-done median ${s.ms_click_to_done.median} ms p95 ${s.ms_click_to_done.p95} ms; ` +
      `text unchanged ${s.text_unchanged}/${s.loaded}` +
      `${s.text_changed_in_whitespace_only ? ` (${s.text_changed_in_whitespace_only} more differ in whitespace only)` : ""}; ` +
      `restore exact ${s.restore_exact}/${s.loaded}`,
  );
  console.log(`report: ${resolve(opts.report)}`);
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      console.error(err && err.stack ? err.stack : err);
      process.exit(1);
    },
  );
}
