// scripts/audit, run as users run it, over our own hostile pages in both browsers: a consent-wall
// redirect written inline, frames from hosts the offline proxy refuses, an ad-block probe that
// keeps changing the page by itself, alert/confirm/prompt dialogs in the body and on load, and photo
// captions (marked like the body). Each must be audited in full (highlighted, checked, restored),
// in both layouts the audit accepts (DIR/html/<name>.html.gz and DIR/<name>/source.html).
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, mkdir, readFile, writeFile, copyFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { REPO } from "./browsers.js";
import { startHelper } from "./helper.js";

const AUDIT = join(REPO, "scripts/audit");
const FIXTURES = join(REPO, "tests/fixtures/audit");
const PAGES = ["ad-probe", "captions", "consent-redirect", "dialogs", "social-embeds"];
const PAGE_FIELDS = [
  "name", "ok", "error", "entities_returned", "mentions_returned", "mentions_highlighted", "highlights",
  "text_unchanged", "restore_exact", "ms_click_to_first_highlight", "ms_click_to_done",
];

function runAudit(args, env = {}) {
  return new Promise((resolve) => {
    execFile(AUDIT, args, { cwd: REPO, timeout: 300000, maxBuffer: 16 << 20, env: { ...process.env, ...env } }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === "number" ? err.code : 1) : 0, stdout, stderr }),
    );
  });
}

describe("scripts/audit", { timeout: 900000 }, () => {
  let helper, dir;

  before(async () => {
    helper = await startHelper();
    dir = await mkdtemp(join(tmpdir(), "entity-lens-audit-"));
    // consent-redirect in the corpus layout (gzipped), the others one folder each.
    await mkdir(join(dir, "html"));
    await writeFile(join(dir, "html/consent-redirect.html.gz"), gzipSync(await readFile(join(FIXTURES, "consent-redirect/source.html"))));
    for (const name of ["ad-probe", "captions", "dialogs", "social-embeds"]) {
      await mkdir(join(dir, name));
      await copyFile(join(FIXTURES, name, "source.html"), join(dir, name, "source.html"));
    }
  }, { timeout: 120000 });

  after(async () => {
    if (helper) await helper.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  for (const kind of ["chromium", "firefox"]) {
    test(`audits every page in ${kind}: highlighted in full, text unchanged, restored exactly`, async () => {
      const reportFile = join(dir, `report-${kind}.json`);
      // The helper's pairing file, so the audit's Firefox can pair with it as a reader would.
      const run = await runAudit(["--browser", kind, "--pages", dir, "--report", reportFile, "--helper", helper.url],
        { ENTITY_LENS_CONFIG_DIR: helper.configDir });
      assert.equal(run.code, 0, `audit exited ${run.code}\n${run.stdout}\n${run.stderr}`);
      const report = JSON.parse(await readFile(reportFile, "utf8"));
      assert.equal(report.browser, kind);
      assert.deepEqual(report.pages.map((p) => p.name).sort(), PAGES);

      for (const page of report.pages) {
        const where = `${kind} ${page.name}: ${JSON.stringify({ ...page, highlights: page.highlights.length })}`;
        for (const field of PAGE_FIELDS) assert.ok(field in page, `${where} lacks ${field}`);
        assert.equal(page.error, null, where);
        assert.equal(page.ok, true, where);
        assert.ok(page.mentions_returned >= 10, where);
        assert.equal(page.mentions_highlighted, page.mentions_returned, where);
        assert.equal(page.highlights.length, page.mentions_returned, where);
        assert.equal(page.text_unchanged, true, where);
        assert.equal(page.restore_exact, true, where);
        assert.ok(page.ms_click_to_done >= page.ms_click_to_first_highlight && page.ms_click_to_first_highlight > 0, where);
        for (const h of page.highlights) {
          assert.ok(h.text && h.label, where);
          assert.ok(h.prefix.length <= 32 && h.suffix.length <= 32, `${where}: ${JSON.stringify(h)}`);
        }
        // The article's names only: never those repeated in the nav, the related box or comments.
        const html = await readFile(join(FIXTURES, page.name, "source.html"), "utf8");
        const article = html.slice(html.indexOf("<article>"), html.indexOf("</article>"));
        for (const h of page.highlights) assert.ok(article.includes(h.text), `${where}: ${h.text} is not in the article`);
      }

      // The redirect was stopped: the page audited is the article, read in context.
      const consent = report.pages.find((p) => p.name === "consent-redirect");
      const dumas = consent.highlights.find((h) => h.text === "Claire Dumas");
      assert.ok(dumas, JSON.stringify(consent.highlights.map((h) => h.text)));
      assert.equal(dumas.label, "PERSON");
      assert.match(dumas.prefix, /worst-hit parishes\.\s*$/);

      // Every dialog the page opened was closed as a reader would, and the page went on.
      const dialogs = report.pages.find((p) => p.name === "dialogs");
      assert.deepEqual(dialogs.dialogs.map((d) => d.type), ["alert", "confirm", "prompt", "alert"], JSON.stringify(dialogs.dialogs));
      assert.match(dialogs.dialogs[0].message, /^Welcome back to The Estuary Courier/);
      assert.ok(dialogs.highlights.some((h) => h.text === "Lowenna Hicks"), JSON.stringify(dialogs.highlights.map((h) => h.text)));
      for (const page of report.pages.filter((p) => p.name !== "dialogs")) assert.deepEqual(page.dialogs, [], page.name);

      // Names in captions are marked like the same names in the body.
      const captions = report.pages.find((p) => p.name === "captions");
      const marked = (text, around) => captions.highlights.some((h) => h.text === text && around(h));
      assert.ok(marked("Rosalind Penhale", (h) => /Bridge manager\s*$/.test(h.prefix)), JSON.stringify(captions.highlights));
      assert.ok(marked("Penhale", (h) => /^, who manages/.test(h.suffix)), JSON.stringify(captions.highlights));
      assert.ok(marked("Gerwyn Tonkin", (h) => /^, a Saltash resident/.test(h.suffix)), JSON.stringify(captions.highlights));
      assert.ok(captions.highlights.some((h) => h.text === "Torpoint"), JSON.stringify(captions.highlights));

      const s = report.summary;
      assert.equal(s.pages, 5);
      assert.equal(s.ok, 5);
      assert.equal(s.dialogs_closed, 4);
      assert.equal(s.highlight_recall, 1);
      assert.equal(s.restore_exact, 5);
      assert.equal(s.text_unchanged, 5);
      assert.equal(s.extra_highlights, 0);
      assert.ok(s.ms_click_to_done.median > 0 && s.ms_click_to_done.p95 >= s.ms_click_to_done.median);

      // One line per page, then the totals.
      const lines = run.stdout.trim().split("\n");
      for (const name of PAGES) assert.ok(lines.some((l) => l.startsWith("ok ") && l.includes(name)), run.stdout);
      assert.match(run.stdout, /totals: 5 pages, 5 ok, 0 failed; highlight recall 1 /);
    });
  }

  test("a wrong invocation prints the usage and exits 2", async () => {
    const run = await runAudit(["--browser", "safari", "--pages", dir, "--report", join(dir, "x.json")]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--browser must be chromium or firefox/);
    assert.match(run.stderr, /usage: scripts\/audit --browser chromium\|firefox --pages DIR --report FILE\.json/);
  });
});
