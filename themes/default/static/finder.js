// The finder on the lists of spaces and practices. Every browser gets the list itself, in
// pages. This script reads the list's filters.json (per entry only numbers: its values in each
// group, its figures, its place in each order) and adds filters with counts, ranges and an
// order, and keeps the choice in the address so that a link reproduces the view.
//
// The panel is built once; a change only updates counts and hides values no entry has under the
// other filters, so the focus stays where it is. Cards are the build's own markup: those already
// on the page are reused, the others come in files of a few dozen in list order
// (kaarten.N.html), each fetched the first time one of its cards shows. Everything else is
// built as DOM text.

const root = document.getElementById('vinder');
const ui = JSON.parse(document.getElementById('vinder-labels').textContent);
const say = (key, fallback) => ui[key] || fallback;
const SHOWN = 12; // values a long group shows before "show all"
const STEP = 24; // cards added by "show more"

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  for (const child of children) node.append(child);
  return node;
}

// A figure typed in a box, or null for an empty or unreadable one.
function figure(text) {
  if (text === null || text.trim() === '') return null;
  const n = Number(text.replace(',', '.'));
  return Number.isFinite(n) ? n : null;
}

function setUp(data) {
  const { groups, ranges, entries } = data;
  const sorts = [{ key: 'relevance', label: say('sort_relevance', 'Relevantie') }, ...data.sorts];
  const urlOf = (e) => data.url.replace('{slug}', e.k);
  const panel = document.getElementById('vinder-paneel');
  const filters = document.getElementById('vinder-filters');
  const tally = document.getElementById('vinder-filtertal');
  const status = document.getElementById('vinder-status');
  const order = document.getElementById('vinder-sorteer');
  const alternatives = document.getElementById('vinder-anders');
  const results = document.getElementById('vinder-resultaten');
  const moreLine = document.getElementById('vinder-meer-regel');
  const more = document.getElementById('vinder-meer');
  status.tabIndex = -1; // where the focus goes when the button that had it is gone

  // The choice, from the address: values by index in their group, bounds, the order.
  const params = new URLSearchParams(window.location.search);
  const chosen = groups.map((g) => new Set(params.getAll(g.key)
    .map((key) => g.values.findIndex((v) => v.key === key)).filter((i) => i >= 0)));
  const bounds = ranges.map((r) => ({
    min: r.min ? figure(params.get(`${r.key}_min`)) : null,
    max: figure(params.get(`${r.key}_max`)),
  }));
  let sort = Math.max(0, sorts.findIndex((s) => s.key === params.get('sort')));
  const address = () => {
    const next = new URLSearchParams();
    groups.forEach((g, gi) => [...chosen[gi]].sort((a, b) => a - b).forEach((vi) => next.append(g.key, g.values[vi].key)));
    ranges.forEach((r, ri) => {
      if (bounds[ri].min !== null) next.set(`${r.key}_min`, bounds[ri].min);
      if (bounds[ri].max !== null) next.set(`${r.key}_max`, bounds[ri].max);
    });
    if (sort > 0) next.set('sort', sorts[sort].key);
    return `${window.location.pathname}${next.size ? `?${next}` : ''}`;
  };

  // Which entries pass, and per group how many would pass with each of its values: a group's
  // counts follow every filter but its own, so picking a second value in it is never a dead end.
  const inRanges = (e) => bounds.every(({ min, max }, ri) => {
    if (min === null && max === null) return true;
    const v = e.r[ri];
    return v !== null && (min === null || v >= min) && (max === null || v <= max);
  });
  const compute = () => {
    const counts = groups.map((g) => new Array(g.values.length).fill(0));
    const hits = [];
    for (const e of entries) {
      if (!inRanges(e)) continue;
      let failed = -1;
      let fails = 0;
      for (let gi = 0; gi < groups.length && fails < 2; gi++) {
        if (chosen[gi].size && !e.g[gi].some((v) => chosen[gi].has(v))) {
          failed = gi;
          fails++;
        }
      }
      if (fails === 0) {
        hits.push(e);
        e.g.forEach((values, gi) => values.forEach((v) => { counts[gi][v]++; }));
      } else if (fails === 1) {
        e.g[failed].forEach((v) => { counts[failed][v]++; });
      }
    }
    if (sort > 0) hits.sort((a, b) => a.s[sort - 1] - b.s[sort - 1]);
    return { hits, counts };
  };

  // The panel, built once.
  const rows = [];
  const countSpans = [];
  const boxes = [];
  const moreButtons = [];
  const narrowed = groups.map(() => '');
  const expanded = groups.map(() => false);
  const clear = el('button', { type: 'button', class: 'filter-clear', id: 'vinder-wis' }, say('finder_clear', 'Wis alle filters'));
  clear.addEventListener('click', () => {
    chosen.forEach((set) => set.clear());
    bounds.forEach((b) => { b.min = null; b.max = null; });
    for (const input of filters.querySelectorAll('input')) {
      if (input.type === 'checkbox') input.checked = false; else input.value = '';
    }
    narrowed.fill('');
    run();
    // The button hides itself: the focus goes to the first filter.
    filters.querySelector('input[type=checkbox]')?.focus();
  });
  filters.append(clear);
  const labelText = (g, v) => (g.values.some((w) => w !== v && w.label === v.label) && v.detail ? `${v.label} (${v.detail})` : v.label);
  const rangeBoxes = ranges.map((r, ri) => rangeBox(r, ri));
  groups.forEach((g, gi) => {
    const box = el('fieldset', { class: 'filter-group' }, el('legend', {}, g.label));
    if (g.values.length > SHOWN) {
      const findLabel = say('filter_find', 'Zoek in {group}').replace('{group}', g.label.toLowerCase());
      const find = el('input', { type: 'search', id: `vinder-${g.key}-zoek`, class: 'filter-find', placeholder: findLabel, 'aria-label': findLabel });
      find.addEventListener('input', () => { narrowed[gi] = find.value; update(last); });
      box.append(find);
    }
    rows[gi] = [];
    countSpans[gi] = [];
    g.values.forEach((v, vi) => {
      const id = `vinder-${g.key}-${v.key}`;
      const check = el('input', { type: 'checkbox', id, name: g.key, value: v.key });
      check.checked = chosen[gi].has(vi);
      check.addEventListener('change', () => {
        if (check.checked) chosen[gi].add(vi); else chosen[gi].delete(vi);
        run();
      });
      const count = el('span', { class: 'count' });
      const row = el('div', { class: 'filter' }, check, el('label', { for: id }, `${labelText(g, v)} `, count));
      rows[gi].push(row);
      countSpans[gi].push(count);
      box.append(row);
    });
    const showAll = el('button', { type: 'button', class: 'filter-more', id: `vinder-${g.key}-meer` });
    showAll.addEventListener('click', () => {
      const before = rows[gi].filter((row) => !row.hidden).length;
      expanded[gi] = true;
      update(last);
      rows[gi].filter((row) => !row.hidden)[before]?.querySelector('input')?.focus();
    });
    box.append(showAll);
    moreButtons[gi] = showAll;
    // A range on the same figure as the group (the price) goes with it.
    const ri = ranges.findIndex((r) => r.key === g.key);
    if (ri >= 0) box.append(rangeBoxes[ri]);
    boxes[gi] = box;
    filters.append(box);
  });
  ranges.forEach((r, ri) => {
    if (!groups.some((g) => g.key === r.key)) filters.append(el('fieldset', { class: 'filter-group' }, el('legend', {}, r.label), rangeBoxes[ri]));
  });
  // On a phone the open panel covers the list: one button closes it and goes to the cards.
  const done = el('button', { type: 'button', class: 'filters-done', id: 'vinder-toon' });
  done.addEventListener('click', () => {
    panel.open = false;
    status.focus({ preventScroll: true });
    panel.scrollIntoView({ block: 'start' });
  });
  filters.append(done);
  const priceHint = el('p', { class: 'filter-hint', id: 'vinder-prijs-uitleg', hidden: '' }, say('finder_price_hint', ''));
  const priceGroup = groups.findIndex((g) => g.key === 'price');
  if (priceGroup >= 0) boxes[priceGroup].append(priceHint);

  // A range's boxes: "from" and "to", or only "at most" (a price).
  function rangeBox(r, ri) {
    const part = el('div', { class: r.min ? 'filter-range' : 'filter-range filter-range-single' });
    const side = (which, label) => {
      const id = `vinder-${r.key}-${which}`;
      const input = el('input', { type: 'number', id, min: '0', step: 'any', inputmode: 'decimal' });
      if (bounds[ri][which] !== null) input.value = bounds[ri][which];
      let timer = 0;
      input.addEventListener('input', () => {
        clearTimeout(timer);
        timer = setTimeout(() => { bounds[ri][which] = figure(input.value); run(); }, 300);
      });
      part.append(el('label', { for: id }, label), input);
    };
    if (r.min) {
      side('min', say('finder_from', 'Vanaf'));
      side('max', say('finder_to', 'Tot'));
    } else {
      side('max', r.label);
    }
    return part;
  }

  const picked = () => chosen.reduce((n, set) => n + set.size, 0)
    + bounds.reduce((n, b) => n + (b.min !== null) + (b.max !== null), 0);

  // Counts, which values show, the tally: the panel's nodes stay, so the focus does too.
  let last = null;
  const update = ({ counts }) => {
    groups.forEach((g, gi) => {
      const needle = narrowed[gi].trim().toLowerCase();
      let fitting = 0;
      let visible = 0;
      g.values.forEach((v, vi) => {
        const n = counts[gi][vi];
        countSpans[gi][vi].textContent = `(${n})`;
        const fits = (n > 0 || chosen[gi].has(vi)) && (!needle || labelText(g, v).toLowerCase().includes(needle));
        const show = fits && (expanded[gi] || needle || visible < SHOWN || chosen[gi].has(vi));
        rows[gi][vi].hidden = !show;
        fitting += fits;
        visible += show;
      });
      moreButtons[gi].hidden = visible >= fitting;
      moreButtons[gi].textContent = say('filter_show_all', 'Toon alle {n}').replace('{n}', fitting);
      // A group where nothing is left to pick hides, unless its box to narrow is in use; so
      // does one where every entry has the same value (all "unknown"): it cannot narrow.
      boxes[gi].hidden = (fitting === 0 && !needle) || (g.values.length < 2 && chosen[gi].size === 0);
    });
    const n = picked();
    tally.textContent = n ? `(${n})` : '';
    done.textContent = say('finder_show', 'Toon {what}').replace('{what}', countText(last.hits.length));
    clear.hidden = n === 0;
    const priceRange = ranges.findIndex((r) => r.key === 'price');
    priceHint.hidden = !(priceGroup >= 0 && priceRange >= 0 && bounds[priceRange].max !== null && chosen[priceGroup].size === 0);
  };

  // Cards: those on the page, then those of each card file as one of them is first shown.
  const cards = new Map();
  const position = new Map(entries.map((e, i) => [e, i]));
  const bySlugUrl = new Map(entries.map((e) => [urlOf(e), e.k]));
  for (const card of results.children) {
    const slug = bySlugUrl.get(card.querySelector('a.card-title')?.getAttribute('href'));
    if (slug) cards.set(slug, card);
  }
  const files = new Map(); // file number -> its promise
  const cardFile = (n) => {
    if (!files.has(n)) {
      files.set(n, (async () => {
        const response = await fetch(data.cards.replace('{n}', n));
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        // The build's own card markup, from this site (the same markup the list page carries).
        const template = document.createElement('template');
        template.innerHTML = await response.text();
        const inFile = [...template.content.children];
        entries.slice(n * data.per_file, (n + 1) * data.per_file).forEach((e, i) => {
          if (!cards.has(e.k) && inFile[i]) cards.set(e.k, inFile[i]);
        });
      })().catch(() => { files.delete(n); })); // a later view tries again
    }
    return files.get(n);
  };
  const fetchCard = async (e) => {
    if (cards.has(e.k)) return;
    await cardFile(Math.floor(position.get(e) / data.per_file));
    // A file that did not come: a plain link, so the entry is still there.
    if (!cards.has(e.k)) return el('li', { class: 'card' }, el('a', { class: 'card-title', href: urlOf(e) }, e.k));
    return undefined;
  };

  // The link to the map carries the same choice, which the map's script applies.
  const mapLink = document.getElementById('vinder-kaart');
  const keepOnMap = () => {
    if (!mapLink) return;
    const target = new URL(mapLink.href);
    target.search = window.location.search;
    mapLink.href = target.href;
  };
  const countText = (n) => (n === 1
    ? say('finder_count_one', '1 {one}').replace('{one}', say('one', ''))
    : say('finder_count', '{n} {what}').replace('{n}', n).replace('{what}', say('what', '')));

  // With nothing found: drop one filter at a time.
  const offerAlternatives = (total) => {
    alternatives.replaceChildren();
    if (total === 0) {
      const offer = (label, drop) => {
        const link = el('button', { type: 'button', class: 'link-button' }, label);
        link.addEventListener('click', () => { drop(); syncInputs(); run(); status.focus(); });
        alternatives.append(el('li', {}, link));
      };
      const without = (label) => say('search_without', 'Zonder “{value}”').replace('{value}', label);
      groups.forEach((g, gi) => chosen[gi].forEach((vi) => offer(without(labelText(g, g.values[vi])), () => chosen[gi].delete(vi))));
      ranges.forEach((r, ri) => {
        if (bounds[ri].min !== null || bounds[ri].max !== null) offer(without(r.label), () => { bounds[ri].min = null; bounds[ri].max = null; });
      });
    }
    alternatives.hidden = alternatives.childElementCount === 0;
  };
  const syncInputs = () => {
    groups.forEach((g, gi) => rows[gi].forEach((row, vi) => { row.querySelector('input').checked = chosen[gi].has(vi); }));
    ranges.forEach((r, ri) => {
      for (const which of ['min', 'max']) {
        const input = document.getElementById(`vinder-${r.key}-${which}`);
        if (input) input.value = bounds[ri][which] === null ? '' : bounds[ri][which];
      }
    });
  };

  // Without a choice in the address the first view is the page as it came: as many cards.
  let limit = picked() || sort ? STEP : Math.max(STEP, results.childElementCount);
  let drawn = 0; // a later draw wins over an earlier one whose cards are still coming
  const draw = async (focusFrom = -1) => {
    const ticket = ++drawn;
    const { hits } = last;
    const shown = hits.slice(0, limit);
    const standIns = await Promise.all(shown.map(fetchCard));
    if (ticket !== drawn) return;
    results.replaceChildren(...shown.map((e, i) => cards.get(e.k) || standIns[i]));
    const rest = hits.length - shown.length;
    moreLine.hidden = rest <= 0;
    more.textContent = say('finder_more', 'Toon meer (nog {n})').replace('{n}', rest);
    if (focusFrom >= 0) results.children[focusFrom]?.querySelector('a')?.focus();
  };
  const tell = () => {
    status.textContent = last.hits.length ? countText(last.hits.length) : say('finder_none', 'Niets gevonden.');
    offerAlternatives(last.hits.length);
  };
  const run = () => {
    last = compute();
    limit = STEP;
    history.replaceState(null, '', address());
    keepOnMap();
    update(last);
    tell();
    draw();
  };
  more.addEventListener('click', () => {
    const from = limit;
    limit += STEP;
    draw(from);
  });
  sorts.forEach((s, i) => order.append(el('option', { value: s.key }, s.label)));
  order.selectedIndex = sort;
  order.addEventListener('change', () => { sort = order.selectedIndex; run(); });

  // Ready: show the panel (open beside the list on a wide screen, folded on a phone), the
  // order, and the list as the choice in the address makes it; the pages are for browsers
  // without the script.
  const wide = window.matchMedia('(min-width: 60rem)');
  panel.open = wide.matches;
  wide.addEventListener('change', () => { panel.open = wide.matches; });
  panel.hidden = false;
  document.getElementById('vinder-volgorde').hidden = false;
  document.getElementById('vinder-paginas').hidden = true;
  last = compute();
  update(last);
  tell();
  draw();
  keepOnMap();
}

if (root) {
  fetch(root.dataset.data)
    .then((response) => {
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return response.json();
    })
    // Without the data the list stays as it came, in pages.
    .then(setUp, () => {});
}
