// End-to-end: the queue inspector's type choice (classic / quorum /
// stream) shows only the settings the chosen type takes, names the others,
// and the queue node shows its type.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { choose, dragFromPalette, openApp, select, setField, shot, useBrowser, waitForText } from './helpers.mjs';

const env = useBrowser();

/** The inspector's field names, in order. */
async function fields(page) {
  return page.locator('.inspector [data-field]').evaluateAll((els) => els.map((e) => e.dataset.field));
}

describe('queue types', () => {
  for (const colorScheme of ['light', 'dark']) {
    test(`the type choice shows each type's settings and the node its type (${colorScheme})`, async () => {
      const { context, page, errors } = await openApp(env, { colorScheme });
      try {
        const q = await dragFromPalette(page, 'queue', 560, 260);
        await select(page, q);
        let names = await fields(page);
        assert.ok(names.includes('max_priority') && names.includes('exclusive'), `classic: ${names}`);
        assert.ok(!names.includes('delivery_limit') && !names.includes('max_age'), `classic: ${names}`);
        assert.match(await page.locator('.inspector .absent-settings').textContent(), /^Not for a classic queue: .*Delivery limit \(x-delivery-limit\)/);

        await choose(page, 'queue_type', 'quorum');
        await page.locator('.inspector [data-field="delivery_limit"]').waitFor();
        names = await fields(page);
        assert.ok(!names.includes('max_priority') && !names.includes('exclusive') && !names.includes('auto_delete'), `quorum: ${names}`);
        assert.ok(names.includes('message_ttl') && names.includes('dead_letter_strategy'), `quorum: ${names}`);
        assert.match(await page.locator('.inspector .absent-settings').textContent(), /Not for a quorum queue: .*Max priority \(x-max-priority\)/);
        assert.equal(await page.locator('.inspector [data-field="durable"] input').isChecked(), true, 'a quorum queue is durable');
        await waitForText(page.locator(`[data-node-id="${q}"] [data-queue-type]`), /^quorum$/);
        await setField(page, 'delivery_limit', '3');
        await waitForText(page.locator(`[data-node-id="${q}"] .flags`), /delivery limit 3/);
        assert.equal(await page.locator(`.error-callout[data-error-for="${q}"]`).count(), 0, 'the broker took it');
        await shot(page, `queue-type-quorum-${colorScheme}`);

        await choose(page, 'queue_type', 'stream');
        await page.locator('.inspector [data-field="max_age"]').waitFor();
        names = await fields(page);
        assert.ok(!names.includes('message_ttl') && !names.includes('delivery_limit') && !names.includes('overflow'), `stream: ${names}`);
        assert.match(await page.locator('.inspector [data-field="max_length_bytes"]').textContent(), /retention by segment/);
        assert.match(await page.locator('.inspector .queue-type-about').textContent(), /Retention removes whole segments/);
        await waitForText(page.locator(`[data-node-id="${q}"] [data-queue-type]`), /^stream$/);
        await setField(page, 'max_age', '7W');
        await waitForText(page.locator('.inspector [data-field="max_age"]'), /is not an age/);
        await setField(page, 'max_age', '7D');
        assert.equal(await page.locator(`.error-callout[data-error-for="${q}"]`).count(), 0);
        await shot(page, `queue-type-stream-${colorScheme}`);

        // Back to classic: the stream's settings go, the classic ones return.
        await choose(page, 'queue_type', 'classic');
        await page.locator('.inspector [data-field="max_priority"]').waitFor();
        assert.equal(await page.locator(`[data-node-id="${q}"] [data-queue-type]`).count(), 0);
        assert.deepEqual(errors, [], 'no console errors');
      } finally {
        await context.close();
      }
    });
  }

  test('on a phone-sized window the type choice is usable', async () => {
    const { context, page, errors } = await openApp(env, { viewport: { width: 390, height: 844 }, hasTouch: true, path: '?lesson=quorum-poison' });
    try {
      await page.locator('[data-node-id="orders"]').waitFor();
      await waitForText(page.locator('[data-node-id="orders"] [data-queue-type]'), /^quorum$/);
      await shot(page, 'queue-type-phone');
      assert.deepEqual(errors, [], 'no console errors');
    } finally {
      await context.close();
    }
  });
});
