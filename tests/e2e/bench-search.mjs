// What search costs a person in Chromium, on sites built by `cargo bench --bench search` with
// BENCH_KEEP (DIR/site-<size>), served as a compressing host serves them (brotli when asked):
// - brotli bytes before the first suggestion shows, from a cold start on the home page;
// - brotli bytes before the first full results page shows, cold, on the search page;
// - bytes for 20 further different queries on that page (the index comes in parts: each
//   query fetches the parts it reads that no earlier one did);
// - the median time of a later query in the page: suggestions, and the full results page's
//   query (search-index in WebAssembly, as the page asks it);
// - the same first suggestion and first results on an emulated phone on 4G (9 Mbps, 150 ms,
//   CPU 4× slower): milliseconds from the page loaded to what shows;
// - and the peer on the same pages in the same run: Pagefind (npm `pagefind`, pinned in
//   package.json) indexes the built site into DIR/pagefind/ once; its first search is what its
//   own UI does for a query (init, search, the data of six results), then 20 more queries.
// Usage: node bench-search.mjs SITE_DIR [SITE_DIR …]. Prints one line per site and profile.

import { createServer } from 'node:http';
import { readFileSync, existsSync, statSync } from 'node:fs';
import { join, extname, resolve } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';

const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.bin': 'application/octet-stream',
  '.pagefind': 'application/octet-stream', '.pf_meta': 'application/octet-stream', '.pf_fragment': 'application/octet-stream',
  '.pf_index': 'application/octet-stream', '.pf_filter': 'application/octet-stream',
};
const pagefind = new URL('./node_modules/.bin/pagefind', import.meta.url).pathname;
const QUERIES = ['atelier', 'repetitie', 'ruimte gent', 'teater', 'muziek', 'ateliers', 'kunst', 'samen', 'werkplaats',
  'bruiklen', 'opslag', 'podium', 'dans', 'studio', 'limburg', 'gratis', 'huur', 'erfpacht', 'fotografie', 'kiosk'];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});

// A host that compresses: brotli for every response (the build's prepared copies where there are
// any, else quality 5, as hosts do on the fly), and counts what it sent.
function host(dir) {
  const cache = new Map();
  let sent = 0;
  // When each response went out, to tell what a page asked before something showed from what
  // it asked after (the counts are asked once the results show).
  let log = [];
  const server = createServer((req, res) => {
    let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (path.endsWith('/')) path += 'index.html';
    const file = join(dir, path);
    if (!existsSync(file) || statSync(file).isDirectory()) { res.writeHead(404); res.end(); return; }
    if (!cache.has(file)) {
      // What the build prepared (`--precompress`: the reader, scripts, the index heads) goes as
      // it is, as nginx's brotli_static sends it; the rest at quality 5.
      const prepared = `${file}.br`;
      cache.set(file, existsSync(prepared) ? readFileSync(prepared)
        : brotliCompressSync(readFileSync(file), { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }));
    }
    const body = cache.get(file);
    sent += body.length;
    log.push({ at: Date.now(), bytes: body.length });
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'content-encoding': 'br', 'cache-control': 'max-age=3600' });
    res.end(body);
  });
  return {
    server,
    sent: () => sent,
    sentBefore: (time) => log.filter((r) => r.at <= time).reduce((sum, r) => sum + r.bytes, 0),
    reset: () => { sent = 0; log = []; },
  };
}

async function profile(context, phone) {
  const page = await context.newPage();
  if (phone) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false, latency: 150, downloadThroughput: (9e6 / 8), uploadThroughput: (9e6 / 8),
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  }
  return page;
}

// Sites Pagefind could not index, so the second profile does not try again.
const unindexable = new Set();
console.log('site              profile   first suggestion: kB br    ms   first results: kB br    ms   with counts: kB br    ms   20 more queries kB   suggest p50 ms   results p50 ms');
for (const dir of process.argv.slice(2).map((d) => resolve(d))) {
  const served = host(dir);
  await new Promise((ok) => served.server.listen(0, '127.0.0.1', ok));
  const base = `http://127.0.0.1:${served.server.address().port}/`;
  for (const phone of [false, true]) {
    // The first suggestion, cold: a new browser profile opens the home page and types.
    let context = await browser.newContext({ viewport: phone ? { width: 390, height: 844 } : { width: 1280, height: 800 } });
    let page = await profile(context, phone);
    await page.goto(base, { waitUntil: 'load' });
    served.reset();
    let started = Date.now();
    await page.click('#zoek-kop');
    await page.keyboard.type('atelier');
    await page.waitForSelector('#zoek-kop-lijst:not([hidden]) [role=option]', { timeout: 120000 });
    const suggestMs = Date.now() - started;
    const suggestBytes = served.sent();
    // Later keystrokes: the suggestion reader in the page, timed where it runs.
    const suggestMedian = phone ? NaN : await page.evaluate(async (queries) => {
      const form = document.querySelector('form.site-search');
      const glue = await import(form.dataset.suggestGlue);
      await glue.default({ module_or_path: form.dataset.suggestWasm });
      let bytes = new Uint8Array(await (await fetch(form.dataset.suggestIndex)).arrayBuffer());
      if (bytes[0] === 0x1f) bytes = new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer());
      const suggester = new glue.Suggester(bytes);
      // Each query asked once first, fetching the parts it reads (a large index comes in parts).
      const folder = new URL(suggester.folder(), new URL(form.dataset.suggestIndex, document.baseURI));
      for (const q of queries) {
        for (;;) {
          const answer = JSON.parse(suggester.suggest(q, 6));
          if (!answer.wants) break;
          await Promise.all(answer.wants.map(async (n) => {
            const packed = new Blob([suggester.prefix(n), await (await fetch(new URL(`${n}.bin`, folder))).arrayBuffer()]);
            const inflated = await new Response(packed.stream().pipeThrough(new DecompressionStream('deflate-raw'))).arrayBuffer();
            suggester.supply(n, new Uint8Array(inflated));
          }));
        }
      }
      const times = [];
      for (let round = 0; round < 10; round += 1) {
        for (const q of queries) {
          const t = performance.now();
          suggester.suggest(q, 6);
          times.push(performance.now() - t);
        }
      }
      times.sort((a, b) => a - b);
      return times[Math.floor(times.length / 2)];
    }, QUERIES);
    await context.close();
    // The first full results page, cold.
    context = await browser.newContext({ viewport: phone ? { width: 390, height: 844 } : { width: 1280, height: 800 } });
    page = await profile(context, phone);
    // The moment the first result shows, as the page's clock has it (the same machine's).
    await page.addInitScript(() => {
      new MutationObserver((_, observer) => {
        if (!document.querySelector('#zoek-resultaten li')) return;
        window.resultsShownAt = Date.now();
        observer.disconnect();
      }).observe(document, { childList: true, subtree: true });
    });
    served.reset();
    started = Date.now();
    await page.goto(`${base}zoeken/?q=atelier`, { waitUntil: 'load' });
    await page.waitForSelector('#zoek-resultaten li', { timeout: 180000 });
    const shownAt = await page.evaluate(() => window.resultsShownAt);
    const resultsMs = shownAt - started;
    // What went out before then: the counts, asked once the results show, come after.
    const resultsBytes = served.sentBefore(shownAt);
    // The counts of the filters come next (they read every entry's filter values).
    await page.waitForSelector('#zoek-resultaten:not([aria-busy])', { timeout: 180000 });
    const countsMs = Date.now() - started;
    const countsBytes = served.sent();
    // Twenty more different queries on that page: each typed into its box, done when its
    // results and counts show (the list is aria-busy until then).
    served.reset();
    for (const q of [...QUERIES.slice(1), 'kunstenaar']) {
      await page.fill('#zoek', q);
      await page.waitForFunction((want) => new URLSearchParams(window.location.search).get('q') === want
        && !document.getElementById('zoek-resultaten').hasAttribute('aria-busy'), q, { timeout: 60000 });
    }
    const moreBytes = served.sent();
    // A later query in the page: the full reader as the page asks it, its parts at hand (each
    // query asked once first, fetching what it reads).
    const resultsMedian = phone ? NaN : await page.evaluate(async (queries) => {
      const form = document.querySelector('form.site-search');
      const glue = await import(form.dataset.glue);
      await glue.default({ module_or_path: form.dataset.wasm });
      const unpack = async (response) => {
        const bytes = new Uint8Array(await response.arrayBuffer());
        if (bytes[0] !== 0x1f) return bytes;
        return new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer());
      };
      const head = await unpack(await fetch(form.dataset.index));
      const searcher = new glue.Searcher(head);
      const folder = new URL(searcher.folder(), new URL(form.dataset.index, document.baseURI));
      const ask = async (json) => {
        for (;;) {
          const answer = JSON.parse(searcher.search(json));
          if (!answer.wants) return;
          await Promise.all(answer.wants.map(async (n) => {
            const packed = new Blob([searcher.prefix(n), await (await fetch(new URL(`${n}.bin`, folder))).arrayBuffer()]);
            const inflated = await new Response(packed.stream().pipeThrough(new DecompressionStream('deflate-raw'))).arrayBuffer();
            searcher.supply(n, new Uint8Array(inflated));
          }));
        }
      };
      const request = (q) => JSON.stringify({ q, limit: 20, facets: false });
      for (const q of queries) await ask(request(q));
      const all = [];
      for (let round = 0; round < 5; round += 1) {
        for (const q of queries) {
          const t = performance.now();
          searcher.search(request(q));
          all.push(performance.now() - t);
        }
      }
      all.sort((a, b) => a - b);
      return all[Math.floor(all.length / 2)];
    }, QUERIES);
    await context.close();
    // Pagefind on the same pages, the same profile: a cold start on the home page.
    let peer = '';
    if (existsSync(pagefind) && !existsSync(join(dir, 'pagefind/pagefind.js')) && !unindexable.has(dir)) {
      // Pagefind may not index a site this large (it exits with an error at 100,000 pages here).
      try {
        execFileSync(pagefind, ['--site', dir, '--output-subdir', 'pagefind'], { stdio: 'ignore' });
      } catch (e) {
        unindexable.add(dir);
      }
    }
    if (unindexable.has(dir)) {
      peer = '   Pagefind: could not index this site (it exits with an error)';
    } else if (existsSync(join(dir, 'pagefind/pagefind.js'))) {
      context = await browser.newContext({ viewport: phone ? { width: 390, height: 844 } : { width: 1280, height: 800 } });
      page = await profile(context, phone);
      await page.goto(base, { waitUntil: 'load' });
      served.reset();
      const t = Date.now();
      const search = (queries) => page.evaluate(async (qs) => {
        window.pf = window.pf || await import('/pagefind/pagefind.js');
        await window.pf.init();
        for (const q of qs) {
          const found = await window.pf.search(q);
          await Promise.all(found.results.slice(0, 6).map((r) => r.data()));
        }
      }, queries);
      await search(['atelier']);
      const pfMs = Date.now() - t;
      const pfFirst = served.sent();
      served.reset();
      await search(QUERIES);
      const pfMore = served.sent();
      peer = `   Pagefind: first ${(pfFirst / 1000).toFixed(1)} kB ${pfMs} ms, 20 more ${(pfMore / 1000).toFixed(1)} kB`;
      await context.close();
    }
    const kB = (n) => (n / 1000).toFixed(1);
    console.log(`${dir.split('/').slice(-1)[0].padEnd(18)}${(phone ? '4G phone' : 'desktop').padEnd(10)}${kB(suggestBytes).padStart(24)}${String(suggestMs).padStart(6)}${kB(resultsBytes).padStart(23)}${String(resultsMs).padStart(6)}${kB(countsBytes).padStart(21)}${String(countsMs).padStart(6)}${kB(moreBytes).padStart(21)}${(Number.isNaN(suggestMedian) ? '-' : suggestMedian.toFixed(2)).padStart(17)}${(Number.isNaN(resultsMedian) ? '-' : resultsMedian.toFixed(2)).padStart(17)}${peer}`);
  }
  served.server.close();
}
await browser.close();
