// The built site behind nginx, with the repository's nginx config, under a sub-path: the home page,
// a space page and the search, with the production headers and the wasm's MIME type.
// Usage: node nginx.mjs BASE_URL   (e.g. http://127.0.0.1:8080/ruimte/, served by .ci/run).
// Prints "N passed, M failed"; exits 1 on failure.

import { get } from 'node:http';
import { connect } from 'node:net';
import { checks, expect, launch } from './checks.mjs';

const base = process.argv[2];
const { check, tally } = checks();

const browser = await launch();
const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
const problems = [];
page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
const responses = [];
page.on('response', (r) => responses.push(r));

await check('the home page is served with the page policy and security headers', async () => {
  const response = await page.goto(base);
  expect(response.status() === 200, `status ${response.status()}`);
  const headers = response.headers();
  expect((headers['content-security-policy'] ?? '').includes("frame-ancestors 'none'"), `CSP: ${headers['content-security-policy']}`);
  expect(headers['x-content-type-options'] === 'nosniff', 'nosniff');
  expect((headers['cache-control'] ?? '').includes('no-cache'), `HTML is revalidated: ${headers['cache-control']}`);
  expect((await page.textContent('h1')).length > 0, 'a heading');
});

await check('a space page opens from the list of spaces', async () => {
  await page.goto(`${base}ruimtes/`);
  const href = await page.getAttribute('.cards a.card-title', 'href');
  expect(href.startsWith('/ruimte/ruimtes/'), `link ${href}`);
  const response = await page.goto(new URL(href, base).href);
  expect(response.status() === 200, `status ${response.status()}`);
  expect(await page.isVisible('dl.facts'), 'the facts are shown');
});

await check('search works, with the reader served as application/wasm and cached for good', async () => {
  await page.click('#zoek-kop');
  await page.keyboard.type('atelier');
  await page.waitForSelector('#zoek-kop-lijst:not([hidden]) [role=option]', { timeout: 15000 });
  const wasm = responses.find((r) => r.url().endsWith('.wasm'));
  expect(wasm, 'the wasm was fetched');
  expect(wasm.headers()['content-type'] === 'application/wasm', `wasm type: ${wasm.headers()['content-type']}`);
  expect(/max-age=\d{7,}/.test(wasm.headers()['cache-control'] ?? ''), `wasm caching: ${wasm.headers()['cache-control']}`);
  expect(['gzip', 'br'].includes(wasm.headers()['content-encoding']), `the reader is sent compressed: ${wasm.headers()['content-encoding']}`);
  const script = responses.find((r) => /\/static\/search\.[0-9a-f]+\.js$/.test(r.url()));
  expect(script && ['gzip', 'br'].includes(script.headers()['content-encoding']), 'the script is sent compressed');
  const index = responses.find((r) => r.url().endsWith('.bin'));
  expect(index && index.status() === 200, 'the index was fetched');
});

await check('the search page reads parts of the index, cached for good, behind a head that is revalidated', async () => {
  await page.goto(`${base}zoeken/?q=atelier`);
  await page.waitForSelector('#zoek-resultaten:not([aria-busy]) li', { timeout: 15000 });
  const head = responses.find((r) => r.url().endsWith('/search/index.bin'));
  expect(head && head.status() === 200, 'the head was fetched');
  expect((head.headers()['cache-control'] ?? '').includes('no-cache'), `the head is revalidated: ${head.headers()['cache-control']}`);
  const parts = responses.filter((r) => r.url().includes('/search/parts/'));
  expect(parts.length > 0 && parts.every((r) => r.status() === 200), `parts: ${parts.map((r) => r.status()).join(' ')}`);
  expect(parts.every((r) => /max-age=\d{7,}/.test(r.headers()['cache-control'] ?? '')), `parts caching: ${parts[0]?.headers()['cache-control']}`);
});

// A response as it travels: its encoding and its bytes, not decoded.
const raw = (url, encoding) => new Promise((done, fail) => {
  get(url, { headers: { 'accept-encoding': encoding } }, (res) => {
    let bytes = 0;
    res.on('data', (chunk) => { bytes += chunk.length; });
    res.on('end', () => done({ status: res.statusCode, encoding: res.headers['content-encoding'], bytes }));
  }).on('error', fail);
});

await check('the reader goes as the build prepared it: brotli where asked, else its gzip copy', async () => {
  const wasm = responses.find((r) => /ruimte_search_bg\.[0-9a-f]+\.wasm$/.test(r.url())).url();
  const [br, gz, plain, gzCopy, brCopy] = await Promise.all([
    raw(wasm, 'br'), raw(wasm, 'gzip'), raw(wasm, 'identity'), raw(`${wasm}.gz`, 'identity'), raw(`${wasm}.br`, 'identity'),
  ]);
  expect(br.encoding === 'br' && br.bytes === brCopy.bytes, `brotli: ${br.encoding}, ${br.bytes} bytes; the copy ${brCopy.bytes}`);
  expect(gz.encoding === 'gzip' && gz.bytes === gzCopy.bytes, `gzip: ${gz.encoding}, ${gz.bytes} bytes; the copy ${gzCopy.bytes}`);
  // A third or less: the reader compresses to about 27% of itself (it was 22% with code the
  // browser never ran, since cut out).
  expect(plain.encoding === undefined && br.bytes * 3 < plain.bytes, `brotli ${br.bytes} of ${plain.bytes} bytes`);
});

await check('the index heads go as the build prepared them: brotli of their bytes, smaller than gzipped', async () => {
  for (const name of ['index.bin', 'suggest.bin']) {
    const url = `${base}search/${name}`;
    const [br, plain, brCopy] = await Promise.all([raw(url, 'br'), raw(url, 'identity'), raw(`${url}.br`, 'identity')]);
    expect(br.encoding === 'br' && br.bytes === brCopy.bytes, `${name} brotli: ${br.encoding}, ${br.bytes} bytes; the copy ${brCopy.bytes}`);
    expect(plain.encoding === undefined && br.bytes < plain.bytes, `${name}: brotli ${br.bytes}, gzipped inside ${plain.bytes}`);
  }
  // The page took the head as the browser decoded it: the search above showed results.
  const head = responses.find((r) => r.url().endsWith('/search/index.bin'));
  expect(head.headers()['content-encoding'] === 'br', `the page got the head as ${head.headers()['content-encoding']}`);
});

await check('no console errors and no policy violations', async () => {
  expect(problems.length === 0, problems.join('\n'));
});

await check('an unknown address gets the site\'s 404 page with status 404', async () => {
  const response = await page.goto(`${base}bestaat-niet/`);
  expect(response.status() === 404, `status ${response.status()}`);
  expect((await page.content()).includes('<main'), 'the site\'s own 404 page');
});

await check('paths that climb out of the site are refused', async () => {
  // Sent as written: fetch() and browsers would tidy `..` away before it reaches the server.
  const { hostname, port, pathname } = new URL(base);
  for (const path of ['../../../../etc/passwd', '..%2f..%2f..%2fetc%2fpasswd', '%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    'static/../../../../etc/passwd']) {
    const reply = await new Promise((ok, fail) => {
      const socket = connect(Number(port), hostname, () => {
        socket.write(`GET ${pathname}${path} HTTP/1.1\r\nHost: ${hostname}\r\nConnection: close\r\n\r\n`);
      });
      let text = '';
      socket.on('data', (d) => { text += d; });
      socket.on('end', () => ok(text));
      socket.on('error', fail);
    });
    const status = Number(reply.split(' ')[1]);
    expect(!reply.includes('root:'), `${path} leaked a file`);
    expect([301, 400, 403, 404].includes(status), `${path}: status ${status}`);
  }
});

await browser.close();
console.log(`${tally.passed} passed, ${tally.failed} failed`);
process.exit(tally.failed === 0 ? 0 : 1);
