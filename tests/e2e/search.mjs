// Search in a real browser, on a site served by a real static server under a sub-path.
// Usage: node search.mjs SITE_ROOT SUB_PATH   (SITE_ROOT/SUB_PATH holds the site built with
// --base-url /SUB_PATH/). Prints "N passed, M failed"; exits 1 on failure.

import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { checks, expect, launch, serveStatic } from './checks.mjs';

const [root, sub] = [process.argv[2], process.argv[3] ?? 'ruimte'];
const { base, server } = await serveStatic(root, sub);

const { check, tally } = checks();

// Screenshots for people to look at: CI keeps this folder.
const shots = process.env.SCREENSHOTS ?? new URL('./screenshots/', import.meta.url).pathname;
mkdirSync(shots, { recursive: true });

const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
const problems = [];
page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
const fetched = [];
page.on('request', (r) => fetched.push(r.url()));
await page.addInitScript(() => {
  document.addEventListener('securitypolicyviolation', (e) => {
    window.cspViolations = (window.cspViolations || 0) + 1;
    console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
  });
});

await check('the reader and the index are not fetched before the search box is used', async () => {
  await page.goto(base);
  expect(!fetched.some((u) => u.endsWith('.wasm') || u.endsWith('.bin')), `fetched early: ${fetched.join(', ')}`);
});

await check('typing in the header suggests results; arrow keys and Enter open one', async () => {
  await page.click('#zoek-kop');
  await page.keyboard.type('repetitie');
  // The list is built anew as the words grow; on a busy machine it can show for "r" before the
  // rest is typed. Read it once it is the list for the whole word (its last option links there).
  await page.waitForSelector('#zoek-kop-lijst:not([hidden]) #zoek-kop-alles[data-href$="?q=repetitie"]', { timeout: 15000 });
  const options = await page.$$eval('#zoek-kop-lijst [role=option]', (els) => els.map((e) => e.textContent));
  expect(options.some((o) => o.includes('Repetitieruimtes JC Kompas')), `suggestions: ${options.join(' | ')}`);
  expect(await page.getAttribute('#zoek-kop', 'aria-expanded') === 'true', 'the combobox says it is expanded');
  const index = options.findIndex((o) => o.includes('Repetitieruimtes JC Kompas'));
  for (let i = 0; i <= index; i += 1) await page.keyboard.press('ArrowDown');
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  expect(page.url() === `${base}ruimtes/jc-kompas-repetitieruimtes/`, `went to ${page.url()}`);
});

await check('the search page takes ?q=, forgives a typo and shows highlighted snippets', async () => {
  await page.goto(`${base}zoeken/?q=bruiklen`);
  await page.waitForFunction(() => document.querySelectorAll('#zoek-resultaten li').length > 0, null, { timeout: 15000 });
  const first = await page.textContent('#zoek-resultaten li h2');
  expect(first.includes('Bruikleen'), `first result: ${first}`);
  expect(await page.isHidden('#zoek-nojs'), 'the no-JavaScript links hide once search works');
  const status = await page.textContent('#zoek-status');
  expect(/\d+ resultaten?|1 resultaat/.test(status), `status: ${status}`);
});

await check('a filter narrows the results, counts stay visible, the address keeps it', async () => {
  await page.goto(`${base}zoeken/?q=atelier`);
  await page.waitForSelector('#filter-type-space', { timeout: 15000 });
  const before = await page.$$eval('#zoek-resultaten li', (els) => els.length);
  await page.check('#filter-type-space');
  await page.waitForFunction(() => window.location.search.includes('type=space'));
  const badges = await page.$$eval('#zoek-resultaten li .badge', (els) => els.map((e) => e.textContent));
  expect(badges.length > 0 && badges.length <= before, `results ${before} -> ${badges.length}`);
  expect(badges.every((b) => b === 'Ruimte'), `types: ${badges.join(', ')}`);
  expect(await page.isVisible('label[for=filter-type-practice]'), 'other types can still be chosen');
  await Promise.all([page.waitForNavigation(), page.click('#zoek-resultaten li h2 a')]);
  expect(page.url().startsWith(`${base}ruimtes/`), `followed to ${page.url()}`);
  expect((await page.textContent('h1')).length > 0, 'the result page has a title');
});

await check('the suggestions hold no control inside a control: options are text, not links', async () => {
  await page.goto(base);
  await suggest('atelier');
  expect(await page.$$eval('#zoek-kop-lijst [role=option] a', (els) => els.length) === 0, 'links inside options');
});

await check('on a phone the first result is on the first screen, the filters fold into one line', async () => {
  const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await phone.goto(`${base}zoeken/?q=${encodeURIComponent('repetitieruimte gent')}`);
  await phone.waitForFunction(() => document.querySelectorAll('#zoek-resultaten li').length > 0, null, { timeout: 15000 });
  const top = await phone.$eval('#zoek-resultaten li', (li) => li.getBoundingClientRect().top);
  expect(top < 844, `the first result starts at ${top} px`);
  expect(await phone.isVisible('#zoek-filterpaneel summary'), 'a Filters line');
  expect(!(await phone.isVisible('#filter-type-space')), 'the filters are folded');
  expect(!(await phone.isVisible('#zoek-kop')), 'no second search box');
  await phone.screenshot({ path: `${shots}search-390.png` });
  await phone.click('#zoek-filterpaneel summary');
  expect(await phone.isVisible('#filter-type-space'), 'the filters unfold');
  await phone.close();
});

await check('ticking a filter with the keyboard keeps the focus on it', async () => {
  await page.goto(`${base}zoeken/?q=atelier`);
  await page.waitForSelector('#filter-type-space', { timeout: 15000 });
  await page.focus('#filter-type-space');
  await page.keyboard.press('Space');
  await page.waitForFunction(() => window.location.search.includes('type=space'));
  const focused = await page.evaluate(() => document.activeElement?.id);
  expect(focused === 'filter-type-space', `focus on ${focused}`);
  expect(/Filters|Verfijnen/.test(await page.textContent('#zoek-filterpaneel summary')), 'the panel is named');
});

await check('every value of a long filter can be reached: show all, and narrow the list', async () => {
  await page.goto(`${base}zoeken/?q=ruimte`);
  await page.waitForSelector('#zoek-filters fieldset', { timeout: 15000 });
  const more = await page.$('#filter-place-meer');
  expect(more !== null, 'more places than the first twelve, behind a button');
  const before = await page.$$eval('input[name=place]', (els) => els.length);
  await page.click('#filter-place-meer');
  const after = await page.$$eval('input[name=place]', (els) => els.length);
  expect(after > before, `places ${before} -> ${after}`);
  await page.fill('#filter-place-zoek', 'gen');
  const narrowed = await page.$$eval('input[name=place]', (els) => els.map((e) => e.value));
  expect(narrowed.length > 0 && narrowed.every((v) => v.includes('gen')), `narrowed to ${narrowed.join(', ')}`);
});

await check('with nothing found, the page offers to drop a filter, else the lists', async () => {
  // No entry is known to be wheelchair accessible yet.
  await page.goto(`${base}zoeken/?q=repetitieruimte&wheelchair=ja`);
  await page.waitForFunction(() => !document.getElementById('zoek-anders').hidden, null, { timeout: 15000 });
  const offers = await page.$$eval('#zoek-anders a', (els) => els.map((e) => e.textContent));
  expect(offers.some((o) => o.startsWith('Zonder')), `offers: ${offers.join(' | ')}`);
  await page.click('#zoek-anders a >> text=Zonder');
  await page.waitForFunction(() => document.querySelectorAll('#zoek-resultaten li').length > 0, null, { timeout: 15000 });
  expect(!page.url().includes('wheelchair'), `address ${page.url()}`);
  await page.goto(`${base}zoeken/?q=qqxqqzz`);
  await page.waitForFunction(() => !document.getElementById('zoek-anders').hidden, null, { timeout: 15000 });
  const lists = await page.$$eval('#zoek-anders a', (els) => els.map((e) => e.textContent));
  expect(lists.includes('Ruimtes'), `lists: ${lists.join(' | ')}`);
});

await check('the home page asks what and where, and its answer opens the search page filtered', async () => {
  await page.goto(base);
  await page.fill('#thuis-wat', 'repetitieruimte');
  await page.selectOption('#thuis-waar', 'sint-niklaas');
  await Promise.all([page.waitForNavigation(), page.click('form.home-search button')]);
  await page.waitForFunction(() => document.querySelectorAll('#zoek-resultaten li').length > 0, null, { timeout: 15000 });
  const url = new URL(page.url());
  expect(url.searchParams.get('place') === 'sint-niklaas', `address ${page.url()}`);
  const places = await page.$$eval('#zoek-resultaten li .card-meta', (els) => els.map((e) => e.textContent));
  expect(places.every((p) => p.includes('Sint-Niklaas')), `places: ${places.join(' | ')}`);
  expect(await page.isChecked('#filter-place-sint-niklaas'), 'the place is a chosen filter');
  // "Overal" sends an empty place, which chooses nothing.
  await page.goto(`${base}zoeken/?q=repetitieruimte&place=`);
  await page.waitForFunction(() => document.querySelectorAll('#zoek-resultaten li').length > 0, null, { timeout: 15000 });
});

await check('accents and compounds: creeren and ruimte find their entries', async () => {
  await page.goto(`${base}zoeken/?q=ruimte`);
  await page.waitForFunction(() => document.querySelectorAll('#zoek-resultaten li').length > 0, null, { timeout: 15000 });
  const titles = await page.$$eval('#zoek-resultaten li h2', (els) => els.map((e) => e.textContent));
  expect(titles.some((t) => /repetitieruimte/i.test(t)), `ruimte: ${titles.slice(0, 8).join(' | ')}`);
});


/// The header's suggestions for `q`, once they are the list for the whole query.
async function suggest(q) {
  await page.fill('#zoek-kop', '');
  await page.click('#zoek-kop');
  await page.keyboard.type(q);
  const all = `#zoek-kop-lijst:not([hidden]) #zoek-kop-alles[data-href$="?q=${encodeURIComponent(q)}"]`;
  await page.waitForSelector(all, { timeout: 15000 });
  const badges = await page.$$eval('#zoek-kop-lijst [role=option] .badge', (els) => els.map((e) => e.textContent));
  const hrefs = await page.$$eval('#zoek-kop-lijst [role=option]:not(.all)', (els) => els.map((e) => e.dataset.href));
  return { badges, hrefs };
}

// What `ruimte search --suggest` answers from the same content: the browser's reader must give
// the very same entries in the same order.
const repo = new URL('../../', import.meta.url).pathname;
const ruimte = process.env.RUIMTE ?? `${repo}target/release/ruimte`;
function nativeHits(q) {
  const run = spawnSync(ruimte, ['search', '--suggest', '--json', '--limit', '6', q], { cwd: repo, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`ruimte search --suggest: ${run.stderr}`);
  return JSON.parse(run.stdout).hits;
}
const nativeSuggestions = (q) => nativeHits(q).map((h) => `/${sub}/${h.url}`);

await check('the suggestions are what `ruimte search --suggest` gives, in every language asked', async () => {
  for (const q of ['oefenruimte', 'atelier brussel', 'salle de répétition', 'rehearsal space', 'repetitieruimte gnet', 'gand', 'ateleir']) {
    await page.goto(base);
    const { badges, hrefs } = await suggest(q);
    const native = nativeSuggestions(q);
    expect(native.length > 0 && JSON.stringify(hrefs) === JSON.stringify(native), `${q}: browser ${hrefs.join(' ')}; native ${native.join(' ')}`);
    expect(badges.every((b) => !['space', 'practice', 'guide', 'request'].includes(b)), `${q}: types ${badges.join(', ')}`);
  }
});

await check('the search page gives what `ruimte search` gives, in the same order', async () => {
  for (const q of ['oefenruimte gent', 'bruiklen', 'salle de répétition', 'erfpacht of opstal']) {
    await page.goto(`${base}zoeken/?q=${encodeURIComponent(q)}`);
    await page.waitForFunction(() => document.querySelectorAll('#zoek-resultaten li').length > 0, null, { timeout: 15000 });
    const shown = (await page.$$eval('#zoek-resultaten li h2 a', (as) => as.map((a) => a.getAttribute('href')))).slice(0, 20);
    const run = spawnSync(ruimte, ['search', '--json', '--limit', '20', q], { cwd: repo, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`ruimte search: ${run.stderr}`);
    const native = JSON.parse(run.stdout).hits.map((h) => `/${sub}/${h.url}`);
    expect(native.length > 0 && JSON.stringify(shown) === JSON.stringify(native), `${q}: page ${shown.join(' ')}; native ${native.join(' ')}`);
  }
});

await check('a missing or damaged full index or part says so on the search page and leaves the lists', async () => {
  // A gzip header followed by nonsense: the part cannot be unpacked.
  const brokenGzip = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3, 4, 5]);
  const cases = [
    ['**/search/index.bin', { status: 404, body: '' }],
    ['**/search/index.bin', { status: 200, body: 'not an index' }],
    ['**/search/parts/**', { status: 404, body: '' }],
    ['**/search/parts/**', { status: 200, body: 'not a part' }],
    ['**/search/parts/**', { status: 200, body: brokenGzip }],
  ];
  for (const [pattern, answer] of cases) {
    const view = await browser.newPage();
    await view.route(pattern, (route) => route.fulfill(answer));
    await view.goto(`${base}zoeken/?q=atelier`);
    await view.waitForFunction(() => /lukt nu niet/.test(document.getElementById('zoek-status').textContent), null, { timeout: 15000 });
    expect(await view.isVisible('#zoek-nojs .browse a'), `the lists stay within reach (${pattern}, HTTP ${answer.status})`);
    await view.close();
  }
});

await check('the search page shows 20 results, then more on request, the focus on the first new one', async () => {
  await page.goto(`${base}zoeken/?q=ruimte`);
  await page.waitForSelector('#zoek-resultaten:not([aria-busy]) li', { timeout: 15000 });
  const count = () => page.$$eval('#zoek-resultaten li', (items) => items.length);
  const total = Number((await page.textContent('#zoek-status')).match(/\d+/)[0]);
  expect(total > 20 && (await count()) === 20, `${await count()} of ${total} shown first`);
  expect((await page.textContent('#zoek-meer')).includes(String(total - 20)), await page.textContent('#zoek-meer'));
  await page.click('#zoek-meer');
  await page.waitForFunction(() => document.querySelectorAll('#zoek-resultaten li').length > 20, null, { timeout: 15000 });
  expect((await count()) === Math.min(40, total), `${await count()} after more`);
  const focused = await page.evaluate(() => document.activeElement.closest('#zoek-resultaten li') === document.querySelectorAll('#zoek-resultaten li')[20]);
  expect(focused, 'the focus is on the 21st result');
});

await check('the search page fetches the parts of the index its queries read, each once', async () => {
  const folder = readdirSync(join(root, sub, 'search/parts'))[0];
  const total = readdirSync(join(root, sub, 'search/parts', folder)).length;
  const view = await browser.newPage();
  const parts = [];
  view.on('request', (r) => { if (r.url().includes('/search/parts/')) parts.push(new URL(r.url()).pathname); });
  // A query is done when its results and counts show: the list is aria-busy until then.
  const results = async (q) => {
    await view.fill('#zoek', q);
    await view.waitForFunction((q) => new URLSearchParams(location.search).get('q') === q
      && !document.getElementById('zoek-resultaten').hasAttribute('aria-busy'), q, { timeout: 15000 });
  };
  await view.goto(`${base}zoeken/?q=atelier`);
  await view.waitForSelector('#zoek-resultaten:not([aria-busy]) li', { timeout: 15000 });
  const first = parts.length;
  expect(first > 0 && first < total / 2, `the first query fetched ${first} of ${total} parts`);
  await results('muziek');
  const second = parts.length - first;
  await results('atelier');
  expect(parts.length === first + second, `asking again for atelier fetched ${parts.length - first - second} parts`);
  expect(new Set(parts).size === parts.length, `a part was fetched twice: ${parts.join(' ')}`);
  await view.close();
});

await check('the suggestions fetch a small reader, not the full-text engine', async () => {
  const view = await browser.newPage();
  const got = [];
  view.on('request', (r) => got.push(r.url()));
  await view.goto(base);
  await view.click('#zoek-kop');
  await view.keyboard.type('atelier');
  await view.waitForSelector('#zoek-kop-lijst:not([hidden]) [role=option]', { timeout: 15000 });
  expect(got.some((u) => u.includes('ruimte_suggest') && u.endsWith('.wasm')) && got.some((u) => u.endsWith('suggest.bin')), 'the suggestion reader and index');
  expect(!got.some((u) => u.endsWith('index.bin') || (u.includes('ruimte_search') && u.endsWith('.wasm'))), `fetched first: ${got.join(', ')}`);
  await view.close();
});

await check('on a slow network the box says it is loading and keeps what is typed; a broken index says so', async () => {
  const slow = await browser.newPage();
  await slow.route('**/search/suggest.bin', async (route) => {
    await new Promise((r) => setTimeout(r, 1500));
    await route.continue();
  });
  await slow.goto(base);
  await slow.click('#zoek-kop');
  await slow.keyboard.type('atel');
  await slow.waitForFunction(() => document.getElementById('zoek-kop-bezig').textContent.length > 0, null, { timeout: 5000 });
  expect(await slow.isVisible('#zoek-kop-bezig'), 'a visible "loading" line');
  await slow.keyboard.type('ier');
  await slow.waitForSelector('#zoek-kop-lijst:not([hidden]) #zoek-kop-alles[data-href$="?q=atelier"]', { timeout: 15000 });
  expect(await slow.inputValue('#zoek-kop') === 'atelier', 'nothing typed was lost');
  expect(!(await slow.isVisible('#zoek-kop-bezig')), 'the loading line is gone');
  await slow.close();
  const broken = await browser.newPage();
  await broken.route('**/search/suggest.bin', (route) => route.fulfill({ status: 200, body: 'not an index' }));
  await broken.goto(base);
  await broken.click('#zoek-kop');
  await broken.keyboard.type('atelier');
  await broken.waitForFunction(() => /lukt/.test(document.getElementById('zoek-kop-bezig').textContent), null, { timeout: 15000 });
  await Promise.all([broken.waitForNavigation(), broken.keyboard.press('Enter')]);
  expect(broken.url().startsWith(`${base}zoeken/?q=atelier`), `Enter still searches: ${broken.url()}`);
  await broken.close();
});

await check('on a phone the suggestions open under the box; on a desktop the results page reads', async () => {
  const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await phone.goto(base);
  await phone.click('#zoek-kop');
  await phone.keyboard.type('oefenruimte gent');
  await phone.waitForSelector('#zoek-kop-lijst:not([hidden]) [role=option]', { timeout: 15000 });
  await phone.screenshot({ path: `${shots}suggestions-390.png` });
  await phone.close();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${base}zoeken/?q=${encodeURIComponent('salle de répétition')}`);
  await page.waitForFunction(() => document.querySelectorAll('#zoek-resultaten li').length > 0, null, { timeout: 15000 });
  await page.screenshot({ path: `${shots}results-1280.png` });
});

// The finder on /ruimtes/: what the cards should be, worked out here from filters.json.
const expectedCards = async (view, picked) => view.evaluate(async (want) => {
  const data = await (await fetch(document.getElementById('vinder').dataset.data)).json();
  return data.entries.filter((e) => Object.entries(want).every(([key, value]) => {
    const g = data.groups.findIndex((x) => x.key === key);
    return e.g[g].some((i) => data.groups[g].values[i].key === value);
  })).map((e) => data.url.replace('{slug}', e.k)).sort();
}, picked);
const shownCards = (view) => view.$$eval('#vinder-resultaten .card-title', (els) => els.map((a) => a.getAttribute('href')).sort());

// Tab forward until the element with this id has the focus.
async function tabTo(view, id) {
  for (let i = 0; i < 200; i += 1) {
    await view.keyboard.press('Tab');
    if (await view.evaluate(() => document.activeElement?.id) === id) return;
  }
  throw new Error(`never reached #${id} by Tab`);
}

await check('the list of spaces filters by kind and province from the keyboard, keeps the focus, the address reproduces it', async () => {
  const view = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await view.goto(`${base}ruimtes/`);
  await view.waitForSelector('#vinder-paneel:not([hidden])', { timeout: 15000 });
  expect(await view.isHidden('#vinder-paginas'), 'the pages are for browsers without the script');
  await tabTo(view, 'vinder-kind-repetitieruimte');
  await view.keyboard.press('Space');
  await view.waitForFunction(() => window.location.search === '?kind=repetitieruimte');
  expect(await view.evaluate(() => document.activeElement.id) === 'vinder-kind-repetitieruimte', 'the focus stays on the box');
  await tabTo(view, 'vinder-province-limburg');
  await view.keyboard.press('Space');
  await view.waitForFunction(() => window.location.search === '?kind=repetitieruimte&province=limburg');
  expect(await view.evaluate(() => document.activeElement.id) === 'vinder-province-limburg', 'the focus stays on the box');
  const want = await expectedCards(view, { kind: 'repetitieruimte', province: 'limburg' });
  await view.waitForFunction((n) => document.querySelectorAll('#vinder-resultaten .card').length === n, want.length);
  const shown = await shownCards(view);
  expect(want.length > 0 && JSON.stringify(shown) === JSON.stringify(want), `cards ${shown.join(', ')}; expected ${want.join(', ')}`);
  const status = await view.textContent('#vinder-status');
  expect(status === `${want.length} ruimte${want.length === 1 ? '' : 's'}`, `status: ${status}`);
  // The count beside "Limburg" follows the kind chosen: the spaces of that kind there.
  const count = await view.textContent('label[for=vinder-province-limburg] .count');
  expect(count === `(${want.length})`, `Limburg's count: ${count}`);
  await view.screenshot({ path: `${shots}finder-1280.png` });
  // The address alone reproduces the view, on a phone, where the filters fold into one line.
  const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await phone.goto(view.url());
  await phone.waitForFunction((n) => document.querySelectorAll('#vinder-resultaten .card').length === n, want.length, { timeout: 15000 });
  expect(JSON.stringify(await shownCards(phone)) === JSON.stringify(want), 'the same cards from the address');
  expect((await phone.textContent('#vinder-paneel summary')).replace(/\s+/g, ' ').trim() === 'Filters (2)', 'one "Filters (2)" line');
  expect(!(await phone.isVisible('#vinder-kind-atelier')), 'the filters are folded');
  const top = await phone.$eval('#vinder-resultaten .card', (li) => li.getBoundingClientRect().top);
  expect(top < 844, `the first card starts at ${top} px`);
  await phone.screenshot({ path: `${shots}finder-390.png` });
  await phone.click('#vinder-paneel summary');
  await phone.screenshot({ path: `${shots}finder-open-390.png`, fullPage: true });
  await phone.close();
  await view.close();
});

await check('every place can be reached in the finder: show all, and a box that narrows the list', async () => {
  const view = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await view.goto(`${base}ruimtes/`);
  await view.waitForSelector('#vinder-paneel:not([hidden])', { timeout: 15000 });
  const places = await view.evaluate(async () => (await (await fetch(document.getElementById('vinder').dataset.data)).json())
    .groups.find((g) => g.key === 'place').values.map((v) => v.key));
  const visible = () => view.$$eval('input[name=place]', (els) => els.filter((e) => e.offsetParent !== null).map((e) => e.value));
  expect(places.length > 12 && (await visible()).length === 12, `${(await visible()).length} of ${places.length} at first`);
  await view.click('#vinder-place-meer');
  expect((await visible()).length === places.length, `after "show all": ${(await visible()).length}`);
  await view.fill('#vinder-place-zoek', 'gen');
  const narrowed = await visible();
  expect(narrowed.length > 0 && narrowed.every((p) => p.includes('gen')), `narrowed to ${narrowed.join(', ')}`);
  await view.close();
});

await check('a choice with nothing found offers to drop a filter; more cards come as fragments', async () => {
  const view = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await view.goto(`${base}ruimtes/?kind=repetitieruimte&size_min=100000`);
  await view.waitForSelector('#vinder-anders:not([hidden]) button', { timeout: 15000 });
  expect((await view.textContent('#vinder-status')).startsWith('Niets gevonden'), 'says nothing was found');
  await view.click('#vinder-anders button:has-text("Oppervlakte")');
  await view.waitForFunction(() => window.location.search === '?kind=repetitieruimte');
  const want = await expectedCards(view, { kind: 'repetitieruimte' });
  await view.waitForFunction((n) => document.querySelectorAll('#vinder-resultaten .card').length === n, want.length);
  expect(await view.inputValue('#vinder-size-min') === '', 'the box is emptied');
  // By name, a first screenful; "show more" fetches the rest of the cards one by one.
  await view.goto(`${base}ruimtes/?sort=name`);
  await view.waitForSelector('#vinder-meer-regel:not([hidden])', { timeout: 15000 });
  const total = await view.evaluate(async () => (await (await fetch(document.getElementById('vinder').dataset.data)).json()).entries.length);
  expect(await view.$$eval('#vinder-resultaten .card', (els) => els.length) === 24, 'a first step of 24 cards');
  const names = await view.$$eval('#vinder-resultaten .card-title', (els) => els.map((a) => a.textContent.toLowerCase()));
  expect(names.every((n, i) => i === 0 || names[i - 1].localeCompare(n, 'nl') <= 0 || names[i - 1] <= n), `by name: ${names.join(', ')}`);
  await view.click('#vinder-meer');
  await view.waitForFunction((n) => document.querySelectorAll('#vinder-resultaten .card').length === n, total);
  // Here every card came with the page; a longer list fetches the others in files of a few
  // dozen, under the site's sub-path too, the same markup.
  const same = await view.evaluate(async () => {
    const data = await (await fetch(document.getElementById('vinder').dataset.data)).json();
    const response = await fetch(data.cards.replace('{n}', 0));
    const first = document.querySelector('#vinder-resultaten .card').outerHTML.trim();
    return response.ok && (await response.text()).includes(first);
  });
  expect(same, 'the card file holds the cards on the page');
  // A list page that came without its cards (as a page of 10,000 would for most of them): the
  // script fetches those it shows.
  const bare = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await bare.route((url) => url.href.split('?')[0] === `${base}ruimtes/`, async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace(/(<ul id="vinder-resultaten" class="cards">)[\s\S]*?(<\/ul>\n<p id="vinder-meer-regel")/, '$1$2');
    await route.fulfill({ response, body: html });
  });
  const cardsFetched = [];
  bare.on('request', (r) => { if (/\/kaarten\.\d+\.html$/.test(r.url())) cardsFetched.push(r.url()); });
  await bare.goto(`${base}ruimtes/?province=limburg`);
  const inLimburg = await expectedCards(bare, { province: 'limburg' });
  await bare.waitForFunction((n) => document.querySelectorAll('#vinder-resultaten .card').length === n, inLimburg.length, { timeout: 15000 });
  expect(JSON.stringify(await shownCards(bare)) === JSON.stringify(inLimburg), 'the fetched cards are the right ones');
  // Each file once, and only files that hold a card shown.
  const filesNeeded = await bare.evaluate(async (shown) => {
    const data = await (await fetch(document.getElementById('vinder').dataset.data)).json();
    return new Set(data.entries.map((e, i) => [data.url.replace('{slug}', e.k), Math.floor(i / data.per_file)])
      .filter(([url]) => shown.includes(url)).map(([, n]) => n)).size;
  }, inLimburg);
  expect(cardsFetched.length === filesNeeded && new Set(cardsFetched).size === cardsFetched.length,
    `${cardsFetched.length} card files fetched for ${filesNeeded} needed: ${cardsFetched.join(', ')}`);
  await bare.close();
  expect(await view.evaluate(() => document.activeElement.closest('.card') === document.querySelectorAll('#vinder-resultaten .card')[24]),
    'the focus goes to the first new card');
  expect(await view.isHidden('#vinder-meer-regel'), 'nothing more to show');
  await view.close();
});

await check('the list of practices is a finder by theme, province and the municipality\'s role', async () => {
  const view = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await view.goto(`${base}praktijken/`);
  await view.waitForSelector('#vinder-paneel:not([hidden])', { timeout: 15000 });
  const legends = await view.$$eval('#vinder-filters fieldset:not([hidden]) legend', (els) => els.map((e) => e.textContent));
  for (const name of ['Thema', 'Provincie', 'Rol van de gemeente']) expect(legends.includes(name), `groups: ${legends.join(', ')}`);
  await view.close();
});

await check('screenshots of the home page, the list of spaces and a space at both sizes', async () => {
  for (const [w, h] of [[390, 844], [1280, 800]]) {
    const view = await browser.newPage({ viewport: { width: w, height: h } });
    for (const [name, path] of [['home', ''], ['spaces', 'ruimtes/'], ['space', 'ruimtes/jc-kompas-repetitieruimtes/']]) {
      await view.goto(base + path);
      await view.screenshot({ path: `${shots}${name}-${w}.png`, fullPage: name !== 'home' });
    }
    await view.close();
  }
});

await check('a French page suggests and searches in French, and leads to French pages', async () => {
  const view = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await view.goto(`${base}fr/`);
  await view.click('#zoek-kop');
  await view.keyboard.type('salle de répétition');
  await view.waitForSelector('#zoek-kop-lijst:not([hidden]) #zoek-kop-alles', { timeout: 15000 });
  const hrefs = await view.$$eval('#zoek-kop-lijst [role=option]:not(.all)', (els) => els.map((e) => e.dataset.href));
  const badges = await view.$$eval('#zoek-kop-lijst [role=option] .badge', (els) => els.map((e) => e.textContent));
  const native = nativeSuggestions('salle de répétition').map((h) => h.replace(`/${sub}/`, `/${sub}/fr/`));
  expect(hrefs.length > 0 && JSON.stringify(hrefs) === JSON.stringify(native), `fr: ${hrefs.join(' ')}; native ${native.join(' ')}`);
  expect(badges.includes('Espace'), `badges: ${badges.join(', ')}`);
  // An entry's French title where it has one; otherwise its Dutch one, marked Dutch.
  const titles = await view.$$eval('#zoek-kop-lijst .option-title', (els) => els.map((e) => `${e.lang}:${e.textContent}`));
  const expected = nativeHits('salle de répétition').map((h) => (h.titles?.fr ? `:${h.titles.fr}` : `nl:${h.title}`));
  expect(JSON.stringify(titles) === JSON.stringify(expected), `titles ${titles.join(' | ')}; expected ${expected.join(' | ')}`);
  expect(titles.some((t) => t.startsWith(':')), 'at least one shows in French');
  await view.goto(`${base}fr/zoeken/?q=${encodeURIComponent('salle de répétition')}`);
  await view.waitForSelector('#zoek-resultaten:not([aria-busy]) li', { timeout: 15000 });
  const status = await view.textContent('#zoek-status');
  expect(/résultat/.test(status), `status: ${status}`);
  const first = await view.getAttribute('#zoek-resultaten li h2 a', 'href');
  expect(first.startsWith(`/${sub}/fr/`), `the first result leads to ${first}`);
  await view.close();
});

await check('the language switch keeps the search: Dutch results lead to the same search in French', async () => {
  const view = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await view.goto(`${base}zoeken/`);
  await view.fill('#zoek', 'repetitieruimte');
  await view.waitForSelector('#zoek-resultaten:not([aria-busy]) li', { timeout: 15000 });
  await view.waitForFunction(() => window.location.search.includes('repetitieruimte'));
  await Promise.all([view.waitForNavigation(), view.click('nav.languages a[hreflang=fr]')]);
  const url = new URL(view.url());
  expect(url.pathname === `/${sub}/fr/zoeken/` && url.searchParams.get('q') === 'repetitieruimte', `landed on ${view.url()}`);
  await view.waitForSelector('#zoek-resultaten:not([aria-busy]) li', { timeout: 15000 });
  expect(await view.inputValue('#zoek') === 'repetitieruimte', 'the French page searches the same words');
  await view.close();
});

await check('screenshots in French on a phone: the home page, a space and the finder', async () => {
  const view = await browser.newPage({ viewport: { width: 390, height: 844 } });
  for (const [name, path] of [['fr-home', 'fr/'], ['fr-space', 'fr/ruimtes/jc-kompas-repetitieruimtes/'], ['fr-finder', 'fr/ruimtes/?kind=repetitieruimte']]) {
    await view.goto(base + path);
    expect(await view.getAttribute('html', 'lang') === 'fr', `${path} is French`);
    await view.screenshot({ path: `${shots}${name}-390.png`, fullPage: name !== 'fr-home' });
  }
  await view.close();
});

// Every text on a page at least 12 px, and nothing wider than the screen or scrolling sideways.
const readable = (view) => view.evaluate(() => {
  const small = [];
  const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent.trim() || !node.parentElement.getClientRects().length) continue;
    const size = parseFloat(getComputedStyle(node.parentElement).fontSize);
    if (size < 12) small.push(`${size}px: ${node.textContent.trim().slice(0, 30)}`);
  }
  const wide = [...document.querySelectorAll('main *')]
    // Text for screen readers only is clipped on purpose.
    .filter((e) => !e.closest('.visually-hidden'))
    .filter((e) => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible')
    .map((e) => e.className || e.tagName);
  return { small, wide, page: document.documentElement.scrollWidth };
});

await check('the figures read on a phone: no text under 12 px, nothing wider than the screen', async () => {
  for (const [w, h] of [[390, 844], [1280, 800]]) {
    const view = await browser.newPage({ viewport: { width: w, height: h } });
    for (const lang of ['', 'fr/']) {
      await view.goto(`${base}${lang}cijfers/`);
      const report = await readable(view);
      const bars = await view.$$eval('main .bar rect', (rects) => rects.length);
      expect(report.small.length === 0, `${w} ${lang}: small text ${report.small.join('; ')}`);
      expect(report.wide.length === 0 && report.page <= w, `${w} ${lang}: scrolls sideways: ${report.wide.join(', ')}, page ${report.page}`);
      expect(bars > 5, `${w} ${lang}: ${bars} bars`);
    }
    await view.screenshot({ path: `${shots}fr-figures-${w}.png`, fullPage: true });
    await view.goto(`${base}cijfers/`);
    await view.screenshot({ path: `${shots}figures-${w}.png`, fullPage: true });
    await view.close();
  }
});

await check('the chooser compares two guides on their own page and three side by side, readable on a phone', async () => {
  const view = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await view.goto(`${base}vergelijking/`);
  let report = await readable(view);
  expect(report.small.length === 0 && report.wide.length === 0 && report.page <= 390, `chooser: ${JSON.stringify(report)}`);
  await view.screenshot({ path: `${shots}compare-chooser-390.png`, fullPage: true });
  // Two picks: their pair's page, which any two guides of a family have at a fixed address.
  await view.check('#gebruik input[value=huur]');
  await view.check('#gebruik input[value=bruikleen]');
  await Promise.all([view.waitForNavigation(), view.click('#gebruik button[type=submit]')]);
  expect(new URL(view.url()).pathname === `/${sub}/vergelijking/bruikleen/huur/`, `went to ${view.url()}`);
  const heads = await view.$$eval('thead th', (ths) => ths.map((th) => th.textContent));
  expect(JSON.stringify(heads) === JSON.stringify(['Bruikleen', 'Huur']), `columns ${heads}`);
  report = await readable(view);
  expect(report.small.length === 0 && report.wide.length === 0 && report.page <= 390, `pair: ${JSON.stringify(report)}`);
  // The guides' names stay in view while the criteria scroll by.
  await view.evaluate(() => window.scrollTo(0, 1500));
  const top = await view.$eval('thead th', (th) => th.getBoundingClientRect().top);
  expect(Math.abs(top) < 2, `the column headings scrolled away: top ${top}`);
  await view.screenshot({ path: `${shots}compare-pair-390.png` });
  // A long explanation opens on request.
  await view.evaluate(() => window.scrollTo(0, 0));
  const summary = view.locator('td details summary').first();
  await summary.click();
  expect(await view.locator('td details').first().evaluate((d) => d.open), 'the explanation opens');
  // Three picks: the family's page, narrowed to them, with the address to share.
  await view.goto(`${base}vergelijking/`);
  for (const slug of ['erfpacht', 'huur', 'bruikleen']) await view.check(`#gebruik input[value=${slug}]`);
  await Promise.all([view.waitForNavigation(), view.click('#gebruik button[type=submit]')]);
  expect(new URL(view.url()).search === '?gidsen=bruikleen,erfpacht,huur', `went to ${view.url()}`);
  const shown = await view.$$eval('thead th:not([hidden])', (ths) => ths.map((th) => th.dataset.guide));
  expect(JSON.stringify(shown) === JSON.stringify(['bruikleen', 'erfpacht', 'huur']), `shown ${shown}`);
  report = await readable(view);
  expect(report.small.length === 0 && report.wide.length === 0 && report.page <= 390, `three: ${JSON.stringify(report)}`);
  await view.close();
  const desk = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await desk.goto(`${base}vergelijking/bruikleen/huur/`);
  await desk.screenshot({ path: `${shots}compare-pair-1280.png`, fullPage: true });
  await desk.close();
});

await check('the chooser\'s questions: someone else\'s building, short term, one organisation lands on temporary use', async () => {
  for (const [w, h] of [[390, 844], [1280, 800]]) {
    const view = await browser.newPage({ viewport: { width: w, height: h } });
    await view.goto(`${base}vergelijking/`);
    // The way in is on the chooser's page; each answer is a link to the next step.
    await Promise.all([view.waitForNavigation(), view.click('.chooser-start a')]);
    for (const answer of ['Het gebouw van iemand anders', 'Kort: enkele maanden tot een paar jaar', 'Eén organisatie of groep']) {
      const report = await readable(view);
      expect(report.small.length === 0 && report.wide.length === 0 && report.page <= w, `${w} step: ${JSON.stringify(report)}`);
      await Promise.all([view.waitForNavigation(), view.getByRole('link', { name: answer, exact: true }).click()]);
    }
    expect(new URL(view.url()).pathname === `/${sub}/vergelijking/kiezen/ander/kort/alleen/`, `went to ${view.url()}`);
    // What fits so far, before the last question: the temporary-use frameworks first.
    const fits = await view.$$eval('#past-gebruik + .chooser-fits .chooser-fit-title', (ps) => ps.map((p) => p.textContent.trim()));
    expect(['Bezetting ter bede', 'Tijdelijk gebruik'].every((t) => fits.slice(0, 2).includes(t)), `fits so far: ${fits}`);
    expect(!fits.includes('Huur') && !fits.includes('Erfpacht'), `a long-term framework fits: ${fits}`);
    await view.screenshot({ path: `${shots}chooser-step-${w}.png`, fullPage: w === 390 });
    await Promise.all([view.waitForNavigation(), view.getByRole('link', { name: 'Veel risico', exact: true }).click()]);
    const result = await view.$$eval('#past-gebruik + .chooser-fits .chooser-fit', (lis) => lis.map((li) => li.textContent));
    expect(/Tijdelijk gebruik[\s\S]*Past bij:.*Kort/.test(result.join('\n')), `no reason given: ${result}`);
    const report = await readable(view);
    expect(report.small.length === 0 && report.wide.length === 0 && report.page <= w, `${w} result: ${JSON.stringify(report)}`);
    await view.screenshot({ path: `${shots}chooser-result-${w}.png`, fullPage: true });
    // The pair the result offers is a comparison page.
    await Promise.all([view.waitForNavigation(), view.click('.chooser-compare a')]);
    const heads = await view.$$eval('thead th', (ths) => ths.map((th) => th.textContent));
    expect(heads.length === 2 && heads.includes('Tijdelijk gebruik'), `compared ${heads}`);
    await view.close();
  }
});

await check('the map draws Belgium and names its places; a stacked marker opens its list; Tab reaches every marker', async () => {
  const view = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await view.goto(`${base}kaart/`);
  const drawn = await view.evaluate(() => ({
    provinces: document.querySelectorAll('figure.map .map-province').length,
    outline: document.querySelector('figure.map .map-border')?.getAttribute('d').length ?? 0,
    names: [...document.querySelectorAll('figure.map .map-name')].map((t) => t.textContent),
    markers: [...document.querySelectorAll('figure.map a.map-marker')].map((a) => a.getAttribute('aria-label')),
  }));
  expect(drawn.provinces === 11 && drawn.outline > 1000, `provinces ${drawn.provinces}, outline ${drawn.outline}`);
  expect(drawn.names.length >= 10, `names: ${drawn.names.join(', ')}`);
  expect(drawn.markers.every((l) => /^[^:]+ ?: ./.test(l)), `every marker named: ${drawn.markers.join(' | ')}`);
  await view.screenshot({ path: `${shots}map-1280.png`, fullPage: true });
  // Tab from the link before the map through every marker, in order.
  await view.evaluate(() => document.querySelector('nav.map-nav li:last-child a').focus());
  const reached = [];
  for (let i = 0; i < drawn.markers.length; i += 1) {
    await view.keyboard.press('Tab');
    reached.push(await view.evaluate(() => document.activeElement.getAttribute('aria-label')));
  }
  expect(JSON.stringify(reached) === JSON.stringify(drawn.markers), `Tab reached ${reached.join(' | ')}`);
  // A marker for several spaces leads to the list of all of them.
  const stacked = await view.$eval('figure.map a.map-marker[href^="#"]', (a) => ({ href: a.getAttribute('href'), label: a.getAttribute('aria-label') }));
  await view.click(`figure.map a.map-marker[href="${stacked.href}"]`);
  const listed = await view.$$eval(`${stacked.href} li a`, (links) => links.length);
  expect(new URL(view.url()).hash === stacked.href && String(listed) === stacked.label.match(/(\d+)/)[1], `${stacked.label}: ${listed} listed`);
  // Each province with spaces has its own map.
  const provinces = await view.$$eval('nav.map-nav a', (links) => links.map((a) => a.href));
  expect(provinces.length >= 3, `${provinces.length} province maps`);
  for (const href of provinces) {
    const response = await view.goto(href);
    const markers = await view.$$eval('figure.map a.map-marker', (links) => links.length);
    expect(response.status() === 200 && markers > 0, `${href}: ${response.status()}, ${markers} markers`);
  }
  await view.close();
  const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await phone.goto(provinces[0]);
  await phone.screenshot({ path: `${shots}province-map-390.png`, fullPage: true });
  await phone.goto(`${base}kaart/`);
  await phone.screenshot({ path: `${shots}map-390.png`, fullPage: true });
  await phone.close();
});

await check('the finder\'s filters apply to the map: the list leads to the map with its choice, and back', async () => {
  const view = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await view.goto(`${base}ruimtes/?kind=repetitieruimte`);
  await view.waitForSelector('#vinder-paneel:not([hidden])');
  const found = parseInt(await view.textContent('#vinder-status'), 10);
  const href = await view.$eval('#vinder-kaart', (a) => a.getAttribute('href'));
  expect(href.endsWith('kaart/?kind=repetitieruimte'), `the map link is ${href}`);
  await Promise.all([view.waitForNavigation(), view.click('#vinder-kaart')]);
  await view.waitForSelector('#kaart-filter:not([hidden])');
  const map = await view.evaluate(() => {
    const markers = [...document.querySelectorAll('.map-marker')].filter((m) => m.style.display !== 'none');
    return {
      all: document.querySelectorAll('.map-marker').length,
      markers: markers.length,
      counted: markers.reduce((n, m) => n + (Number(m.querySelector('text')?.textContent) || 1), 0),
      labels: markers.map((m) => m.getAttribute('aria-label')),
      listed: document.querySelectorAll('.map-list li[data-space]:not([hidden])').length,
      note: document.getElementById('kaart-filter').textContent,
    };
  });
  expect(found > 1 && map.markers > 0 && map.markers < map.all, `markers ${JSON.stringify(map)} for ${found} found`);
  expect(map.counted === map.listed && map.listed <= found && map.listed > 0, `counts differ: ${JSON.stringify(map)}`);
  expect(map.note.includes(`${map.listed} van de`), `note: ${map.note}`);
  await view.screenshot({ path: `${shots}map-filtered-390.png`, fullPage: true });
  // A province's map keeps the filters; the note leads back to the list with them.
  const province = await view.$eval('.map-nav a', (a) => a.getAttribute('href'));
  expect(province.endsWith('?kind=repetitieruimte'), `province map link ${province}`);
  const back = await view.$eval('#kaart-filter a', (a) => a.getAttribute('href'));
  expect(back.endsWith('ruimtes/?kind=repetitieruimte'), `back to ${back}`);
  await Promise.all([view.waitForNavigation(), view.click('#kaart-filter a:last-child')]);
  const all = await view.$$eval('.map-marker', (ms) => ms.filter((m) => m.style.display !== 'none').length);
  expect(all === map.all, `after clearing ${all} of ${map.all}`);
  await view.close();
});

await check('no console errors and no Content Security Policy violations', async () => {
  expect(problems.length === 0, problems.join('\n'));
  const csp = await page.evaluate(() => document.querySelector('meta[http-equiv=Content-Security-Policy]')?.content ?? '');
  expect(csp.includes("'wasm-unsafe-eval'") && !csp.includes('unsafe-inline'), `policy: ${csp}`);
});

await browser.close();
server.kill();
console.log(`${tally.passed} passed, ${tally.failed} failed`);
process.exit(tally.failed === 0 ? 0 : 1);
