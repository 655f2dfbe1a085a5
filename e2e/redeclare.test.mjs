// End-to-end: changing a queue that holds messages (or a bound exchange) is
// a redeclaration, which RabbitMQ refuses (406 PRECONDITION_FAILED); the
// refusal shows next to the node with a way out: delete and declare again.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { choose, connect, dragFromPalette, openApp, select, setField, shot, useBrowser, waitForText } from './helpers.mjs';

const env = useBrowser();

describe('redeclaring with other arguments', () => {
  test('a queue holding messages refuses new arguments (406) until it is declared again; a bound exchange its new type', async () => {
    const { context, page, errors } = await openApp(env);
    try {
      const q = await dragFromPalette(page, 'queue', 560, 260);
      // An empty, unused queue simply takes new settings.
      await select(page, q);
      await setField(page, 'message_ttl', '60000');
      assert.equal(await page.locator(`.error-callout[data-error-for="${q}"]`).count(), 0);
      // Put a message in it.
      const p = await dragFromPalette(page, 'producer', 120, 260);
      await connect(page, p, 'default');
      await page.keyboard.press('Escape');
      await select(page, p);
      await setField(page, 'routing_key', 'queue1');
      await page.locator('.inspector .node-action.publish').click();
      await waitForText(page.locator(`[data-node-id="${q}"]`), /1\s*ready/);
      // Now a change is a redeclaration RabbitMQ refuses.
      await select(page, q);
      await setField(page, 'max_length', '5');
      const callout = page.locator(`.error-callout[data-error-for="${q}"]`);
      const text = await waitForText(callout, /406 PRECONDITION_FAILED/);
      assert.match(text, /inequivalent arg 'x-max-length'/);
      assert.match(text, /queue\.declare/);
      await shot(page, 'redeclare-refused');
      // Placed where it is seen whole: not below the canvas's edge, under the log.
      const cbox = await callout.boundingBox();
      const area = await page.locator('.canvas-area').boundingBox();
      assert.ok(cbox.y >= area.y && cbox.y + cbox.height <= area.y + area.height, `callout ${JSON.stringify(cbox)} inside the canvas ${JSON.stringify(area)}`);
      // The node shows what the broker holds: the TTL, not the refused max.
      const flags = page.locator(`[data-node-id="${q}"] .flags`);
      assert.match(await flags.textContent(), /TTL 60 s/);
      assert.doesNotMatch(await flags.textContent(), /max 5/);
      // The way out is also among the node's actions (here, in the inspector).
      await page.locator('.inspector .node-action.recreate').click();
      await callout.waitFor({ state: 'detached' });
      assert.equal(await page.locator(`[data-node-id="${q}"].has-error`).count(), 0);
      await waitForText(flags, /max 5/);
      assert.equal(await page.locator('.inspector .node-action.recreate').count(), 0, 'no refusal, no action');
      // A bound exchange cannot change its type by redeclaring either.
      const x = await dragFromPalette(page, 'exchange-fanout', 300, 430);
      await connect(page, x, q);
      await page.keyboard.press('Escape');
      await select(page, x);
      await choose(page, 'type', 'topic');
      const xcallout = page.locator(`.error-callout[data-error-for="${x}"]`);
      await waitForText(xcallout, /inequivalent arg 'type'/);
      await xcallout.locator('button.callout-action').click();
      await xcallout.waitFor({ state: 'detached' });
      assert.deepEqual(errors, [], 'no console errors');
    } finally {
      await context.close();
    }
  });
});
