// What the browser test scripts share: named checks that count passes and failures, and the
// headless Chromium they run in.

import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { chromium } from 'playwright-core';

export function checks() {
  const tally = { passed: 0, failed: 0 };
  const check = async (name, body) => {
    try {
      await body();
      tally.passed += 1;
      console.log(`ok   ${name}`);
    } catch (e) {
      tally.failed += 1;
      console.log(`FAIL ${name}\n  ${e.message.split('\n').join('\n  ')}`);
    }
  };
  return { check, tally };
}

export const expect = (condition, message) => { if (!condition) throw new Error(message); };

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

// A real static server (Python's) on a free port of 127.0.0.1, serving `root`; resolves once
// `root/sub/` answers. Gives its address under `sub` and the process, to kill at the end.
export async function serveStatic(root, sub) {
  const port = await new Promise((ok) => {
    const probe = createServer().listen(0, '127.0.0.1', () => { const p = probe.address().port; probe.close(() => ok(p)); });
  });
  const server = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', root], { stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}/${sub}/`;
  for (let i = 0; i < 50; i += 1) {
    try { if ((await fetch(base)).ok) break; } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { base, server };
}
