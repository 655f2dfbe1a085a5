// End-to-end tests for embedding: the demo host page (static/embed-demo.html,
// copied to dist/) with two playgrounds driven by postMessage; calls from an
// origin that is not allowed (a second server on another port); window.warren
// with bad input; script payloads in names and bodies; read-only and editable
// embeds; embed.html; the "Open in Warren" link. Screenshots of the demo page
// and an embed go to target/screenshots/.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { shot, start, DIST, SHOTS } from './helpers.mjs';
import { serveStatic } from './server.mjs';

const XSS = '<img src=x onerror="window.__xss=1">';

let env;
/** A second server on another port: another origin. */
let other;

before(async () => {
  env = await start();
  other = await serveStatic(DIST);
});

after(async () => {
  await env?.browser?.close();
  await env?.server?.close();
  await other?.close();
});

/** A fresh page; collects page errors and console messages of every frame. */
async function newPage(viewport = { width: 1100, height: 900 }) {
  const context = await env.browser.newContext({ viewport });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const errors = [];
  const console = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    console.push(m.text());
    if (m.type() === 'error') errors.push(m.text());
  });
  return { context, page, errors, console };
}

/** The demo page with both playgrounds ready. */
async function openDemo() {
  const p = await newPage();
  await p.page.goto(env.server.url + 'embed-demo.html');
  for (const name of ['hello', 'routing']) {
    await p.page.locator(`figure[data-frame="${name}"] .status.ready`).waitFor({ timeout: 30_000 });
  }
  return p;
}

/** The playground frame of a figure on the demo page. */
function frameOf(page, name) {
  return page.frameLocator(`figure[data-frame="${name}"] iframe`);
}

/** Calls a method of one playground through the demo page's postMessage client. */
function call(page, name, method, ...args) {
  return page.evaluate(([n, m, a]) => window.demo[n].call(m, ...a), [name, method, args]);
}

/** Clicks a host-page button and waits for its output to change. */
async function press(page, name, action) {
  const out = page.locator(`figure[data-frame="${name}"] ${action === 'snapshot' ? '.snapshot' : '.result'}`);
  const before = await out.textContent();
  await page.locator(`figure[data-frame="${name}"] [data-action="${action}"]`).click();
  await page.waitForFunction(([sel, b]) => {
    const t = document.querySelector(sel).textContent;
    return t !== '' && t !== b;
  }, [`figure[data-frame="${name}"] ${action === 'snapshot' ? '.snapshot' : '.result'}`, before]);
  return out.textContent();
}

describe('embedding', () => {
  test('the demo page drives two playgrounds by postMessage', async () => {
    const { context, page, errors } = await openDemo();
    try {
      // Both are read-only embeds: canvas, clock and log, no editing chrome.
      for (const name of ['hello', 'routing']) {
        const f = frameOf(page, name);
        await f.locator('.app.embed[data-embed="read-only"]').waitFor();
        assert.equal(await f.locator('.palette').count(), 0, `${name}: no palette`);
        assert.equal(await f.locator('.inspector').count(), 0, `${name}: no inspector`);
        assert.equal(await f.locator('.clock-bar').count(), 1, `${name}: the clock bar`);
        assert.equal(await f.locator('.event-log').count(), 1, `${name}: the log`);
      }

      // Publish from the host page: routed as RabbitMQ would.
      const hello = JSON.parse(await press(page, 'hello', 'publish'));
      assert.deepEqual(hello, { ok: true, routed: ['hello'], returned: false, nacked: false });
      const routing = JSON.parse(await press(page, 'routing', 'publish'));
      assert.deepEqual(routing.routed, ['disk', 'screen'], 'error goes to both queues');
      await page.locator('figure[data-frame="routing"] select[name="routing_key"]').selectOption('info');
      assert.deepEqual(JSON.parse(await press(page, 'routing', 'publish')).routed, ['screen']);
      await page.locator('figure[data-frame="routing"] select[name="routing_key"]').selectOption('debug');
      assert.deepEqual(JSON.parse(await press(page, 'routing', 'publish')).routed, [], 'no binding for debug');
      // The playgrounds show it: the log of each frame has its own message only.
      await frameOf(page, 'hello').locator('.log-text', { hasText: 'Hi from the article' }).first().waitFor();
      await frameOf(page, 'routing').locator('.log-text', { hasText: 'disk almost full' }).first().waitFor();
      assert.equal(await frameOf(page, 'hello').locator('.log-text', { hasText: 'disk almost full' }).count(), 0);

      // Step: the clock jumps to the next thing due: the consumer done with
      // the message (300 ms of processing), then the lesson's producer at 500 ms.
      const step = JSON.parse(await press(page, 'hello', 'step'));
      assert.deepEqual([step.ok, step.moved, step.now], [true, true, 300]);
      await frameOf(page, 'hello').locator('.clock-time', { hasText: '0.300 s' }).waitFor();
      assert.equal(JSON.parse(await press(page, 'hello', 'step')).now, 500);
      await frameOf(page, 'hello').locator('.clock-time', { hasText: '0.500 s' }).waitFor();
      assert.equal((await call(page, 'routing', 'snapshot')).now, 0, 'the other playground did not move');

      // Play and pause from the host page.
      assert.deepEqual(JSON.parse(await press(page, 'hello', 'play')), { ok: true, playing: true });
      await frameOf(page, 'hello').locator('.clock-play.playing').waitFor();
      assert.deepEqual(JSON.parse(await press(page, 'hello', 'pause')), { ok: true, playing: false });
      await frameOf(page, 'hello').locator('.clock-play:not(.playing)').waitFor();

      // The page as a reader sees it.
      await page.locator('figure[data-frame="routing"] select[name="routing_key"]').selectOption('error');
      await press(page, 'routing', 'publish');
      await press(page, 'hello', 'snapshot');
      await press(page, 'routing', 'snapshot');
      await page.screenshot({ path: `${SHOTS}/embed-demo.png`, fullPage: true });

      // Snapshot bodies in order: a queue nobody consumes, loaded by the host.
      const loaded = await call(page, 'routing', 'load', {
        warren: 1,
        title: 'Backlog',
        queues: [{ id: 'q', name: 'backlog', x: 300, y: 200 }],
      });
      assert.deepEqual(loaded, { ok: true, title: 'Backlog' });
      for (const body of ['first', 'second', 'third']) {
        assert.deepEqual((await call(page, 'routing', 'publish', { routing_key: 'backlog', body })).routed, ['backlog']);
      }
      const snap = await call(page, 'routing', 'snapshot');
      assert.deepEqual(snap.queues.backlog, { ready: ['first', 'second', 'third'], unacked: 0, consumers: 0, durable: false });
      assert.ok(snap.exchanges.some((x) => x.name === 'amq.direct'));
      assert.ok(Array.isArray(snap.bindings));
      const text = await press(page, 'routing', 'snapshot');
      assert.match(text, /queue "backlog": ready \["first","second","third"\], unacked 0, consumers 0/);
      await frameOf(page, 'routing').locator('.embed-title', { hasText: 'Backlog' }).waitFor();
      await frameOf(page, 'routing').locator('.node-name', { hasText: 'backlog' }).waitFor();

      // Calls that cannot run answer {ok: false, error} through postMessage too.
      const bad = await call(page, 'hello', 'publish', { exchange: 'nowhere', body: 'x' });
      assert.equal(bad.ok, false);
      assert.match(bad.error, /no exchange 'nowhere'/);
      assert.match((await call(page, 'hello', 'explode')).error, /unknown method 'explode'/);
      assert.match((await call(page, 'hello', 'advance', -1)).error, /negative/);


      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('calls from an origin that is not allowed are ignored; listed origins are answered', async () => {
    const { context, page, errors, console: messages } = await newPage();
    try {
      // A host page on another origin (another port) embeds three playgrounds.
      await page.goto(other.url + 'embed-snippet.html');
      const foreign = new URL(other.url).origin;
      assert.notEqual(new URL(env.server.url).origin, foreign);
      const frames = {
        // An embed that does not list this page's origin.
        closed: 'index.html?embed=1&lesson=hello-world',
        // An embed that lists it.
        open: 'index.html?embed=1&lesson=hello-world&origins=' + encodeURIComponent(foreign),
        // The full playground (the reader's workspace) ignores origins=.
        full: 'index.html?origins=' + encodeURIComponent(foreign),
      };
      await page.evaluate(([base, frames]) => {
        window.replies = [];
        window.ready = [];
        window.addEventListener('message', (e) => {
          if (!e.data) return;
          if (e.data.warrenEvent === 'ready') {
            const from = ['closed', 'open', 'full'].find((id) => document.getElementById(id)?.contentWindow === e.source);
            if (from) window.ready.push(from);
          }
          if ('warren' in e.data && 'result' in e.data) window.replies.push({ id: e.data.warren, result: e.data.result });
        });
        for (const [id, path] of Object.entries(frames)) {
          const iframe = document.createElement('iframe');
          iframe.id = id;
          iframe.style.cssText = 'width: 600px; height: 300px';
          iframe.src = base + path;
          document.body.append(iframe);
        }
      }, [env.server.url, frames]);
      // Wait until each playground listens (read through the browser's tools, not the page).
      const frameFor = (id) => page.frame({ url: (u) => u.href.endsWith(frames[id]) });
      for (const id of Object.keys(frames)) {
        await page.waitForFunction((id) => document.getElementById(id).contentWindow, id);
        let f;
        for (let i = 0; i < 200 && !(f = frameFor(id)); i++) await page.waitForTimeout(25);
        await f.waitForFunction(() => window.warren && document.querySelector('[data-node-id="default"]'), null, { timeout: 30_000 });
      }
      await page.waitForFunction(() => window.ready.includes('open'));
      assert.deepEqual(await page.evaluate(() => window.ready), ['open'], 'only the embed that lists this origin said it is ready');
      await page.evaluate((base) => {
        const send = (id, method, args) =>
          document.getElementById(id).contentWindow.postMessage({ warren: id, method, args }, new URL(base).origin);
        send('closed', 'publish', [{ routing_key: 'hello', body: 'from a stranger' }]);
        send('full', 'load', [{ warren: 1, title: 'overwritten' }]);
        send('open', 'publish', [{ routing_key: 'hello', body: 'from a friend' }]);
      }, env.server.url);
      await page.waitForFunction(() => window.replies.some((r) => r.id === 'open'));
      const warned = () => messages.filter((m) => m.includes(`ignored a postMessage call from ${foreign}`)).length >= 2;
      for (let i = 0; i < 200 && !warned(); i++) await page.waitForTimeout(25);
      assert.ok(warned(), `console warnings (the closed embed, the full page) name the refused origin: ${messages.join(' | ')}`);
      const replies = await page.evaluate(() => window.replies);
      assert.deepEqual(replies.map((r) => r.id), ['open'], 'only the embed that lists the origin answered');
      assert.deepEqual(replies[0].result.routed, ['hello']);
      // The refused calls were never run.
      const logOf = (f) => f.evaluate(() => [...document.querySelectorAll('.log-text')].map((e) => e.textContent).join('\n'));
      await frameFor('open').locator('.log-text', { hasText: 'from a friend' }).first().waitFor();
      assert.ok(!(await logOf(frameFor('closed'))).includes('from a stranger'), 'the refused publish did not happen');
      assert.notEqual(JSON.parse(await frameFor('full').evaluate(() => window.warren.scenario())).title, 'overwritten');
      assert.deepEqual(errors, [], 'no errors (the ready event goes only to an origin that may hear it)');
    } finally {
      await context.close();
    }
  });

  test('window.warren answers bad input with {ok: false, error} and never throws', async () => {
    const { context, page, errors } = await newPage({ width: 800, height: 500 });
    try {
      await page.goto(env.server.url + 'index.html?embed=1&lesson=work-queues');
      await page.waitForFunction(() => window.warren && document.querySelector('[data-node-id="default"]'));
      const out = await page.evaluate(() => {
        const cyclic = {};
        cyclic.self = cyclic;
        const calls = {
          'publish(5)': () => warren.publish(5),
          'publish()': () => warren.publish(),
          'publish(null)': () => warren.publish(null),
          'publish(bad exchange type)': () => warren.publish({ exchange: 5 }),
          'publish(long key)': () => warren.publish({ routing_key: 'k'.repeat(256) }),
          'publish(unknown field)': () => warren.publish({ routing_key: 'a', colour: 'red' }),
          'publish(function)': () => warren.publish(() => 1),
          'publish(cyclic)': () => warren.publish(cyclic),
          'publish(bigint)': () => warren.publish({ body: 10n }),
          'publish(symbol)': () => warren.publish(Symbol('x')),
          'publish(two args)': () => warren.publish({}, {}),
          'load("{")': () => warren.load('{'),
          'load(42)': () => warren.load(42),
          'load()': () => warren.load(),
          'load(version 9)': () => warren.load({ warren: 9 }),
          'load(bad queue)': () => warren.load({ warren: 1, queues: [{ id: 'q', name: 7 }] }),
          'advance(NaN)': () => warren.advance(NaN),
          'advance(-1)': () => warren.advance(-1),
          'advance(Infinity)': () => warren.advance(Infinity),
          'advance(1e12)': () => warren.advance(1e12),
          'advance("10")': () => warren.advance('10'),
          'play(1)': () => warren.play(1),
          'importDefinitions("nope")': () => warren.importDefinitions('nope'),
          'importDefinitions(users only as array)': () => warren.importDefinitions([1, 2]),
          'exportCode("cobol")': () => warren.exportCode('cobol'),
          'exportCode({})': () => warren.exportCode({}),
          'snapshot(1)': () => warren.snapshot(1),
        };
        const before = JSON.stringify(warren.snapshot());
        const scenario = warren.scenario();
        const results = {};
        for (const [name, f] of Object.entries(calls)) {
          try {
            results[name] = f();
          } catch (e) {
            results[name] = { threw: String(e) };
          }
        }
        return { results, same: JSON.stringify(warren.snapshot()) === before && warren.scenario() === scenario, frozen: Object.isFrozen(warren) };
      });
      for (const [name, r] of Object.entries(out.results)) {
        assert.equal(r.threw, undefined, `${name} threw ${r.threw}`);
        assert.equal(r.ok, false, `${name}: ${JSON.stringify(r)}`);
        assert.equal(typeof r.error, 'string', name);
        assert.ok(r.error.length > 5, `${name}: ${r.error}`);
      }
      assert.match(out.results['publish(cyclic)'].error, /argument 1/);
      assert.match(out.results['advance(NaN)'].error, /got null/);
      assert.match(out.results['load(bad queue)'].error, /queues\[0\]\.name/);
      assert.ok(out.same, 'nothing changed');
      assert.ok(out.frozen, 'window.warren cannot be tampered with');

      // And good calls change what the page shows at once.
      const good = await page.evaluate(() => {
        const r = {};
        r.load = warren.load(JSON.stringify({ warren: 1, title: 'API', queues: [{ id: 'q', name: 'jobs', x: 200, y: 100 }] }));
        r.publish = warren.publish({ routing_key: 'jobs', body: 'j1', headers: { n: 1 }, properties: { persistent: true } });
        r.publish2 = warren.publish({ routing_key: 'jobs', body: 'j2' });
        return r;
      });
      // A later task: the page has rendered the load, and kept what was
      // published right after it in the same script.
      await page.locator('[data-node-id="q"]', { hasText: '2 ready' }).waitFor();
      Object.assign(good, await page.evaluate(() => {
        const r = {};
        r.snapshot = warren.snapshot();
        r.advance = warren.advance(250);
        r.scenario = JSON.parse(warren.scenario()).title;
        r.defs = JSON.parse(warren.exportDefinitions().json).queues.map((q) => q.name);
        r.code = warren.exportCode('pika').code.includes("'jobs'");
        r.imported = warren.importDefinitions({ queues: [{ name: 'imported', vhost: '/', durable: true, auto_delete: false, arguments: {} }], users: [{ name: 'guest' }] });
        r.after = Object.keys(warren.snapshot().queues);
        return r;
      }));
      assert.deepEqual(good.load, { ok: true, title: 'API' });
      assert.deepEqual(good.publish.routed, ['jobs']);
      assert.deepEqual(good.snapshot.queues.jobs.ready, ['j1', 'j2'], 'the load took effect at once, publishes after it kept');
      assert.equal(good.advance.now, 250);
      assert.equal(good.scenario, 'API');
      assert.deepEqual(good.defs, ['jobs']);
      assert.ok(good.code);
      assert.equal(good.imported.ok, true);
      assert.ok(good.imported.warnings.some((w) => /users/.test(w)), JSON.stringify(good.imported));
      assert.deepEqual(good.after, ['imported']);
      await page.locator('.node-name', { hasText: 'imported' }).waitFor();
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('names and bodies with script in them are shown as text', async () => {
    const { context, page, errors } = await newPage({ width: 900, height: 520 });
    try {
      await page.goto(env.server.url + 'index.html?embed=1');
      await page.waitForFunction(() => window.warren);
      const r = await page.evaluate((xss) => {
        const load = warren.load({
          warren: 1,
          title: xss,
          queues: [{ id: 'q', name: xss, x: 360, y: 120 }],
          producers: [{ id: 'p', name: xss, exchange: 'default', message: { routing_key: xss, body: xss }, x: 40, y: 130 }],
        });
        const publish = warren.publish({ routing_key: xss, body: xss, headers: { [xss]: xss } });
        return { load, publish };
      }, XSS);
      assert.equal(r.load.ok, true, JSON.stringify(r.load));
      assert.deepEqual(r.publish.routed, [XSS]);
      await page.locator('.node-name', { hasText: XSS }).first().waitFor();
      await page.locator('.embed-title', { hasText: XSS }).waitFor();
      await page.locator('.log-text', { hasText: XSS }).first().waitFor();
      assert.equal(await page.locator('img').count(), 0, 'no <img> was made from a name or body');
      assert.equal(await page.evaluate(() => window.__xss), undefined);
      // The demo page prints snapshots as text too.
      const demo = await openDemo();
      try {
        await call(demo.page, 'hello', 'load', { warren: 1, queues: [{ id: 'q', name: XSS }] });
        await call(demo.page, 'hello', 'publish', { routing_key: XSS, body: XSS });
        const text = await press(demo.page, 'hello', 'snapshot');
        assert.ok(text.includes(JSON.stringify(XSS)), text);
        assert.equal(await demo.page.locator('img').count(), 0);
        assert.equal(await demo.page.evaluate(() => window.__xss), undefined);
        assert.equal(await frameOf(demo.page, 'hello').locator('img').count(), 0);
      } finally {
        await demo.context.close();
      }
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('read-only and editable embeds, embed.html and the Open in Warren link', async () => {
    const { context, page, errors } = await newPage({ width: 720, height: 420 });
    try {
      // embed.html is index.html?embed=1 with the query kept.
      await page.goto(env.server.url + 'embed.html?lesson=routing');
      await page.locator('.app.embed[data-embed="read-only"]').waitFor({ timeout: 30_000 });
      assert.match(page.url(), /index\.html\?lesson=routing&embed=1$/);
      await page.locator('[data-node-id="disk"]').waitFor();
      assert.equal(await page.locator('.palette').count(), 0);
      assert.equal(await page.locator('.inspector').count(), 0);
      assert.equal(await page.locator('.app-header').count(), 0, 'no header menus');
      // Sized to the frame: nothing scrolls.
      const scroll = await page.evaluate(() => ({
        w: document.documentElement.scrollWidth,
        h: document.documentElement.scrollHeight,
        iw: innerWidth,
        ih: innerHeight,
      }));
      assert.ok(scroll.w <= scroll.iw && scroll.h <= scroll.ih, JSON.stringify(scroll));
      // The whole scenario is in view.
      const inView = await page.evaluate(() => {
        const area = document.querySelector('.canvas-area').getBoundingClientRect();
        return [...document.querySelectorAll('[data-node-id]')].every((n) => {
          const r = n.getBoundingClientRect();
          return r.left >= area.left - 1 && r.right <= area.right + 1 && r.top >= area.top - 1 && r.bottom <= area.bottom + 1;
        });
      });
      assert.ok(inView, 'every node is inside the canvas');
      await shot(page, 'embed-read-only');
      // Dragging a node does not move it; the scenario stays as it was.
      const before = await page.evaluate(() => window.warren.scenario());
      const box = await page.locator('[data-node-id="disk"]').boundingBox();
      await page.mouse.move(box.x + box.width / 2, box.y + 8);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width / 2 + 60, box.y + 40, { steps: 5 });
      await page.mouse.up();
      assert.equal(await page.evaluate(() => window.warren.scenario()), before, 'read-only: the node did not move');
      // Open in Warren: the full playground with this scenario as a share link.
      const href = await page.locator('a.open-in-warren').getAttribute('href');
      assert.ok(href.startsWith(env.server.url + 'index.html#s='), href);
      assert.equal(await page.locator('a.open-in-warren').getAttribute('target'), '_blank');

      // An editable embed: the palette (as a strip), and nodes move.
      await page.goto(env.server.url + 'index.html?embed=1&edit=1&lesson=hello-world');
      await page.locator('.app.embed[data-embed="editable"]').waitFor({ timeout: 30_000 });
      assert.equal(await page.locator('.palette').count(), 1);
      assert.equal(await page.locator('.inspector').count(), 0);
      const q = await page.locator('[data-node-id="hello"]').boundingBox();
      await page.mouse.move(q.x + q.width / 2, q.y + 8);
      await page.mouse.down();
      await page.mouse.move(q.x + q.width / 2 + 40, q.y + 48, { steps: 5 });
      await page.mouse.up();
      await page.waitForFunction(() => JSON.parse(window.warren.scenario()).queues[0].y !== 300);
      await shot(page, 'embed-editable');
      // A scenario marked read_only stays read-only even with edit=1.
      const locked = await page.evaluate(() => window.warren.load({ warren: 1, read_only: true, queues: [{ id: 'q', name: 'fixed', x: 100, y: 100 }] }));
      assert.equal(locked.ok, true);
      await page.locator('.app.embed[data-embed="read-only"]').waitFor();
      assert.equal(await page.locator('.palette').count(), 0);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
