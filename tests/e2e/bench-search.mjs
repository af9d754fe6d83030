// The median query time of the WebAssembly reader in Chromium for what typing in the search box
// asks (six suggestions, no counts; the same query as the results page), what the first search
// fetches, and how large the reader's WebAssembly memory is once the index is open (it never
// shrinks back).
// Usage: node bench-search.mjs SITE_DIR [SITE_DIR …] (sites built by `cargo bench --bench search`
// with BENCH_KEEP). Prints one line per site.

import { createServer } from 'node:http';
import { readFileSync, existsSync, statSync } from 'node:fs';
import { join, extname, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' };
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
console.log('site                              open+load ms   query p50 ms   fetched bytes (raw)   wasm MiB');
for (const dir of process.argv.slice(2).map((d) => resolve(d))) {
  const server = createServer((req, res) => {
    let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (path.endsWith('/')) path += 'index.html';
    const file = join(dir, path);
    if (!existsSync(file) || statSync(file).isDirectory()) { res.writeHead(404); res.end(); return; }
    const body = readFileSync(file);
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'content-length': body.length });
    res.end(body);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const page = await browser.newPage();
  const bodies = [];
  // The length the server sent: Chromium does not hand over the body of a response as large as
  // a 100,000-entry index, so counting bodies left the index out.
  page.on('response', (r) => {
    if (/\.(wasm|bin|js)$/.test(r.url())) bodies.push(r.allHeaders().then((h) => Number(h['content-length'] ?? 0)));
  });
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  const result = await page.evaluate(async () => {
    const form = document.querySelector('form.site-search');
    const started = performance.now();
    const glue = await import(form.dataset.glue);
    const wasm = await glue.default({ module_or_path: form.dataset.wasm });
    const searcher = new glue.Searcher(new Uint8Array(await (await fetch(form.dataset.index)).arrayBuffer()));
    const ready = performance.now() - started;
    const times = [];
    // Fifteen rounds: the browser's clock counts in tenths of a millisecond, and fewer left the median to noise.
    for (let round = 0; round < 15; round += 1) {
      for (const q of ['atelier', 'repetitie', 'ruimte gent', 'teater', 'muziek', 'ateliers', 'kunst', 'samen', 'werkplaats', 'bruiklen']) {
        const t = performance.now();
        searcher.search(JSON.stringify({ q, limit: 6, facets: false, snippets: false }));
        times.push(performance.now() - t);
      }
    }
    times.sort((a, b) => a - b);
    return { ready, median: times[Math.floor(times.length / 2)], memory: wasm.memory.buffer.byteLength / 1048576 };
  });
  const bytes = (await Promise.all(bodies)).reduce((a, b) => a + b, 0);
  console.log(`${dir.slice(-32).padEnd(34)}${result.ready.toFixed(0).padStart(12)}${result.median.toFixed(2).padStart(15)}${String(bytes).padStart(22)}${result.memory.toFixed(0).padStart(11)}`);
  await page.close();
  server.close();
}
await browser.close();
