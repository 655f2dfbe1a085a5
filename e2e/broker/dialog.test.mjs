// The Broker dialog and the live view as a person uses them, against the
// real node (e2e/broker/env.mjs has the environment): the header in one
// row, the dialog's keyboard (focus trap, Escape, focus back), the plain
// http:// warning, "remember on this device", credentials kept out of
// links, files, the autosave and the address, each error in the dialog,
// the deploy preview with RabbitMQ's 406, the live view's interval, its
// pause while the tab is hidden, edge rates, and a phone-sized window.

import assert from 'node:assert/strict';
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { test } from 'node:test';
import { GUEST, MGMT, PHONE, connectBroker, connectByForm, ctl, open, openDialog, pika, pikaInBackground, shot, useBrokerEnv } from './env.mjs';

const env = useBrokerEnv();

async function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Whether the header's parts all sit in one row. */
async function headerInOneRow(page) {
  return page.locator('.app-header').evaluate((h) => {
    const boxes = [...h.children].filter((c) => c.offsetParent !== null).map((c) => c.getBoundingClientRect());
    return Math.max(...boxes.map((b) => b.top)) < Math.min(...boxes.map((b) => b.bottom));
  });
}

test('the header fits in one row at 1280 px, connected or not', async () => {
  const vhost = 'warren-a-rather-long-vhost-name';
  ctl(`add_vhost ${vhost}`);
  ctl(`set_permissions -p ${vhost} guest ".*" ".*" ".*"`);
  for (const colorScheme of ['light', 'dark']) {
    const { context, page } = await open(env, { colorScheme, path: '?lesson=routing' });
    assert.ok(await headerInOneRow(page), `${colorScheme}: one row before connecting`);
    assert.equal((await connectBroker(page, { ...GUEST, vhost })).ok, true);
    await page.locator('.broker-button[data-broker=connected]').waitFor();
    assert.ok(await headerInOneRow(page), `${colorScheme}: one row once connected`);
    assert.match(await page.locator('.broker-button').getAttribute('title'), new RegExp(`vhost ${vhost}`));
    // With a producer's inspector open too.
    await page.locator('[data-node-id="error"] .node-name').click();
    await page.locator('.inspector [data-broker-publish]').waitFor();
    assert.ok(await headerInOneRow(page), `${colorScheme}: one row with the inspector open`);
    await shot(page, `header-${colorScheme}`);
    await context.close();
  }
  ctl(`delete_vhost ${vhost}`);
});

test('the dialog keeps the focus inside, closes with Escape or beside it, and gives the focus back', async () => {
  const { context, page } = await open(env);
  const dialog = await openDialog(page);
  assert.equal(await page.evaluate(() => document.activeElement?.name), 'url', 'the address field has the focus');
  const inside = () => page.evaluate(() => !!document.activeElement?.closest('[data-broker-dialog]'));
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    assert.ok(await inside(), `Tab ${i + 1} stays in the dialog`);
  }
  await dialog.locator('.dialog-close').focus();
  await page.keyboard.press('Shift+Tab');
  assert.ok(await inside(), 'Shift+Tab from the first control goes to the last');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('broker-button')), true);
  await openDialog(page);
  await page.mouse.click(10, 790);
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('broker-button')), true);
  await context.close();
});

test('plain http:// to another machine is warned about; remember on this device keeps the settings', async () => {
  const { context, page } = await open(env);
  const dialog = await openDialog(page);
  await dialog.locator('input[name=url]').fill('http://mq.example.com:15672');
  await page.locator('[data-broker-warning]').waitFor();
  assert.match(await page.locator('[data-broker-warning]').textContent(), /mq\.example\.com .*password travels unencrypted/);
  await dialog.locator('input[name=url]').fill('https://mq.example.com');
  assert.equal(await page.locator('[data-broker-warning]').count(), 0, 'https is not warned about');
  await dialog.locator('input[name=url]').fill('http://localhost:15672');
  assert.equal(await page.locator('[data-broker-warning]').count(), 0, 'this machine is not warned about');
  await dialog.locator('input[name=remember]').check();
  await connectByForm(dialog);
  await dialog.locator('[data-broker-status]').waitFor();
  const kept = JSON.parse(await page.evaluate(() => localStorage.getItem('warren.broker.remembered')));
  assert.deepEqual(kept, { url: MGMT, user: 'guest', password: 'guest', vhost: '/' });
  // Another tab of this browser starts with the settings filled in.
  const second = await open(env, { context });
  const again = await openDialog(second.page);
  assert.equal(await again.locator('input[name=url]').inputValue(), MGMT);
  assert.equal(await again.locator('input[name=password]').inputValue(), 'guest');
  assert.equal(await again.locator('input[name=remember]').isChecked(), true);
  await again.locator('input[name=remember]').uncheck();
  assert.equal(await second.page.evaluate(() => localStorage.getItem('warren.broker.remembered')), null, 'unticking forgets');
  await context.close();
});

test('the password never reaches share links, scenario files, the autosave or the address', async () => {
  const secret = 'pw-Zq83-unique';
  ctl(`add_user warren-secret ${secret}`);
  ctl('set_user_tags warren-secret administrator');
  ctl('set_permissions -p / warren-secret ".*" ".*" ".*"');
  pika("ch.queue_declare('secret-q')");
  const { context, page } = await open(env, { path: '?lesson=routing' });
  try {
    const dialog = await openDialog(page);
    await connectByForm(dialog, { user: 'warren-secret', password: secret });
    await dialog.locator('[data-broker-status]').waitFor();
    await dialog.locator('[data-broker-action=live]').click();
    await page.locator('[data-broker-live] [data-live-node="secret-q"]').waitFor();
    const saved = await page.evaluate(() => localStorage.getItem('warren.workspace'));
    await page.locator('[data-broker-action=copy]').click();
    await page.locator('[data-broker-live]').waitFor({ state: 'detached' });
    const basic = Buffer.from(`warren-secret:${secret}`).toString('base64');
    const leaks = (what, text) => {
      assert.ok(!text.includes(secret) && !text.includes(basic), `${what} holds the password: ${text.slice(0, 200)}`);
    };
    // The autosave is written after a short pause: wait for the one that holds the copy.
    await page.waitForFunction((before) => localStorage.getItem('warren.workspace') !== before, saved);
    leaks('localStorage', await page.evaluate(() => JSON.stringify({ ...localStorage })));
    leaks('sessionStorage', await page.evaluate(() => JSON.stringify({ ...sessionStorage })));
    leaks('the address', page.url());
    await page.locator('.share-button').click();
    const link = await page.locator('.share-link').inputValue();
    assert.ok(link.includes('#s='), link);
    leaks('the share link', link);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'File' }).click();
    const download = page.waitForEvent('download');
    await page.locator('.menu-item[data-action=save-scenario]').click();
    leaks('the scenario file', readFileSync(await (await download).path(), 'utf8'));
  } finally {
    await context.close();
    ctl('delete_user warren-secret');
    pika("ch.queue_delete('secret-q')");
  }
});

test('each error in the dialog in plain words with what to do', async () => {
  const { context, page } = await open(env);
  const dialog = await openDialog(page);
  const error = async (code) => {
    const e = dialog.locator(`[data-broker-error="${code}"]`);
    await e.waitFor();
    return e.textContent();
  };
  await connectByForm(dialog, { password: 'wrong' });
  assert.match(await error('login_failed'), /401 Login failed.*guest \/ guest/s);
  await connectByForm(dialog, { url: `http://127.0.0.1:${await freePort()}` });
  assert.match(await error('unreachable'), /Nothing answers.*rabbitmq-plugins enable rabbitmq_management/s);
  ctl('add_user warren-plain plain-pw');
  try {
    await connectByForm(dialog, { user: 'warren-plain', password: 'plain-pw' });
    assert.match(await error('no_management_access'), /Not management user.*rabbitmqctl set_user_tags warren-plain management/s);
    ctl('set_user_tags warren-plain management');
    ctl('set_permissions -p / warren-plain ".*" ".*" ".*"');
    await connectByForm(dialog, { user: 'warren-plain', password: 'plain-pw' });
    await dialog.locator('[data-broker-status]').waitFor();
    await dialog.locator('[data-broker-action=check]').click();
    assert.match(await error('not_administrator'), /not an administrator.*Its tags: management.*set_user_tags warren-plain administrator/s);
    await shot(page, 'error-not-administrator');
  } finally {
    ctl('delete_user warren-plain');
  }
  await context.close();
  // A page from an origin the node's CORS settings do not list.
  const other = await open(env, { base: env.other.url });
  const d = await openDialog(other.page);
  await connectByForm(d);
  const origin = new URL(env.other.url).origin;
  const e = d.locator('[data-broker-error="cors"]');
  await e.waitFor();
  assert.match(await e.textContent(), new RegExp(`CORS.*rabbitmq\\.conf.*management\\.cors\\.allow_origins\\.1 = ${origin.replace(/[.]/g, '\\.')}`, 's'));
  await shot(other.page, 'error-cors');
  await other.context.close();
});

for (const colorScheme of ['light', 'dark']) {
  test(`the deploy preview lists what is new, the same and RabbitMQ's 406 (${colorScheme})`, async () => {
    const vhost = `warren-preview-${colorScheme}`;
    ctl(`add_vhost ${vhost}`);
    ctl(`set_permissions -p ${vhost} guest ".*" ".*" ".*"`);
    // disk exists already with other settings; screen is missing.
    execCurlPut(`${MGMT}/api/queues/${vhost}/disk`, '{"durable":false,"arguments":{"x-max-length":5}}');
    execCurlPut(`${MGMT}/api/exchanges/${vhost}/direct_logs`, '{"type":"direct","durable":false}');
    const { context, page } = await open(env, { colorScheme, path: '?lesson=routing' });
    try {
      const dialog = await openDialog(page);
      await connectByForm(dialog);
      await dialog.locator('select[name=vhost]').selectOption(vhost);
      await page.waitForFunction((v) => document.querySelector('[data-broker-status]')?.textContent.includes(`Vhost ${v}:`), vhost);
      await dialog.locator('[data-broker-action=deploy]').click();
      await dialog.locator('.broker-plan').waitFor();
      const conflicts = dialog.locator('[data-plan=conflicts] li');
      assert.equal(await conflicts.count(), 1);
      assert.match(await conflicts.first().textContent(), /^queue disk — 406 PRECONDITION_FAILED - inequivalent arg 'x-max-length' for queue 'disk' in vhost 'warren-preview-/);
      // The same words RabbitMQ answers when the queue is declared as the
      // lesson has it, up to the stored value's type: the management API
      // does not say whether the queue was declared with a signedint (as
      // AMQP clients send small numbers, what the preview names) or a long
      // (as the HTTP API stores them).
      const refused = JSON.parse(
        execSync(`curl -s -u guest:guest -X PUT -H 'content-type: application/json' -d '{"durable":false,"arguments":{}}' ${MGMT}/api/queues/${vhost}/disk`, { encoding: 'utf8' }),
      );
      const upToType = (t) => t.slice(0, t.indexOf(' of type '));
      assert.ok((await conflicts.first().textContent()).includes(upToType(refused.reason)), `RabbitMQ: ${refused.reason}`);
      assert.ok((await dialog.locator('[data-plan=create] li').count()) >= 2, 'screen and the bindings are new');
      assert.match(await dialog.locator('[data-plan=same]').textContent(), /direct_logs/);
      await shot(page, `deploy-preview-${colorScheme}`);
      await dialog.locator('[data-broker-action=confirm]').click();
      await dialog.locator('[data-broker-deployed]').waitFor();
      assert.equal(await dialog.locator('[data-broker-deployed] .failed').count(), 0);
      const bindings = ctl(`list_bindings -p ${vhost} source_name destination_name routing_key --silent`);
      assert.match(bindings, /direct_logs\tscreen\twarning/);
      assert.match(bindings, /direct_logs\tdisk\terror/);
      await shot(page, `deployed-${colorScheme}`);
    } finally {
      await context.close();
      ctl(`delete_vhost ${vhost}`);
    }
  });
}

/** Creates an object on the node through the management API. */
function execCurlPut(url, body) {
  execSync(`curl -sf -u guest:guest -X PUT -H 'content-type: application/json' -d '${body}' ${url}`);
}

/** The number of live-view reads (each begins with the vhost's definitions). */
function countReads(page) {
  const reads = { n: 0 };
  page.on('request', (r) => {
    if (r.url().includes('/api/definitions/') && r.method() === 'GET') reads.n += 1;
  });
  return reads;
}

test('the live view: interval adjustable, paused while the tab is hidden, rates on edges, Escape closes', async () => {
  pika("ch.exchange_declare('rate-x', 'fanout')\nch.queue_declare('rate-q')\nch.queue_bind('rate-q', 'rate-x')");
  const { context, page } = await open(env);
  try {
    assert.equal((await connectBroker(page, GUEST)).ok, true);
    const reads = countReads(page);
    const dialog = await openDialog(page);
    await dialog.locator('[data-broker-action=live]').click();
    const live = page.locator('[data-broker-live]');
    await live.locator('[data-live-node="rate-q"]').waitFor();
    await live.locator('select[name=interval]').selectOption('2');
    // Observation windows: how many reads happen in a stretch of time.
    const from = reads.n;
    await page.waitForTimeout(4_500);
    assert.ok(reads.n - from >= 2 && reads.n - from <= 4, `every 2 s: ${reads.n - from} reads in 4.5 s`);
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await page.waitForTimeout(500);
    const hidden = reads.n;
    await page.waitForTimeout(5_000);
    assert.equal(reads.n, hidden, 'no reads while the tab is hidden');
    await page.evaluate(() => {
      delete document.visibilityState;
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await page.waitForFunction(() => document.visibilityState === 'visible');
    const shownAt = Date.now();
    while (reads.n === hidden && Date.now() - shownAt < 1_500) await page.waitForTimeout(50);
    assert.ok(reads.n > hidden, 'a read at once when the tab is shown again');
    // A steady stream: the binding (the exchange's only one) shows its rate.
    // (Up to a minute of it: the node's statistics come every second and a
    // loaded machine can be slow to show them; it stops once a rate shows.)
    const stream = pikaInBackground("for i in range(1200):\n    ch.basic_publish('rate-x', '', b'x')\n    time.sleep(0.05)");
    const rates = () => page.evaluate(() => [...document.querySelectorAll('[data-broker-live] .live-rate')].map((t) => t.textContent));
    const before = reads.n;
    try {
      await page.waitForFunction(() => [...document.querySelectorAll('[data-broker-live] .live-rate')].some((t) => /^(?!0\/s)[0-9.]+\/s$/.test(t.textContent)), null, { timeout: 45_000 });
    } catch (e) {
      await shot(page, 'live-rates-missing');
      throw new Error(`no rate on the binding: ${JSON.stringify(await rates())} after ${reads.n - before} reads: ${e.message}`);
    } finally {
      await stream.stop();
    }
    await shot(page, 'live-rates');
    await page.keyboard.press('Escape');
    await live.waitFor({ state: 'detached' });
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('broker-button')), true);
  } finally {
    await context.close();
    pika("ch.queue_delete('rate-q')\nch.exchange_delete('rate-x')");
  }
});

for (const colorScheme of ['light', 'dark']) {
  test(`a phone-sized window: the dialog and the live view fit and work (${colorScheme})`, async () => {
    const queue = `phone-${colorScheme}`;
    pika(`ch.exchange_declare('phone-x', 'fanout')\nch.queue_declare('${queue}')\nch.queue_bind('${queue}', 'phone-x')`);
    const { context, page } = await open(env, { viewport: PHONE, hasTouch: true, colorScheme, path: '?lesson=routing' });
    const within = async (locator, what) => {
      const b = await locator.boundingBox();
      assert.ok(b.x >= 0 && b.x + b.width <= PHONE.width + 0.5, `${what} is as wide as the screen at most: ${JSON.stringify(b)}`);
    };
    await page.locator('.broker-button').scrollIntoViewIfNeeded();
    await page.locator('.broker-button').tap();
    const dialog = page.locator('[data-broker-dialog]');
    await dialog.waitFor();
    await within(dialog, 'the dialog');
    await connectByForm(dialog);
    await dialog.locator('[data-broker-status]').waitFor();
    await within(dialog.locator('[data-broker-action=disconnect]'), 'the last action');
    await shot(page, `phone-dialog-${colorScheme}`);
    await dialog.locator('[data-broker-action=check]').tap();
    await dialog.locator('.broker-report').waitFor({ timeout: 60_000 });
    assert.equal(await dialog.locator('.broker-report').getAttribute('data-differences'), '0');
    await shot(page, `phone-check-${colorScheme}`);
    await dialog.locator('[data-broker-action=live]').tap();
    const live = page.locator('[data-broker-live]');
    await live.locator(`[data-live-node="${queue}"]`).waitFor();
    await within(live.locator('.broker-live-bar'), 'the live bar');
    for (const action of ['copy', 'close-live']) await within(live.locator(`[data-broker-action=${action}]`), action);
    await shot(page, `phone-live-${colorScheme}`);
    await live.locator('[data-broker-action=close-live]').tap();
    await live.waitFor({ state: 'detached' });
    await context.close();
    pika(`ch.queue_delete('${queue}')\nch.exchange_delete('phone-x')`);
  });
}
