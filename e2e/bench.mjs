#!/usr/bin/env node
// The browser benchmark (`make bench`; not part of `make test`): serves the
// release build in dist/, drives it in headless Chromium (playwright-core)
// at 1280×800 and prints medians (and ranges) over a few runs of:
//
// - start-up: navigation start → the palette and the canvas are in the
//   page and a frame has been painted with them (a MutationObserver notes
//   the moment; the frame is the next requestAnimationFrame + a posted
//   task), and the first click on a palette entry until its node is drawn;
// - the stress run: e2e/fixtures/bench-stress.json (50 nodes, about a
//   thousand message motions at once when nothing caps them) loaded and
//   played for several seconds:
//     fps            requestAnimationFrame callbacks per second (a counting
//                    loop in the page);
//     frame work     main-thread work per frame: from a Chromium trace
//                    (CDP Tracing), the time the renderer's main thread
//                    spends in top-level tasks between two frames
//                    (BeginMainThreadFrame to BeginMainThreadFrame), i.e.
//                    script (the animation loop, Yew renders, events), style,
//                    layout, paint and GC; p50 / p95 / max;
//     loop callback  the page's own requestAnimationFrame callbacks (the
//                    animation loop: simulation, dots, clock), timed by a
//                    wrapper around requestAnimationFrame; p50 / p95;
//     dots           dots drawn per frame on the dot canvas (arc and
//                    drawImage calls: one per dot);
//     heap           JS heap used (CDP Performance.getMetrics) and the wasm
//                    linear memory, at the end of the run;
// - scale: a definitions.json with 500 queues and 2,000 bindings imported
//   (window.warren.importDefinitions when the page has it, else the same
//   file laid out natively and loaded), then pan (pointer drags on the empty
//   canvas), zoom (wheel), select (clicks on nodes) and edit (a binding
//   key typed into the inspector, from its change event): each interaction's
//   latency is the input event's timestamp → the end of the next frame
//   (requestAnimationFrame + a posted task), like Event Timing's duration.
// - programs: a tutorial program (tests/programs/receive_logs_topic.py)
//   pasted into the Programs panel of a fresh page ("Add program" clicked)
//   until its file is ready to run: the first time includes starting the
//   parser's web worker (fetching and compiling its wasm, a fresh browser
//   context so nothing is cached), then a second program with the worker
//   running.
//
// Benchmarks report; they never fail on timing (exit 1 only when the page
// cannot be driven at all). Screenshots: target/screenshots/bench-*.png.
//
// Usage: node e2e/bench.mjs [--runs N] [--seconds S] [--dist DIR] [--collapse-log] [--trace FILE] [--json FILE]
//   --collapse-log runs the stress with the event log folded (to see its share)
//   --trace FILE   keeps the first run's Chromium trace of the stress run
//                  (open it in Chromium's DevTools, Performance panel)

import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { serveStatic } from './server.mjs';
import { writeFixtures } from './fixtures/generate.mjs';
import { ROOT, DIST, SHOTS, VIEWPORT } from './helpers.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const RUNS = Number(opt('runs', 3));
const SECONDS = Number(opt('seconds', 5));
const TRACE_OUT = opt('trace', null);
const JSON_OUT = opt('json', null);
const DIST_DIR = opt('dist', DIST);
const COLLAPSE_LOG = args.includes('--collapse-log');
const BENCH_DIR = join(ROOT, 'target', 'bench');

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
  '--enable-precise-memory-info',
];

// ----- statistics ----------------------------------------------------------

const sorted = (xs) => [...xs].sort((a, b) => a - b);
function quantile(xs, q) {
  if (!xs.length) return NaN;
  const s = sorted(xs);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}
const median = (xs) => quantile(xs, 0.5);
const fmt = (x, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : 'n/a');
/** "median (min–max)" over runs. */
function summary(xs, digits = 1, unit = '') {
  if (!xs.length || xs.every((x) => !Number.isFinite(x))) return 'n/a';
  const s = sorted(xs.filter(Number.isFinite));
  return `${fmt(median(s), digits)}${unit} (${fmt(s[0], digits)}–${fmt(s[s.length - 1], digits)})`;
}

// ----- what runs in the page before the app ---------------------------------

function instrument() {
  const bench = (window.__bench = {
    marks: {},
    frames: [],
    loop: [],
    arcs: [],
    arcCount: 0,
    recording: false,
    latencies: [],
    measuring: null,
  });
  addEventListener('TrunkApplicationStarted', (e) => {
    bench.marks.wasmStarted = performance.now();
    bench.wasm = e.detail && e.detail.wasm;
  });
  // After the next frame has been produced: rAF, then a posted task.
  const afterNextFrame = (f) =>
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => f(performance.now());
      ch.port2.postMessage(0);
    });
  bench.afterNextFrame = afterNextFrame;
  // Start-up: the palette and the canvas (with the default exchange) exist.
  const ready = () =>
    document.querySelector('.palette [data-kind]') && document.querySelector('.canvas-area [data-node-id="default"]');
  const mo = new MutationObserver(() => {
    if (!bench.marks.dom && ready()) {
      bench.marks.dom = performance.now();
      mo.disconnect();
      afterNextFrame((t) => (bench.marks.painted = t));
    }
  });
  mo.observe(document, { childList: true, subtree: true });
  // The app's frame callbacks, timed; and our own frame counter.
  const raf = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (cb) =>
    raf((ts) => {
      const t0 = performance.now();
      try {
        cb(ts);
      } finally {
        if (bench.recording && !cb.__bench) bench.loop.push(performance.now() - t0);
      }
    });
  // Dots drawn: a dot is an arc (a path) or a copied image (a sprite).
  for (const name of ['arc', 'drawImage']) {
    const f = CanvasRenderingContext2D.prototype[name];
    CanvasRenderingContext2D.prototype[name] = function (...a) {
      bench.arcCount++;
      return f.apply(this, a);
    };
  }
  const counter = (ts) => {
    if (bench.recording) {
      bench.frames.push(ts);
      bench.arcs.push(bench.arcCount);
    }
    bench.arcCount = 0;
    raf(counter);
  };
  counter.__bench = true;
  raf(counter);
  // Interaction latency: input timestamp → end of the next frame.
  for (const type of ['pointerdown', 'pointerup', 'pointermove', 'wheel', 'click', 'change']) {
    addEventListener(
      type,
      (e) => {
        const m = bench.measuring;
        if (!m || !m.types.includes(type)) return;
        const t0 = e.timeStamp;
        afterNextFrame((t1) => bench.latencies.push({ kind: m.kind, type, ms: t1 - t0 }));
      },
      { capture: true, passive: true },
    );
  }
}

// ----- helpers ----------------------------------------------------------------

/** `#s=DATA`: the scenario's JSON, zlib-deflated, base64url (src/share). */
function shareFragment(scenario) {
  return '#s=' + deflateSync(Buffer.from(JSON.stringify(scenario))).toString('base64url');
}

async function apiMethods(page) {
  return page.evaluate(() => {
    const w = window.warren;
    if (!w) return [];
    return Object.keys(w).filter((k) => typeof w[k] === 'function');
  });
}

/** Loads a scenario: window.warren.load, else a share link (reload). */
async function loadScenario(page, env, scenario) {
  const methods = await apiMethods(page);
  if (methods.includes('load')) {
    const answer = await page.evaluate(async (s) => await window.warren.load(s), scenario);
    const ok = answer && (answer.ok ?? JSON.parse(typeof answer === 'string' ? answer : '{}').ok);
    if (ok === false) throw new Error(`window.warren.load refused the scenario: ${JSON.stringify(answer)}`);
    return 'window.warren.load';
  }
  // A new document (a change of fragment alone would not reload the page).
  await page.goto('about:blank');
  await page.goto(env.server.url + shareFragment(scenario), { waitUntil: 'load' });
  await page.locator('[data-node-id="default"]').waitFor({ timeout: 30_000 });
  return 'share link (#s=)';
}

async function waitNodes(page, n, timeout = 30_000) {
  await page.waitForFunction((n) => document.querySelectorAll('.canvas-nodes [data-node-id]').length >= n, n, {
    timeout,
    polling: 'raf',
  });
}

/** Plays (or pauses) the clock: window.warren.play/pause, else the button. */
async function play(page, on = true) {
  const methods = await apiMethods(page);
  const method = on ? 'play' : 'pause';
  if (methods.includes(method)) {
    await page.evaluate((m) => window.warren[m](), method);
  } else {
    const button = page.locator('.clock-play');
    if (((await button.getAttribute('aria-pressed')) === 'true') !== on) await button.click();
  }
}

/** Main-thread work per frame from a Chromium trace (see the header). */
function frameWork(trace) {
  const events = trace.traceEvents ?? trace;
  const names = new Map();
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args?.name);
  }
  // The renderer main thread that ran our frames (the busiest one).
  const byThread = new Map();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (names.get(key) !== 'CrRendererMain') continue;
    if (!byThread.has(key)) byThread.set(key, []);
    byThread.get(key).push(e);
  }
  let main = [];
  for (const list of byThread.values()) if (list.length > main.length) main = list;
  const tasks = main
    .filter((e) => e.ph === 'X' && (e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask'))
    .sort((a, b) => a.ts - b.ts);
  // Top-level tasks only (a RunTask may nest inside another).
  const top = [];
  let end = -Infinity;
  for (const t of tasks) {
    if (t.ts >= end) {
      top.push(t);
      end = t.ts + (t.dur ?? 0);
    }
  }
  let beats = main.filter((e) => e.name === 'BeginMainThreadFrame').map((e) => e.ts);
  if (beats.length < 10) beats = main.filter((e) => e.name === 'FireAnimationFrame').map((e) => e.ts);
  beats = [...new Set(beats)].sort((a, b) => a - b);
  const perFrame = [];
  let i = 0;
  for (let f = 0; f + 1 < beats.length; f++) {
    let busy = 0;
    while (i < top.length && top[i].ts < beats[f]) i++;
    let j = i;
    while (j < top.length && top[j].ts < beats[f + 1]) {
      busy += (top[j].dur ?? 0) / 1000;
      j++;
    }
    perFrame.push(busy);
  }
  // What the busiest frames spent their time on (top-level script, style,
  // layout, paint, GC...), for profiling.
  const kinds = new Map();
  for (const e of main) {
    if (e.ph !== 'X' || !e.dur) continue;
    if (['FunctionCall', 'EvaluateScript', 'UpdateLayoutTree', 'Layout', 'Paint', 'PrePaint', 'MajorGC', 'MinorGC', 'V8.GCScavenger', 'Layerize', 'HitTest', 'FireAnimationFrame', 'TimerFire', 'EventDispatch', 'RunMicrotasks', 'ParseHTML', 'Commit', 'UpdateLayer'].includes(e.name)) {
      kinds.set(e.name, (kinds.get(e.name) ?? 0) + e.dur / 1000);
    }
  }
  const seconds = beats.length > 1 ? (beats[beats.length - 1] - beats[0]) / 1e6 : 0;
  return { perFrame, frames: perFrame.length, seconds, kinds };
}

async function traced(browser, page, categories, f) {
  await browser.startTracing(page, { categories });
  let result;
  try {
    result = await f();
  } finally {
    const buf = await browser.stopTracing();
    result = { result, trace: JSON.parse(buf.toString('utf8')) };
  }
  return result;
}

const TRACE_CATEGORIES = [
  'toplevel',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
  'v8',
];

async function heap(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
  const wasm = await page.evaluate(() => window.__bench.wasm?.memory?.buffer?.byteLength ?? null);
  await cdp.detach();
  return { jsHeapUsed: m.JSHeapUsedSize, jsHeapTotal: m.JSHeapTotalSize, nodes: m.Nodes, wasmMemory: wasm };
}

const MB = (b) => (b == null ? NaN : b / (1024 * 1024));

// ----- one run ------------------------------------------------------------------

async function run(env, n, fixtures) {
  const context = await env.browser.newContext({ viewport: VIEWPORT, colorScheme: 'light' });
  await context.addInitScript(instrument);
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const errors = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()));
  const out = { errors };

  // Start-up.
  await page.goto(env.server.url, { waitUntil: 'load' });
  await page.waitForFunction(() => window.__bench.marks.painted, null, { polling: 100 });
  const marks = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const wasm = performance.getEntriesByType('resource').find((r) => r.name.endsWith('.wasm'));
    return { ...window.__bench.marks, responseEnd: nav?.responseEnd, wasmFetched: wasm?.responseEnd };
  });
  out.startup = marks;
  // The first interaction: place a queue from the palette.
  const before = await page.locator('.canvas-nodes [data-node-id]').count();
  await page.evaluate(() => {
    window.__bench.latencies = [];
    window.__bench.measuring = { kind: 'first-click', types: ['pointerdown', 'click'] };
  });
  const tClick = Date.now();
  await page.locator('.palette [data-kind="queue"]').click();
  await waitNodes(page, before + 1);
  out.firstClickRoundTrip = Date.now() - tClick;
  await page.waitForFunction(() => window.__bench.latencies.length >= 1);
  out.firstClick = await page.evaluate(() => Math.max(...window.__bench.latencies.map((l) => l.ms)));
  await page.evaluate(() => (window.__bench.measuring = null));

  // The stress run.
  const stress = JSON.parse(readFileSync(fixtures.stress, 'utf8'));
  const tLoad = Date.now();
  out.loadedBy = await loadScenario(page, env, stress);
  await waitNodes(page, 51);
  out.stressLoadMs = Date.now() - tLoad;
  // Every node on screen (the canvas's Fit button).
  await page.locator('.zoom-fit').click();
  if (COLLAPSE_LOG) await page.locator('.log-toggle').click();
  await play(page);
  await page.waitForTimeout(1500); // let the flow settle
  const { result: frames, trace } = await traced(env.browser, page, TRACE_CATEGORIES, async () => {
    await page.evaluate(() => {
      const b = window.__bench;
      b.frames = [];
      b.loop = [];
      b.arcs = [];
      b.recording = true;
    });
    await page.waitForTimeout(SECONDS * 1000);
    return page.evaluate(() => {
      const b = window.__bench;
      b.recording = false;
      return { frames: b.frames, loop: b.loop, arcs: b.arcs, clock: document.querySelector('.clock-time')?.textContent };
    });
  });
  if (TRACE_OUT && n === 0) writeFileSync(TRACE_OUT, JSON.stringify(trace));
  const ts = frames.frames;
  out.fps = ts.length > 1 ? ((ts.length - 1) * 1000) / (ts[ts.length - 1] - ts[0]) : NaN;
  const deltas = ts.slice(1).map((t, i) => t - ts[i]);
  out.frameInterval = { p50: median(deltas), p95: quantile(deltas, 0.95), max: Math.max(...deltas) };
  out.loop = { p50: median(frames.loop), p95: quantile(frames.loop, 0.95), max: Math.max(...frames.loop) };
  out.dots = { mean: frames.arcs.reduce((a, b) => a + b, 0) / Math.max(1, frames.arcs.length), max: Math.max(...frames.arcs) };
  const work = frameWork(trace);
  out.work = {
    p50: median(work.perFrame),
    p95: quantile(work.perFrame, 0.95),
    max: Math.max(...work.perFrame),
    frames: work.frames,
    kinds: Object.fromEntries([...work.kinds].map(([k, v]) => [k, v / Math.max(1, work.frames)])),
  };
  out.clock = frames.clock;
  out.heap = await heap(page);
  await page.screenshot({ path: join(SHOTS, `bench-stress${n ? `-${n + 1}` : ''}.png`) });
  await play(page, false);

  // Scale: 500 queues, 2,000 bindings.
  const methods = await apiMethods(page);
  const defsText = readFileSync(fixtures.definitions, 'utf8');
  if (methods.includes('importDefinitions')) {
    out.importedBy = 'window.warren.importDefinitions';
    out.importMs = await page.evaluate(
      (text) =>
        new Promise((ok, fail) => {
          const t0 = performance.now();
          Promise.resolve(window.warren.importDefinitions(text))
            .then((answer) => {
              if (answer && answer.ok === false) fail(new Error(JSON.stringify(answer)));
              window.__bench.afterNextFrame((t1) => ok(t1 - t0));
            })
            .catch(fail);
        }),
      defsText,
    );
  } else {
    out.importedBy = 'natively laid out scenario (no importDefinitions in the page)';
    const laid = JSON.parse(readFileSync(fixtures.laidOut(), 'utf8'));
    const t0 = Date.now();
    await loadScenario(page, env, laid);
    out.importMs = Date.now() - t0;
  }
  await waitNodes(page, 500, 60_000);
  out.bigNodes = await page.locator('.canvas-nodes [data-node-id]').count();
  await page.waitForTimeout(300);
  out.interactions = await interactions(page);
  out.bigHeap = await heap(page);
  await page.screenshot({ path: join(SHOTS, `bench-definitions${n ? `-${n + 1}` : ''}.png`) });
  await context.close();
  out.programs = await programs(env);
  return out;
}

/** A program pasted ("Add program" clicked) → its file ready to run, in ms. */
async function pasteUntilReady(page, name, source) {
  const form = page.locator('.program-new-form');
  if (!(await form.isVisible())) await page.locator('.program-new').click();
  await form.locator('input').fill(name);
  await form.locator('textarea').fill(source);
  const timing = page.evaluate(
    (name) =>
      new Promise((resolve) => {
        let start = null;
        document.addEventListener('submit', () => (start = performance.now()), { capture: true, once: true });
        const done = () => {
          if (start !== null && document.querySelector(`.program-file[data-program="${name}"][data-state="ready"]`)) {
            observer.disconnect();
            resolve(performance.now() - start);
          }
        };
        const observer = new MutationObserver(done);
        observer.observe(document.body, { subtree: true, childList: true, attributes: true });
      }),
    name,
  );
  await page.waitForTimeout(50);
  await form.locator('button[type="submit"]').click();
  return timing;
}

/** Programs: pasted tutorial programs until ready, first (cold worker) and second. */
async function programs(env) {
  const context = await env.browser.newContext({ viewport: VIEWPORT, colorScheme: 'light' });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  await page.goto(env.server.url, { waitUntil: 'load' });
  await page.locator('.programs-toggle').click();
  const read = (f) => readFileSync(join(ROOT, 'tests', 'programs', f), 'utf8');
  const first = await pasteUntilReady(page, 'receive_logs_topic.py', read('receive_logs_topic.py'));
  const second = await pasteUntilReady(page, 'emit_log_topic.py', read('emit_log_topic.py'));
  await context.close();
  return { first, second };
}

/** Pan, zoom and select on the big topology; latencies per kind. */
async function interactions(page) {
  const area = await page.locator('.canvas-area').boundingBox();
  // An empty spot of the canvas: nothing but the grid under it.
  const empty = await page.evaluate((a) => {
    for (let y = a.y + a.height - 60; y > a.y + 40; y -= 17) {
      for (let x = a.x + 30; x < a.x + a.width - 30; x += 23) {
        const el = document.elementFromPoint(x, y);
        if (el && (el.matches('rect.canvas-grid') || el.matches('svg.canvas'))) return { x, y };
      }
    }
    return null;
  }, area);
  if (!empty) throw new Error('no empty spot on the canvas to pan from');
  const measure = async (kind, types, act, expected = 1) => {
    await page.evaluate(
      ({ kind, types }) => {
        window.__bench.latencies = [];
        window.__bench.measuring = { kind, types };
      },
      { kind, types },
    );
    await act();
    await page.waitForFunction((n) => window.__bench.latencies.length >= n, expected, { timeout: 30_000 });
    const l = await page.evaluate(() => window.__bench.latencies.map((x) => x.ms));
    await page.evaluate(() => (window.__bench.measuring = null));
    return Math.max(...l);
  };
  const pan = [];
  const zoom = [];
  const select = [];
  await page.mouse.move(empty.x, empty.y);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) {
    const dx = i % 2 ? 24 : -12;
    pan.push(await measure('pan', ['pointermove'], () => page.mouse.move(empty.x + i * 6 + dx, empty.y + (i % 3) * 5)));
  }
  await page.mouse.up();
  const cx = area.x + area.width / 2;
  const cy = area.y + area.height / 2;
  await page.mouse.move(cx, cy);
  for (let i = 0; i < 12; i++) {
    zoom.push(await measure('zoom', ['wheel'], () => page.mouse.wheel(0, i % 2 ? 120 : -100)));
  }
  // Nodes on screen, clicked on their name.
  const targets = await page.evaluate((a) => {
    const out = [];
    for (const el of document.querySelectorAll('.canvas-nodes [data-node-id]')) {
      const r = el.querySelector('.node-name')?.getBoundingClientRect() ?? el.getBoundingClientRect();
      const x = r.x + r.width / 2;
      const y = r.y + r.height / 2;
      if (x > a.x + 20 && x < a.x + a.width - 20 && y > a.y + 20 && y < a.y + a.height - 60) {
        const hit = document.elementFromPoint(x, y);
        if (hit && hit.closest('[data-node-id]') === el) out.push({ id: el.getAttribute('data-node-id'), x, y });
      }
    }
    return out;
  }, area);
  for (const t of targets.slice(0, 12)) {
    select.push(
      await measure('select', ['pointerdown', 'pointerup'], () => page.mouse.click(t.x, t.y), 2),
    );
    await page.waitForSelector(`[data-node-id="${t.id}"].selected`, { timeout: 10_000 });
  }
  // Editing a binding key in the inspector: the field's change event →
  // the frame that shows it (the edit, the sync into the simulation and
  // the render that draws the new label).
  const edit = [];
  const label = await page.evaluate((a) => {
    for (const el of document.querySelectorAll('.edge-label[data-edge^="binding:"]')) {
      const r = el.getBoundingClientRect();
      const x = r.x + r.width / 2;
      const y = r.y + r.height / 2;
      if (x > a.x + 20 && x < a.x + a.width - 20 && y > a.y + 20 && y < a.y + a.height - 60) {
        const hit = document.elementFromPoint(x, y);
        if (hit && hit.closest('.edge-label') === el) return { key: el.getAttribute('data-edge'), x, y };
      }
    }
    return null;
  }, area);
  if (label) {
    await page.mouse.click(label.x, label.y);
    const field = page.locator('.inspector [data-field="routing_key"] input');
    await field.waitFor({ timeout: 10_000 });
    for (let i = 0; i < 8; i++) {
      const key = `bench.edit.${i}`;
      await field.fill(key);
      edit.push(await measure('edit', ['change'], () => field.press('Enter')));
      await page.waitForFunction(
        ({ k, text }) => document.querySelector(`.edge-label[data-edge="${k}"]`)?.textContent.includes(text),
        { k: label.key, text: key },
        { timeout: 10_000 },
      );
    }
  }
  return { pan, zoom, select, edit, selectTargets: targets.length };
}

// ----- main -------------------------------------------------------------------

async function main() {
  if (!existsSync(join(DIST_DIR, 'index.html'))) {
    console.error(`no release build in ${DIST_DIR}: run \`trunk build --release\` (or \`make bench\`) first`);
    process.exit(1);
  }
  mkdirSync(SHOTS, { recursive: true });
  const written = writeFixtures(BENCH_DIR);
  const fixtures = {
    ...written,
    // Only when the page cannot import definitions itself.
    laidOut() {
      const path = join(BENCH_DIR, 'bench-definitions.scenario.json');
      if (existsSync(path) && statSync(path).mtimeMs >= statSync(written.definitions).mtimeMs - 60_000) return path;
      execFileSync('cargo', ['run', '--quiet', '--release', '--example', 'bench_fixtures'], { cwd: ROOT, stdio: 'inherit' });
      return path;
    },
  };
  const server = await serveStatic(DIST_DIR);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  const env = { server, browser };
  const results = [];
  try {
    for (let n = 0; n < RUNS; n++) {
      process.stdout.write(`run ${n + 1}/${RUNS}... `);
      const r = await run(env, n, fixtures);
      results.push(r);
      console.log(
        `start ${fmt(r.startup.painted, 0)} ms, ${fmt(r.fps)} fps, frame work p95 ${fmt(r.work.p95)} ms, ` +
          `${fmt(r.dots.mean, 0)} dots, pan ${fmt(median(r.interactions.pan))} / zoom ${fmt(median(r.interactions.zoom))} / select ${fmt(median(r.interactions.select))} / edit ${fmt(median(r.interactions.edit))} ms` +
          (r.errors.length ? ` (page errors: ${r.errors.length})` : ''),
      );
    }
  } finally {
    await browser.close();
    await server.close();
  }
  report(results);
  if (JSON_OUT) writeFileSync(JSON_OUT, JSON.stringify(results, null, 1));
}

function report(rs) {
  const col = (f) => rs.map(f);
  const all = (f) => rs.flatMap(f);
  const verdict = (ok) => (ok ? 'met' : 'MISSED');
  const r0 = rs[0];
  console.log(`\nwarren browser benchmark: ${rs.length} runs, ${SECONDS} s of stress each; median (min–max) over runs`);
  console.log(`loaded by: ${r0.loadedBy}; definitions: ${r0.importedBy}`);
  console.log('\nstart-up (navigation start → ...)');
  console.log(`  HTML received                      ${summary(col((r) => r.startup.responseEnd), 0, ' ms')}`);
  console.log(`  wasm fetched                       ${summary(col((r) => r.startup.wasmFetched), 0, ' ms')}`);
  console.log(`  wasm started (Trunk's event)       ${summary(col((r) => r.startup.wasmStarted), 0, ' ms')}`);
  console.log(`  palette + canvas in the DOM        ${summary(col((r) => r.startup.dom), 0, ' ms')}`);
  const painted = col((r) => r.startup.painted);
  console.log(`  ... and painted (interactive)      ${summary(painted, 0, ' ms')}   budget < 1000 ms: ${verdict(median(painted) < 1000)}`);
  console.log(`  first click on the palette → frame ${summary(col((r) => r.firstClick), 1, ' ms')}`);
  console.log(`\nstress: 50 nodes, ${summary(col((r) => r.dots.mean), 0)} dots drawn per frame (max ${Math.max(...col((r) => r.dots.max))}), virtual clock at the end ${r0.clock}`);
  const fps = col((r) => r.fps);
  const p95 = col((r) => r.work.p95);
  console.log(`  frames per second                  ${summary(fps, 1)}   budget ≥ 50: ${verdict(median(fps) >= 50)}`);
  console.log(`  frame interval p95 / max           ${summary(col((r) => r.frameInterval.p95), 1, ' ms')} / ${summary(col((r) => r.frameInterval.max), 1, ' ms')}`);
  console.log(`  main-thread work per frame p50     ${summary(col((r) => r.work.p50), 2, ' ms')}`);
  console.log(`  main-thread work per frame p95     ${summary(p95, 2, ' ms')}   budget < 10 ms: ${verdict(median(p95) < 10)}`);
  console.log(`  main-thread work per frame max     ${summary(col((r) => r.work.max), 1, ' ms')}`);
  console.log(`  animation loop callback p50 / p95  ${summary(col((r) => r.loop.p50), 2, ' ms')} / ${summary(col((r) => r.loop.p95), 2, ' ms')}`);
  const kinds = {};
  for (const r of rs) for (const [k, v] of Object.entries(r.work.kinds)) (kinds[k] ??= []).push(v);
  const top = Object.entries(kinds)
    .map(([k, v]) => [k, median(v)])
    .filter(([, v]) => v >= 0.05)
    .sort((a, b) => b[1] - a[1]);
  console.log(`  per frame, by trace event (ms)     ${top.map(([k, v]) => `${k} ${fmt(v, 2)}`).join(', ')}`);
  console.log(`  JS heap used                       ${summary(col((r) => MB(r.heap.jsHeapUsed)), 1, ' MB')} (of ${summary(col((r) => MB(r.heap.jsHeapTotal)), 1, ' MB')})`);
  console.log(`  wasm memory                        ${summary(col((r) => MB(r.heap.wasmMemory)), 1, ' MB')}`);
  console.log(`\nscale: definitions.json with 500 queues and 2,000 bindings (${r0.bigNodes} nodes drawn)`);
  console.log(`  import + layout + first frame      ${summary(col((r) => r.importMs), 0, ' ms')}`);
  for (const kind of ['pan', 'zoom', 'select', 'edit']) {
    const meds = col((r) => median(r.interactions[kind]));
    const worst = all((r) => r.interactions[kind]);
    console.log(
      `  ${kind.padEnd(6)} per interaction (median)   ${summary(meds, 1, ' ms')}; p95 of all ${fmt(quantile(worst, 0.95))} ms, max ${fmt(Math.max(...worst))} ms   budget < 100 ms: ${verdict(quantile(worst, 0.95) < 100)}`,
    );
  }
  console.log(`  JS heap used                       ${summary(col((r) => MB(r.bigHeap.jsHeapUsed)), 1, ' MB')}; DOM nodes ${summary(col((r) => r.bigHeap.nodes), 0)}`);
  console.log('\nprograms: a tutorial program pasted → ready to run (receive_logs_topic.py, then emit_log_topic.py)');
  const firstReady = col((r) => r.programs.first);
  console.log(`  first, parser worker loaded on demand ${summary(firstReady, 0, ' ms')}   budget < 1000 ms: ${verdict(median(firstReady) < 1000)}`);
  console.log(`  second, worker running              ${summary(col((r) => r.programs.second), 0, ' ms')}`);
  const errors = all((r) => r.errors);
  if (errors.length) console.log(`\npage errors (${errors.length}): ${[...new Set(errors)].slice(0, 5).join(' | ')}`);
  console.log(`\nscreenshots: target/screenshots/bench-stress.png, bench-definitions.png`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
