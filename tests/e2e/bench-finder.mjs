// What a cold browser fetches to show the list of spaces as a finder, and what one filter then
// costs: bytes as the server sent them and as brotli would (quality 11, what a host's static
// `.br` files or Netlify send), per site. The list page must not grow with the directory.
// Usage: node bench-finder.mjs SITE_DIR [SITE_DIR …] (sites built by `cargo bench --bench
// search` with BENCH_KEEP, in DIR/site-<size>). Prints one line per site.

import { createServer } from 'node:http';
import { readFileSync, existsSync, statSync } from 'node:fs';
import { join, extname, resolve } from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.wasm': 'application/wasm',
};
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const kB = (n) => (n / 1000).toFixed(1).padStart(8);
console.log('site                 entries  cards shown   first view: files   raw kB    br kB   of which filters.json br kB   one filter: files   br kB');
for (const dir of process.argv.slice(2).map((d) => resolve(d))) {
  // The server counts what it sends, and what brotli would make of it.
  let sent = [];
  const server = createServer((req, res) => {
    let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (path.endsWith('/')) path += 'index.html';
    const file = join(dir, path);
    if (!existsSync(file) || statSync(file).isDirectory()) { res.writeHead(404); res.end(); return; }
    const body = readFileSync(file);
    sent.push({ path, raw: body.length, br: brotliCompressSync(body).length });
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    res.end(body);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await page.goto(`http://127.0.0.1:${server.address().port}/ruimtes/`);
  await page.waitForSelector('#vinder-paneel:not([hidden])', { timeout: 120000 });
  await page.waitForLoadState('networkidle');
  const first = [...sent];
  const entries = await page.evaluate(async () => (await (await fetch(document.getElementById('vinder').dataset.data)).json()).entries.length);
  const cards = await page.$$eval('#vinder-resultaten .card', (els) => els.length);
  // One filter: the first place in the list, with the panel open.
  sent = [];
  await page.click('#vinder-paneel summary');
  await page.click('input[name=place]');
  await page.waitForLoadState('networkidle');
  const filtered = sent;
  const sum = (list, key) => list.reduce((n, f) => n + f[key], 0);
  const data = first.filter((f) => f.path.endsWith('filters.json'));
  console.log(`${dir.split('/').slice(-1)[0].padEnd(20)} ${String(entries).padStart(7)} ${String(cards).padStart(12)} ${String(first.length).padStart(19)} ${kB(sum(first, 'raw'))} ${kB(sum(first, 'br'))} ${kB(sum(data, 'br')).padStart(29)} ${String(filtered.length).padStart(19)} ${kB(sum(filtered, 'br'))}`);
  await page.close();
  server.close();
}
await browser.close();
