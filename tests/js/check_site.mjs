// Check the built documentation site in a real headless browser (Debian's chromium).
// Run: (cd tests/js && npm ci) && mkdocs build --strict -d /tmp/site &&
//      node tests/js/check_site.mjs /tmp/site [--screenshots DIR] [--chromium /usr/bin/chromium]
//
// Serves the site on 127.0.0.1 from this process, drives chromium through playwright-core
// (which never downloads a browser of its own), and checks that every page in the navigation
// loads with its title and no console errors, that clicking through the navigation reaches
// each page, that search finds a term and links to pages, that at 390 and 1280 px no table is
// cut or splits a name, that the timeline and model figures load and show, and that no request
// leaves localhost. Prints one line per check;
// exits 1 if any check fails.

import { mkdtempSync, rmSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

import { FLAGS, serve } from "./browser.mjs";

const SEARCH_TERM = "Amazon";
// Figures that must load and show: [page path, image file name].
const FIGURES = [
  ["reference-casefile/", "timeline.svg"],
  ["concepts/", "model.svg"],
];

function parseArgs(argv) {
  const options = { site: null, screenshots: null, executable: "/usr/bin/chromium" };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--screenshots") options.screenshots = argv[++i];
    else if (argv[i] === "--chromium") options.executable = argv[++i];
    else if (!options.site) options.site = argv[i];
    else throw new Error(`unexpected argument ${argv[i]}`);
  }
  if (!options.site) {
    throw new Error("usage: node check_site.mjs SITE_DIR [--screenshots DIR] [--chromium PATH]");
  }
  return options;
}

const results = [];
function report(ok, what, detail = "") {
  results.push(ok);
  console.log(`${ok ? "ok  " : "FAIL"} ${what}${detail ? ` (${detail})` : ""}`);
}

async function check(name, body) {
  try {
    const [ok, detail] = await body();
    report(ok, name, detail);
  } catch (error) {
    report(false, name, String(error.message ?? error).split("\n")[0]);
  }
}

// The pages in the primary navigation, as absolute URLs in nav order.
async function navPages(page, origin) {
  const hrefs = await page.$$eval(".md-nav--primary a.md-nav__link[href]", (links) =>
    links.map((a) => a.href),
  );
  const seen = new Set();
  for (const href of hrefs) {
    const url = new URL(href);
    url.hash = "";
    if (url.origin === origin) seen.add(url.href);
  }
  return [...seen];
}

async function figureShows(page, fileName) {
  const image = page.locator(`img[src$="${fileName}"]`).first();
  await image.scrollIntoViewIfNeeded();
  const state = await image.evaluate((img) => ({
    complete: img.complete,
    naturalWidth: img.naturalWidth,
    naturalHeight: img.naturalHeight,
    width: img.getBoundingClientRect().width,
    height: img.getBoundingClientRect().height,
  }));
  const visible = await image.isVisible();
  const ok =
    state.complete && state.naturalWidth > 0 && visible && state.width > 0 && state.height > 0;
  return [ok, `${Math.round(state.width)}x${Math.round(state.height)} px shown`];
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const server = await serve(options.site);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const profile = mkdtempSync(join(tmpdir(), "casefile-site-check-"));
  if (options.screenshots) mkdirSync(options.screenshots, { recursive: true });

  const context = await chromium.launchPersistentContext(profile, {
    executablePath: options.executable,
    headless: true,
    args: FLAGS,
    viewport: { width: 1280, height: 900 },
  });
  const outside = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`)) return route.continue();
    outside.push(url);
    return route.abort();
  });
  const errors = [];
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(30000); // generous: CI machines are often busy
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`${page.url()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`${page.url()}: ${error.message}`));

  try {
    await page.goto(`${origin}/`);
    const pages = await navPages(page, origin);
    report(pages.length > 0, "navigation lists pages", `${pages.length} pages`);

    // Every page loads, with its title, and logs no errors.
    for (const url of pages) {
      const path = url.slice(origin.length);
      await check(`page ${path} loads with its h1 and no console errors`, async () => {
        const before = errors.length;
        const response = await page.goto(url);
        const h1 = (await page.locator("article h1").first().textContent())?.trim() ?? "";
        const status = response?.status() ?? 0;
        const fresh = errors.slice(before);
        if (options.screenshots) {
          const file = path.replace(/^\/|\/$/g, "").replaceAll("/", "_") || "index";
          await page.screenshot({ path: join(options.screenshots, `${file}.png`), fullPage: false });
        }
        return [
          status === 200 && h1.length > 0 && fresh.length === 0,
          `status ${status}, h1 "${h1.replace(/¶$/, "")}"${fresh.length ? `, ${fresh[0]}` : ""}`,
        ];
      });
    }

    // Clicking each entry of the navigation reaches its page.
    await page.goto(`${origin}/`);
    for (const url of pages) {
      const path = url.slice(origin.length);
      await check(`clicking the navigation reaches ${path}`, async () => {
        const links = page.locator(".md-nav--primary a.md-nav__link[href]");
        const index = await links.evaluateAll(
          (as, target) =>
            as.findIndex((a) => {
              const u = new URL(a.href);
              u.hash = "";
              return u.href === target && a.getClientRects().length > 0;
            }),
          url,
        );
        if (index < 0) return [false, "no visible link in the navigation"];
        const link = links.nth(index);
        await Promise.all([page.waitForURL(url), link.click()]);
        const h1 = (await page.locator("article h1").first().textContent())?.trim() ?? "";
        return [page.url() === url && h1.length > 0, `h1 "${h1.replace(/¶$/, "")}"`];
      });
    }

    // Search finds the term and links to pages of the site.
    await check(`search for "${SEARCH_TERM}" shows results linking to pages`, async () => {
      await page.goto(`${origin}/`);
      await page.locator("label.md-search__icon, .md-search__input").first().click();
      // Typed key by key, as a reader does: the search reacts to key events, and setting the
      // field's value at once is only picked up if the index happens to finish loading later.
      await page.locator(".md-search__input").pressSequentially(SEARCH_TERM, { delay: 30 });
      const item = page.locator(".md-search-result__item a.md-search-result__link").first();
      await item.waitFor({ state: "visible" });
      const links = await page.$$eval(".md-search-result__item a.md-search-result__link", (as) =>
        as.map((a) => a.href),
      );
      const onSite = links.filter((href) => href.startsWith(`${origin}/`));
      if (options.screenshots) {
        await page.screenshot({ path: join(options.screenshots, "search.png") });
      }
      const target = new URL(onSite[0] ?? origin);
      await Promise.all([page.waitForURL((u) => u.pathname === target.pathname), item.click()]);
      const h1 = (await page.locator("article h1").first().textContent())?.trim() ?? "";
      return [
        links.length > 0 && onSite.length === links.length && h1.length > 0,
        `${links.length} results; first opens "${h1.replace(/¶$/, "")}"`,
      ];
    });

    // On a phone and on a desktop, no table is cut at the screen's edge or breaks a name inside
    // a word: a table too wide becomes one block per row (docs/javascripts/tables.js), and the
    // first cell of a row (a name) is never split over two lines.
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      for (const url of pages) {
        const path = url.slice(origin.length);
        await check(`at ${width} px no table on ${path} is cut or splits a name`, async () => {
          await page.goto(url);
          const found = await page.evaluate(() => {
            const bad = [];
            for (const box of document.querySelectorAll(".md-typeset__scrollwrap")) {
              if (box.scrollWidth > box.clientWidth + 1) {
                bad.push(`cut: ${box.textContent.trim().slice(0, 40)}`);
              }
            }
            for (const code of document.querySelectorAll(".md-typeset td:first-child > code")) {
              const lines = code.getClientRects().length;
              if (lines > 1 && !/\s/.test(code.textContent.trim())) {
                bad.push(`split: ${code.textContent}`);
              }
            }
            return bad;
          });
          return [found.length === 0, found.slice(0, 3).join("; ")];
        });
      }
    }

    // The figures load and are shown at a size a reader can see.
    for (const [path, fileName] of FIGURES) {
      await check(`figure ${fileName} on /${path} is loaded and visible`, async () => {
        await page.goto(`${origin}/${path}`);
        const result = await figureShows(page, fileName);
        if (options.screenshots) {
          // The figure alone, without the fixed header and back-to-top button over it.
          const image = page.locator(`img[src$="${fileName}"]`).first();
          await image.screenshot({
            path: join(options.screenshots, `${fileName}.png`),
            style: ".md-header, .md-top { visibility: hidden !important; }",
          });
        }
        return result;
      });
    }

    report(errors.length === 0, "no console errors on any page", errors[0] ?? "");
    report(
      outside.length === 0,
      "no request left localhost",
      outside.length ? `${outside.length} blocked, first ${outside[0]}` : "",
    );
  } finally {
    await context.close();
    server.close();
    rmSync(profile, { recursive: true, force: true });
  }
  const failed = results.filter((ok) => !ok).length;
  console.log(`${results.length - failed} of ${results.length} checks passed`);
  process.exitCode = failed ? 1 : 0;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
