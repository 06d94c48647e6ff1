// Screenshots for review: every page of the built documentation site and the pages of one or
// more `casefile render` sites, at 1280 and 390 px wide, in a real headless browser (Debian's
// chromium). scripts/screenshots builds everything and runs this.
// Run: node tests/js/screenshots.mjs OUT [--docs SITE] [--render NAME=SITE]...
//      [--segments N] [--chromium /usr/bin/chromium]
//
// Each folder is served on 127.0.0.1 from this process. Each page is saved as screens of
// 1800 px (at most N of them, 6 unless told, so that a 50,000 px page does not make hundreds),
// named OUT/<site>/<page>-<width>-<n>.png. Of a render, the first page of each section and the
// first document page are taken. Besides the pictures, each page is checked for what a reader
// would trip over and one line is printed for each:
//   FAIL  a console error, a failed request or a request to another host;
//   WIDE  the page scrolls sideways at this width (something is wider than the screen);
//   CLIP  a code block or table that scrolls inside itself (its text is cut at the edge).
// Exits 1 if anything FAILs; WIDE and CLIP are for the reviewer to look at.

import { existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { chromium } from "playwright-core";

import { FLAGS, serve } from "./browser.mjs";

const WIDTHS = [1280, 390];
const SCREEN = 1800;

function parseArgs(argv) {
  const options = { out: null, sites: [], segments: 6, executable: "/usr/bin/chromium" };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--docs") options.sites.push({ name: "docs", root: argv[++i], render: false });
    else if (argv[i] === "--render") {
      const [name, root] = argv[++i].split("=");
      options.sites.push({ name, root, render: true });
    } else if (argv[i] === "--segments") options.segments = Number(argv[++i]);
    else if (argv[i] === "--chromium") options.executable = argv[++i];
    else if (!options.out) options.out = argv[i];
    else throw new Error(`unexpected argument ${argv[i]}`);
  }
  if (!options.out || !options.sites.length) {
    throw new Error("usage: node screenshots.mjs OUT [--docs SITE] [--render NAME=SITE]...");
  }
  return options;
}

// Every HTML page of a documentation site, by its address ("render/", "index.html").
function docsPages(root) {
  const found = [];
  const walk = (folder) => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name === "index.html" || name === "404.html") {
        found.push(relative(root, path).split(sep).join("/").replace(/index\.html$/, ""));
      }
    }
  };
  walk(root);
  return found;
}

// The first page of each section of a render, and its first document page.
function renderPages(root) {
  const pages = readdirSync(root).filter((n) => n.endsWith(".html") && !/-\d+\.html$/.test(n));
  const documents = join(root, "documents");
  if (existsSync(documents)) {
    const first = readdirSync(documents).filter((n) => n.endsWith(".html")).sort()[0];
    if (first) pages.push(`documents/${first}`);
  }
  return pages.sort();
}

// What a reader would trip over on the page as drawn: sideways scrolling, and code blocks or
// tables whose content is wider than the box that shows them.
async function trouble(page) {
  return page.evaluate(() => {
    const root = document.scrollingElement || document.documentElement;
    const wide = root.scrollWidth - root.clientWidth;
    const clipped = [];
    for (const el of document.querySelectorAll("pre, code, table, .table, .figure, .md-typeset__table, .md-typeset__scrollwrap")) {
      if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0) {
        const text = (el.textContent || "").trim().replace(/\s+/g, " ").slice(0, 60);
        clipped.push(`${el.tagName.toLowerCase()} ${el.scrollWidth}/${el.clientWidth} px "${text}"`);
      }
    }
    return { wide, clipped, height: root.scrollHeight };
  });
}

const options = parseArgs(process.argv.slice(2));
const browser = await chromium.launch({ executablePath: options.executable, args: FLAGS });
let failed = 0;
let shots = 0;
try {
  for (const site of options.sites) {
    const root = resolve(site.root);
    const server = await serve(root);
    const base = `http://127.0.0.1:${server.address().port}/`;
    const pages = site.render ? renderPages(root) : docsPages(root);
    const folder = join(options.out, site.name);
    mkdirSync(folder, { recursive: true });
    try {
      for (const name of pages) {
        for (const width of WIDTHS) {
          const page = await browser.newPage({ viewport: { width, height: SCREEN } });
          const errors = [];
          page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
          page.on("pageerror", (e) => errors.push(String(e)));
          page.on("request", (r) => !r.url().startsWith(base) && errors.push(`outside: ${r.url()}`));
          page.on("requestfailed", (r) => errors.push(`failed: ${r.url()}`));
          const response = await page.goto(base + name, { waitUntil: "load" });
          // 404.html is meant to answer 404 when served for a missing page; here it is a file.
          if (!response || !response.ok()) errors.push(`status ${response && response.status()}`);
          const where = `${site.name}/${name || "index"} at ${width} px`;
          const found = await trouble(page);
          if (errors.length) {
            failed++;
            console.log(`FAIL ${where}: ${errors.join("; ")}`);
          }
          if (found.wide > 0) console.log(`WIDE ${where}: scrolls sideways by ${found.wide} px`);
          for (const c of found.clipped) console.log(`CLIP ${where}: ${c}`);
          const stem = (name || "index").replace(/\/$/, "").replace(/[/.]/g, "-") || "index";
          const count = Math.min(options.segments, Math.ceil(found.height / SCREEN));
          for (let n = 0; n < count; n++) {
            await page.evaluate((y) => window.scrollTo(0, y), n * SCREEN);
            await page.screenshot({ path: join(folder, `${stem}-${width}-${n + 1}.png`) });
            shots++;
          }
          const left = Math.ceil(found.height / SCREEN) - count;
          console.log(
            `ok   ${where}: ${found.height} px tall, ${count} screens` +
              (left > 0 ? ` (${left} more not taken)` : ""),
          );
          await page.close();
        }
      }
    } finally {
      server.close();
    }
  }
} finally {
  await browser.close();
}
console.log(`${shots} screenshots in ${options.out}; ${failed} pages with errors`);
process.exit(failed ? 1 : 0);
