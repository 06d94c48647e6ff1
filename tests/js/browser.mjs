// What the browser checks share: the flags chromium runs with, and a static file server for a
// built folder, bound to the loopback address only (check_site.mjs, check_render.mjs and
// screenshots.mjs).

import { createServer } from "node:http";
import { readFileSync, statSync } from "node:fs";
import { extname, join, resolve, sep } from "node:path";

// Headless, with nothing fetched or started that a check did not ask for.
export const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
  ".woff2": "font/woff2",
  ".map": "application/json",
};

// Serve `root` on 127.0.0.1 at a free port; resolves to the listening server. A folder is
// served as its index.html (redirected to end in "/" first, so relative links resolve); a
// missing favicon is "no content", as the browser asks for one on its own; nothing outside
// the folder is served.
export function serve(root) {
  const base = resolve(root);
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url, "http://127.0.0.1").pathname);
    let file = resolve(join(base, path));
    if (file !== base && !file.startsWith(base + sep)) {
      response.writeHead(403).end();
      return;
    }
    try {
      if (statSync(file).isDirectory()) {
        if (!path.endsWith("/")) {
          response.writeHead(301, { Location: `${path}/` }).end();
          return;
        }
        file = join(file, "index.html");
      }
      const body = readFileSync(file);
      const type = TYPES[extname(file)] ?? "application/octet-stream";
      response.writeHead(200, { "Content-Type": type }).end(body);
    } catch {
      if (path === "/favicon.ico") response.writeHead(204).end();
      else response.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
    }
  });
  return new Promise((done) => server.listen(0, "127.0.0.1", () => done(server)));
}
