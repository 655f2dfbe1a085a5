// End-to-end: changing a declared queue's or exchange's arguments is a
// redeclaration, which RabbitMQ refuses (406 PRECONDITION_FAILED); the
// refusal shows next to the node with a way out: delete and declare again.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { choose, dragFromPalette, openApp, select, setField, shot, start, waitForText } from './helpers.mjs';

let env;

before(async () => {
  env = await start();
});

after(async () => {
  await env?.browser?.close();
  await env?.server?.close();
});

describe('redeclaring with other arguments', () => {
  test('a queue whose max-length changes is refused with 406 until it is declared again', async () => {
    const { context, page, errors } = await openApp(env);
    try {
      const q = await dragFromPalette(page, 'queue', 560, 260);
      await select(page, q);
      await setField(page, 'max_length', '5');
      const callout = page.locator(`.error-callout[data-error-for="${q}"]`);
      const text = await waitForText(callout, /406 PRECONDITION_FAILED/);
      assert.match(text, /inequivalent arg 'x-max-length'/);
      assert.match(text, /queue\.declare/);
      await shot(page, 'redeclare-refused');
      await callout.locator('button.callout-action').click();
      await callout.waitFor({ state: 'detached' });
      assert.equal(await page.locator(`[data-node-id="${q}"].has-error`).count(), 0);
      // An exchange's type cannot change by redeclaring either.
      const x = await dragFromPalette(page, 'exchange-fanout', 220, 380);
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
