// End-to-end: watching a topology run, in the release build in Chromium:
// play, pause, step, speed; queue and consumer counts; the log's reasons
// (topic matches, unroutable messages); the message inspector; per-node
// actions; the work-queue lesson rebuilt by hand (kill the slow consumer,
// its message is redelivered to the other); a broker restart.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  attached, choose, connect, dragFromPalette, openApp, select, setField, setSpeed, shot, useBrowser, waitForLog, waitForText,
} from './helpers.mjs';

const env = useBrowser();

const stat = (page, id, which) => page.locator(`[data-node-id="${id}"] .stat.${which} b`);

describe('running', () => {
  test('a topic exchange routes by pattern; the log explains the match and an unroutable message', async () => {
    const { context, page, errors } = await openApp(env);
    try {
      const p = await dragFromPalette(page, 'producer', 85, 220);
      const x = await dragFromPalette(page, 'exchange-topic', 290, 220);
      const q1 = await dragFromPalette(page, 'queue', 520, 110);
      const q2 = await dragFromPalette(page, 'queue', 520, 330);
      const c = await dragFromPalette(page, 'consumer', 720, 110);
      await connect(page, p, x);
      await connect(page, x, q1);
      await page.locator('.inline-binding input').fill('kern.*');
      await page.locator('.inline-binding input').press('Enter');
      await connect(page, x, q2);
      await page.locator('.inline-binding input').fill('*.info');
      await page.locator('.inline-binding input').press('Enter');
      await connect(page, q1, c);
      await select(page, p);
      await setField(page, 'routing_key', 'kern.critical');
      await setField(page, 'body', 'disk {n} failing');
      await setField(page, 'every_ms', '200');
      await page.keyboard.press('Escape');

      await setSpeed(page, 4);
      await page.getByRole('button', { name: 'Play' }).click();
      await waitForText(stat(page, c, 'received'), /^[3-9]|\d\d/);
      await waitForText(stat(page, c, 'acked'), /^[1-9]/);
      await shot(page, 'running-topology');
      await page.getByRole('button', { name: 'Pause' }).click();
      assert.equal(await stat(page, q2, 'ready').textContent(), '0', 'nothing matches *.info');
      assert.match(await page.locator(`[data-node-id="${c}"] .stat.unacked`).textContent(), /\/1 unacked/);

      // The routing decision opens to show each binding's verdict and why.
      const route = await waitForLog(page, /exchange topic1 routed #1 "disk 1 failing" to queue1/);
      await route.locator('summary').click();
      const detail = await route.locator('.route-detail').textContent();
      assert.match(detail, /'kern\.\*' matches 'kern\.critical'/);
      assert.match(detail, /'\*\.info' has 2 words? .*|word 2: the binding wants 'info' but the routing key has 'critical'/);
      assert.equal(await route.locator('.verdict.matched').count(), 1);
      assert.equal(await route.locator('.verdict.unmatched').count(), 1);
      await route.scrollIntoViewIfNeeded();
      await shot(page, 'log-explanation');

      // A key nothing matches: unroutable, dropped, and the log says why.
      await select(page, p);
      await setField(page, 'routing_key', 'user.debug');
      await page.locator('.node-actions[data-for="p1"] .node-action.publish').click();
      const drop = await waitForLog(page, /unroutable/);
      assert.match(await drop.locator('.log-text').textContent(), /not mandatory, so the broker dropped it/);
      await drop.locator('summary').click();
      const why = await drop.locator('.route-detail').textContent();
      assert.match(why, /reaches no queue/);
      assert.match(why, /word 1: the binding wants 'kern' but the routing key has 'user'/);

      // The log filters by node and by kind.
      await page.locator('.log-node-filter select').selectOption(q2);
      await waitForText(page.locator('.log-list'), /No event matches|routed/);
      assert.equal(await page.locator('.log-entry[data-kind="deliver"]').count(), 0, 'nothing was delivered from queue2');
      await page.locator('.log-node-filter select').selectOption('');
      await page.locator('.log-filter[data-kind="route"]').click();
      assert.equal(await page.locator('.log-entry[data-kind="route"]').count(), 0, 'route lines hidden');
      assert.deepEqual(errors, [], 'no console errors');
    } finally {
      await context.close();
    }
  });

  test('the message inspector opens from a queue entry and from a log line: body, properties, headers, path', async () => {
    const { context, page, errors } = await openApp(env);
    try {
      const p = await dragFromPalette(page, 'producer', 100, 200);
      const q = await dragFromPalette(page, 'queue', 520, 200);
      await connect(page, p, 'default');
      await setField(page, 'routing_key', 'queue1');
      await setField(page, 'body', '<img src=x onerror="window.pwned=1"> order {n}');
      await setField(page, 'headers', 'region=eu, attempt=2');
      await page.locator('.inspector [data-field="persistent"] input').check();
      await setField(page, 'correlation_id', 'req-{n}');
      await choose(page, 'schedule', 'manual');
      await page.locator('.inspector .node-action.publish').click();
      await waitForText(stat(page, q, 'ready'), /^1$/);
      await page.locator(`[data-node-id="${q}"] .msg-chip`).first().click();
      const dialog = page.locator('.message-inspector');
      await dialog.waitFor();
      assert.equal(await dialog.locator('.msg-body').textContent(), '<img src=x onerror="window.pwned=1"> order 1', 'the body is text');
      assert.equal(await page.evaluate(() => window.pwned), undefined, 'and never markup');
      const text = await dialog.textContent();
      assert.match(text, /delivery_mode2 \(persistent\)/);
      assert.match(text, /correlation_idreq-1/);
      assert.match(text, /regioneu/);
      assert.match(text, /attempt2signedint/);
      assert.match(text, /ready in queue queue1 at position 1/);
      assert.match(await dialog.locator('.path').textContent(), /published #1.*routed #1.*entered queue queue1/s);
      await shot(page, 'message-inspector');
      // Tab stays inside the dialog; Escape closes it and focus goes back.
      for (let i = 0; i < 8; i++) {
        await page.keyboard.press(i % 3 === 2 ? 'Shift+Tab' : 'Tab');
        assert.equal(await page.evaluate(() => !!document.activeElement.closest('.message-inspector')), true, `focus in the dialog after ${i + 1} Tab presses`);
      }
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      assert.equal(await page.evaluate(() => document.activeElement.closest('.msg-chip') !== null), true, 'focus back on the chip that opened it');
      // From a moving dot: publish again and click the dot on its way.
      await setSpeed(page, 0.1);
      await page.locator('.inspector .node-action.publish').click();
      const dotOf2 = () => (document.querySelector('.dots-layer').dataset.dots ?? '').split(' ').find((d) => d.startsWith('2:'));
      await page.waitForFunction(dotOf2);
      const clicked = await page.evaluate((find) => {
        // Read the dot's position and press on it in the same task, so it has not moved on.
        const dot = new Function(`return (${find})()`)();
        const [x, y] = dot.slice(2).split(',').map(Number);
        const r = document.querySelector('.canvas-area').getBoundingClientRect();
        const at = { clientX: r.left + x, clientY: r.top + y, bubbles: true, pointerId: 7, isPrimary: true, pointerType: 'mouse', button: 0 };
        const target = document.elementFromPoint(at.clientX, at.clientY);
        target.dispatchEvent(new PointerEvent('pointerdown', at));
        target.dispatchEvent(new PointerEvent('pointerup', at));
        return target.tagName;
      }, dotOf2.toString());
      await dialog.waitFor();
      assert.match(await dialog.locator('h2').textContent(), /Message #2/, `a click on the dot (on ${clicked}) opens its message`);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      // From the log.
      const line = await waitForLog(page, /producer1 published #1/);
      await line.locator('.log-inspect').click();
      await dialog.waitFor();
      assert.match(await dialog.locator('h2').textContent(), /Message #1/);
      await dialog.locator('.dialog-close').click();
      assert.deepEqual(errors, [], 'no console errors');
    } finally {
      await context.close();
    }
  });

  test('work queues by hand: prefetch 1, manual ack, one slow consumer killed: its message is redelivered to the other', async () => {
    const { context, page, errors } = await openApp(env);
    try {
      const p = await dragFromPalette(page, 'producer', 90, 220);
      const q = await dragFromPalette(page, 'queue', 360, 220);
      const slow = await dragFromPalette(page, 'consumer', 640, 110);
      const fast = await dragFromPalette(page, 'consumer', 640, 340);
      await select(page, q);
      await setField(page, 'name', 'tasks');
      await connect(page, p, 'default');
      await setField(page, 'routing_key', 'tasks');
      await setField(page, 'body', 'task {n}');
      await choose(page, 'schedule', 'manual');
      await connect(page, q, slow);
      await connect(page, q, fast);
      await select(page, slow);
      await setField(page, 'name', 'slow');
      assert.equal(await page.locator('.inspector [data-field="prefetch"] input').inputValue(), '1');
      assert.equal(await page.locator('.inspector [data-field="ack"] select').inputValue(), 'manual');
      await setField(page, 'processing_ms', '60000');
      await select(page, fast);
      await setField(page, 'name', 'fast');
      await setField(page, 'processing_ms', '300');

      // Two tasks: one to each consumer (round robin, prefetch 1).
      await select(page, p);
      const publish = page.locator('.node-actions[data-for="p1"] .node-action.publish');
      await publish.click();
      await publish.click();
      await waitForText(stat(page, q, 'unacked'), /^2$/);
      assert.match(await page.locator(`[data-node-id="${slow}"] .stat.unacked`).textContent(), /^1\/1 unacked/);
      assert.match(await page.locator(`[data-node-id="${fast}"] .stat.unacked`).textContent(), /^1\/1 unacked/);
      await waitForLog(page, /delivered #1 "task 1" to slow/);

      // The fast one finishes its task; the slow one still holds task 1.
      await page.getByRole('button', { name: 'Play' }).click();
      await waitForText(stat(page, fast, 'acked'), /^1$/);
      await page.getByRole('button', { name: 'Pause' }).click();
      assert.match(await page.locator(`[data-node-id="${slow}"] .stat.unacked`).textContent(), /^1\/1/);

      // Kill the slow one: task 1 goes back and the fast one gets it, redelivered.
      await select(page, slow);
      await page.locator('.node-actions[data-for="c1"] .node-action.kill').click();
      await waitForText(page.locator(`[data-node-id="${slow}"] .node-status`), /killed/);
      const requeue = await waitForLog(page, /#1 "task 1" went back from slow to queue tasks/);
      assert.ok(requeue);
      const redelivery = await waitForLog(page, /delivered #1 "task 1" to fast .*marked redelivered/);
      assert.equal(await redelivery.locator('.log-flag').textContent(), 'redelivered');
      const chip = page.locator(`[data-node-id="${fast}"] .msg-chip.redelivered`);
      await chip.waitFor();
      assert.match(await chip.getAttribute('aria-label'), /message #1: task 1 \(redelivered\)/);
      await select(page, fast);
      await waitForText(page.locator('.inspector .live-stats'), /1 redelivered/);
      await shot(page, 'work-queue-redelivered');
      // Revive puts the slow consumer back.
      await select(page, slow);
      await page.locator('.node-actions[data-for="c1"] .node-action.revive').click();
      await page.locator(`[data-node-id="${slow}"] .node-status`).waitFor({ state: 'detached' });
      assert.deepEqual(errors, [], 'no console errors');
    } finally {
      await context.close();
    }
  });

  test('dead lettering: a rejected message goes to the dead-letter exchange; the log and the inspector show its x-death', async () => {
    const { context, page, errors } = await openApp(env);
    try {
      const p = await dragFromPalette(page, 'producer', 90, 300);
      const work = await dragFromPalette(page, 'queue', 330, 300);
      const c = await dragFromPalette(page, 'consumer', 560, 300);
      const dlx = await dragFromPalette(page, 'exchange-fanout', 330, 455);
      const dead = await dragFromPalette(page, 'queue', 600, 455);
      await select(page, work);
      await setField(page, 'name', 'work');
      await choose(page, 'dead_letter_exchange', dlx);
      await attached(page.locator('.edge.dead-letter'));
      await connect(page, p, 'default');
      await setField(page, 'routing_key', 'work');
      await choose(page, 'schedule', 'manual');
      await connect(page, dlx, dead);
      await connect(page, work, c);
      await choose(page, 'outcome', 'reject');
      await setField(page, 'processing_ms', '100');
      await select(page, p);
      await page.locator(`.node-actions[data-for="${p}"] .node-action.publish`).click();
      await page.getByRole('button', { name: 'Play' }).click();
      await waitForText(stat(page, dead, 'ready'), /^1$/);
      await page.getByRole('button', { name: 'Pause' }).click();
      const dl = await waitForLog(page, /dead-lettered from queue work \(reason: rejected\) to exchange fanout1 as message #2/);
      assert.ok(dl);
      const republished = await waitForLog(page, /#2 "message 1" was re-published to exchange fanout1 by dead lettering/);
      await republished.locator('summary').click();
      assert.match(await republished.locator('.x-death').textContent(), /once rejected in queue work \(published to the default exchange with keys work\)/);
      await page.locator(`[data-node-id="${dead}"] .msg-chip`).first().click();
      const dialog = page.locator('.message-inspector');
      assert.match(await dialog.locator('.x-death').textContent(), /once rejected in queue work/);
      assert.match(await dialog.textContent(), /Dead-lettered from message #1/);
      assert.match(await dialog.locator('.path').textContent(), /producer1 published #1.*rejected #1.*entered queue queue2/s);
      await shot(page, 'dead-letter-inspector');
      await page.keyboard.press('Escape');
      assert.deepEqual(errors, [], 'no console errors');
    } finally {
      await context.close();
    }
  });

  test('typing in the inspector while the clock runs keeps what is typed', async () => {
    const { context, page, errors } = await openApp(env);
    try {
      const p = await dragFromPalette(page, 'producer', 100, 200);
      const q = await dragFromPalette(page, 'queue', 480, 200);
      await connect(page, p, 'default');
      await setField(page, 'routing_key', 'queue1');
      await setField(page, 'every_ms', '50');
      await page.getByRole('button', { name: 'Play' }).click();
      await waitForText(stat(page, q, 'ready'), /^[2-9]|\d\d/);
      await select(page, q);
      const name = page.locator('.inspector [data-field="name"] input');
      await name.selectText();
      await page.keyboard.type('slowly-typed', { delay: 60 });
      assert.equal(await name.inputValue(), 'slowly-typed', 'renders while playing did not wipe the draft');
      await name.press('Enter');
      await waitForText(page.locator(`[data-node-id="${q}"] .node-name`), /^slowly-typed$/);
      await page.getByRole('button', { name: 'Pause' }).click();
      assert.deepEqual(errors, [], 'no console errors');
    } finally {
      await context.close();
    }
  });

  test('step, speed, purge, restart broker: only durable queues and persistent messages survive, the canvas shows what vanished', async () => {
    const { context, page, errors } = await openApp(env);
    try {
      const p = await dragFromPalette(page, 'producer', 90, 220);
      const x = await dragFromPalette(page, 'exchange-fanout', 300, 220);
      const keep = await dragFromPalette(page, 'queue', 560, 110);
      const lose = await dragFromPalette(page, 'queue', 560, 340);
      await connect(page, p, x);
      await setField(page, 'body', 'event {n}');
      await page.locator('.inspector [data-field="persistent"] input').check();
      await choose(page, 'schedule', 'burst');
      await setField(page, 'burst_count', '3');
      await setField(page, 'at_ms', '500');
      await connect(page, x, keep);
      await connect(page, x, lose);
      await select(page, keep);
      await page.locator('.inspector [data-field="durable"] input').check();
      await select(page, x);
      await page.locator('.inspector [data-field="durable"] input').check();
      await page.keyboard.press('Escape');

      // Step jumps to the next thing that happens: the burst at 0.5 s.
      await page.getByRole('button', { name: 'Step' }).click();
      await waitForText(page.locator('.clock-time'), /^0\.500 s$/);
      await waitForText(stat(page, keep, 'ready'), /^3$/);
      assert.equal(await stat(page, lose, 'ready').textContent(), '3');
      await setSpeed(page, 10);
      await waitForText(page.locator('.clock-speed-value'), /^10×$/);
      await setSpeed(page, 0.1);
      await waitForText(page.locator('.clock-speed-value'), /^0\.1×$/);

      // Purge empties one queue.
      await select(page, lose);
      await page.locator(`.node-actions[data-for="${lose}"] .node-action.purge`).click();
      await waitForText(stat(page, lose, 'ready'), /^0$/);
      await waitForLog(page, /left queue queue2: the queue was purged/);
      await page.keyboard.press('Escape');

      await page.getByRole('button', { name: 'Restart broker' }).click();
      await waitForText(page.locator(`[data-node-id="${lose}"] .node-gone`), /not in the broker/);
      assert.equal(await stat(page, keep, 'ready').textContent(), '3', 'persistent messages in a durable queue survive');
      assert.ok(await page.locator(`[data-node-id="${lose}"].vanished`).count());
      await waitForLog(page, /the broker restarted/);
      await shot(page, 'after-restart');
      await page.locator(`[data-node-id="${lose}"] .redeclare`).click();
      await page.locator(`[data-node-id="${lose}"] .node-gone`).waitFor({ state: 'detached' });
      assert.deepEqual(errors, [], 'no console errors');
    } finally {
      await context.close();
    }
  });
});
