// The comparison, faster with a script. On the chooser: at most four picks; two lead to their
// pair's page, three or four to the family's page narrowed to them (the address says which, so
// it can be shared). On a family's page: `?gidsen=a,b,c` (or `?gidsen=a&gidsen=b`) hides the
// other guides' columns. Without this script the chooser leads to the whole family and every
// pair has its own page.

const MOST = 4;

for (const form of document.querySelectorAll('form.chooser')) {
  const boxes = [...form.querySelectorAll('input[name=gidsen]')];
  const limit = () => {
    const picked = boxes.filter((b) => b.checked).length;
    for (const b of boxes) b.disabled = !b.checked && picked >= MOST;
  };
  form.addEventListener('change', limit);
  form.addEventListener('submit', (event) => {
    const picked = boxes.filter((b) => b.checked).map((b) => b.value).sort();
    if (picked.length < 2) return; // the whole family, as without a script
    event.preventDefault();
    const target = new URL(form.action, window.location.href);
    if (picked.length === 2) {
      target.pathname = `${target.pathname.replace(/[^/]+\/$/, '')}${picked[0]}/${picked[1]}/`;
    } else {
      target.search = `?gidsen=${picked.join(',')}`;
    }
    window.location.assign(target.href);
  });
  limit();
}

const table = document.querySelector('table[data-narrows]');
if (table) {
  const asked = new URLSearchParams(window.location.search).getAll('gidsen').flatMap((v) => v.split(','));
  const known = new Set([...table.querySelectorAll('thead th[data-guide]')].map((th) => th.dataset.guide));
  const picked = new Set(asked.filter((slug) => known.has(slug)).slice(0, MOST));
  if (picked.size >= 2) {
    for (const cell of table.querySelectorAll('[data-guide]')) cell.hidden = !picked.has(cell.dataset.guide);
    for (const th of table.querySelectorAll('th[scope=colgroup]')) th.colSpan = picked.size;
    table.closest('.side-by-side-wrap')?.classList.remove('is-wide');
    const names = [...table.querySelectorAll('thead th[data-guide]:not([hidden])')].map((th) => th.textContent.trim());
    const heading = document.getElementById('vergelijking-titel');
    heading.textContent = names.join(' – ');
    document.title = `${names.join(' – ')} · ${document.title.split(' · ').pop()}`;
  }
}
