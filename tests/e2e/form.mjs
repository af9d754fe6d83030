// The web form end to end: the real Decap CMS, pinned, under `ruimte serve`, whose local backend
// edits a copy of the content. Decap is the npm package's own file (`npm pack`), checked against
// the integrity hash the admin page pins, and served in place of its CDN address, so the test
// runs offline. A contributor fills in a new space through the form's widgets and saves; the
// file is in content/spaces/, `ruimte check` passes, the page is served and search finds it. A
// second save with a wrong value shows the diagnostic in the form, with the file kept.
// Usage: node form.mjs RUIMTE_BINARY CONTENT_DIR   (CONTENT_DIR is a copy: the test writes to it;
// run from the repository, whose ruimte.toml and theme serve uses). DEBUG=1 logs the form's calls.

import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { checks, expect, launch } from './checks.mjs';

const [binary, content] = [process.argv[2], process.argv[3]];
const shots = process.env.SCREENSHOTS ?? new URL('./screenshots/', import.meta.url).pathname;
mkdirSync(shots, { recursive: true });
const { check, tally } = checks();

// `ruimte serve` on a free port; its first "serving" line gives the address.
const server = spawn(binary, ['serve', '--content', content, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
const base = await new Promise((resolve, reject) => {
  let out = '';
  server.stdout.on('data', (chunk) => {
    out += chunk;
    const found = out.match(/serving (http:\/\/\S+\/)/);
    if (found) resolve(found[1]);
  });
  server.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
});
const stop = () => server.kill();

// The pinned release, from npm, checked against the page's integrity attribute.
const admin = await (await fetch(`${base}admin/`)).text();
const [, cdn, version, integrity] = admin.match(/<script src="(https:\/\/unpkg\.com\/decap-cms@([^/]+)\/dist\/)decap-cms\.js" integrity="([^"]+)"/);
const unpacked = mkdtempSync(join(tmpdir(), 'decap-'));
const pack = spawnSync('npm', ['pack', `decap-cms@${version}`, '--silent', '--pack-destination', unpacked], { encoding: 'utf8' });
expect(pack.status === 0, `npm pack decap-cms@${version}: ${pack.stderr}`);
spawnSync('tar', ['-xzf', join(unpacked, pack.stdout.trim()), '-C', unpacked]);
const dist = join(unpacked, 'package', 'dist');
const script = readFileSync(join(dist, 'decap-cms.js'));
const digest = `sha384-${createHash('sha384').update(script).digest('base64')}`;
expect(digest === integrity, `decap-cms@${version} from npm is not the file the page pins (${digest})`);

const types = { '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json', '.svg': 'image/svg+xml' };
const browser = await launch();
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
// Nothing else leaves the machine (the last route added is tried first).
await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
await context.route(`${cdn}**`, (route) => {
  const file = join(dist, new URL(route.request().url()).pathname.split('/dist/')[1] ?? '');
  if (!file.startsWith(dist) || !existsSync(file)) return route.fulfill({ status: 404, body: 'not in the package' });
  return route.fulfill({
    status: 200,
    body: readFileSync(file),
    headers: { 'Content-Type': types[extname(file)] ?? 'application/octet-stream', 'Access-Control-Allow-Origin': '*' },
  });
});
const page = await context.newPage();
const problems = [];
page.on('pageerror', (e) => problems.push(e.message));
if (process.env.DEBUG) {
  page.on('console', (m) => console.log(`console ${m.type()}: ${m.text()}`));
  page.on('request', (r) => { if (r.url().endsWith('/api/v1')) console.log(`api ${r.postData()?.slice(0, 300)}`); });
  page.on('response', async (r) => { if (r.url().endsWith('/api/v1') && r.status() !== 200) console.log(`api ${r.status()} ${await r.text()}`); });
  page.on('requestfailed', (r) => console.log(`failed ${r.url()} ${r.failure()?.errorText}`));
}

async function openForm() {
  await page.goto(`${base}admin/`);
  // The local backend needs no account: Decap shows one button to go in.
  const login = page.getByRole('button').first();
  await login.waitFor({ timeout: 30000 });
  await page.screenshot({ path: `${shots}form-login.png` });
  await login.click();
  await page.waitForSelector('text=Ruimtes', { timeout: 30000 });
}

// A react-select: open it, type the option's label, take the first match.
async function choose(label, option) {
  const field = page.locator(`label:text-is("${label}")`).locator('xpath=ancestor::div[1]/..');
  const input = field.locator('input').first();
  await input.click();
  await input.fill(option);
  await page.keyboard.press('Enter');
}

await check('the form boots under serve, on its local backend', async () => {
  await openForm();
  await page.screenshot({ path: `${shots}form-collections.png` });
  // The form's page is served as it is: no live reload to wipe what is being typed.
  expect(!admin.includes('/__ruimte/reload.js'), 'the form page gets the reload script');
});

// A picture of one pixel.
const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const slug = 'oefenruimte-de-test';
const file = join(content, 'spaces', `${slug}.md`);

// Publishing in the simple mode: the button, then "now" in its menu.
async function publish() {
  await page.getByRole('button', { name: 'Publiceer' }).first().click();
  await page.getByText('Publiceer nu', { exact: true }).click();
}

// What the form shows after a save: its notifications' text.
const notices = () => page.locator('[class*=toast], [role=alert], [class*=Notif]').allTextContents();

await check('a new space filled in through the widgets is saved, checks clean, is served and found', async () => {
  await page.goto(`${base}admin/#/collections/spaces/new`);
  await page.getByLabel('Naam', { exact: true }).waitFor({ timeout: 30000 });
  await page.getByLabel('Naam', { exact: true }).fill('Oefenruimte De Test');
  await choose('Soort ruimte', 'Repetitieruimte');
  await choose('Gemeente', 'Gent');
  // Nested objects open on a tap: a price per hour, and a contact address.
  const expand = (name) => page.locator(`[id^="${name}-field-"] [data-testid=expand-button]`).first().click();
  await expand('price');
  await choose('Prijsmodel', 'per uur');
  await page.getByLabel(/^Bedrag in euro/).fill('8');
  await expand('contact');
  await page.getByLabel(/^E-mailadres/).fill('boeken@example.org');
  // A picture, uploaded through the media library, with what it shows.
  await page.getByRole('button', { name: /Voeg beelden toe/ }).click();
  await page.getByRole('button', { name: /Kies een afbeelding/i }).first().click();
  await page.locator('input[type=file]').first().setInputFiles({ name: 'zaal.png', mimeType: 'image/png', buffer: PIXEL });
  await page.getByText('zaal.png').first().waitFor({ timeout: 20000 });
  if (process.env.DEBUG) await page.screenshot({ path: `${shots}form-media.png` });
  await page.getByRole('button', { name: /Gebruik selectie/i }).click();
  await page.getByLabel(/^Beschrijving van het beeld/).fill('De repetitieruimte met drumstel');
  // A source: the list's add button, then the item's title.
  const sources = page.locator('label:text-is("Bronnen")').locator('xpath=ancestor::div[1]/..');
  await sources.getByRole('button', { name: /toe|add/i }).first().click();
  await page.getByLabel('Titel van de bron', { exact: true }).fill('Een bezoek ter plaatse (2026)');
  await page.screenshot({ path: `${shots}form-new-space.png` });
  await publish();
  for (let i = 0; i < 100 && !existsSync(file); i++) await page.waitForTimeout(100);
  expect(existsSync(file), `no ${file}; the form says ${await notices()}`);
  const text = readFileSync(file, 'utf8');
  expect(/^name: Oefenruimte De Test$/m.test(text) && /repetitieruimte/.test(text), text);
  expect(/price:\n  model: per-uur\n  amount_eur: 8/.test(text) && /email: boeken@example.org/.test(text), text);
  expect(/- file: images\/zaal\.png\n\s+alt: De repetitieruimte met drumstel/.test(text), text);
  expect(existsSync(join(content, 'spaces', 'images', 'zaal.png')), 'the picture is not beside the entry');
  const checked = spawnSync(binary, ['check', '--content', content], { encoding: 'utf8' });
  expect(checked.status === 0, `ruimte check: ${checked.stdout}`);
  // The preview rebuilds on its own: the page comes, and the search finds the space.
  let served = 0;
  for (let i = 0; i < 100 && served !== 200; i++) {
    served = (await fetch(`${base}ruimtes/${slug}/`)).status;
    if (served !== 200) await page.waitForTimeout(100);
  }
  expect(served === 200, `ruimtes/${slug}/ answers ${served}`);
  const search = await context.newPage();
  await search.goto(`${base}zoeken/?q=${encodeURIComponent('Oefenruimte De Test')}`);
  await search.waitForSelector(`a[href$="/ruimtes/${slug}/"]`, { timeout: 20000 });
  await search.close();
  await page.screenshot({ path: `${shots}form-saved.png` });
});

// (The refused save below makes Decap throw on purpose.)
await check('no script errors in the form while it boots and saves', async () => {
  expect(problems.length === 0, problems.join('\n'));
});

await check('a save with a wrong value keeps the file and shows the diagnostic in the form', async () => {
  await page.goto(`${base}admin/#/collections/spaces/entries/${slug}`);
  const verified = page.getByLabel(/^Laatst nagekeken/).first();
  await verified.waitFor({ timeout: 30000 });
  await verified.fill('2099-01-01');
  await publish();
  const said = page.getByText('last_verified', { exact: false }).first();
  await said.waitFor({ timeout: 20000 });
  // The notice slides in from the right edge.
  for (let i = 0; i < 50 && ((await said.boundingBox())?.x ?? 9999) > 1280 - 100; i++) await page.waitForTimeout(100);
  const shown = await notices();
  await page.screenshot({ path: `${shots}form-diagnostic.png` });
  expect(shown.join(' ').includes(`spaces/${slug}.md`), `the form says ${shown}`);
  expect(/last_verified: 2099-01-01/.test(readFileSync(file, 'utf8')), 'the file was not kept as typed');
});

await browser.close();
stop();
console.log(`${tally.passed} passed, ${tally.failed} failed`);
process.exit(tally.failed ? 1 : 0);
