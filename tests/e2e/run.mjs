// Browser checks of a built site: one page of every page type goes through axe-core (WCAG 2.1 AA,
// light and dark colour scheme, desktop and phone width) in headless Chromium, and through the Nu
// HTML Checker. Usage: node run.mjs PUBLIC_DIR. Prints "N passed, M failed" and exits 1 on failure.

import { createServer } from 'node:http';
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, extname, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const root = resolve(process.argv[2] ?? '../../public');
const types = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.svg': 'image/svg+xml',
  '.json': 'application/json', '.xml': 'application/xml', '.wasm': 'application/wasm', '.txt': 'text/plain',
  '.csv': 'text/csv', '.geojson': 'application/geo+json',
};

function firstFolder(section) {
  const dir = join(root, section);
  const names = readdirSync(dir).filter((n) => n !== 'pagina' && statSync(join(dir, n)).isDirectory()).sort();
  if (names.length === 0) throw new Error(`no pages under ${section}/`);
  return `${section}/${names[0]}/`;
}

// One page of every page type.
const pages = {
  home: '',
  space: firstFolder('ruimtes'),
  practice: firstFolder('praktijken'),
  guide: firstFolder('gidsen'),
  page: existsSync(join(root, 'over')) ? 'over/' : null,
  list: 'ruimtes/',
  // The finder with a choice from the address, its panel opened (it folds on a phone).
  'list filtered': 'ruimtes/?kind=atelier&sort=name',
  'practice list': 'praktijken/',
  'facet index': 'plaatsen/',
  'facet page': firstFolder('plaatsen'),
  comparison: 'vergelijking/',
  'comparison pair': 'vergelijking/bruikleen/huur/',
  // A family's page narrowed by the script to three guides.
  'comparison narrowed': 'vergelijking/gebruik/?gidsen=bruikleen,huur,erfpacht',
  'chooser question': 'vergelijking/kiezen/ander/kort/',
  'chooser result': 'vergelijking/kiezen/ander/kort/samen/delen/weinig/',
  map: 'kaart/',
  'province map': 'kaart/oost-vlaanderen/',
  'open data': 'data/',
  search: 'zoeken/',
  // With results, filters and counts drawn by the script, and with the suggestions open.
  'search results': 'zoeken/?q=atelier',
  'open suggestions': '?suggest=atelier',
  request: firstFolder('vragen'),
  'request list': 'vragen/',
  figures: 'cijfers/',
  'not found': '404.html',
};

const server = createServer((req, res) => {
  let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  if (path.endsWith('/')) path += 'index.html';
  const file = join(root, path);
  if (!file.startsWith(root) || !existsSync(file) || statSync(file).isDirectory()) {
    res.writeHead(404, { 'content-type': types['.html'] });
    res.end(readFileSync(join(root, '404.html')));
    return;
  }
  res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
  res.end(readFileSync(file));
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const base = `http://127.0.0.1:${server.address().port}/`;

let passed = 0;
let failed = 0;
const fail = (what, detail) => { failed += 1; console.log(`FAIL ${what}\n${detail}`); };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--disable-quic'],
});
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const variants = [
  { name: 'light, desktop', colorScheme: 'light', viewport: { width: 1280, height: 900 } },
  { name: 'dark, desktop', colorScheme: 'dark', viewport: { width: 1280, height: 900 } },
  { name: 'light, phone', colorScheme: 'light', viewport: { width: 375, height: 740 } },
];
for (const variant of variants) {
  // axe-core is injected as an inline script, which the site's own policy (rightly) forbids;
  // search.mjs checks that policy.
  const context = await browser.newContext({ colorScheme: variant.colorScheme, viewport: variant.viewport, bypassCSP: true });
  const page = await context.newPage();
  const external = [];
  page.on('request', (r) => { if (!r.url().startsWith(base)) external.push(r.url()); });
  // Every page type in Dutch; in French and English too, on a desktop and a phone.
  const languages = variant.colorScheme === 'dark' ? [''] : ['', 'fr/', 'en/'];
  for (const [type, path, language] of Object.entries(pages).flatMap(([t, p]) => languages.map((l) => [t, p, l]))) {
    if (path === null) continue;
    const what = `axe ${type} (/${language}${path}, ${variant.name})`;
    await page.goto(base + language + path, { waitUntil: 'load' });
    if (path.startsWith('ruimtes/') && !path.slice(8).includes('/') || path === 'praktijken/') {
      await page.waitForSelector('#vinder-paneel:not([hidden])', { timeout: 15000 });
      await page.evaluate(() => { document.getElementById('vinder-paneel').open = true; });
    } else if (path.includes('?q=')) {
      await page.waitForSelector('#zoek-resultaten li', { timeout: 15000 });
    } else if (path.startsWith('?suggest=')) {
      await page.click('#zoek-kop');
      await page.keyboard.type(new URLSearchParams(path.slice(1)).get('suggest'));
      await page.waitForSelector('#zoek-kop-lijst:not([hidden]) [role=option]', { timeout: 15000 });
      await page.keyboard.press('ArrowDown');
    }
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(async () =>
      // eslint-disable-next-line no-undef
      axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
        // Not WCAG, but a screen reader's list of landmarks needs each to have its own name.
        rules: { 'landmark-unique': { enabled: true } },
      }));
    if (result.violations.length === 0) {
      passed += 1;
    } else {
      fail(what, result.violations.map((v) => `  ${v.id}: ${v.help}\n    ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('\n    ')}`).join('\n'));
    }
  }
  if (external.length > 0) fail(`no third-party requests (${variant.name})`, external.join('\n'));
  else passed += 1;
  await context.close();
}
await browser.close();
server.close();

// The Nu HTML Checker on the same pages (and the stylesheet).
const files = Object.values(pages).filter((p) => p !== null && !p.includes('?'))
  .flatMap((p) => ['', 'fr/', 'en/'].map((l) => join(root, l, p.endsWith('.html') ? p : `${p}index.html`)));
const css = readdirSync(join(root, 'static')).filter((n) => n.endsWith('.css')).map((n) => join(root, 'static', n));
const vnu = require.resolve('vnu-jar/build/dist/vnu.jar');
let report;
try {
  execFileSync('java', ['-jar', vnu, '--errors-only', '--also-check-css', '--format', 'json', ...files, ...css], { stdio: 'pipe' });
  report = { messages: [] };
} catch (e) {
  try {
    report = JSON.parse(e.stderr.toString());
  } catch {
    report = { messages: [{ url: 'vnu', message: e.stderr?.toString() || String(e) }] };
  }
}
const errors = report.messages.filter((m) => m.type === 'error' || m.type === undefined);
for (const file of [...files, ...css]) {
  const mine = errors.filter((m) => m.url === `file:${file}`);
  if (mine.length === 0) passed += 1;
  else fail(`vnu ${file.slice(root.length)}`, mine.map((m) => `  line ${m.lastLine}: ${m.message}`).join('\n'));
}
const checked = [...files, ...css].map((f) => `file:${f}`);
const stray = errors.filter((m) => !checked.includes(m.url));
if (stray.length > 0) fail('vnu', stray.map((m) => `  ${m.message}`).join('\n'));

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
