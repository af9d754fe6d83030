// Search for every page. On page load this module only listens. The header box suggests results
// as you type (a combobox: arrow keys, Enter, Escape) from a small reader and index of its own
// (titles and names, not the text), fetched the first time the box gets focus; the full-text
// reader and index load on the search page, or in the background once a suggestion has shown
// on a fast connection. The search page shows all results with filters and counts, and keeps the
// query in its address (?q=…&province=…) so it can be shared. Results are built as DOM text,
// never from HTML strings.

const header = document.querySelector('form.site-search');

// The language switch leads to the same page in another language; a search or a finder's
// filters live in the address's query, which pages keep up to date as they change, so the link
// takes the query along at the moment it is followed.
document.querySelector('nav.languages')?.addEventListener('click', (event) => {
  const link = event.target.closest('a[hreflang]');
  if (!link || !window.location.search) return;
  const target = new URL(link.href, window.location.href);
  target.search = window.location.search;
  link.href = target.href;
});

// The build gzips indexes inside their files (hosts often send .bin as it is).
async function unpack(bytes) {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  const unpacked = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(unpacked).arrayBuffer());
}

// Loads a reader once: its glue, its WebAssembly, its index, all three at once (one after the
// other cost two more round trips, 300 ms on a phone's 4G); `open` makes the query function.
function reader(glueUrl, wasmUrl, indexUrl, open) {
  let loading = null;
  return () => {
    if (!loading) {
      loading = (async () => {
        const index = fetch(indexUrl).then(async (response) => {
          if (!response.ok) throw new Error(`${indexUrl}: HTTP ${response.status}`);
          return unpack(new Uint8Array(await response.arrayBuffer()));
        });
        const wasm = fetch(wasmUrl);
        // Whichever fails first is the one reported; the others must not go unhandled.
        index.catch(() => {});
        wasm.catch(() => {});
        const glue = await import(glueUrl);
        await glue.default({ module_or_path: wasm });
        return open(glue, await index);
      })();
      // A failed load may succeed later (the network came back): the next use tries again.
      loading.catch(() => { loading = null; });
    }
    return loading;
  };
}

// Both indexes come as a head and parts (search-index's parts.rs): a query the reader cannot
// answer yet names the parts it wants; they are fetched together, handed over, and the query
// runs again. Each part is fetched once in the session. `ask` runs the query once and gives its
// answer as JSON text.
function lazily(engine, indexUrl, ask) {
  const folder = new URL(engine.folder(), new URL(indexUrl, document.baseURI));
  const fetching = new Map();
  const part = (n) => {
    if (!fetching.has(n)) {
      const got = (async () => {
        const response = await fetch(new URL(`${n}.bin`, folder));
        if (!response.ok) throw new Error(`part ${n}: HTTP ${response.status}`);
        // Raw deflate against its file's dictionary, which goes before it as stored blocks.
        const packed = new Blob([engine.prefix(n), await response.arrayBuffer()]);
        const inflated = packed.stream().pipeThrough(new DecompressionStream('deflate-raw'));
        engine.supply(n, new Uint8Array(await new Response(inflated).arrayBuffer()));
      })();
      fetching.set(n, got);
      // A part that failed may come another time: a later query asks for it again.
      got.catch(() => fetching.delete(n));
    }
    return fetching.get(n);
  };
  return async (...request) => {
    // Two rounds do (the words' postings, then what the hits show); more means a broken index.
    for (let round = 0; round < 6; round++) {
      const answer = JSON.parse(ask(...request));
      if (!answer.wants) return answer;
      await Promise.all(answer.wants.map(part));
    }
    throw new Error('the search index keeps asking for parts');
  };
}

const load = header && reader(header.dataset.glue, header.dataset.wasm, header.dataset.index, (glue, head) => {
  const searcher = new glue.Searcher(head);
  return lazily(searcher, header.dataset.index, (request) => searcher.search(JSON.stringify(request)));
});
const loadSuggestions = header && reader(header.dataset.suggestGlue, header.dataset.suggestWasm, header.dataset.suggestIndex,
  (glue, head) => {
    const suggester = new glue.Suggester(head);
    return lazily(suggester, header.dataset.suggestIndex, (q, limit) => suggester.suggest(q, limit));
  });

const labels = JSON.parse(document.getElementById('zoek-labels')?.textContent || header?.dataset.labels || '{}');
const text = (key, fallback) => (labels.ui && labels.ui[key]) || fallback;
const valueLabel = (group, value) => (labels[group] && labels[group][value]) || value;

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  for (const child of children) node.append(child);
  return node;
}

// Entries are written in Dutch: on a French or English page their titles and texts say so, for
// screen readers. An entry may give its title in the page's language; then that shows.
const pageLang = document.documentElement.lang;
const content = pageLang === 'nl' ? {} : { lang: 'nl' };
function title(hit, attributes = {}) {
  const translated = hit.titles?.[pageLang];
  return translated ? el('span', attributes, translated) : el('span', { ...attributes, ...content }, hit.title);
}

function snippet(parts) {
  const p = el('p', { class: 'snippet', ...content });
  for (const part of parts) p.append(part.hit ? el('mark', {}, part.text) : document.createTextNode(part.text));
  return p;
}

function meta(hit) {
  const line = el('p', { class: 'card-meta' }, el('span', { class: 'badge' }, valueLabel('type', hit.kind)));
  if (hit.place) line.append(` ${hit.place}`);
  return line;
}

function countText(n) {
  return n === 1 ? text('search_count_one', '1 resultaat') : text('search_count', '{n} resultaten').replace('{n}', n);
}

// The header: suggestions as you type.
function setUpHeader() {
  const input = header.querySelector('input[name=q]');
  const list = header.querySelector('[role=listbox]');
  let active = -1;
  let timer = 0;
  const options = () => [...list.querySelectorAll('[role=option]')];
  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const highlight = (index) => {
    const all = options();
    if (all.length === 0) return;
    active = (index + all.length) % all.length;
    all.forEach((o, i) => o.setAttribute('aria-selected', String(i === active)));
    input.setAttribute('aria-activedescendant', all[active].id);
  };
  // While the reader loads (a slow network), the box says so; what is typed meanwhile is kept
  // and suggested for once it is there. If it cannot load, the box says so and still searches.
  const busy = document.getElementById('zoek-kop-bezig');
  let ready = false;
  let warmed = false;
  const suggest = async () => {
    const q = input.value.trim();
    if (!q) return close();
    if (!ready) busy.textContent = text('search_loading_suggestions', 'Suggesties laden…');
    let find;
    try {
      find = await loadSuggestions();
    } catch {
      busy.textContent = text('search_suggestions_failed', 'Suggesties laden lukt nu niet. Druk Enter om te zoeken.');
      return close();
    }
    ready = true;
    busy.textContent = '';
    let result;
    try {
      result = await find(q, 6);
    } catch {
      busy.textContent = text('search_suggestions_failed', 'Suggesties laden lukt nu niet. Druk Enter om te zoeken.');
      return close();
    }
    if (input.value.trim() !== q) return; // typed on meanwhile: the newer call draws
    list.replaceChildren();
    // An option is text, not a link (a link inside an option is a control inside a control);
    // choosing it, by Enter or a click, goes to its address.
    result.hits.forEach((hit, i) => {
      list.append(el('li', { role: 'option', id: `zoek-kop-optie-${i}`, 'aria-selected': 'false',
        'data-href': header.dataset.base + hit.url }, title(hit, { class: 'option-title' }), meta(hit)));
    });
    // The suggestions look at titles and names; the search page reads the texts too, so it
    // may find more: no count here that the page would contradict.
    const all = result.total === 0
      ? text('search_no_suggestions', 'Niets gevonden: bekijk de zoekpagina')
      : text('search_all_results', 'Alle resultaten');
    list.append(el('li', { role: 'option', id: 'zoek-kop-alles', 'aria-selected': 'false', class: 'all',
      'data-href': `${header.action}?q=${encodeURIComponent(q)}` }, all));
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    active = -1;
    // Once a suggestion shows, the full engine loads in the background on a fast connection
    // that does not ask to save data, so the results page opens at once.
    const connection = navigator.connection;
    if (!warmed && !(connection && (connection.saveData || /2g/.test(connection.effectiveType || '')))) {
      warmed = true;
      setTimeout(() => load().catch(() => {}), 500);
    }
  };
  input.addEventListener('focus', () => { loadSuggestions().catch(() => {}); }, { once: true });
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(suggest, 60);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (list.hidden) return;
      event.preventDefault();
      highlight(active + (event.key === 'ArrowDown' ? 1 : -1));
    } else if (event.key === 'Enter' && active >= 0) {
      event.preventDefault();
      window.location.href = options()[active].dataset.href;
    } else if (event.key === 'Escape') {
      close();
    }
  });
  list.addEventListener('mousedown', (event) => event.preventDefault()); // keep focus for the click
  list.addEventListener('click', (event) => {
    const option = event.target.closest('[role=option]');
    if (option) window.location.href = option.dataset.href;
  });
  input.addEventListener('blur', () => setTimeout(close, 150));
}

// The search page: all results, filters with counts, the query in the address. On a phone the
// filters fold into one "Filters (n)" line above the results; on a wide screen they stand open
// beside them. Every value of a group can be reached: the first twelve show, a button shows the
// rest, and a long group has a box to narrow its list.
function setUpPage() {
  // The filter groups, in order, as the index defines them (search-index's FILTER_GROUPS).
  const GROUPS = labels.groups || [];
  const SHOWN = 12;
  const form = document.querySelector('form.search-page');
  const input = form.querySelector('input[name=q]');
  const panel = document.getElementById('zoek-filterpaneel');
  const filters = document.getElementById('zoek-filters');
  const tally = document.getElementById('zoek-filtertal');
  const status = document.getElementById('zoek-status');
  const alternatives = document.getElementById('zoek-anders');
  const results = document.getElementById('zoek-resultaten');
  const params = new URLSearchParams(window.location.search);
  input.value = params.get('q') || '';
  // An empty value ("Overal" in the home page's place picker) chooses nothing.
  const chosen = Object.fromEntries(GROUPS.map((g) => [g, new Set(params.getAll(g).filter(Boolean))]));
  const expanded = new Set(); // groups that show every value
  const narrowed = {}; // group -> the text typed in its own box

  const wide = window.matchMedia('(min-width: 60rem)');
  panel.open = wide.matches;
  wide.addEventListener('change', () => { panel.open = wide.matches; });

  // The first results, and more on request: each shown hit's text is a part of the index to fetch.
  const PAGE = 20;
  let shown = PAGE;
  const more = el('button', { type: 'button', class: 'more-button', id: 'zoek-meer', hidden: '' });
  results.after(more);
  const request = () => {
    const f = {};
    for (const g of GROUPS) if (chosen[g].size) f[g] = [...chosen[g]];
    return { q: input.value.trim(), filters: f, limit: shown };
  };
  const address = (q, picked) => {
    const next = new URLSearchParams();
    if (q) next.set('q', q);
    for (const g of GROUPS) for (const v of picked[g]) next.append(g, v);
    return `${window.location.pathname}${next.size ? `?${next}` : ''}`;
  };
  const remember = () => history.replaceState(null, '', address(input.value.trim(), chosen));
  let facets = {};
  const renderFilters = () => {
    // The panel is made anew on every change; whatever had the focus gets it back.
    const focused = document.activeElement && filters.contains(document.activeElement) ? document.activeElement.id : null;
    filters.replaceChildren();
    let picked = 0;
    for (const group of GROUPS) {
      picked += chosen[group].size;
      const values = (facets[group] || []).filter((v) => v.count > 0 || chosen[group].has(v.value));
      for (const v of chosen[group]) if (!values.some((x) => x.value === v)) values.push({ value: v, count: 0 });
      if (values.length === 0) continue;
      const legend = text(`filter_${group}`, group);
      const box = el('fieldset', {}, el('legend', {}, legend));
      if (values.length > SHOWN) {
        const findLabel = text('filter_find', 'Zoek in {group}').replace('{group}', legend.toLowerCase());
        const find = el('input', { type: 'search', id: `filter-${group}-zoek`, class: 'filter-find', placeholder: findLabel,
          'aria-label': findLabel });
        find.value = narrowed[group] || '';
        find.addEventListener('input', () => { narrowed[group] = find.value; renderFilters(); });
        box.append(find);
      }
      const needle = (narrowed[group] || '').trim().toLowerCase();
      const matching = values.filter((v) => !needle || valueLabel(group, v.value).toLowerCase().includes(needle));
      const shown = expanded.has(group) || needle ? matching : matching.slice(0, SHOWN);
      for (const v of shown) {
        const id = `filter-${group}-${v.value}`;
        const check = el('input', { type: 'checkbox', id, name: group, value: v.value });
        check.checked = chosen[group].has(v.value);
        check.addEventListener('change', () => {
          if (check.checked) chosen[group].add(v.value); else chosen[group].delete(v.value);
          run();
        });
        box.append(el('div', { class: 'filter' }, check,
          el('label', { for: id }, `${valueLabel(group, v.value)} `, el('span', { class: 'count' }, `(${v.count})`))));
      }
      if (shown.length < matching.length) {
        const more = el('button', { type: 'button', class: 'filter-more', id: `filter-${group}-meer` },
          text('filter_show_all', 'Toon alle {n}').replace('{n}', matching.length));
        more.addEventListener('click', () => {
          expanded.add(group);
          renderFilters();
          document.getElementById(`filter-${group}-${matching[SHOWN].value}`)?.focus();
        });
        box.append(more);
      }
      filters.append(box);
    }
    tally.textContent = picked ? `(${picked})` : '';
    panel.hidden = filters.childElementCount === 0;
    if (focused) document.getElementById(focused)?.focus();
  };
  // With nothing found: drop a filter, or browse the lists.
  const offerAlternatives = (total) => {
    alternatives.replaceChildren();
    alternatives.hidden = total > 0;
    if (total > 0) return;
    const q = input.value.trim();
    const offer = (label, next, picked) => {
      const link = el('a', { href: address(next, picked) }, label);
      link.addEventListener('click', (event) => {
        event.preventDefault();
        input.value = next;
        for (const g of GROUPS) chosen[g] = new Set(picked[g]);
        run();
        input.focus();
      });
      alternatives.append(el('li', {}, link));
    };
    for (const g of GROUPS) {
      for (const v of chosen[g]) {
        const without = Object.fromEntries(GROUPS.map((x) => [x, [...chosen[x]].filter((y) => x !== g || y !== v)]));
        offer(text('search_without', 'Zonder “{value}”').replace('{value}', valueLabel(g, v)), q, without);
      }
    }
    // Every word is already searched on its own (any word may match), so with no filter to drop
    // the way on is the lists.
    if (alternatives.childElementCount === 0) {
      for (const link of document.querySelectorAll('#zoek-nojs .browse a')) {
        alternatives.append(el('li', {}, el('a', { href: link.getAttribute('href') }, link.textContent)));
      }
    }
    alternatives.hidden = alternatives.childElementCount === 0;
  };
  // The index gives at most this many hits for a query.
  const MOST = 100;
  more.addEventListener('click', async () => {
    const first = results.children.length;
    shown = Math.min(shown + PAGE, MOST);
    await run();
    results.children[first]?.querySelector('a')?.focus();
  });
  let search = null;
  // Queries may wait for parts of the index; only the latest one typed is shown.
  let latest = 0;
  // The query (words and filters) whose first results, and whose counts, are shown.
  let asked = '';
  let counted = '';
  const run = async () => {
    if (!search) return;
    remember();
    // Another query or other filters start again from the first results.
    const key = JSON.stringify([input.value.trim(), GROUPS.map((g) => [...chosen[g]])]);
    if (key !== asked) { shown = PAGE; asked = key; }
    // "More" asks a query again whose counts are shown: they stand.
    const counts = key !== counted;
    const ticket = ++latest;
    // Busy until this query's results and counts are shown (or it failed, or another replaced it).
    results.setAttribute('aria-busy', 'true');
    const done = () => { if (ticket === latest) results.removeAttribute('aria-busy'); };
    let result;
    try {
      // The results first, then the counts: counting reads every entry's filter values, which
      // a first search must fetch (search-index's parts.rs).
      result = await search({ ...request(), facets: false });
      if (ticket !== latest) return;
      show(result);
      if (!counts) { done(); return; }
      result = await search(request());
    } catch (error) {
      // A part of the index could not be fetched: say so, and offer the lists again.
      if (ticket === latest) {
        status.textContent = text('search_failed', 'Zoeken lukt nu niet.');
        document.getElementById('zoek-nojs').hidden = false;
      }
      done();
      return;
    }
    if (ticket !== latest) return;
    facets = result.facets;
    counted = key;
    renderFilters();
    offerAlternatives(result.total);
    done();
  };
  const show = (result) => {
    document.getElementById('zoek-nojs').hidden = true;
    results.replaceChildren(...result.hits.map((hit) => el('li', { class: 'card' },
      el('h2', { class: 'card-title' }, el('a', { href: header.dataset.base + hit.url }, title(hit))),
      meta(hit), snippet(hit.snippet))));
    const left = Math.min(result.total, MOST) - result.hits.length;
    more.hidden = left <= 0;
    more.textContent = text('finder_more', 'Toon meer (nog {n})').replace('{n}', result.total - result.hits.length);
    status.textContent = result.total === 0 ? text('search_no_results', 'Niets gevonden.') : countText(result.total);
  };
  let timer = 0;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(run, 80);
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    run();
  });
  load().then((ready) => {
    search = ready;
    document.getElementById('zoek-nojs').hidden = true;
    run();
  }, () => {
    status.textContent = text('search_failed', 'Zoeken lukt nu niet.');
  });
}

if (header && header.dataset.glue) {
  setUpHeader();
  if (document.querySelector('form.search-page')) setUpPage();
}
