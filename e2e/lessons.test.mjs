// End-to-end: every built-in lesson, opened with ?lesson=NAME in the
// release build, played at 10x, and what its narration claims checked on
// the page (counts on the nodes, the log, the message inspector); the
// narration panel; the lesson picker (mouse and keyboard, undoable).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, setSpeed, shot, useBrowser, waitForLog, waitForText } from './helpers.mjs';

const env = useBrowser();

/** A node's stat (`ready`, `unacked`, `received`, `acked`, `sent`) as a number. */
async function stat(page, id, which) {
  return Number(await page.locator(`[data-node-id="${id}"] .stat.${which} b`).first().textContent());
}

/** Waits until a node's stat satisfies `ok` (a number or a predicate). */
async function until(page, id, which, ok, timeout = 20_000) {
  const want = typeof ok === 'number' ? `=${ok}` : ok.toString();
  await page
    .waitForFunction(
      ([id, which, n]) => {
        const v = Number(document.querySelector(`[data-node-id="${id}"] .stat.${which} b`)?.textContent);
        return n === null ? false : v >= n;
      },
      [id, which, typeof ok === 'number' ? ok : null],
      { timeout, polling: 50 },
    )
    .catch(async () => {
      assert.fail(`${id} ${which} never reached ${want}: it is ${await stat(page, id, which)}`);
    });
}

/** The text of the chips (message ids) a node shows. */
async function chips(page, id) {
  return page.locator(`[data-node-id="${id}"] .msg-chip`).allTextContents();
}

/** Opens a lesson by address, checks its narration, sets 10x and plays. */
async function openLesson(slug, { play = true } = {}) {
  const opened = await openApp(env, { path: `?lesson=${slug}` });
  const { page } = opened;
  await page.locator('.narration').waitFor();
  assert.match(await page.locator('.narration-count').textContent(), /^Step 1 of \d$/);
  assert.doesNotMatch(page.url(), /lesson=/, 'the address no longer asks for the lesson');
  if (play) {
    await setSpeed(page, 10);
    await page.getByRole('button', { name: 'Play' }).click();
  }
  return opened;
}

async function pause(page) {
  await page.getByRole('button', { name: 'Pause' }).click();
}

async function done({ context, errors }) {
  assert.deepEqual(errors, [], 'no console errors');
  await context.close();
}

describe('lessons', () => {
  test('hello-world: every message lands in hello and receive takes it at once (auto-ack); the narration steps through', async () => {
    const opened = await openLesson('hello-world');
    const { page } = opened;
    try {
      assert.equal(await page.locator('.narration-lesson').textContent(), 'Hello World');
      assert.equal(await page.locator('.narration-title').textContent(), 'Send to a queue by name');
      await until(page, 'receive', 'received', 3);
      await waitForLog(page, /the default exchange routed #1 "Hello World![^"]*" to hello$/);
      await waitForLog(page, /queue hello delivered #1 "Hello World![^"]*" to receive .*auto-ack/);
      assert.equal(await stat(page, 'hello', 'unacked'), 0, 'auto-ack: nothing unacked');
      await shot(page, 'lesson-hello-world');
      // Previous / next.
      const prev = page.getByRole('button', { name: 'Previous step' });
      const next = page.getByRole('button', { name: 'Next step' });
      assert.equal(await prev.isDisabled(), true);
      await next.click();
      assert.equal(await page.locator('.narration-title').textContent(), 'Receive with auto-ack');
      await next.click();
      assert.equal(await page.locator('.narration-count').textContent(), 'Step 3 of 3');
      assert.match(await page.locator('.narration-try').textContent(), /^Try this: Change send's routing key to hallo/);
      assert.equal(await next.isDisabled(), true);
      await prev.click();
      assert.equal(await page.locator('.narration-count').textContent(), 'Step 2 of 3');
      await page.getByRole('button', { name: 'Hide' }).click();
      assert.equal(await page.locator('.narration-text').count(), 0, 'folded');
      await page.getByRole('button', { name: 'Show' }).click();
      assert.equal(await page.locator('.narration-title').textContent(), 'Receive with auto-ack');
    } finally {
      await done(opened);
    }
  });

  test('work-queues: worker 2 crashes on its 3rd task, the task is redelivered to worker 1, all 12 are acked', async () => {
    const opened = await openLesson('work-queues');
    const { page } = opened;
    try {
      await waitForLog(page, /went back.* to queue task_queue: it will be redelivered/);
      await waitForLog(page, /queue task_queue delivered #\d+ "[^"]*" to worker 1 .*marked redelivered/);
      await page.waitForFunction(
        () => ['worker1', 'worker2']
          .map((id) => Number(document.querySelector(`[data-node-id="${id}"] .stat.acked b`).textContent))
          .reduce((a, b) => a + b) === 12,
        null,
        { timeout: 20_000, polling: 50 },
      );
      assert.match(await page.locator('[data-node-id="worker2"] .node-status').textContent(), /crashed/);
      assert.equal(await stat(page, 'task_queue', 'ready'), 0);
      assert.equal(await stat(page, 'task_queue', 'unacked'), 0);
      assert.equal(await stat(page, 'worker2', 'acked'), 2, 'worker 2 acked two tasks before it crashed');
    } finally {
      await done(opened);
    }
  });

  test('fair-dispatch: round robin deals 5 and 5; prefetch 1 gives fair fast 9 and fair slow 1', async () => {
    const opened = await openLesson('fair-dispatch');
    const { page } = opened;
    try {
      await until(page, 'rr_slow', 'acked', 5, 30_000);
      await until(page, 'fair_fast', 'acked', 9);
      assert.equal(await stat(page, 'rr_fast', 'acked'), 5);
      assert.equal(await stat(page, 'fair_slow', 'acked'), 1);
      assert.equal(await stat(page, 'fair_fast', 'acked'), 9);
    } finally {
      await done(opened);
    }
  });

  test('durability: a restart keeps only the persistent message in the durable queue; the transient queue is gone', async () => {
    const opened = await openLesson('durability');
    const { page } = opened;
    try {
      await until(page, 'durable_queue', 'ready', 2);
      await until(page, 'transient_queue', 'ready', 2);
      await pause(page);
      await page.getByRole('button', { name: 'Restart broker' }).click();
      await page.locator('[data-node-id="transient_queue"] .node-gone').waitFor();
      await page.waitForFunction(() => document.querySelector('[data-node-id="durable_queue"] .stat.ready b')?.textContent === '1');
      assert.match(await page.locator('[data-node-id="durable_queue"] .msg-chip').getAttribute('title'), /persistent message$/);
    } finally {
      await done(opened);
    }
  });

  test('publish-subscribe: two server-named exclusive queues, each receiver gets every log line', async () => {
    const opened = await openLesson('publish-subscribe');
    const { page } = opened;
    try {
      await until(page, 'receiver2', 'received', 3);
      await pause(page);
      for (const q of ['sub1', 'sub2']) {
        assert.match(await page.locator(`[data-node-id="${q}"] .node-name`).textContent(), /^amq\.gen-/);
        assert.match(await page.locator(`[data-node-id="${q}"] .flags`).textContent(), /exclusive/);
      }
      const sent = await stat(page, 'emit_log', 'sent');
      assert.equal(await stat(page, 'receiver1', 'received'), sent);
      assert.equal(await stat(page, 'receiver2', 'received'), sent);
    } finally {
      await done(opened);
    }
  });

  test('routing: errors reach disk and screen, info and warning only screen', async () => {
    const opened = await openLesson('routing');
    const { page } = opened;
    try {
      await until(page, 'to_disk', 'received', 2);
      await pause(page);
      const [info, warning, error] = [await stat(page, 'info', 'sent'), await stat(page, 'warning', 'sent'), await stat(page, 'error', 'sent')];
      assert.equal(await stat(page, 'to_disk', 'received'), error);
      assert.equal(await stat(page, 'to_screen', 'received'), info + warning + error);
    } finally {
      await done(opened);
    }
  });

  test('topics: kern.* takes only kern.critical; kern.# takes all three keys', async () => {
    const opened = await openLesson('topics');
    const { page } = opened;
    try {
      await until(page, 'hash_reader', 'received', 6);
      await pause(page);
      const [critical, diskFull, kern] = [await stat(page, 'critical', 'sent'), await stat(page, 'disk_full', 'sent'), await stat(page, 'kern', 'sent')];
      assert.ok(diskFull > 0 && kern > 0);
      assert.equal(await stat(page, 'star_reader', 'received'), critical);
      assert.equal(await stat(page, 'hash_reader', 'received'), critical + diskFull + kern);
      await waitForLog(page, /exchange topic_logs routed #\d+ "kern\.disk\.full \d+" to hash$/);
    } finally {
      await done(opened);
    }
  });

  test('headers: x-match all gets pdf report only, any gets pdf report and pdf log, zip log is dropped', async () => {
    const opened = await openLesson('headers');
    const { page } = opened;
    try {
      await until(page, 'zip_log', 'sent', 2);
      await pause(page);
      const report = await stat(page, 'pdf_report', 'sent');
      const log = await stat(page, 'pdf_log', 'sent');
      assert.equal(await stat(page, 'all_q', 'ready'), report);
      assert.equal(await stat(page, 'any_q', 'ready'), report + log);
      await waitForLog(page, /exchange reports routed #\d+ "[^"]*" to no queue/);
    } finally {
      await done(opened);
    }
  });

  test('rpc: the server answers each request into the client\'s reply queue with the same correlation_id', async () => {
    const opened = await openLesson('rpc');
    const { page } = opened;
    try {
      await until(page, 'callback', 'received', 2);
      await pause(page);
      assert.match(await page.locator('[data-node-id="reply"] .node-name').textContent(), /^amq\.gen-/);
      assert.ok((await stat(page, 'server', 'acked')) >= 2);
      const line = await waitForLog(page, /delivered #\d+ "[^"]*" to client callback/);
      await line.locator('.log-inspect').click();
      const dialog = page.locator('.message-inspector');
      await dialog.waitFor();
      assert.match(await dialog.textContent(), /correlation_id\s*req-\d/);
      await page.keyboard.press('Escape');
    } finally {
      await done(opened);
    }
  });

  test('dead-lettering: all 10 messages end in dead_letters, with x-death reasons expired and rejected', async () => {
    const opened = await openLesson('dead-lettering');
    const { page } = opened;
    try {
      await until(page, 'dead_letters', 'ready', 10);
      await pause(page);
      const reasons = new Set();
      const dialog = page.locator('.message-inspector');
      for (let i = 0; i < 4; i++) {
        await page.locator('[data-node-id="dead_letters"] .msg-chip').nth(i).click();
        await dialog.waitFor();
        const text = await dialog.locator('.x-death').textContent();
        for (const r of ['expired', 'rejected']) if (text.includes(r)) reasons.add(r);
        await page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'detached' });
      }
      assert.deepEqual([...reasons].sort(), ['expired', 'rejected']);
    } finally {
      await done(opened);
    }
  });

  test('alternate-exchange: us orders match no binding and go through unrouted to unrouted_orders', async () => {
    const opened = await openLesson('alternate-exchange');
    const { page } = opened;
    try {
      await until(page, 'us_order', 'sent', 2);
      await pause(page);
      assert.equal(await stat(page, 'unrouted_orders', 'ready'), await stat(page, 'us_order', 'sent'));
      assert.equal(await stat(page, 'eu_warehouse', 'received'), await stat(page, 'eu_order', 'sent'));
    } finally {
      await done(opened);
    }
  });

  test('max-length: drop-head keeps the newest 3, reject-publish the first 3 and refuses the rest', async () => {
    const opened = await openLesson('max-length');
    const { page } = opened;
    try {
      await until(page, 'publisher', 'sent', 6);
      await page.waitForFunction(() => document.querySelectorAll('[data-node-id="drop_head"] .msg-chip').length === 3 &&
        document.querySelector('[data-node-id="drop_head"] .msg-chip').textContent === '#4');
      assert.deepEqual(await chips(page, 'drop_head'), ['#4', '#5', '#6']);
      assert.deepEqual(await chips(page, 'reject_publish'), ['#1', '#2', '#3']);
      await waitForLog(page, /queue reject_publish is full .*it refused #6/);
    } finally {
      await done(opened);
    }
  });

  test('priorities: after low 1, the five highs are delivered before the remaining lows', async () => {
    const opened = await openLesson('priorities');
    const { page } = opened;
    try {
      await until(page, 'worker', 'acked', 10);
      const lines = await page.locator('.log-entry .log-text').allTextContents();
      const order = lines
        .map((t) => t.match(/^queue tasks delivered #\d+ "([a-z]+ \d)" to worker/)?.[1])
        .filter(Boolean)
        .reverse();
      assert.deepEqual(order, ['low 1', 'high 1', 'high 2', 'high 3', 'high 4', 'high 5', 'low 2', 'low 3', 'low 4', 'low 5']);
    } finally {
      await done(opened);
    }
  });

  test('quorum-poison: each order comes back with x-delivery-count 1 and 2, then is parked with reason delivery_limit', async () => {
    const opened = await openLesson('quorum-poison');
    const { page } = opened;
    try {
      await waitForText(page.locator('[data-node-id="orders"] [data-queue-type]'), /^quorum$/);
      await waitForLog(page, /queue orders delivered #\d+ "poison order 1" to worker .*x-delivery-count 2/, 20_000);
      await waitForLog(page, /went back from worker to queue orders.*x-delivery-count 2, x-delivery-limit 2/, 20_000);
      await waitForLog(page, /"poison order 1" was dead-lettered from queue orders \(reason: delivery_limit\)/, 20_000);
      await until(page, 'parked', 'ready', 2);
      assert.equal(await stat(page, 'orders', 'ready'), 0);
      await shot(page, 'lesson-quorum-poison');
    } finally {
      await done(opened);
    }
  });

  test('streams: both consumers read all six readings at their own offsets and the stream keeps them', async () => {
    const opened = await openLesson('streams');
    const { page } = opened;
    try {
      await until(page, 'archive', 'acked', 6);
      await until(page, 'dashboard', 'acked', 6);
      await waitForLog(page, /queue events delivered #\d+ "reading 6" to archive .*read at stream offset 5/);
      assert.equal(await stat(page, 'events', 'ready'), 6, 'acks remove nothing');
      assert.match(await page.locator('[data-node-id="events"] .stat.ready').textContent(), /in stream/);
      await waitForLog(page, /archive is done with #\d+ "reading 1": stream events keeps it/);
      await shot(page, 'lesson-streams');
    } finally {
      await done(opened);
    }
  });

  test('the picker lists every lesson and loads one as an undoable step; keyboard works', async () => {
    const opened = await openApp(env);
    const { page } = opened;
    try {
      const button = page.getByRole('button', { name: 'Lessons' });
      await button.click();
      const items = page.locator('.lesson-item');
      assert.deepEqual(await items.evaluateAll((els) => els.map((e) => e.dataset.lesson)), [
        'hello-world', 'work-queues', 'fair-dispatch', 'durability', 'publish-subscribe', 'routing', 'topics',
        'headers', 'rpc', 'dead-lettering', 'alternate-exchange', 'max-length', 'priorities', 'quorum-poison', 'streams',
      ]);
      await shot(page, 'lesson-picker');
      await page.locator('.lesson-item[data-lesson="topics"]').click();
      assert.equal(await items.count(), 0, 'the menu closed');
      assert.equal(await page.locator('.narration-lesson').textContent(), 'Topics');
      await page.locator('[data-node-id="star"]').waitFor();
      // Undo brings back the empty canvas.
      await page.keyboard.press('Control+z');
      await page.locator('.narration').waitFor({ state: 'detached' });
      assert.deepEqual(await page.locator('[data-node-id]').evaluateAll((els) => els.map((e) => e.dataset.nodeId)), ['default']);

      // Keyboard: Enter opens and focuses the first item, arrows move, Escape closes.
      await button.focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.dataset?.lesson === 'hello-world');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      assert.equal(await page.evaluate(() => document.activeElement.dataset.lesson), 'fair-dispatch');
      await page.keyboard.press('ArrowUp');
      assert.equal(await page.evaluate(() => document.activeElement.dataset.lesson), 'work-queues');
      await page.keyboard.press('Escape');
      assert.equal(await items.count(), 0);
      assert.equal(await page.evaluate(() => document.activeElement.textContent.startsWith('Lessons')), true, 'focus back on the button');
      // Tab out of the File menu closes it.
      await page.getByRole('button', { name: 'File' }).focus();
      await page.keyboard.press('Enter');
      await page.locator('.file-menu .menu-item').first().waitFor();
      await page.locator('.file-menu .menu-item').last().focus();
      await page.keyboard.press('Tab');
      await page.locator('.file-menu .menu-panel').waitFor({ state: 'detached' });
      await button.focus();
      await page.keyboard.press('Enter');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      assert.equal(await page.locator('.narration-lesson').textContent(), 'Work queues');
      // With work on the canvas, the banner offers Undo.
      await button.click();
      await page.locator('.lesson-item[data-lesson="rpc"]').click();
      const banner = page.locator('.banner[data-topic="lesson"]');
      assert.match(await banner.textContent(), /Opened the lesson “RPC”\. Undo brings back what you had\./);
      await banner.getByRole('button', { name: 'Undo' }).click();
      assert.equal(await page.locator('.narration-lesson').textContent(), 'Work queues');
      assert.equal(await banner.count(), 0, 'the banner went with its action');
    } finally {
      await done(opened);
    }
  });

  test('an unknown lesson says so, lists the lessons, and leaves the workspace as it was', async () => {
    const opened = await openApp(env, { path: '?lesson=no-such-lesson' });
    const { page } = opened;
    try {
      const banner = page.locator('.banner[data-topic="lesson"]');
      await banner.waitFor();
      assert.equal(await banner.getAttribute('role'), 'alert');
      assert.match(await banner.textContent(), /There is no lesson called “no-such-lesson”: an empty workspace is open instead\./);
      assert.match(await banner.textContent(), /The lessons are: hello-world, work-queues, .*priorities, quorum-poison, streams\./);
      assert.deepEqual(await page.locator('[data-node-id]').evaluateAll((els) => els.map((e) => e.dataset.nodeId)), ['default']);
      await banner.getByRole('button', { name: 'Dismiss' }).click();
      assert.equal(await banner.count(), 0);
    } finally {
      await done(opened);
    }
  });

  test('a lesson in a dark theme and a narrow window', async () => {
    for (const [name, options] of [
      ['lesson-dark', { colorScheme: 'dark' }],
      ['lesson-narrow', { viewport: { width: 760, height: 900 } }],
    ]) {
      const opened = await openApp(env, { ...options, path: '?lesson=dead-lettering' });
      const { page } = opened;
      try {
        await page.locator('.narration').waitFor();
        for (const sel of ['.narration-next', '.share-button', '.file-menu .menu-button', '.lesson-menu .menu-button']) {
          const box = await page.locator(sel).boundingBox();
          const vw = page.viewportSize().width;
          assert.ok(box && box.x >= 0 && box.x + box.width <= vw, `${sel} is inside the window (${name}): ${JSON.stringify(box)}`);
        }
        await shot(page, name);
      } finally {
        await done(opened);
      }
    }
  });
});
