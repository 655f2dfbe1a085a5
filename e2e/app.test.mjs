// End-to-end tests: the release build (dist/, from `trunk build --release`)
// served on 127.0.0.1 and driven in Debian's Chromium by playwright-core.
// Screenshots go to target/screenshots/. Run with `make test-e2e`, or
// `node --test e2e/*.test.mjs` after a release build.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serveStatic } from './server.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist');
const SHOTS = join(ROOT, 'target', 'screenshots');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];
const VIEWPORT = { width: 1280, height: 800 };
const KINDS = ['producer', 'exchange', 'queue', 'consumer'];

let server;
let browser;

/** Opens the app in a fresh context; records console errors and page errors. */
async function openApp(colorScheme = 'light') {
  const context = await browser.newContext({ viewport: VIEWPORT, colorScheme });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`page: ${err.message}`));
  page.on('requestfailed', (req) => errors.push(`request failed: ${req.url()}`));
  await page.goto(server.url, { waitUntil: 'load' });
  // The header is drawn by the wasm app, so this waits for it to start.
  await page.locator('header h1').waitFor({ timeout: 30_000 });
  return { context, page, errors };
}

/** Relative luminance (0 black .. 1 white) of a CSS `rgb(...)` colour. */
function luminance(css) {
  const [r, g, b] = css.match(/[\d.]+/g).slice(0, 3).map((v) => Number(v) / 255);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

before(async () => {
  assert.ok(
    existsSync(join(DIST, 'index.html')),
    `no release build in ${DIST}: run \`trunk build --release\` (or \`make test\`) first`,
  );
  mkdirSync(SHOTS, { recursive: true });
  server = await serveStatic(DIST);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

describe('release build in Chromium', () => {
  test('dist/ holds an optimised wasm, served as application/wasm', async () => {
    const wasm = readdirSync(DIST).filter((f) => f.endsWith('.wasm'));
    assert.equal(wasm.length, 1, `one .wasm in dist/, found: ${wasm.join(', ')}`);
    const bytes = statSync(join(DIST, wasm[0])).size;
    assert.ok(bytes > 10_000, `wasm is ${bytes} bytes: suspiciously small`);
    const res = await fetch(new URL(wasm[0], server.url));
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/wasm');
  });

  test('first screen: header, palette and an empty canvas', async () => {
    const { context, page, errors } = await openApp('light');
    try {
      assert.equal(await page.title(), 'Warren: a RabbitMQ playground');
      assert.equal((await page.locator('header h1').textContent()).trim(), 'Warren');
      assert.match(await page.locator('header .tagline').textContent(), /RabbitMQ playground/);

      const names = await page.locator('.palette .palette-name').allTextContents();
      assert.deepEqual(names, KINDS);
      for (const kind of KINDS) {
        // Each entry is a real button whose accessible name starts with its kind.
        const button = page.getByRole('button', { name: new RegExp(`^${kind}\\b`, 'i') });
        assert.equal(await button.count(), 1, `one ${kind} button`);
      }

      const canvas = page.locator('.canvas-area svg.canvas');
      assert.ok(await canvas.isVisible(), 'canvas svg is visible');
      const box = await canvas.boundingBox();
      assert.ok(box.width > 600 && box.height > 500, `canvas is large: ${JSON.stringify(box)}`);
      assert.equal(await page.locator('.canvas-nodes > *').count(), 0, 'canvas starts empty');
      assert.match(await page.locator('.canvas-status').textContent(), /Empty canvas/);

      const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      assert.ok(luminance(bg) > 0.8, `light theme background is light: ${bg}`);

      await page.screenshot({ path: join(SHOTS, 'light.png') });
      assert.deepEqual(errors, [], 'no console errors');
    } finally {
      await context.close();
    }
  });

  test('clicking a palette entry selects it; Clear selection clears it', async () => {
    const { context, page, errors } = await openApp('light');
    try {
      const queue = page.locator('.palette [data-kind="queue"]');
      assert.equal(await queue.getAttribute('aria-pressed'), 'false');
      await queue.click();
      assert.equal(await queue.getAttribute('aria-pressed'), 'true');
      assert.equal((await page.locator('.canvas-status').textContent()).trim(), 'Selected: queue');
      await page.screenshot({ path: join(SHOTS, 'selected.png') });

      await page.getByRole('button', { name: 'Clear selection' }).click();
      assert.equal(await queue.getAttribute('aria-pressed'), 'false');
      assert.match(await page.locator('.canvas-status').textContent(), /Empty canvas/);
      assert.deepEqual(errors, [], 'no console errors');
    } finally {
      await context.close();
    }
  });

  test('dark theme follows prefers-color-scheme', async () => {
    const { context, page, errors } = await openApp('dark');
    try {
      const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      assert.ok(luminance(bg) < 0.2, `dark theme background is dark: ${bg}`);
      const fg = await page.evaluate(() => getComputedStyle(document.querySelector('header h1')).color);
      assert.ok(luminance(fg) > 0.7, `dark theme text is light: ${fg}`);
      await page.screenshot({ path: join(SHOTS, 'dark.png') });
      assert.deepEqual(errors, [], 'no console errors');
    } finally {
      await context.close();
    }
  });
});
