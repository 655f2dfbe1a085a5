// The Broker dialog and the live view in the page, against the real node
// (see broker.test.mjs for the environment): connect by the form, watch a
// count change when pika publishes, take a copy, run the check by button;
// screenshots in both themes.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import { serveStatic } from '../server.mjs';
import { DIST, SHOTS } from '../helpers.mjs';

const MGMT = `http://127.0.0.1:${process.env.RABBITMQ_MGMT_PORT}`;
const env = {};

before(async () => {
  env.server = await serveStatic(DIST, Number(process.env.WARREN_E2E_PORT));
  env.browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
});
after(async () => {
  await env.browser?.close();
  await env.server?.close();
});

function pika(script) {
  const prelude = `import pika\nc = pika.BlockingConnection(pika.ConnectionParameters('127.0.0.1', ${process.env.RABBITMQ_AMQP_PORT}))\nch = c.channel()\n`;
  execFileSync('python3', ['-c', prelude + script + '\nc.close()\n']);
}

for (const theme of ['light', 'dark']) {
  test(`connect by the dialog, live counts change, check by button (${theme})`, async () => {
    const queue = `live-${theme}`;
    pika(`ch.exchange_declare('live-x', 'fanout')\nch.queue_declare('${queue}')\nch.queue_bind('${queue}', 'live-x')`);
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: theme });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(new URL('?lesson=topics', env.server.url).href);
    await page.locator('[data-node-id="default"]').waitFor({ timeout: 30_000 });
    await page.click('.broker-button');
    const dialog = page.locator('[data-broker-dialog]');
    await dialog.locator('input[name=url]').fill(MGMT);
    await dialog.locator('input[name=user]').fill('guest');
    await dialog.locator('input[name=password]').fill('wrong');
    await dialog.locator('button[type=submit]').click();
    await dialog.locator('[data-broker-error="login_failed"]').waitFor();
    await dialog.locator('input[name=password]').fill('guest');
    await dialog.locator('button[type=submit]').click();
    await dialog.locator('[data-broker-status]').waitFor();
    assert.equal(await page.locator('.broker-button').getAttribute('data-broker'), 'connected');
    assert.equal(await page.evaluate(() => localStorage.getItem('warren.broker.remembered')), null, 'nothing kept unless asked');
    await dialog.locator('[data-broker-action=check]').click();
    await dialog.locator('.broker-report').waitFor({ timeout: 60_000 });
    assert.equal(await dialog.locator('.broker-report').getAttribute('data-differences'), '0');
    await page.screenshot({ path: join(SHOTS, `broker-check-${theme}.png`) });
    await dialog.locator('[data-broker-action=live]').click();
    const live = page.locator('[data-broker-live]');
    const node = live.locator(`[data-live-node="${queue}"]`);
    await node.waitFor();
    await live.locator('select[name=interval]').selectOption('2');
    assert.match(await node.textContent(), /ready 0/);
    pika(`for i in range(3): ch.basic_publish('live-x', '', b'hi')`);
    await page.waitForFunction((q) => document.querySelector(`[data-live-node="${q}"]`)?.textContent.includes('ready 3'), queue, { timeout: 30_000 });
    await page.screenshot({ path: join(SHOTS, `broker-live-${theme}.png`) });
    await live.locator('[data-broker-action=copy]').click();
    await page.locator(`.node:has-text("${queue}")`).first().waitFor();
    assert.equal(await live.count(), 0, 'the copy is on the ordinary canvas');
    pika(`ch.queue_delete('${queue}')`);
    await context.close();
  });
}
