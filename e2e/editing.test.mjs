// End-to-end: building a topology the way a person does, in the release
// build in Chromium: drag from the palette, connect ports, edit in the
// inspector and on the canvas, refused connections and engine errors,
// undo/redo, delete, multi-select, pan, zoom, keyboard.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  attached, canvasBox, choose, connect, dragFromPalette, nodeIds, openApp, select, setField, shot, useBrowser, waitForText,
} from './helpers.mjs';

const env = useBrowser();

/** The node's top-left corner in page pixels. */
async function position(page, id) {
  const b = await page.locator(`[data-node-id="${id}"]`).boundingBox();
  return { x: Math.round(b.x), y: Math.round(b.y), width: b.width };
}

describe('editing', () => {
  test('drag from the palette creates named nodes; connect; refused pairs say why', async () => {
    const { context, page, errors } = await openApp(env);
    try {
      const p = await dragFromPalette(page, 'producer', 90, 250);
      const x = await dragFromPalette(page, 'exchange-direct', 300, 250);
      const q = await dragFromPalette(page, 'queue', 520, 170);
      const c = await dragFromPalette(page, 'consumer', 700, 170);
      assert.deepEqual([p, x, q, c], ['p1', 'x1', 'q1', 'c1']);
      const names = await page.locator('.node .node-name').allTextContents();
      assert.deepEqual(names, ['producer1', '(default)', 'direct1', 'queue1', 'consumer1']);
      // The node lands where it was dropped (its centre under the pointer).
      const canvas = await canvasBox(page);
      const qb = await page.locator('[data-node-id="q1"]').boundingBox();
      assert.ok(Math.abs(qb.x + qb.width / 2 - (canvas.x + 520)) < 3, 'dropped where the pointer was');

      // A producer cannot publish straight to a queue: refused, with the reason next to it.
      await connect(page, p, q);
      const notice = await waitForText(page.locator('.notice'), /never publishes straight to a queue/);
      assert.match(notice, /default exchange/);
      assert.equal(await page.locator('.edge[data-edge^="publish"]').count(), 0);
      await page.locator('.notice-close').click();

      await connect(page, p, x);
      await attached(page.locator('.edge[data-edge="publish:p1"]'));
      await connect(page, x, q);
      await attached(page.locator('.edge[data-edge="binding:b1"]'));
      // The new binding's key is edited right there, on the canvas.
      const inline = page.locator('.inline-binding input');
      await inline.waitFor();
      assert.equal(await inline.evaluate((el) => el === document.activeElement), true, 'the key field has the focus');
      await inline.fill('orders.new');
      await inline.press('Enter');
      await waitForText(page.locator('.edge-label[data-edge="binding:b1"]'), /^orders\.new$/);
      await connect(page, q, c);
      await attached(page.locator('.edge[data-edge="consume:c1"]'));
      // Exchange to exchange: a binding too.
      const x2 = await dragFromPalette(page, 'exchange-fanout', 300, 420);
      await connect(page, x, x2);
      await attached(page.locator('.edge.binding[data-edge="binding:b2"]'));
      await page.keyboard.press('Escape');
      // Consumers cannot be connected onward.
      assert.equal(await page.locator('[data-node-id="c1"] .port-out').count(), 0, 'a consumer has no out port');

      // Editing the binding key in the inspector after clicking its label.
      await page.locator('.edge-label[data-edge="binding:b1"]').click();
      await waitForText(page.locator('.inspector-title'), /Binding/);
      await setField(page, 'routing_key', 'orders.created');
      await waitForText(page.locator('.edge-label[data-edge="binding:b1"]'), /^orders\.created$/);
      assert.match(await page.locator('.canvas-status').textContent(), /6 nodes, 2 bindings/);
      assert.deepEqual(errors, [], 'no console errors');
    } finally {
      await context.close();
    }
  });

  test('an engine error appears next to what caused it, with the AMQP code and an explanation', async () => {
    const { context, page, errors } = await openApp(env);
    try {
      const q = await dragFromPalette(page, 'queue', 560, 260);
      // Binding the default exchange: the canvas lets you try, the broker refuses (403).
      await connect(page, 'default', q);
      const callout = page.locator('.error-callout[data-error-for="binding:b1"]');
      const text = await waitForText(callout, /403 ACCESS_REFUSED/);
      assert.match(text, /default exchange/);
      assert.match(text, /queue\.bind/);
      await page.keyboard.press('Escape');
      await shot(page, 'engine-error');
      // An exchange name in the reserved amq. namespace is refused too, next to the exchange.
      const x = await dragFromPalette(page, 'exchange-fanout', 200, 380);
      await setField(page, 'name', 'amq.mine');
      const xerr = await waitForText(page.locator(`.error-callout[data-error-for="${x}"]`), /403 ACCESS_REFUSED/);
      assert.match(xerr, /amq\./);
      assert.ok(await page.locator(`[data-node-id="${x}"].has-error`).count());
      // Undo removes the cause and the error with it.
      await page.keyboard.press('Control+z');
      await page.locator(`.error-callout[data-error-for="${x}"]`).waitFor({ state: 'detached' });
      // Publishing to an internal exchange: refused (403), next to the producer.
      await select(page, x);
      await page.locator('.inspector [data-field="internal"] input').check();
      const p = await dragFromPalette(page, 'producer', 100, 110);
      await connect(page, p, x);
      await page.locator('.inspector .node-action.publish').click();
      const perr = await waitForText(page.locator(`.error-callout[data-error-for="${p}"]`), /403 ACCESS_REFUSED/);
      assert.match(perr, /internal exchange 'fanout1'/);
      assert.match(perr, /basic\.publish/);
      // An inspector value the scenario cannot hold is refused in the field, and nothing changes.
      await select(page, q);
      await setField(page, 'max_priority', '300');
      await waitForText(page.locator('.inspector [data-field="max_priority"] .field-error'), /from 0 to 255/);
      await setField(page, 'max_priority', '');
      // Other arguments go into the declare as they are; one with a field of
      // its own is refused by that field's name; a bad value is RabbitMQ's 406.
      const args = page.locator('.inspector [data-field="arguments"]');
      await setField(page, 'arguments', 'x-max-length=5');
      await waitForText(args.locator('.field-error'), /set it in 'Max length'/);
      await setField(page, 'arguments', 'x-queue-mode=fast');
      const qerr = await waitForText(page.locator(`.error-callout[data-error-for="${q}"]`), /406 PRECONDITION_FAILED/);
      assert.match(qerr, /x-queue-mode/);
      await setField(page, 'arguments', 'x-queue-mode=lazy');
      await page.locator(`.error-callout[data-error-for="${q}"]`).waitFor({ state: 'detached' });
      assert.equal(await args.locator('.field-error').count(), 0);
      assert.equal(await args.locator('input').inputValue(), 'x-queue-mode=lazy');
      await args.scrollIntoViewIfNeeded();
      await shot(page, 'other-arguments');
      assert.deepEqual(errors, [], 'no console errors');
    } finally {
      await context.close();
    }
  });

  test('undo and redo, by keys and buttons; delete by key and button; multi-select by shift-click and box', async () => {
    const { context, page, errors } = await openApp(env);
    try {
      await dragFromPalette(page, 'queue', 150, 230);
      await dragFromPalette(page, 'queue', 150, 390);
      await dragFromPalette(page, 'consumer', 450, 230);
      assert.deepEqual((await nodeIds(page)).sort(), ['c1', 'default', 'q1', 'q2']);
      await page.keyboard.press('Control+z');
      await page.locator('[data-node-id="c1"]').waitFor({ state: 'detached' });
      await page.keyboard.press('Control+Shift+z');
      await page.locator('[data-node-id="c1"]').waitFor();
      await page.getByRole('button', { name: 'Undo' }).click();
      await page.locator('[data-node-id="c1"]').waitFor({ state: 'detached' });
      await page.getByRole('button', { name: 'Redo' }).click();
      await page.locator('[data-node-id="c1"]').waitFor();

      // Moving is undoable too.
      const before = await position(page, 'q1');
      const b = await page.locator('[data-node-id="q1"] .node-name').boundingBox();
      await page.mouse.move(b.x + 5, b.y + 5);
      await page.mouse.down();
      await page.mouse.move(b.x + 105, b.y + 45, { steps: 5 });
      await page.mouse.up();
      const moved = await position(page, 'q1');
      assert.ok(Math.abs(moved.x - before.x - 100) <= 1 && Math.abs(moved.y - before.y - 40) <= 1, `moved by the drag: ${JSON.stringify([before, moved])}`);
      await page.keyboard.press('Control+z');
      await page.waitForFunction(({ x }) => Math.round(document.querySelector('[data-node-id="q1"]').getBoundingClientRect().x) === x, before);

      // Delete key removes the selected node; the action button too.
      await select(page, 'c1');
      await page.keyboard.press('Delete');
      await page.locator('[data-node-id="c1"]').waitFor({ state: 'detached' });
      await select(page, 'q2');
      await page.locator('.node-actions[data-for="q2"] .node-action.delete').click();
      await page.locator('[data-node-id="q2"]').waitFor({ state: 'detached' });
      await page.keyboard.press('Control+z');
      await page.keyboard.press('Control+z');
      await page.locator('[data-node-id="q2"]').waitFor();
      await page.locator('[data-node-id="c1"]').waitFor();

      // Shift-click selects several; Backspace deletes them all.
      await select(page, 'q1');
      await page.locator('[data-node-id="q2"] .node-name').click({ modifiers: ['Shift'] });
      assert.equal(await page.locator('.node.selected').count(), 2);
      await waitForText(page.locator('.inspector-title'), /2 nodes selected/);
      await page.keyboard.press('Backspace');
      await page.locator('[data-node-id="q1"]').waitFor({ state: 'detached' });
      assert.equal(await page.locator('[data-node-id="q2"]').count(), 0);
      await page.keyboard.press('Control+z');
      await page.locator('[data-node-id="q2"]').waitFor();

      // Shift-drag on the empty canvas draws a selection box.
      const canvas = await canvasBox(page);
      await page.keyboard.down('Shift');
      await page.mouse.move(canvas.x + 20, canvas.y + 470);
      await page.mouse.down();
      await page.mouse.move(canvas.x + 620, canvas.y + 170, { steps: 6 });
      await page.mouse.up();
      await page.keyboard.up('Shift');
      const selected = await page.locator('.node.selected').evaluateAll((els) => els.map((e) => e.dataset.nodeId).sort());
      assert.deepEqual(selected, ['c1', 'q1', 'q2']);
      assert.deepEqual(errors, [], 'no console errors');
    } finally {
      await context.close();
    }
  });

  test('pan by dragging the canvas, zoom by wheel and buttons, fit', async () => {
    const { context, page, errors } = await openApp(env);
    try {
      await dragFromPalette(page, 'queue', 300, 200);
      const canvas = await canvasBox(page);
      const start = await position(page, 'q1');
      await page.mouse.move(canvas.x + 600, canvas.y + 400);
      await page.mouse.down();
      await page.mouse.move(canvas.x + 520, canvas.y + 350, { steps: 5 });
      await page.mouse.up();
      const panned = await position(page, 'q1');
      assert.deepEqual([panned.x - start.x, panned.y - start.y], [-80, -50], 'the whole canvas moved with the pointer');

      await page.getByRole('button', { name: 'Zoom in' }).click();
      await waitForText(page.locator('.zoom-level'), /^125%$/);
      const zoomed = await position(page, 'q1');
      assert.ok(Math.abs(zoomed.width / panned.width - 1.25) < 0.02, 'nodes grow with the zoom');
      await page.getByRole('button', { name: 'Zoom out' }).click();
      await waitForText(page.locator('.zoom-level'), /^100%$/);

      // The wheel zooms around the pointer: the point under it stays put.
      const q = await page.locator('[data-node-id="q1"]').boundingBox();
      await page.mouse.move(q.x + 10, q.y + 10);
      await page.mouse.wheel(0, 300);
      await page.waitForFunction(() => document.querySelector('.zoom-level').textContent !== '100%');
      const after = await page.locator('[data-node-id="q1"]').boundingBox();
      assert.ok(after.width < q.width, 'wheel down zooms out');
      assert.ok(Math.abs(after.x - q.x - (10 - 10 * (after.width / q.width))) < 2, 'the point under the pointer stays');
      await page.keyboard.press('0');
      await waitForText(page.locator('.zoom-level'), /^100%$/);
      await page.getByRole('button', { name: 'Fit' }).click();
      const fitted = await page.locator('[data-node-id="q1"]').boundingBox();
      assert.ok(fitted.x > canvas.x && fitted.x + fitted.width < canvas.x + canvas.width, 'fit shows the nodes');
      assert.deepEqual(errors, [], 'no console errors');
    } finally {
      await context.close();
    }
  });

  test('keyboard: Enter on a palette entry places a node, Tab goes through nodes, arrows move, Enter edits', async () => {
    const { context, page, errors } = await openApp(env);
    try {
      await page.locator('.palette [data-kind="queue"]').focus();
      await page.keyboard.press('Enter');
      await page.locator('[data-node-id="q1"].selected').waitFor();
      await page.locator('[data-node-id="default"]').focus();
      await page.keyboard.press('Tab');
      await page.locator('[data-node-id="q1"].selected').waitFor();
      assert.equal(await page.evaluate(() => document.activeElement.dataset.nodeId), 'q1');
      const before = await position(page, 'q1');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('Shift+ArrowDown');
      const after = await position(page, 'q1');
      assert.deepEqual([after.x - before.x, after.y - before.y], [10, 50]);
      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(() => document.activeElement.closest('.inspector') !== null), true, 'Enter moves into the inspector');
      await page.keyboard.type('orders');
      await page.keyboard.press('Enter');
      await waitForText(page.locator('[data-node-id="q1"] .node-name'), /^orders$/);
      await page.keyboard.press('Escape');
      await page.locator('[data-node-id="q1"].selected').waitFor({ state: 'detached' });
      assert.deepEqual(errors, [], 'no console errors');
    } finally {
      await context.close();
    }
  });

  test('headers bindings are edited as x-match and header values', async () => {
    const { context, page, errors } = await openApp(env);
    try {
      const x = await dragFromPalette(page, 'exchange-headers', 200, 200);
      const q = await dragFromPalette(page, 'queue', 520, 200);
      await connect(page, x, q);
      const inline = page.locator('.inline-binding input');
      await inline.fill('format=pdf, type=report');
      await inline.press('Enter');
      await waitForText(page.locator('.edge-label[data-edge="binding:b1"]'), /^all: format=pdf, type=report$/);
      await page.locator('.edge-label[data-edge="binding:b1"]').click();
      await choose(page, 'x_match', 'any');
      await waitForText(page.locator('.edge-label[data-edge="binding:b1"]'), /^any: /);
      assert.deepEqual(errors, [], 'no console errors');
    } finally {
      await context.close();
    }
  });
});
