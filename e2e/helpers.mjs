// Shared helpers for the end-to-end tests: the browser and the static
// server, opening the app, and the gestures a person makes (drag from the
// palette, connect two nodes, fill an inspector field). Every wait is for a
// condition, never a fixed sleep.

import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serveStatic } from './server.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = join(ROOT, 'dist');
export const SHOTS = join(ROOT, 'target', 'screenshots');
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
export const VIEWPORT = { width: 1280, height: 800 };

/** Starts the static server on dist/ and Chromium. */
export async function start() {
  assert.ok(
    existsSync(join(DIST, 'index.html')),
    `no release build in ${DIST}: run \`trunk build --release\` (or \`make test\`) first`,
  );
  mkdirSync(SHOTS, { recursive: true });
  const server = await serveStatic(DIST);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  return { server, browser };
}

/**
 * Starts the server and Chromium before a test file's tests and closes them
 * after: returns the environment (`server`, `browser`), filled in once the
 * `before` hook has run.
 */
export function useBrowser() {
  const env = {};
  before(async () => {
    Object.assign(env, await start());
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

/**
 * Opens the app in a fresh context; records console errors and page errors.
 * Options: colorScheme, viewport, hasTouch, path (a query or fragment to
 * open, e.g. `?lesson=rpc`), context (open in an existing browser context,
 * which shares its storage: a second tab), locale (the browser's language,
 * `navigator.languages`; English unless given).
 */
export async function openApp(env, { colorScheme = 'light', viewport = VIEWPORT, hasTouch = false, path = '', context: shared = null, locale = 'en-US' } = {}) {
  const context = shared ?? (await env.browser.newContext({ viewport, colorScheme, hasTouch, acceptDownloads: true, locale }));
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const errors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`page: ${err.message}`));
  page.on('requestfailed', (req) => errors.push(`request failed: ${req.url()}`));
  await page.goto(new URL(path, env.server.url).href, { waitUntil: 'load' });
  // The header and the default exchange are drawn by the wasm app.
  await page.locator('[data-node-id="default"]').waitFor({ timeout: 30_000 });
  return { context, page, errors };
}

/** Saves a screenshot under target/screenshots/. */
export async function shot(page, name) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

/** The canvas's box in the page. */
export async function canvasBox(page) {
  return page.locator('.canvas-area').boundingBox();
}

/**
 * Drags a palette entry (`producer`, `exchange-topic`, `queue`, ...) onto the
 * canvas, dropping it at (x, y) in canvas pixels, and returns the new node's id.
 */
export async function dragFromPalette(page, kind, x, y) {
  const before = await nodeIds(page);
  const item = await page.locator(`.palette [data-kind="${kind}"]`).boundingBox();
  const canvas = await canvasBox(page);
  await page.mouse.move(item.x + item.width / 2, item.y + item.height / 2);
  await page.mouse.down();
  await page.mouse.move(item.x + item.width / 2 + 30, item.y + item.height / 2 + 5, { steps: 3 });
  await page.mouse.move(canvas.x + x, canvas.y + y, { steps: 6 });
  await page.mouse.up();
  await page.waitForFunction((n) => document.querySelectorAll('[data-node-id]').length > n, before.length);
  const after = await nodeIds(page);
  const added = after.filter((id) => !before.includes(id));
  assert.equal(added.length, 1, `one node added by dragging ${kind}: ${added}`);
  return added[0];
}

/** Every node id on the canvas. */
export async function nodeIds(page) {
  return page.locator('[data-node-id]').evaluateAll((els) => els.map((e) => e.dataset.nodeId));
}

/** Drags from node `from`'s port to the middle of node `to`. */
export async function connect(page, from, to) {
  const port = await page.locator(`[data-node-id="${from}"] .port-out`).boundingBox();
  const target = await page.locator(`[data-node-id="${to}"]`).boundingBox();
  await page.mouse.move(port.x + port.width / 2, port.y + port.height / 2);
  await page.mouse.down();
  await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2 + 10, { steps: 8 });
  await page.mouse.up();
}

/** Clicks a node's name (selects it). */
export async function select(page, id) {
  await page.locator(`[data-node-id="${id}"] .node-name`).click();
  await page.locator(`[data-node-id="${id}"].selected`).waitFor();
}

/** Fills an inspector field and commits it with Enter. */
export async function setField(page, name, value) {
  const input = page.locator(`.inspector [data-field="${name}"] input, .inspector [data-field="${name}"] textarea`).first();
  await input.fill(String(value));
  await input.press('Tab');
}

/** Chooses an option of an inspector select. */
export async function choose(page, name, value) {
  await page.locator(`.inspector [data-field="${name}"] select`).selectOption(value);
}

/** Waits until the locator's text matches `pattern`, then returns the text. */
export async function waitForText(locator, pattern, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  let text = '';
  while (Date.now() < deadline) {
    text = (await locator.first().textContent().catch(() => '')) ?? '';
    if (pattern.test(text)) return text;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`waited ${timeout} ms for ${pattern}; last text: ${JSON.stringify(text)}`);
}

/** The texts of the log's lines, newest first. */
export async function logTexts(page) {
  return page.locator('.log-entry .log-text').allTextContents();
}

/** Waits until some log line matches `pattern` and returns its locator. */
export async function waitForLog(page, pattern, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    const lines = await logTexts(page);
    const i = lines.findIndex((t) => pattern.test(t));
    if (i >= 0) return page.locator('.log-entry').nth(i);
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`no log line matches ${pattern}: ${JSON.stringify((await logTexts(page)).slice(0, 12))}`);
}

/** Sets the clock speed slider (0.1x to 10x) through the keyboard-free path. */
export async function setSpeed(page, speed) {
  await page.locator('.clock-speed input').evaluate((el, v) => {
    el.value = String(Math.log10(v));
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, speed);
}

/** Waits until an SVG element (which has no box of its own) is in the page. */
export async function attached(locator, timeout = 15_000) {
  await locator.waitFor({ state: 'attached', timeout });
}
