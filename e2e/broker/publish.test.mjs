// Publishing to the real broker from a producer's inspector and from the
// route tester (e2e/broker/env.mjs has the environment): the broker's
// `routed` answer is shown beside Warren's routing, and the message is in
// the queue RabbitMQ routed it to (rabbitmqctl list_queues).

import assert from 'node:assert/strict';
import { execSync } from 'node:child_process';
import { test } from 'node:test';
import { select } from '../helpers.mjs';
import { GUEST, MGMT, connectBroker, ctl, open, queueCounts, shot, useBrokerEnv } from './env.mjs';

const env = useBrokerEnv();
const VHOST = 'warren-publish';

/** Clicks "Publish to the broker" in the inspector and waits for the answer. */
async function publishFromInspector(page) {
  const section = page.locator('.inspector [data-broker-publish]');
  await section.locator('[data-broker-action=publish]').click();
  const answer = section.locator('.broker-routed, .broker-error');
  await answer.first().waitFor();
  return answer.first();
}

test('no publish button while no broker is connected', async () => {
  const { context, page } = await open(env, { path: '?lesson=routing' });
  await select(page, 'error');
  await page.locator('.inspector .inspector-form').first().waitFor();
  assert.equal(await page.locator('[data-broker-publish]').count(), 0);
  await context.close();
});

test('a producer and the route tester publish to the broker; routed is shown and the message arrives', async () => {
  ctl(`add_vhost ${VHOST}`);
  ctl(`set_permissions -p ${VHOST} guest ".*" ".*" ".*"`);
  const { context, page, errors } = await open(env, { path: '?lesson=routing' });
  try {
    assert.equal((await connectBroker(page, { ...GUEST, vhost: VHOST })).ok, true);
    // Before the deploy, the vhost has no exchange direct_logs: said plainly.
    await select(page, 'error');
    const missing = await publishFromInspector(page);
    assert.equal(await missing.getAttribute('data-broker-error'), 'no_such_exchange', await missing.textContent());
    assert.match(await missing.textContent(), /no exchange 'direct_logs'.*Deploy the scenario first/s);

    const sent = await page.evaluate(() => window.warren.deployToBroker({ dryRun: false }));
    assert.equal(sent.ok, true, JSON.stringify(sent));
    const before = queueCounts(VHOST);
    // The producer "error" (key error) reaches disk and screen on RabbitMQ as in Warren.
    const routed = await publishFromInspector(page);
    assert.equal(await routed.getAttribute('data-routed'), 'true', await routed.textContent());
    assert.equal(await routed.getAttribute('data-agrees'), 'true');
    assert.match(await routed.textContent(), /routed: true.*Warren routes it the same way/s);
    await shot(page, 'publish-producer');
    const after = queueCounts(VHOST);
    assert.equal(after.disk, before.disk + 1, JSON.stringify({ before, after }));
    assert.equal(after.screen, before.screen + 1, JSON.stringify({ before, after }));

    // The route tester on direct_logs: a key nothing is bound with.
    await select(page, 'direct_logs');
    const tester = page.locator('.route-tester');
    await tester.locator('#field-try-key').fill('debug');
    const dropped = await publishFromInspector(page);
    assert.equal(await dropped.getAttribute('data-routed'), 'false', await dropped.textContent());
    assert.equal(await dropped.getAttribute('data-agrees'), 'true', 'Warren drops it too');
    assert.deepEqual(queueCounts(VHOST), after, 'a message routed nowhere is in no queue');
    // A new key clears the old answer; "info" reaches screen only.
    await tester.locator('#field-try-key').fill('info');
    assert.equal(await page.locator('.inspector .broker-routed').count(), 0, 'the answer was for the other key');
    const info = await publishFromInspector(page);
    assert.equal(await info.getAttribute('data-routed'), 'true');
    const last = queueCounts(VHOST);
    assert.deepEqual([last.disk, last.screen], [after.disk, after.screen + 1]);
    await shot(page, 'publish-route-tester');

    // The default exchange (amq.default in the API), from another
    // scenario: RabbitMQ routes "disk" to the vhost's queue disk, which
    // hello-world's canvas does not have; the difference is said.
    const hello = await open(env, { path: '?lesson=hello-world', context });
    assert.equal((await connectBroker(hello.page, { ...GUEST, vhost: VHOST })).ok, true);
    await select(hello.page, 'default');
    await hello.page.locator('.route-tester #field-try-key').fill('disk');
    const direct = await publishFromInspector(hello.page);
    assert.equal(await direct.getAttribute('data-routed'), 'true', await direct.textContent());
    assert.equal(await direct.getAttribute('data-agrees'), 'false');
    assert.match(await direct.textContent(), /Warren routes it nowhere/);
    await shot(hello.page, 'publish-differs');
    assert.equal(queueCounts(VHOST).disk, last.disk + 1);
    await hello.page.close();

    // What arrived is the producer's message, its {n} the first publish to the broker.
    const bodies = JSON.parse(
      execSync(
        `curl -sf -u guest:guest -H 'content-type: application/json' -d '{"count":10,"ackmode":"ack_requeue_true","encoding":"auto"}' ${MGMT}/api/queues/${VHOST}/disk/get`,
        { encoding: 'utf8' },
      ),
    ).map((m) => m.payload);
    assert.deepEqual(bodies, ['error 1', ''], 'the producer\'s body, then the route tester\'s empty one');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    ctl(`delete_vhost ${VHOST}`);
  }
});
