// What the real-broker e2e files share: the page's server (on the port
// the node's CORS allows), Chromium, the node's management URL, rabbitmqctl
// and pika against the node, and opening the app. The environment comes
// from scripts/broker-e2e.sh: WARREN_E2E_PORT, RABBITMQ_MGMT_PORT,
// RABBITMQ_AMQP_PORT, RABBITMQ_CTL.

import assert from 'node:assert/strict';
import { execFileSync, execSync, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import { serveStatic } from '../server.mjs';
import { DIST, SHOTS } from '../helpers.mjs';

const need = ['WARREN_E2E_PORT', 'RABBITMQ_MGMT_PORT', 'RABBITMQ_AMQP_PORT', 'RABBITMQ_CTL'];
for (const n of need) assert.ok(process.env[n], `${n} is not set: run this file through scripts/broker-e2e.sh`);

/** The node's management API. */
export const MGMT = `http://127.0.0.1:${process.env.RABBITMQ_MGMT_PORT}`;
/** The node's default user. */
export const GUEST = { url: MGMT, user: 'guest', password: 'guest', vhost: '/' };
/** A phone-sized window (as e2e/newcomer.test.mjs uses). */
export const PHONE = { width: 390, height: 844 };

/** rabbitmqctl on the node. */
export const ctl = (args) => execSync(`${process.env.RABBITMQ_CTL} ${args}`, { encoding: 'utf8' });

/** The ready count of each queue of `vhost`, by name. */
export function queueCounts(vhost) {
  const out = ctl(`list_queues -p ${vhost} name messages_ready --silent`);
  return Object.fromEntries(out.trim().split('\n').filter(Boolean).map((l) => l.split('\t')).map(([n, c]) => [n, Number(c)]));
}

const prelude = () =>
  `import pika, time\nc = pika.BlockingConnection(pika.ConnectionParameters('127.0.0.1', ${process.env.RABBITMQ_AMQP_PORT}))\nch = c.channel()\n`;

/** Runs a pika script against the node (`ch` is an open channel). */
export function pika(script) {
  execFileSync('python3', ['-c', prelude() + script + '\nc.close()\n']);
}

/**
 * Starts a pika script in the background: a promise that resolves when it
 * ends (rejects with its stderr if it fails), with `stop()` to end it early.
 */
export function pikaInBackground(script) {
  const child = spawn('python3', ['-c', prelude() + script + '\nc.close()\n'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  let stopped = false;
  child.stderr.on('data', (d) => (stderr += d));
  const ended = new Promise((resolve, reject) =>
    child.on('exit', (code) => (code === 0 || stopped ? resolve() : reject(new Error(`pika: ${stderr}`)))),
  );
  ended.stop = () => {
    stopped = true;
    child.kill();
    return ended;
  };
  return ended;
}

/** Saves a screenshot under target/screenshots/ as `broker-NAME.png`. */
export async function shot(page, name) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `broker-${name}.png`) });
}

/**
 * The page's server (on WARREN_E2E_PORT, which the node's CORS allows),
 * a second one on another port (an origin the node does not allow) and
 * Chromium, for a test file's tests.
 */
export function useBrokerEnv() {
  const env = {};
  before(async () => {
    env.server = await serveStatic(DIST, Number(process.env.WARREN_E2E_PORT));
    env.other = await serveStatic(DIST, 0);
    env.browser = await chromium.launch({
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    });
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
    await env.other?.close();
  });
  return env;
}

/**
 * Opens the app in a fresh context. Options: path (`?lesson=routing`),
 * colorScheme, viewport, hasTouch, base (a server's URL; the allowed one
 * by default), context (a context to open it in: shared storage).
 */
export async function open(env, { path = '', colorScheme = 'light', viewport = { width: 1280, height: 800 }, hasTouch = false, base, context } = {}) {
  const ctx = context ?? (await env.browser.newContext({ viewport, colorScheme, hasTouch, acceptDownloads: true }));
  const page = await ctx.newPage();
  page.setDefaultTimeout(20_000);
  const errors = [];
  page.on('pageerror', (err) => errors.push(`page: ${err.message}`));
  await page.goto(new URL(path, base ?? env.server.url).href);
  await page.locator('[data-node-id="default"]').waitFor({ timeout: 30_000 });
  return { context: ctx, page, errors };
}

/** Connects the page with window.warren.connectBroker. */
export const connectBroker = (page, settings) => page.evaluate((s) => window.warren.connectBroker(s), settings);

/** Opens the Broker dialog from the header. */
export async function openDialog(page) {
  await page.locator('.broker-button').click();
  const dialog = page.locator('[data-broker-dialog]');
  await dialog.waitFor();
  return dialog;
}

/** Connects through the dialog's form. */
export async function connectByForm(dialog, { url = MGMT, user = 'guest', password = 'guest' } = {}) {
  await dialog.locator('input[name=url]').fill(url);
  await dialog.locator('input[name=user]').fill(user);
  await dialog.locator('input[name=password]').fill(password);
  await dialog.locator('button[type=submit]').click();
}
