// End-to-end tests: the release build (dist/, from `trunk build --release`)
// served on 127.0.0.1 and driven in Debian's Chromium by playwright-core.
// This file: the page itself (first screen, themes, narrow windows).
// editing.test.mjs and running.test.mjs do what a person does with it.
// Screenshots go to target/screenshots/. Run with `make test-e2e`, or
// `node --test e2e/*.test.mjs` after a release build.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, attached, connect, dragFromPalette, openApp, select, shot, start } from './helpers.mjs';

const ITEMS = ['producer', 'exchange-direct', 'exchange-fanout', 'exchange-topic', 'exchange-headers', 'queue', 'consumer'];

let env;

/** Relative luminance (0 black .. 1 white) of a CSS `rgb(...)` colour. */
function luminance(css) {
  const [r, g, b] = css.match(/[\d.]+/g).slice(0, 3).map((v) => Number(v) / 255);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

before(async () => {
  env = await start();
});

after(async () => {
  await env?.browser?.close();
  await env?.server?.close();
});

describe('the page', () => {
  test('dist/ holds an optimised wasm, served as application/wasm', async () => {
    // The page's wasm, and the Python parser's (a worker loaded on demand).
    const all = readdirSync(DIST).filter((f) => f.endsWith('.wasm'));
    const wasm = all.filter((f) => f.startsWith('warren-'));
    assert.equal(wasm.length, 1, `one page .wasm in dist/, found: ${all.join(', ')}`);
    assert.equal(all.filter((f) => f.startsWith('python-parser-')).length, 1, `one parser .wasm: ${all.join(', ')}`);
    assert.equal(all.length, 2, `no other .wasm: ${all.join(', ')}`);
    for (const file of all) {
      const bytes = statSync(join(DIST, file)).size;
      assert.ok(bytes > 10_000, `${file} is ${bytes} bytes: suspiciously small`);
      const res = await fetch(new URL(file, env.server.url));
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'application/wasm');
    }
  });

  test('first screen: header and clock, palette, a canvas with only the default exchange', async () => {
    const { context, page, errors } = await openApp(env);
    try {
      assert.equal(await page.title(), 'Warren: a RabbitMQ playground');
      assert.equal((await page.locator('header h1').textContent()).trim(), 'Warren');
      assert.match(await page.locator('header .tagline').textContent(), /RabbitMQ playground/);
      const kinds = await page.locator('.palette [data-kind]').evaluateAll((els) => els.map((e) => e.dataset.kind));
      assert.deepEqual(kinds, ITEMS);
      for (const name of ['Play', 'Step', 'Reset', 'Restart broker', 'Undo', 'Redo', 'Zoom in', 'Zoom out']) {
        assert.equal(await page.getByRole('button', { name, exact: true }).count(), 1, `a ${name} button`);
      }
      const box = await page.locator('.canvas-area').boundingBox();
      assert.ok(box.width > 700 && box.height > 450, `canvas is large: ${JSON.stringify(box)}`);
      assert.deepEqual(await page.locator('[data-node-id]').evaluateAll((els) => els.map((e) => e.dataset.nodeId)), ['default']);
      assert.match(await page.locator('.canvas-status').textContent(), /Empty canvas/);
      assert.match(await page.locator('.canvas-hint').textContent(), /Drag a producer/);
      assert.match(await page.locator('.clock-time').textContent(), /^0\.000 s$/);
      const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      assert.ok(luminance(bg) > 0.8, `light theme background is light: ${bg}`);
      await shot(page, 'empty-canvas');
      assert.deepEqual(errors, [], 'no console errors');
    } finally {
      await context.close();
    }
  });

  test('dark theme follows prefers-color-scheme; exchange types have their own colours', async () => {
    const { context, page, errors } = await openApp(env, { colorScheme: 'dark' });
    try {
      const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      assert.ok(luminance(bg) < 0.2, `dark theme background is dark: ${bg}`);
      const fg = await page.evaluate(() => getComputedStyle(document.querySelector('header h1')).color);
      assert.ok(luminance(fg) > 0.7, `dark theme text is light: ${fg}`);
      const ids = [];
      for (const [i, kind] of ['exchange-direct', 'exchange-fanout', 'exchange-topic', 'exchange-headers'].entries()) {
        ids.push(await dragFromPalette(page, kind, 120 + (i % 2) * 260, 120 + Math.floor(i / 2) * 150));
      }
      const colours = await Promise.all(
        ids.map((id) => page.locator(`[data-node-id="${id}"]`).evaluate((el) => getComputedStyle(el).borderTopColor)),
      );
      assert.equal(new Set(colours).size, 4, `four different colours: ${colours}`);
      await shot(page, 'dark-theme');
      assert.deepEqual(errors, [], 'no console errors');
    } finally {
      await context.close();
    }
  });

  test('a narrow (tablet) window: palette on top, inspector as a sheet when something is selected', async () => {
    const { context, page, errors } = await openApp(env, { viewport: { width: 768, height: 1024 }, hasTouch: true });
    try {
      const palette = await page.locator('.palette').boundingBox();
      const canvas = await page.locator('.canvas-area').boundingBox();
      assert.ok(palette.y + palette.height <= canvas.y + 1, 'the palette sits above the canvas');
      assert.ok(canvas.width >= 760, `the canvas takes the width: ${canvas.width}`);
      assert.equal(await page.locator('.inspector').isVisible(), false, 'no inspector until something is selected');
      const q = await dragFromPalette(page, 'queue', 400, 300);
      await page.locator('.inspector').waitFor({ state: 'visible' });
      const sheet = await page.locator('.inspector').boundingBox();
      assert.ok(sheet.y > 400, `the inspector is a sheet at the bottom: ${JSON.stringify(sheet)}`);
      await shot(page, 'narrow-window');
      await page.keyboard.press('Escape');
      await page.locator('.inspector').waitFor({ state: 'hidden' });
      assert.ok(q);
      assert.deepEqual(errors, [], 'no console errors');
    } finally {
      await context.close();
    }
  });

  test('touch: a finger drags a node from the palette and connects two nodes', async () => {
    const { context, page, errors } = await openApp(env, { viewport: { width: 1024, height: 768 }, hasTouch: true });
    try {
      const cdp = await context.newCDPSession(page);
      const touch = async (type, x, y) =>
        cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y }] });
      const swipe = async (from, to) => {
        await touch('touchStart', from.x, from.y);
        for (let i = 1; i <= 8; i++) {
          await touch('touchMove', from.x + ((to.x - from.x) * i) / 8, from.y + ((to.y - from.y) * i) / 8);
        }
        await touch('touchEnd');
      };
      const centre = (b) => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });
      const canvas = await page.locator('.canvas-area').boundingBox();
      await swipe(centre(await page.locator('.palette [data-kind="queue"]').boundingBox()), { x: canvas.x + 200, y: canvas.y + 200 });
      await page.locator('[data-node-id="q1"]').waitFor();
      await swipe(centre(await page.locator('.palette [data-kind="consumer"]').boundingBox()), { x: canvas.x + 500, y: canvas.y + 200 });
      await page.locator('[data-node-id="c1"]').waitFor();
      await swipe(centre(await page.locator('[data-node-id="q1"] .port-out').boundingBox()), centre(await page.locator('[data-node-id="c1"]').boundingBox()));
      await attached(page.locator('.edge[data-edge="consume:c1"]'));
      assert.deepEqual(errors, [], 'no console errors');
    } finally {
      await context.close();
    }
  });

  test('the inspector, open on a producer, lists its message properties and schedule', async () => {
    const { context, page, errors } = await openApp(env);
    try {
      const p = await dragFromPalette(page, 'producer', 120, 200);
      await connect(page, p, 'default');
      await select(page, p);
      for (const field of ['name', 'exchange', 'routing_key', 'body', 'headers', 'persistent', 'mandatory', 'expiration', 'priority',
        'reply_to_queue', 'reply_to', 'correlation_id', 'message_id', 'schedule', 'every_ms']) {
        assert.equal(await page.locator(`.inspector [data-field="${field}"]`).count(), 1, `the producer inspector has ${field}`);
      }
      await shot(page, 'inspector-open');
      assert.deepEqual(errors, [], 'no console errors');
    } finally {
      await context.close();
    }
  });
});
