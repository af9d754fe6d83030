// The fixture site, whose spaces have every field filled, in a real browser: the finder's cards
// show what decides, the space page opens with how to reach it, and every entry page offers to
// report outdated information, with a repository configured and without one.
// Usage: node entries.mjs WITH_REPOSITORY_ROOT WITHOUT_REPOSITORY_ROOT (both built from
// tests/fixtures/valid; the second with a contact address and no repository). Prints
// "N passed, M failed"; exits 1 on failure.

import { createServer } from 'node:http';
import { readFileSync, existsSync, statSync, readdirSync, mkdirSync } from 'node:fs';
import { join, extname, resolve } from 'node:path';
import { checks, expect, launch } from './checks.mjs';

const [withRepo, withoutRepo] = process.argv.slice(2).map((d) => resolve(d));
const types = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.svg': 'image/svg+xml',
  '.json': 'application/json', '.wasm': 'application/wasm',
};
async function serve(root) {
  const server = createServer((req, res) => {
    let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (path.endsWith('/')) path += 'index.html';
    const file = join(root, path);
    if (!file.startsWith(root) || !existsSync(file) || statSync(file).isDirectory()) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { server, base: `http://127.0.0.1:${server.address().port}/` };
}

// Every entry page of a built site: a folder with an index.html under each section.
function entryPages(root) {
  const pages = [];
  for (const section of ['ruimtes', 'praktijken', 'gidsen', 'vragen']) {
    if (!existsSync(join(root, section))) continue;
    for (const name of readdirSync(join(root, section))) {
      if (name !== 'pagina' && existsSync(join(root, section, name, 'index.html'))) pages.push(`${section}/${name}/`);
    }
  }
  return pages;
}

const shots = process.env.SCREENSHOTS ?? new URL('./screenshots/', import.meta.url).pathname;
mkdirSync(shots, { recursive: true });
const { check, tally } = checks();
const browser = await launch();
const { server, base } = await serve(withRepo);

await check('a card in the finder shows price, size, capacity, availability, access and the check', async () => {
  for (const [w, h] of [[390, 844], [1280, 800]]) {
    const page = await browser.newPage({ viewport: { width: w, height: h } });
    await page.goto(`${base}ruimtes/?kind=atelier`);
    await page.waitForSelector('#vinder-paneel:not([hidden])', { timeout: 15000 });
    const card = page.locator('#vinder-resultaten .card', { hasText: 'Atelier Noord' });
    const facts = await card.locator('.card-facts li').allTextContents();
    for (const fact of ['€ 120 per maand', '35,5 m²', '4 personen', 'Wachtlijst', 'Rolstoel: beperkt']) {
      expect(facts.includes(fact), `${fact} among ${facts.join(' | ')}`);
    }
    expect(await card.locator('img.card-image').count() === 1, 'the first picture');
    const colour = await card.locator('.availability').evaluate((e) => getComputedStyle(e).backgroundColor);
    expect(colour !== 'rgba(0, 0, 0, 0)', `availability has a colour: ${colour}`);
    await page.screenshot({ path: `${shots}finder-full-${w}.png`, fullPage: w === 390 });
    await page.close();
  }
});

await check('the space page opens with how to reach it: operator, website, e-mail, phone, booking, address and map', async () => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await page.goto(`${base}ruimtes/atelier-noord/`);
  const block = page.locator('.contact-block');
  const text = (await block.textContent()).replace(/\s+/g, ' ');
  for (const part of ['Vzw Voorbeeld', 'atelier@example.org', '+32 9 123 45 67', 'Voorbeeldstraat 12']) {
    expect(text.includes(part), `${part} in ${text}`);
  }
  const links = await block.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  for (const href of ['https://example.org/atelier', 'mailto:atelier@example.org', 'tel:+3291234567', 'https://example.org/reserveren']) {
    expect(links.includes(href), `${href} among ${links.join(' ')}`);
  }
  expect(links.some((h) => h.startsWith('https://www.openstreetmap.org/')), 'a link to open the address on a map');
  const top = await block.evaluate((e) => e.getBoundingClientRect().top);
  expect(top < 844, `the contact block starts on the first screen (${top} px)`);
  await page.screenshot({ path: `${shots}space-full-390.png` });
  await page.close();
});

// The report link on every entry page: a pre-filled issue with a repository, else a pre-filled
// e-mail to the contact address.
for (const [label, root, base2, expected] of [
  ['with a repository', withRepo, base, (href) => href.startsWith('https://github.com/example/ruimte/issues/new?')],
  ['without one, by e-mail', withoutRepo, null, (href) => href.startsWith('mailto:meld@example.org?subject=')],
]) {
  await check(`every entry page can be reported (${label})`, async () => {
    const served = base2 ? null : await serve(root);
    const at = base2 ?? served.base;
    const page = await browser.newPage();
    const pages = entryPages(root);
    for (const section of ['ruimtes', 'praktijken', 'gidsen']) {
      expect(pages.some((p) => p.startsWith(`${section}/`)), `an entry page under ${section}/ among ${pages.join(' ')}`);
    }
    for (const path of pages) {
      await page.goto(at + path);
      const hrefs = await page.locator('a', { hasText: 'Meld verouderde informatie' }).evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      expect(hrefs.length === 1 && expected(hrefs[0]), `${path}: ${hrefs.join(' ')}`);
      expect(hrefs[0].includes(encodeURIComponent(path.split('/')[1])) || hrefs[0].includes(path.split('/')[1]), `${path}: the link names the entry`);
    }
    await page.close();
    served?.server.close();
  });
}

await browser.close();
server.close();
console.log(`${tally.passed} passed, ${tally.failed} failed`);
process.exit(tally.failed === 0 ? 0 : 1);
