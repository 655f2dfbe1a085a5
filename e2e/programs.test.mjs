// End-to-end: the Programs panel. A pika program pasted, parsed by the
// on-demand parser worker (loaded only then), run from the terminal with its
// output in a process tab; a consumer receiving what a producer sends, then
// Ctrl+C (its own handler's output; a KeyboardInterrupt traceback for one
// without a handler); a refused file shown at its line; the terminal's
// history; window.warren.loadPrograms / run / processes / interrupt with bad
// input; a share link opened while programs are loaded; the phone layout.
// Screenshots in both themes and a phone window go to target/screenshots/
// (and SHOTS_DIR when set).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, openApp, shot, useBrowser, waitForText } from './helpers.mjs';

const env = useBrowser();
const program = (name) => readFileSync(join(ROOT, 'tests', 'programs', name), 'utf8');
const SEND = program('send.py');
const RECEIVE = program('receive.py');
const RECEIVE_LOGS = program('receive_logs.py');
const EMIT_LOG = program('emit_log.py');

/** Also saves the screenshot under SHOTS_DIR (outside the repository) when set. */
async function shotBoth(page, name) {
  await shot(page, `programs-${name}`);
  if (process.env.SHOTS_DIR) {
    mkdirSync(process.env.SHOTS_DIR, { recursive: true });
    await page.screenshot({ path: join(process.env.SHOTS_DIR, `${name}.png`) });
  }
}

/** Opens the panel with its button (wide windows). */
async function openPanel(page) {
  await page.locator('.programs-toggle').click();
  await page.locator('#programs-panel.open').waitFor();
}

/** Pastes a program through the new-file form. */
async function paste(page, name, source) {
  const form = page.locator('.program-new-form');
  if (!(await form.isVisible())) await page.locator('.program-new').click();
  assert.equal(await page.locator('.program-new').count(), 0, 'no New button while the form shows');
  await form.locator('input').fill(name);
  await form.locator('textarea').fill(source);
  await form.locator('button[type="submit"]').click();
}

/** Waits for a file's tab to reach `state` (ready, refused, ...). */
async function fileState(page, name, state, timeout = 15_000) {
  await page.locator(`.program-file[data-program="${name}"][data-state="${state}"]`).waitFor({ timeout });
}

/** Types a command line in the terminal and runs it. */
async function command(page, line) {
  const input = page.locator('.term-input');
  await input.fill(line);
  await input.press('Enter');
}

/** The process tab of the newest process running `program`. */
function tabOf(page, program) {
  return page.locator('.process-tab', { hasText: program }).last();
}

describe('programs', () => {
  test('a pasted program: the parser loads on demand, the program runs from the terminal, its output is in its tab', async () => {
    const { context, page, errors } = await openApp(env);
    const parserRequests = [];
    page.on('request', (r) => {
      if (/python-parser/.test(r.url())) parserRequests.push(r.url());
    });
    assert.equal(await page.locator('#programs-panel.open').count(), 0, 'closed at first');
    const firstLoad = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
    assert.ok(!firstLoad.some((u) => /python-parser/.test(u)), `the parser is not part of the first load: ${firstLoad}`);
    await openPanel(page);
    await shotBoth(page, 'empty-light');
    const seen = page.evaluate(
      () =>
        new Promise((resolve) => {
          const check = () => document.querySelector('.parser-loading') && resolve(true);
          new MutationObserver(check).observe(document.body, { subtree: true, childList: true });
          setTimeout(() => resolve(false), 15_000);
        }),
    );
    await paste(page, 'send.py', SEND);
    assert.ok(await seen, 'a loading note is shown while the parser loads');
    await fileState(page, 'send.py', 'ready');
    assert.ok(parserRequests.some((u) => /python-parser-[0-9a-f]{16}_bg\.wasm$/.test(u)), `the hashed worker files: ${parserRequests}`);
    await page.locator('.code-text[data-program="send.py"]').waitFor();
    await command(page, 'python3 send.py');
    const panel = page.locator('.process-panel');
    await waitForText(panel.locator('.stdout'), /\[x\] Sent 'Hello World!'/);
    await waitForText(panel.locator('.process-state'), /exited with code 0/);
    assert.equal(await tabOf(page, 'send.py').getAttribute('data-state'), 'exited');
    assert.match(await page.locator('.term-log').textContent(), /\$ python3 send\.py.*send\.py started/s);
    // Up brings the command back.
    await page.locator('.term-input').press('ArrowUp');
    assert.equal(await page.locator('.term-input').inputValue(), 'python3 send.py');
    await page.locator('.term-input').press('ArrowDown');
    assert.equal(await page.locator('.term-input').inputValue(), '');
    await shotBoth(page, 'sent-light');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a consumer receives, then Ctrl+C: its own handler, or the KeyboardInterrupt traceback', async () => {
    for (const colorScheme of ['light', 'dark']) {
      const { context, page, errors } = await openApp(env, { colorScheme });
      await openPanel(page);
      const loaded = await page.evaluate(
        (files) => window.warren.loadPrograms(files),
        [
          { name: 'send.py', source: SEND },
          { name: 'receive.py', source: RECEIVE },
          { name: 'receive_logs.py', source: RECEIVE_LOGS },
          { name: 'emit_log.py', source: EMIT_LOG },
        ],
      );
      assert.deepEqual(loaded, { ok: true, programs: ['send.py', 'receive.py', 'receive_logs.py', 'emit_log.py'], notes: [] });
      await fileState(page, 'receive.py', 'ready');
      await command(page, 'python3 receive.py');
      await waitForText(page.locator('.process-panel .stdout'), /Waiting for messages/);
      assert.equal(await tabOf(page, 'receive.py').getAttribute('data-state'), 'running');
      await command(page, 'python3 send.py');
      await tabOf(page, 'receive.py').click();
      await waitForText(page.locator('.process-panel .stdout'), /\[x\] Received b'Hello World!'/);
      await page.locator('.process-interrupt').click();
      await waitForText(page.locator('.process-panel .stdout'), /Interrupted/);
      await waitForText(page.locator('.process-panel .process-state'), /exited with code 0/);
      // Without a handler: the key in the output, and a traceback on stderr.
      await command(page, 'python receive_logs.py');
      await command(page, 'python emit_log.py "disk full"');
      await tabOf(page, 'receive_logs.py').click();
      await waitForText(page.locator('.process-panel .stdout'), /\[x\] b'disk full'/);
      await page.locator('.process-output').focus();
      await page.keyboard.press('Control+c');
      await waitForText(page.locator('.process-panel .stderr'), /Traceback[\s\S]*KeyboardInterrupt/);
      await waitForText(page.locator('.process-panel .process-state'), /exited with code/);
      const color = (sel) => page.locator(sel).evaluate((el) => getComputedStyle(el).color);
      assert.notEqual(await color('.process-panel .stderr'), await color('.process-panel .stdout'), 'stderr has its own colour');
      await shotBoth(page, `interrupted-${colorScheme}`);
      assert.deepEqual(errors, []);
      await context.close();
    }
  });

  test('the canvas draws what programs declare and who they are, and lets it go when they end', async () => {
    for (const colorScheme of ['light', 'dark']) {
      const { context, page, errors } = await openApp(env, { colorScheme });
      const node = (id) => page.locator(`.node[data-node-id="${id}"]`);
      const overlay = () => page.locator('.node.from-program').evaluateAll((els) => els.map((e) => e.dataset.nodeId).sort());
      await page.evaluate((files) => window.warren.loadPrograms(files), [
        { name: 'receive_logs.py', source: RECEIVE_LOGS },
        { name: 'emit_log.py', source: EMIT_LOG },
      ]);
      assert.deepEqual(await overlay(), [], 'nothing before a program runs');
      const { pid } = await page.evaluate(() => window.warren.run('python3 receive_logs.py'));
      await node('program-exchange:logs').waitFor();
      const drawn = await overlay();
      const queue = drawn.find((id) => id.startsWith('program-queue:amq.gen-'));
      assert.ok(queue, `a server-named queue: ${drawn}`);
      assert.ok(drawn.includes(`process:${pid}:consume:${queue.slice('program-queue:'.length)}`), `the process as a consumer: ${drawn}`);
      assert.match(await node('program-exchange:logs').textContent(), /logs/);
      assert.match(await node(queue).textContent(), /0 ready/);
      assert.match(await node('program-exchange:logs').getAttribute('title'), /From a program/);
      // A binding from the exchange to the queue, and the consumer's edge.
      assert.ok((await page.locator('[data-edge^="binding:program-binding:logs>"]').count()) >= 1, 'the binding is drawn');
      // A sender lingers after it ends, wired to the exchange it published to.
      const sender = await page.evaluate(() => window.warren.run('python3 emit_log.py "disk full"'));
      await node(`process:${sender.pid}:publish`).waitFor();
      await shotBoth(page, `overlay-${colorScheme}`);
      // Not editable: pressing on it selects nothing; the document is unchanged.
      await node('program-exchange:logs').click({ position: { x: 12, y: 10 } });
      assert.equal(await page.locator('.node.selected').count(), 0);
      const doc = JSON.stringify(await page.evaluate(() => window.warren.scenario()));
      assert.ok(doc.includes('warren') && !doc.includes('program-'), `the document holds none of it: ${doc.slice(0, 200)}`);
      // Ctrl+C: its exclusive queue goes with its connection; the nodes linger, then go.
      await page.evaluate((p) => window.warren.interrupt(p), pid);
      await node(queue).waitFor({ state: 'detached' });
      await page.evaluate(() => window.warren.advance(3000));
      await page.waitForFunction(() => [...document.querySelectorAll('.node.from-program')].every((e) => e.dataset.nodeId === 'program-exchange:logs'));
      assert.deepEqual(await overlay(), ['program-exchange:logs'], 'the exchange stays in the broker');
      assert.deepEqual(errors, []);
      await context.close();
    }
  });

  test('mistakes explained beside their line; a pika 0.x line is fixed in one click and then runs', async () => {
    const { context, page, errors } = await openApp(env);
    await openPanel(page);
    const LEGACY = [
      'import pika',
      "connection = pika.BlockingConnection(pika.ConnectionParameters('localhost'))",
      'channel = connection.channel()',
      "channel.queue_declare(queue='hello')",
      'def callback(ch, method, properties, body):',
      '    print(" [x] Received %r" % body)',
      "channel.basic_consume(callback, queue='hello', no_ack=True)",
      "print(' [*] Waiting for messages. To exit press CTRL+C')",
      'channel.start_consuming()',
      '',
    ].join('\n');
    await page.evaluate((files) => window.warren.loadPrograms(files), [{ name: 'legacy.py', source: LEGACY }]);
    await fileState(page, 'legacy.py', 'ready');
    await command(page, 'python3 legacy.py');
    await waitForText(page.locator('.process-panel .stderr'), /TypeError/);
    const note = page.locator('.code-note[data-line="7"]');
    await note.waitFor();
    assert.match(await note.textContent(), /pika 0\.x/);
    assert.equal(await page.locator('.code-line-number.noted').textContent(), '7', 'the line is marked in the gutter');
    assert.match(await note.locator('.code-note-fix code').textContent(), /basic_consume\(queue='hello', on_message_callback=callback, auto_ack=True\)/);
    await shotBoth(page, 'mistake-note');
    await note.locator('.code-note-fix button').click();
    await page.waitForFunction(() => document.querySelector('.code-text').value.includes('on_message_callback=callback'));
    await fileState(page, 'legacy.py', 'ready');
    await command(page, 'python3 legacy.py');
    await waitForText(page.locator('.process-panel .stdout'), /Waiting for messages/);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a refused file is shown at its line, and the terminal says why it does not run', async () => {
    const { context, page, errors } = await openApp(env, { colorScheme: 'dark' });
    await openPanel(page);
    await paste(page, 'fetch.py', 'import pika\nimport requests\n\nprint("hi")\n');
    await fileState(page, 'fetch.py', 'refused');
    const refusal = page.locator('.code-refusal');
    assert.equal(await refusal.getAttribute('data-line'), '2');
    assert.match(await refusal.textContent(), /Line 2, column 8: .*requests.*modules it knows: pika/);
    assert.equal(await page.locator('.code-line-number.refused').textContent(), '2');
    await command(page, 'python3 fetch.py');
    await waitForText(page.locator('.term-error').last(), /fetch\.py was not loaded: line 2/);
    // Fixing it in the editor makes it ready.
    await page.locator('.code-text').fill('import pika\n\nprint("hi")\n');
    await fileState(page, 'fetch.py', 'ready');
    await command(page, 'python3 fetch.py');
    await waitForText(page.locator('.process-panel .stdout'), /^hi\n?$/);
    // A bad name in the form is refused in place, the text kept.
    await page.locator('.program-new').click();
    await page.locator('.program-new-form input').fill('my program.py');
    await page.locator('.program-new-form textarea').fill('print(1)\n');
    await page.locator('.program-new-form button[type="submit"]').click();
    await waitForText(page.locator('.program-new-form .field-error'), /not a program name/);
    assert.equal(await page.locator('.program-new-form textarea').inputValue(), 'print(1)\n');
    await command(page, 'python3 nothing.py');
    await waitForText(page.locator('.term-error').last(), /can't open file 'nothing\.py'/);
    await shotBoth(page, 'refused-dark');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('window.warren: loadPrograms, run, processes, interrupt; bad input answered, never thrown', async () => {
    const { context, page, errors } = await openApp(env);
    const answers = await page.evaluate(async (files) => {
      const w = window.warren;
      const out = {};
      out.bad = await w.loadPrograms({ name: 'x.py' });
      out.badItem = await w.loadPrograms([{ name: 'x.py' }]);
      out.refused = await w.loadPrograms([{ name: 'bad.py', source: 'import requests\n' }, { name: 'bad name.py', source: '' }]);
      out.loaded = await w.loadPrograms(files);
      out.runBad = w.run(42);
      out.runMissing = w.run('python3 missing.py');
      out.quote = w.run('python3 receive.py "unterminated');
      out.run = w.run('python3 receive.py');
      out.interruptBad = w.interrupt('x');
      out.interruptNone = w.interrupt(99999);
      out.running = w.processes();
      out.interrupt = w.interrupt(out.run.pid);
      out.after = w.processes();
      return out;
    }, [{ name: 'receive.py', source: RECEIVE }]);
    assert.equal(answers.bad.ok, false);
    assert.match(answers.bad.error, /expects an array/);
    assert.match(answers.badItem.error, /item 0 must be \{name, source\}/);
    assert.equal(answers.refused.ok, false);
    assert.deepEqual(answers.refused.programs, []);
    assert.equal(answers.refused.notes.length, 2);
    assert.deepEqual(
      { program: answers.refused.notes[0].program, line: answers.refused.notes[0].line },
      { program: 'bad.py', line: 1 },
    );
    assert.match(answers.refused.notes[0].message, /requests/);
    assert.match(answers.refused.notes[1].message, /not a program name/);
    assert.deepEqual(answers.loaded, { ok: true, programs: ['receive.py'], notes: [] });
    assert.match(answers.runBad.error, /expects a command line/);
    assert.match(answers.runMissing.error, /can't open file 'missing\.py'/);
    assert.match(answers.quote.error, /unterminated quote/);
    assert.equal(answers.run.ok, true);
    assert.match(answers.interruptBad.error, /process id/);
    assert.match(answers.interruptNone.error, /no process 99999/);
    const running = answers.running.processes.find((p) => p.pid === answers.run.pid);
    assert.deepEqual(
      { command: running.command, state: running.state, exit_code: running.exit_code },
      { command: 'python3 receive.py', state: 'running', exit_code: null },
    );
    assert.match(running.stdout, /Waiting for messages/);
    assert.deepEqual(answers.interrupt, { ok: true });
    const ended = answers.after.processes.find((p) => p.pid === answers.run.pid);
    assert.deepEqual({ state: ended.state, exit_code: ended.exit_code }, { state: 'exited', exit_code: 0 });
    assert.match(ended.stdout, /Interrupted/);
    // Processes run on the virtual clock: advance() moves them too.
    const timed = await page.evaluate(async () => {
      const w = window.warren;
      await w.loadPrograms([{ name: 'nap.py', source: 'import time\nprint("before")\ntime.sleep(2)\nprint("after")\n' }]);
      const { pid } = w.run('python3 nap.py');
      const at = (ps) => ps.processes.find((p) => p.pid === pid);
      const before = at(w.processes());
      w.advance(1000);
      const half = at(w.processes());
      w.advance(1500);
      return { before, half, after: at(w.processes()) };
    });
    assert.deepEqual([timed.before.stdout, timed.before.state], ['before\n', 'running']);
    assert.deepEqual([timed.half.stdout, timed.half.state], ['before\n', 'running']);
    assert.deepEqual([timed.after.stdout, timed.after.exit_code], ['before\nafter\n', 0]);
    // The panel shows what the API loaded.
    await openPanel(page);
    await fileState(page, 'receive.py', 'ready');
    await fileState(page, 'bad.py', 'refused');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a share link opened with programs loaded', async () => {
    // Until the scenario document carries programs (version 2), a link
    // holds the topology only: the link opens, the panel and its programs
    // go on working. Once it does, the opened link must list the programs.
    const { context, page, errors } = await openApp(env, { path: '?lesson=hello-world' });
    await page.evaluate((files) => window.warren.loadPrograms(files), [{ name: 'send.py', source: SEND }]);
    const doc = JSON.parse(await page.evaluate(() => window.warren.scenario()));
    await page.locator('.header-tools button', { hasText: /share/i }).first().click();
    const link = await page.locator('.share-dialog input, .share-dialog textarea').first().inputValue();
    assert.match(link, /#s=/);
    const second = await openApp(env, { path: link.slice(link.indexOf('#')) , context });
    await openPanelIfClosed(second.page);
    if ((doc.warren ?? 1) >= 2) {
      assert.ok(Array.isArray(doc.programs), 'a version 2 document carries programs');
      await fileState(second.page, 'send.py', 'ready');
    } else {
      assert.equal(await second.page.locator('.program-file').count(), 0, 'a version 1 link carries no programs');
    }
    await second.page.evaluate((files) => window.warren.loadPrograms(files), [{ name: 'send.py', source: SEND }]);
    await command(second.page, 'python3 send.py');
    await waitForText(second.page.locator('.process-panel .stdout'), /Sent 'Hello World!'/);
    assert.deepEqual([...errors, ...second.errors], []);
    await context.close();
  });

  test('phone: the Programs tab opens the panel as a sheet; paste, run, Ctrl+C', async () => {
    for (const colorScheme of ['light', 'dark']) {
      const { context, page, errors } = await openApp(env, { viewport: { width: 390, height: 844 }, hasTouch: true, colorScheme });
      assert.equal(await page.locator('.programs-toggle').isVisible(), false, 'no side button on a phone');
      await page.locator('.phone-tab[data-sheet="programs"]').click();
      await page.locator('#programs-panel').waitFor({ state: 'visible' });
      await paste(page, 'receive.py', RECEIVE);
      await fileState(page, 'receive.py', 'ready');
      await command(page, 'python3 receive.py');
      await waitForText(page.locator('.process-panel .stdout'), /Waiting for messages/);
      const box = await page.locator('#programs-panel').boundingBox();
      assert.ok(box.width <= 390 && box.y >= 0, `the sheet fits the screen: ${JSON.stringify(box)}`);
      const tabs = await page.locator('.phone-tabs').boundingBox();
      assert.ok(box.y + box.height <= tabs.y + 1, 'above the tab bar');
      await page.locator('.process-interrupt').tap();
      await waitForText(page.locator('.process-panel .process-state'), /exited with code 0/);
      await shotBoth(page, `phone-${colorScheme}`);
      await page.locator('.phone-tab[data-sheet="programs"]').click();
      await page.locator('#programs-panel').waitFor({ state: 'hidden' });
      assert.deepEqual(errors, []);
      await context.close();
    }
  });
});

/** Opens the panel if its button is there (wide windows). */
async function openPanelIfClosed(page) {
  if ((await page.locator('#programs-panel.open').count()) === 0) await openPanel(page);
}
