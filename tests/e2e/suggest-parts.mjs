// The header's suggestions on a directory large enough that their index travels in parts: the
// box fetches the head, then the parts its words need, and suggests what `ruimte search
// --suggest` suggests from the same content. A missing part makes the box say so.
// Usage: node suggest-parts.mjs SITE_ROOT SUB_PATH CONTENT   (SITE_ROOT/SUB_PATH holds the site
// built from CONTENT with --base-url /SUB_PATH/ and RUIMTE_TODAY as below).

import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checks, expect, launch, serveStatic } from './checks.mjs';

const [root, sub, content] = process.argv.slice(2);
const { base, server } = await serveStatic(root, sub);
const { check, tally } = checks();
const shots = process.env.SCREENSHOTS ?? new URL('./screenshots/', import.meta.url).pathname;
mkdirSync(shots, { recursive: true });
const browser = await launch();

const repo = new URL('../../', import.meta.url).pathname;
const ruimte = process.env.RUIMTE ?? `${repo}target/release/ruimte`;
function nativeSuggestions(q) {
  const run = spawnSync(ruimte, ['search', '--suggest', '--json', '--limit', '6', '--content', content, q],
    { cwd: repo, encoding: 'utf8', env: { ...process.env, RUIMTE_TODAY: process.env.RUIMTE_TODAY ?? '2026-11-22' } });
  if (run.status !== 0) throw new Error(`ruimte search --suggest: ${run.stderr}`);
  return JSON.parse(run.stdout).hits.map((h) => `/${sub}/${h.url}`);
}

// Every request for a part of the suggestion index.
const parts = [];
const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
page.on('request', (r) => { if (r.url().includes('/search/suggest/')) parts.push(new URL(r.url()).pathname); });

async function suggest(view, q) {
  await view.fill('#zoek-kop', '');
  await view.click('#zoek-kop');
  await view.keyboard.type(q);
  const all = `#zoek-kop-lijst:not([hidden]) #zoek-kop-alles[data-href$="?q=${encodeURIComponent(q)}"]`;
  await view.waitForSelector(all, { timeout: 20000 });
  return view.$$eval('#zoek-kop-lijst [role=option]:not(.all)', (els) => els.map((e) => e.dataset.href));
}

// A whole title, as a contributor named it: the entry must come first.
const spaces = join(content, 'spaces');
const someSpace = readFileSync(join(spaces, readdirSync(spaces).sort()[7]), 'utf8');
const title = someSpace.match(/^(?:title|name): (.*)$/m)[1].replace(/^"|"$/g, '');

await check('the suggestion index travels in parts here: a head, then parts', async () => {
  const folders = readdirSync(join(root, sub, 'search/suggest'));
  expect(folders.length === 1, `one folder of parts: ${folders.join(' ')}`);
  expect(readdirSync(join(root, sub, 'search/suggest', folders[0])).length > 20, 'many parts');
});

await check('the suggestions from parts are what `ruimte search --suggest` gives', async () => {
  await page.goto(base);
  for (const q of ['atelier', 'repetitieruimte gent', 'ateleir', 'gand', 'salle de répétition', title]) {
    const hrefs = await suggest(page, q);
    const native = nativeSuggestions(q);
    expect(native.length > 0 && JSON.stringify(hrefs) === JSON.stringify(native), `${q}: browser ${hrefs.join(' ')}; native ${native.join(' ')}`);
  }
  await page.screenshot({ path: join(shots, 'suggest-parts-phone.png') });
});

await check('a whole title suggests its entry first', async () => {
  const hrefs = await suggest(page, title);
  const slug = readdirSync(spaces).sort()[7].replace(/\.md$/, '');
  expect(hrefs[0]?.includes(`/${slug}/`), `${title}: ${hrefs.join(' ')}`);
});

await check('each part is fetched once, and a word fetches few of them', async () => {
  const total = readdirSync(join(root, sub, 'search/suggest', readdirSync(join(root, sub, 'search/suggest'))[0])).length;
  expect(new Set(parts).size === parts.length, `a part was fetched twice: ${parts.join(' ')}`);
  expect(parts.length > 0 && parts.length < total / 3, `${parts.length} of ${total} parts for seven queries`);
  const before = parts.length;
  await suggest(page, 'atelier');
  expect(parts.length === before, 'asking again fetched parts again');
});

await check('a missing part makes the box say so, and Enter still searches', async () => {
  const broken = await browser.newPage();
  await broken.route('**/search/suggest/**', (route) => route.fulfill({ status: 404, body: '' }));
  await broken.goto(base);
  await broken.click('#zoek-kop');
  await broken.keyboard.type('atelier');
  await broken.waitForFunction(() => /lukt/.test(document.getElementById('zoek-kop-bezig').textContent), null, { timeout: 15000 });
  expect(await broken.isVisible('#zoek-kop-bezig'), 'the message is visible');
  await Promise.all([broken.waitForNavigation(), broken.keyboard.press('Enter')]);
  expect(broken.url().startsWith(`${base}zoeken/?q=atelier`), `Enter still searches: ${broken.url()}`);
  await broken.close();
});

await browser.close();
server.kill();
console.log(`${tally.passed} passed, ${tally.failed} failed`);
process.exit(tally.failed > 0 ? 1 : 0);
