// End-to-end: what a newcomer reads on the canvas. Several bindings between
// the same two nodes, each readable and clickable; a producer's routing key;
// the RPC reply path and its one client; the event log's empty filter; the
// scenario overview; what a crashed consumer's card shows whatever steps the
// clock took; text in a small embed; the phone layout with touch.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, shot, useBrowser, waitForText } from './helpers.mjs';

const env = useBrowser();

/** The zoom of the canvas's world layer. */
async function zoom(page) {
  return page.evaluate(() => Number(/scale\(([\d.]+)\)/.exec(document.querySelector('.world').style.transform)[1]));
}

/** The boxes of the edge labels whose text matches one of `texts`, in order. */
async function labelBoxes(page, selector) {
  return page.locator(selector).evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      return { text: el.textContent, x: r.x, y: r.y, w: r.width, h: r.height, edge: el.dataset.edge };
    }),
  );
}

/** True when no two boxes overlap. */
function apart(boxes) {
  for (const [i, a] of boxes.entries()) {
    for (const b of boxes.slice(i + 1)) {
      if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h) return false;
    }
  }
  return true;
}

/** Each label is the element under its own centre (nothing covers it). */
async function eachOnTop(page, boxes) {
  return page.evaluate(
    (boxes) =>
      boxes.every((b) => {
        const el = document.elementFromPoint(b.x + b.w / 2, b.y + b.h / 2);
        return el?.closest('.edge-label')?.dataset.edge === b.edge;
      }),
    boxes,
  );
}

/** Every node's shown body, by node id. */
async function shownNodes(page) {
  return page.evaluate(() =>
    Object.fromEntries([...document.querySelectorAll('[data-node-id]')].map((n) => [n.dataset.nodeId, n.querySelector('.node-body')?.textContent ?? ''])),
  );
}

describe('what a newcomer reads', () => {
  test('routing: screen\'s three bindings are three labels, apart, each on top and each selecting its own binding', async () => {
    for (const colorScheme of ['light', 'dark']) {
      const { context, page, errors } = await openApp(env, { path: '?lesson=routing', viewport: { width: 1400, height: 900 }, colorScheme });
      try {
        const screen = '.edge-label.binding[data-stacked]';
        await page.locator(screen).first().waitFor();
        let boxes = await labelBoxes(page, screen);
        assert.deepEqual(boxes.map((b) => b.text), ['info', 'warning', 'error'], 'one label per binding, in order');
        assert.ok(apart(boxes), `the labels do not overlap: ${JSON.stringify(boxes)}`);
        assert.ok(await eachOnTop(page, boxes), 'no label covers another');
        for (const b of boxes) {
          await page.mouse.click(b.x + b.w / 2, b.y + b.h / 2);
          await page.locator(`.edge-label.selected[data-edge="${b.edge}"]`).waitFor();
          assert.equal(await page.locator('.edge-label.selected').count(), 1);
        }
        await shot(page, `newcomer-routing-labels-${colorScheme}`);
        // Zoomed out into the compact form: still three labels, apart.
        while ((await zoom(page)) >= 0.6) await page.locator('.canvas-controls button', { hasText: '−' }).click();
        await page.locator('.world.compact').waitFor({ state: 'attached' });
        boxes = await labelBoxes(page, screen);
        assert.ok(apart(boxes) && (await eachOnTop(page, boxes)), `compact labels apart: ${JSON.stringify(boxes)}`);
        await shot(page, `newcomer-routing-labels-compact-${colorScheme}`);
        assert.deepEqual(errors, [], 'no console errors');
      } finally {
        await context.close();
      }
    }
  });

  test('exchange-to-exchange bindings between the same two exchanges are apart too', async () => {
    const { context, page, errors } = await openApp(env, { viewport: { width: 1400, height: 900 } });
    try {
      const scenario = {
        warren: 1,
        title: 'e2e',
        exchanges: [
          { id: 'a', name: 'a', type: 'topic', x: 100, y: 200 },
          { id: 'b', name: 'b', type: 'topic', x: 520, y: 360 },
        ],
        bindings: [
          { from: 'a', to: 'b', routing_key: 'orders.*' },
          { from: 'a', to: 'b', routing_key: 'payments.#' },
        ],
      };
      const answer = await page.evaluate(async (s) => await window.warren.load(s), scenario);
      assert.notEqual(answer?.ok, false, JSON.stringify(answer));
      await page.locator('.edge-label[data-edge="binding:b2"]').waitFor();
      const boxes = await labelBoxes(page, '.edge-label.binding');
      assert.deepEqual(boxes.map((b) => b.text), ['orders.*', 'payments.#']);
      assert.ok(apart(boxes) && (await eachOnTop(page, boxes)), JSON.stringify(boxes));
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('topics: a producer card shows its whole routing key; the log says what its filter hides; the overview counts declared exchanges', async () => {
    const { context, page, errors } = await openApp(env, { path: '?lesson=topics', viewport: { width: 1400, height: 900 } });
    try {
      const keys = page.locator('[data-node-id] .node-line.key');
      await keys.first().waitFor();
      const cut = await keys.evaluateAll((els) =>
        els.map((el) => ({ text: el.textContent, cut: el.scrollWidth > el.clientWidth + 1 || el.querySelector('code').scrollWidth > el.querySelector('code').clientWidth + 1 })),
      );
      assert.ok(cut.length >= 3 && cut.every((k) => !k.cut), `every key whole: ${JSON.stringify(cut)}`);
      assert.ok(cut.some((k) => k.text === 'key kern.critical'), JSON.stringify(cut));
      const empty = page.locator('.log-empty');
      await waitForText(empty, /^No event matches the filter: it hides \d+ topology events?\. Press “topology” above to show (them|it)\.$/);
      await page.locator('.log-filter[data-kind="topology"]').click();
      await page.locator('.log-entry[data-kind="topology"]').first().waitFor();
      assert.match(await page.locator('.live-stats').textContent(), /(?<!\d)1 exchange(?!s)/, 'topic_logs; the default exchange is not counted');
      await shot(page, 'newcomer-topics-keys');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
    const work = await openApp(env, { path: '?lesson=work-queues' });
    try {
      assert.match(await work.page.locator('.live-stats').textContent(), /(?<!\d)0 exchanges/, 'a scenario that declares none');
    } finally {
      await work.context.close();
    }
  });

  test('rpc: the server\'s reply edge goes to the default exchange with the client\'s reply queue as key; request and callback are one client', async () => {
    for (const colorScheme of ['light', 'dark']) {
      const { context, page, errors } = await openApp(env, { path: '?lesson=rpc', viewport: { width: 1400, height: 900 }, colorScheme });
      try {
        const reply = page.locator('.edge-label.reply[data-helper="reply:server"]');
        await reply.waitFor();
        const queue = (await page.locator('[data-node-id="reply"] .node-name').textContent()).trim();
        assert.match(queue, /^amq\.gen-/);
        assert.equal(await reply.getAttribute('title'), `reply_to = ${queue}`);
        // The edge runs from the server's right side to the default exchange's in port.
        const ends = await page.evaluate(() => {
          const path = document.querySelector('.edge.reply[data-helper="reply:server"] .edge-line');
          const n = path.getTotalLength();
          const m = path.getScreenCTM();
          const at = (l) => new DOMPoint(path.getPointAtLength(l).x, path.getPointAtLength(l).y).matrixTransform(m);
          const right = (sel) => {
            const r = document.querySelector(sel).getBoundingClientRect();
            return { x: r.right, y: r.y + r.height / 2 };
          };
          const centre = (sel) => {
            const r = document.querySelector(sel).getBoundingClientRect();
            return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
          };
          return { start: at(0), end: at(n), server: right('[data-node-id="server"]'), exchange: centre('[data-node-id="default"] .port-in') };
        });
        const near = (a, b) => Math.hypot(a.x - b.x, a.y - b.y) < 12;
        assert.ok(near(ends.start, ends.server) && near(ends.end, ends.exchange), JSON.stringify(ends));
        await page.locator('.edge.reply-route[data-helper="reply-route:server:reply"]').waitFor({ state: 'attached' });
        await page.locator('.edge.default-route[data-helper="default-route:rpc_queue"]').waitFor({ state: 'attached' });
        for (const id of ['client', 'callback']) {
          assert.equal(await page.locator(`[data-node-id="${id}"] .client-tag`).textContent(), 'client: rpc client');
        }
        assert.equal(await page.locator('[data-node-id="server"] .client-tag').count(), 0);
        await page.evaluate(() => { window.warren.pause(); window.warren.advance(4600); });
        await page.waitForFunction(() => document.querySelector('[data-node-id="callback"] .stat.received b')?.textContent === '2');
        await shot(page, `newcomer-rpc-reply-${colorScheme}`);
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    }
  });

  test('work-queues: every node shows the same after 9 s whatever steps the clock took; the crash-triggering delivery counts', async () => {
    const runs = [[9000], [6000, 3000], [3000, 3000, 3000], [4321, 4679]];
    const shown = [];
    for (const steps of runs) {
      const { context, page, errors } = await openApp(env, { path: '?lesson=work-queues' });
      try {
        await page.evaluate((steps) => {
          window.warren.pause();
          for (const ms of steps) window.warren.advance(ms);
        }, steps);
        await page.waitForFunction(() => document.querySelector('[data-node-id="worker2"] .node-status')?.textContent.includes('crashed'));
        shown.push(await shownNodes(page));
        if (steps.length === 1) {
          const text = shown[0].worker2;
          assert.match(text, /3 received/, text);
          assert.match(text, /2 acked/, text);
          assert.match(text, /crashed after 3/, text);
          await shot(page, 'newcomer-crashed-worker');
        }
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    }
    for (const [i, s] of shown.entries()) assert.deepEqual(s, shown[0], `steps ${JSON.stringify(runs[i])}`);
  });

  test('a small embed draws nodes compact, with no text under 9 px; at 360 px wide the fit stops at a readable zoom', async () => {
    for (const [width, height] of [[800, 440], [360, 640]]) {
      const { context, page, errors } = await openApp(env, { path: '?embed=1&lesson=rpc', viewport: { width, height } });
      try {
        await page.locator('.world.compact').waitFor({ state: 'attached' });
        const z = await zoom(page);
        const small = await page.evaluate((z) => {
          const out = [];
          for (const el of document.querySelectorAll('.world [data-node-id] *, .world .edge-label')) {
            const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
            if (!own || !el.getClientRects().length || getComputedStyle(el).visibility === 'hidden') continue;
            const px = parseFloat(getComputedStyle(el).fontSize) * z;
            if (px < 8.99) out.push(`${el.className}: ${el.textContent.trim()} at ${px.toFixed(1)} px`);
          }
          return out;
        }, z);
        assert.deepEqual(small, [], `at ${width}x${height}, zoom ${z}`);
        if (width === 360) assert.ok(z >= 0.52, `held at a readable zoom: ${z}`);
        await shot(page, `newcomer-embed-${width}`);
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    }
  });

  test('a phone (390x844, touch): the canvas fills the screen; lesson, palette and log open as sheets; one finger pans, two pinch', async () => {
    for (const colorScheme of ['light', 'dark']) {
      const { context, page, errors } = await openApp(env, { path: '?lesson=work-queues', viewport: { width: 390, height: 844 }, hasTouch: true, colorScheme });
      try {
        const canvas = await page.locator('.canvas-area').boundingBox();
        assert.ok(canvas.height >= 650 && canvas.width >= 388, `the canvas fills the screen: ${JSON.stringify(canvas)}`);
        for (const hidden of ['.palette', '.narration', '.event-log']) assert.equal(await page.locator(hidden).isVisible(), false, hidden);
        assert.ok((await zoom(page)) >= 0.52, 'fitted at a readable zoom');
        const node = await page.locator('[data-node-id="new_task"]').boundingBox();
        assert.ok(node.x >= 0 && node.x + node.width <= 390, `the first node is whole on screen: ${JSON.stringify(node)}`);
        await page.locator('.phone-tab[data-sheet="narration"]').tap();
        await page.locator('.narration').waitFor({ state: 'visible' });
        await shot(page, `newcomer-phone-lesson-${colorScheme}`);
        await page.locator('.phone-tab[data-sheet="palette"]').tap();
        await page.locator('.palette').waitFor({ state: 'visible' });
        assert.equal(await page.locator('.narration').isVisible(), false, 'one sheet at a time');
        await page.locator('.palette [data-kind="queue"]').tap();
        await page.locator('[data-node-id="q1"]').waitFor();
        await page.locator('.phone-tab[data-sheet="palette"]').tap();
        await page.locator('.palette').waitFor({ state: 'hidden' });
        await page.locator('.phone-tab[data-sheet="log"]').tap();
        await page.locator('.event-log').waitFor({ state: 'visible' });
        await page.locator('.phone-tab[data-sheet="log"]').tap();
        await page.locator('.event-log').waitFor({ state: 'hidden' });

        const cdp = await context.newCDPSession(page);
        const touch = (type, points) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points });
        const transform = () => page.evaluate(() => document.querySelector('.world').style.transform);
        const empty = { x: canvas.x + 200, y: canvas.y + 120 };
        const before = await transform();
        await touch('touchStart', [{ x: empty.x, y: empty.y, id: 1 }]);
        for (let i = 1; i <= 6; i++) await touch('touchMove', [{ x: empty.x - 20 * i, y: empty.y + 10 * i, id: 1 }]);
        await touch('touchEnd', []);
        await page.waitForFunction((b) => document.querySelector('.world').style.transform !== b, before);
        const panned = await zoom(page);
        await touch('touchStart', [{ x: empty.x - 40, y: empty.y, id: 1 }, { x: empty.x + 40, y: empty.y, id: 2 }]);
        for (let i = 1; i <= 6; i++) await touch('touchMove', [{ x: empty.x - 40 - 12 * i, y: empty.y, id: 1 }, { x: empty.x + 40 + 12 * i, y: empty.y, id: 2 }]);
        await touch('touchEnd', []);
        await page.waitForFunction((z) => Number(/scale\(([\d.]+)\)/.exec(document.querySelector('.world').style.transform)[1]) > z * 1.2, panned);
        await shot(page, `newcomer-phone-${colorScheme}`);
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    }
  });
});
