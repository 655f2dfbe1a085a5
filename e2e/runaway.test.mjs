// End-to-end: runaway scenarios keep the page responsive. A producer at
// 10,000 messages a second into a queue nobody consumes and a fanout to
// 1,000 queues reach the ready-message limit and pause with a notice; a
// dead-letter cycle through two queues whose consumers reject keeps running
// without freezing the tab. (Liveness checks with generous bounds, not
// performance goals: those live in the benchmarks.)

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, shot, useBrowser, waitForText } from './helpers.mjs';

const env = useBrowser();

/** Loads a scenario through the page's API and presses play at `speed`. */
async function loadAndPlay(page, scenario) {
  const r = await page.evaluate((s) => window.warren.load(s), scenario);
  assert.equal(r.ok, true, JSON.stringify(r));
  await page.evaluate(() => window.warren.play());
}

/** The page answers: an evaluate round trip and a few animation frames. */
async function responsive(page) {
  const started = Date.now();
  const frames = await page.evaluate(
    () =>
      new Promise((resolve) => {
        let n = 0;
        const t0 = performance.now();
        const tick = () => {
          n += 1;
          if (performance.now() - t0 < 1000) requestAnimationFrame(tick);
          else resolve(n);
        };
        requestAnimationFrame(tick);
      }),
  );
  const took = Date.now() - started;
  assert.ok(frames >= 3, `animation frames keep coming (${frames} in a second)`);
  assert.ok(took < 10_000, `the page answers (${took} ms)`);
}

const base = { warren: 1, speed: 10 };

describe('runaway scenarios', () => {
  test('a producer at 10,000 messages a second into an unconsumed queue pauses at the limit, with a notice', async () => {
    const { context, page } = await openApp(env);
    try {
      await loadAndPlay(page, {
        ...base,
        title: 'firehose',
        queues: [{ id: 'q', name: 'sink', x: 500, y: 200 }],
        producers: [{
          id: 'p', name: 'firehose', exchange: 'default', x: 100, y: 200,
          message: { routing_key: 'sink', body: 'm{n}' },
          schedule: { kind: 'every', every_ms: 10, batch: 100 },
        }],
      });
      await responsive(page);
      const notice = await waitForText(page.locator('.clock-halted'), /paused: \d+ messages are waiting/, 60_000);
      assert.match(notice, /limit of 50000/);
      await shot(page, 'runaway-firehose');
      const snap = await page.evaluate(() => window.warren.snapshot());
      assert.ok(snap.queues.sink.ready.length <= 50_100, `bounded: ${snap.queues.sink.ready.length}`);
      await responsive(page);
    } finally {
      await context.close();
    }
  });

  test('a fanout to 1,000 queues stays responsive and pauses at the limit', async () => {
    const { context, page } = await openApp(env);
    try {
      const queues = Array.from({ length: 1000 }, (_, i) => ({ id: `q${i}`, name: `q${i}`, x: 500 + (i % 20) * 230, y: 100 + Math.floor(i / 20) * 150 }));
      await loadAndPlay(page, {
        ...base,
        title: 'fanout to 1,000 queues',
        exchanges: [{ id: 'x', name: 'broadcast', type: 'fanout', x: 300, y: 100 }],
        queues,
        bindings: queues.map((q) => ({ from: 'x', to: q.id })),
        producers: [{ id: 'p', name: 'announcer', exchange: 'x', x: 100, y: 100, message: { body: 'news {n}' }, schedule: { kind: 'every', every_ms: 100 } }],
      });
      await responsive(page);
      await waitForText(page.locator('.clock-halted'), /paused: \d+ messages are waiting/, 90_000);
      await responsive(page);
    } finally {
      await context.close();
    }
  });

  test('a dead-letter cycle of rejecting consumers keeps the page responsive', async () => {
    const { context, page } = await openApp(env);
    try {
      await loadAndPlay(page, {
        ...base,
        title: 'dead-letter cycle',
        exchanges: [
          { id: 'ea', name: 'to-a', type: 'fanout', x: 300, y: 80 },
          { id: 'eb', name: 'to-b', type: 'fanout', x: 300, y: 380 },
        ],
        queues: [
          { id: 'a', name: 'a', dead_letter_exchange: 'eb', x: 560, y: 80 },
          { id: 'b', name: 'b', dead_letter_exchange: 'ea', x: 560, y: 380 },
        ],
        bindings: [{ from: 'ea', to: 'a' }, { from: 'eb', to: 'b' }],
        producers: [{ id: 'p', name: 'seed', exchange: 'ea', x: 80, y: 80, message: { body: 'ping {n}' }, schedule: { kind: 'burst', count: 50 } }],
        consumers: [
          { id: 'ca', name: 'reject a', queue: 'a', outcome: 'reject', processing_ms: 1, x: 820, y: 80 },
          { id: 'cb', name: 'reject b', queue: 'b', outcome: 'reject', processing_ms: 1, x: 820, y: 380 },
        ],
      });
      for (let i = 0; i < 3; i++) {
        await responsive(page);
      }
      await shot(page, 'runaway-dead-letter-cycle');
      // The cycle is real: messages keep dying back and forth.
      const log = await page.locator('.event-log').textContent();
      assert.match(log, /dead-lettered/);
    } finally {
      await context.close();
    }
  });
});
