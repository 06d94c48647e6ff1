// Check a site written by `casefile render` in a real headless browser (Debian's chromium).
// Run: casefile render -o /tmp/render && node tests/js/check_render.mjs /tmp/render
//      [--screenshots DIR] [--chromium /usr/bin/chromium]
//
// Serves the folder on 127.0.0.1, opens the first page of each section (and the first
// document page) and checks: each loads with a title and no console errors or failed
// requests, nothing is fetched from another host, the timeline is inline SVG whose marks carry
// hover titles (<title> children), and quotes are highlighted (<mark>) on the pages of
// statements and documents. With --screenshots, saves each page at 1280 and 390 px wide.
// Prints one line per check; exits 1 if any check fails.

import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";

import { FLAGS, serve } from "./browser.mjs";

const WIDTHS = [1280, 390];

function parseArgs(argv) {
  const options = { site: null, screenshots: null, executable: "/usr/bin/chromium" };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--screenshots") options.screenshots = argv[++i];
    else if (argv[i] === "--chromium") options.executable = argv[++i];
    else if (!options.site) options.site = argv[i];
    else throw new Error(`unexpected argument ${argv[i]}`);
  }
  if (!options.site) throw new Error("usage: node check_render.mjs SITE [--screenshots DIR]");
  return options;
}

// The first page of each section ("said.html", not "said-2.html") and one document page.
function pagesOf(root) {
  const pages = readdirSync(root).filter((n) => n.endsWith(".html") && !/-\d+\.html$/.test(n));
  const documents = join(root, "documents");
  if (existsSync(documents)) {
    const first = readdirSync(documents).filter((n) => n.endsWith(".html")).sort()[0];
    if (first) pages.push(`documents/${first}`);
  }
  return pages.sort();
}

const options = parseArgs(process.argv.slice(2));
const root = resolve(options.site);
const server = await serve(root);
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch({ executablePath: options.executable, args: FLAGS });
let failed = 0;
let passed = 0;
const check = (ok, what) => {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (ok) passed++;
  else failed++;
};

try {
  const pages = pagesOf(root);
  check(pages.includes("index.html"), `the site has index.html (${pages.length} pages checked)`);
  let marks = 0;
  for (const name of pages) {
    for (const width of WIDTHS) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      const errors = [];
      const outside = [];
      page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
      page.on("pageerror", (e) => errors.push(String(e)));
      page.on("request", (r) => !r.url().startsWith(base) && outside.push(r.url()));
      page.on("requestfailed", (r) => errors.push(`failed: ${r.url()}`));
      const response = await page.goto(base + name, { waitUntil: "load" });
      check(response && response.ok(), `${name} at ${width} px loads`);
      check((await page.title()).length > 0, `${name} at ${width} px has a title`);
      check(errors.length === 0, `${name} at ${width} px: no console errors ${errors.join("; ")}`);
      check(outside.length === 0, `${name} at ${width} px: nothing fetched from elsewhere`);
      if (width === WIDTHS[0]) {
        marks += await page.locator("mark").count();
        if (name === "index.html") {
          const titled = await page.locator("svg title").count();
          check(titled > 0, `the timeline is inline SVG with hover titles (${titled})`);
          // The first mark's title is what a reader sees on hover: a date and what happened.
          const first = await page.locator("svg title").first().textContent();
          check(Boolean(first && first.trim()), `a timeline mark's hover title reads "${first}"`);
        }
      }
      if (options.screenshots) {
        mkdirSync(options.screenshots, { recursive: true });
        const file = `${name.replace(/[/.]/g, "-")}-${width}.png`;
        await page.screenshot({ path: join(options.screenshots, file), fullPage: false });
      }
      await page.close();
    }
  }
  check(marks > 0, `quotes are highlighted in their documents (${marks} marks)`);
} finally {
  await browser.close();
  server.close();
}
console.log(`${passed} checks passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
