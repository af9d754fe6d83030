// Injected by `ruimte serve` only (never into `ruimte build` output): reloads the page when a
// rebuild is published, so a saved edit shows at once.
const events = new EventSource('/__ruimte/events');
events.addEventListener('reload', () => window.location.reload());
