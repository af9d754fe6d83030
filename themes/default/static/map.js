// The finder's filters on the map. The list of spaces keeps its choice in the address
// (`?kind=repetitieruimte&province=oost-vlaanderen`) and links here with it; this script reads
// the same filters.json the finder reads, keeps the spaces that pass (the finder's own rule: a
// value of every group chosen in, every bound met), and hides the others' markers and list
// items, recounting the markers that stand for several. Without the script, or without filters,
// the map shows every space.

const figure = document.getElementById('kaart');
const note = document.getElementById('kaart-filter');
const ui = JSON.parse(document.getElementById('kaart-labels')?.textContent || '{}');
const params = new URLSearchParams(window.location.search);

// A bound typed in the finder, or null.
function bound(text) {
  if (text === null || text.trim() === '') return null;
  const n = Number(text.replace(',', '.'));
  return Number.isFinite(n) ? n : null;
}

// The slugs of the spaces that pass the filters in the address.
function passing(data) {
  const chosen = data.groups.map((g) => new Set(params.getAll(g.key)
    .map((key) => g.values.findIndex((v) => v.key === key)).filter((i) => i >= 0)));
  const bounds = data.ranges.map((r) => ({
    min: r.min ? bound(params.get(`${r.key}_min`)) : null,
    max: bound(params.get(`${r.key}_max`)),
  }));
  const inRanges = (e) => bounds.every(({ min, max }, ri) => {
    if (min === null && max === null) return true;
    const v = e.r[ri];
    return v !== null && (min === null || v >= min) && (max === null || v <= max);
  });
  const active = chosen.some((set) => set.size) || bounds.some((b) => b.min !== null || b.max !== null);
  const slugs = new Set(data.entries
    .filter((e) => inRanges(e) && e.g.every((values, gi) => !chosen[gi].size || values.some((v) => chosen[gi].has(v))))
    .map((e) => e.k));
  return { active, slugs };
}

function apply({ active, slugs }) {
  if (!active) return;
  let shown = 0;
  let total = 0;
  for (const item of document.querySelectorAll('.map-list li[data-space]')) {
    const keep = slugs.has(item.dataset.space);
    item.hidden = !keep;
    total++;
    if (keep) shown++;
  }
  for (const group of document.querySelectorAll('.map-list > li')) {
    group.hidden = !group.querySelector('li[data-space]:not([hidden])');
  }
  for (const marker of figure.querySelectorAll('.map-marker')) {
    const kept = marker.dataset.spaces.split(' ').filter((slug) => slugs.has(slug));
    marker.style.display = kept.length ? '' : 'none';
    if (!kept.length) continue;
    const place = marker.dataset.place;
    let label;
    if (kept.length === 1) {
      // One space left: the marker leads to it, named as a single space's marker is.
      const link = document.querySelector(`.map-list li[data-space="${CSS.escape(kept[0])}"] a`);
      marker.setAttribute('href', link.getAttribute('href'));
      label = `${place}: ${link.textContent}`;
    } else {
      label = (ui.map_marker_many || '{place}: {n}').replace('{place}', place).replace('{n}', kept.length);
    }
    marker.setAttribute('aria-label', label);
    marker.querySelector('title').textContent = label;
    const count = marker.querySelector('text');
    if (count) count.textContent = kept.length > 1 ? kept.length : '';
    marker.querySelector('circle').setAttribute('r', kept.length > 1 ? 13 : 8);
  }
  // The other maps keep the filters.
  for (const link of document.querySelectorAll('.map-nav a')) {
    const url = new URL(link.href);
    url.search = params.toString();
    link.href = url.href;
  }
  const list = new URL(figure.dataset.list, window.location.href);
  list.search = params.toString();
  const all = new URL(window.location.href);
  all.search = '';
  const text = shown
    ? (ui.map_filtered || '{n} / {total}').replace('{n}', shown).replace('{total}', total)
    : ui.map_filtered_none || '';
  const link = (href, words) => {
    const a = document.createElement('a');
    a.href = href;
    a.textContent = words;
    return a;
  };
  note.replaceChildren(`${text} `, link(list.href, ui.map_filter_edit), ' · ', link(all.href, ui.map_filter_clear));
  note.hidden = false;
}

if (figure && [...params.keys()].length) {
  fetch(figure.dataset.finder)
    .then((response) => {
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return response.json();
    })
    .then((data) => apply(passing(data)))
    // Without the data the map shows every space, as without the script.
    .catch(() => {});
}
