// What the browser test scripts share: named checks that count passes and failures, and the
// headless Chromium they run in.

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
