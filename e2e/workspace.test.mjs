// End-to-end: the workspace leaves the page and comes back. Scenario files
// (save, open, a refused file with the path of its problem, a dropped
// file), RabbitMQ definitions (import with warnings, export), Python pika
// code, share links (copy, open elsewhere, tampered), autosave (reload,
// a damaged copy set aside, two tabs, a full storage).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, dragFromPalette, nodeIds, openApp, setSpeed, shot, useBrowser } from './helpers.mjs';

const env = useBrowser();

/** Chooses a File menu item and returns the download it starts. */
async function download(page, action) {
  await page.getByRole('button', { name: 'File' }).click();
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator(`.menu-item[data-action="${action}"]`).click()]);
  const text = readFileSync(await file.path(), 'utf8');
  return { name: file.suggestedFilename(), text };
}

/** The scenario on the page, as File → Save scenario file writes it. */
async function exported(page) {
  return JSON.parse((await download(page, 'save-scenario')).text);
}

/** Waits until the autosave holds something matching `pattern`. */
async function saved(page, pattern) {
  await page.waitForFunction((p) => new RegExp(p).test(localStorage.getItem('warren.workspace') ?? ''), pattern.source, { polling: 50 });
}

/** Checks there were no console errors and closes the context. A reload
 * can abort the icon's request, which is not an error of the page. */
async function done({ context, errors }) {
  assert.deepEqual(errors.filter((e) => !/^request failed: .*favicon/.test(e)), [], 'no console errors');
  await context.close();
}

const banner = (page, topic) => page.locator(`.banner[data-topic="${topic}"]`);

describe('files', () => {
  test('save a scenario file, open it in a fresh page: the same scenario', async () => {
    const a = await openApp(env, { path: '?lesson=routing' });
    const b = await openApp(env);
    try {
      await a.page.locator('.narration').waitFor();
      await setSpeed(a.page, 2.5);
      const file = await download(a.page, 'save-scenario');
      assert.equal(file.name, 'routing.warren.json');
      const original = JSON.parse(file.text);
      assert.equal(original.warren, 2);
      assert.equal(original.speed, 2.5);

      await b.page.locator('input[data-import="scenario"]').setInputFiles({ name: file.name, mimeType: 'application/json', buffer: Buffer.from(file.text) });
      await b.page.locator('[data-node-id="screen"]').waitFor();
      assert.match(await banner(b.page, 'file').textContent(), /Opened routing\.warren\.json\. Undo brings back what you had\./);
      assert.equal(await b.page.locator('.narration-lesson').textContent(), 'Routing');
      assert.deepEqual(await exported(b.page), original);
      // Undo brings back the empty canvas.
      await b.page.locator('.banner[data-topic="file"]').getByRole('button', { name: 'Dismiss' }).click();
      await b.page.keyboard.press('Control+z');
      assert.deepEqual(await nodeIds(b.page), ['default']);
    } finally {
      await done(a);
      await done(b);
    }
  });

  test('a bad scenario file is refused with the path of its problem; the workspace is untouched; text stays text', async () => {
    const opened = await openApp(env, { path: '?lesson=hello-world' });
    const { page } = opened;
    try {
      await page.locator('.narration').waitFor();
      const before = await exported(page);
      const bad = {
        warren: 1,
        title: 'bad',
        queues: [{ id: 'a', name: 'a' }, { id: 'b', name: 'b' }, { id: 'c', name: 'x'.repeat(300) }],
      };
      await page.locator('input[data-import="scenario"]').setInputFiles({ name: 'bad.warren.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
      const b = banner(page, 'file');
      await b.waitFor();
      assert.equal(await b.getAttribute('role'), 'alert');
      assert.equal(await b.getAttribute('data-tone'), 'error');
      assert.match(await b.locator('.banner-title').textContent(), /^bad\.warren\.json was not opened: it is not a valid Warren scenario\. Your workspace is unchanged\.$/);
      assert.match(await b.locator('.banner-lines').textContent(), /^at queues\[2\]\.name: the queue name is 300 bytes; AMQP names hold at most 255$/);
      await shot(page, 'import-error');
      assert.deepEqual(await exported(page), before, 'the workspace is untouched');
      // Not JSON at all, and a future version.
      await page.locator('input[data-import="scenario"]').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
      await page.waitForFunction(() => /not valid JSON/.test(document.querySelector('.banner[data-topic="file"] .banner-lines')?.textContent));
      await page.locator('input[data-import="scenario"]').setInputFiles({ name: 'v3.warren.json', mimeType: 'application/json', buffer: Buffer.from('{"warren": 3}') });
      await page.waitForFunction(() => /at warren: unknown format version 3/.test(document.querySelector('.banner[data-topic="file"] .banner-lines')?.textContent));
      assert.equal(await page.locator('.banner[data-topic="file"]').count(), 1, 'one banner about files, replaced each time');
      await b.getByRole('button', { name: 'Dismiss' }).click();
      assert.equal(await b.count(), 0);
      assert.deepEqual(await exported(page), before);

      // Names and narration are shown as text, never as markup.
      const payload = '<img src=x onerror="window.__pwned=1">';
      const tricky = { warren: 1, title: payload, narration: [{ title: payload, text: payload, try_this: payload }], queues: [{ id: 'q', name: payload, x: 300, y: 200 }] };
      await page.locator('input[data-import="scenario"]').setInputFiles({ name: 'tricky.warren.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(tricky)) });
      await page.locator('[data-node-id="q"]').waitFor();
      assert.equal(await page.locator('.narration-title').textContent(), payload);
      assert.equal(await page.locator('[data-node-id="q"] .node-name').textContent(), payload);
      assert.equal(await page.locator('.narration img, .node img, .banner img').count(), 0);
      assert.equal(await page.evaluate(() => window.__pwned), undefined);
    } finally {
      await done(opened);
    }
  });

  test('a file dropped on the page opens: a scenario, or a definitions file, told apart by content', async () => {
    const opened = await openApp(env);
    const { page } = opened;
    try {
      const drop = async (name, text) => {
        const dt = await page.evaluateHandle(([name, text]) => {
          const dt = new DataTransfer();
          dt.items.add(new File([text], name, { type: 'application/json' }));
          return dt;
        }, [name, text]);
        await page.dispatchEvent('.canvas-area', 'dragenter', { dataTransfer: dt });
        await page.locator('.drop-overlay').waitFor();
        await page.dispatchEvent('.canvas-area', 'drop', { dataTransfer: dt });
        await page.locator('.drop-overlay').waitFor({ state: 'detached' });
      };
      const lesson = await openApp(env, { path: '?lesson=max-length' });
      const file = await download(lesson.page, 'save-scenario');
      await done(lesson);
      await drop(file.name, file.text);
      await page.locator('[data-node-id="drop_head"]').waitFor();
      const defs = readFileSync(join(ROOT, 'tests/fixtures/definitions/rabbitmqctl-headers-and-e2e.json'), 'utf8');
      await drop('definitions.json', defs);
      await page.waitForFunction(() => /Imported definitions\.json/.test(document.querySelector('.banner[data-topic="file"]')?.textContent));
      await page.locator('[data-node-id="drop_head"]').waitFor({ state: 'detached' });
      await drop('picture.json', '[1, 2, 3]');
      await page.waitForFunction(() => /picture\.json was not opened: it is neither a Warren scenario/.test(document.querySelector('.banner[data-topic="file"]')?.textContent));
    } finally {
      await done(opened);
    }
  });

  test('RabbitMQ definitions: import lists its warnings; export and pika code download', async () => {
    const opened = await openApp(env);
    const { page } = opened;
    try {
      const fixture = join(ROOT, 'tests/fixtures/definitions/management-ae-dlx-policies.json');
      await page.locator('input[data-import="definitions"]').setInputFiles(fixture);
      const b = banner(page, 'file');
      await b.waitFor();
      assert.equal(await b.getAttribute('data-tone'), 'warning');
      assert.match(await b.locator('.banner-title').textContent(), /^Imported management-ae-dlx-policies\.json \(vhost \/\) with \d+ warnings?: not everything in it is on the canvas\./);
      const lines = await b.locator('.banner-lines li').allTextContents();
      assert.ok(lines.length >= 1, 'warnings listed');
      assert.ok(lines.some((l) => /^(users|policies|permissions)/.test(l)), `a warning names its path: ${lines}`);
      const ids = await nodeIds(page);
      assert.ok(ids.length > 3, `the topology is on the canvas: ${ids}`);
      await shot(page, 'definitions-import');

      // A refused definitions file leaves the import in place.
      await page.locator('input[data-import="definitions"]').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"queues": [{"name": null}]}') });
      await page.waitForFunction(() => /broken\.json was not opened/.test(document.querySelector('.banner[data-topic="file"]')?.textContent));
      assert.match(await b.locator('.banner-lines').textContent(), /^at queues\[0\]/);
      assert.deepEqual(await nodeIds(page), ids);

      const defs = await download(page, 'export-definitions');
      assert.match(defs.name, /\.definitions\.json$/);
      const json = JSON.parse(defs.text);
      assert.ok(Array.isArray(json.queues) && json.queues.length > 0, 'queues exported');
      assert.ok(Array.isArray(json.exchanges) && Array.isArray(json.bindings));

      const code = await download(page, 'export-code');
      assert.match(code.name, /^[a-z0-9_]+\.py$/);
      assert.match(code.text, /^import pika$/m);
      assert.match(code.text, /def main\(\)/);
      assert.match(await banner(page, 'file').textContent(), /python3 .*\.py/);
    } finally {
      await done(opened);
    }
  });
});

describe('share links', () => {
  test('Share copies a link that opens the same scenario elsewhere', async () => {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.server.url });
    const a = await openApp(env, { context, path: '?lesson=work-queues' });
    try {
      await a.page.locator('.narration').waitFor();
      await setSpeed(a.page, 3);
      await a.page.getByRole('button', { name: 'Share' }).click();
      const dialog = a.page.getByRole('dialog', { name: 'Share link' });
      await dialog.waitFor();
      const link = await dialog.locator('.share-link').inputValue();
      assert.ok(link.startsWith(`${env.server.url}#s=`), link.slice(0, 60));
      assert.equal(await dialog.locator('.share-length').textContent(), `${link.length} characters`);
      await a.page.waitForFunction(() => document.querySelector('.share-status')?.textContent === 'Copied to the clipboard.');
      assert.equal(await a.page.evaluate(() => navigator.clipboard.readText()), link);
      assert.equal(await a.page.evaluate(() => document.activeElement.classList.contains('share-link')), true, 'the link is focused');
      await shot(a.page, 'share-dialog');
      await a.page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      const original = await exported(a.page);

      const b = await openApp(env, { path: link.slice(env.server.url.length) });
      try {
        await b.page.locator('[data-node-id="task_queue"]').waitFor();
        assert.deepEqual(await exported(b.page), original, 'the link carries the scenario exactly');
        assert.equal(new URL(b.page.url()).hash, '', 'the link is taken out of the address');
        assert.equal(await b.page.locator('.banner').count(), 0, 'nothing to undo, nothing to say');
      } finally {
        await done(b);
      }
    } finally {
      await done(a);
    }
  });

  test('without clipboard access the dialog says to copy by hand', async () => {
    const opened = await openApp(env);
    const { page } = opened;
    try {
      await page.evaluate(() => Object.defineProperty(navigator, 'clipboard', { value: undefined }));
      await page.getByRole('button', { name: 'Share' }).click();
      await page.waitForFunction(() => /press Ctrl\+C/.test(document.querySelector('.share-status')?.textContent));
      assert.equal(await page.evaluate(() => window.getSelection().toString() || document.activeElement.value.slice(document.activeElement.selectionStart, document.activeElement.selectionEnd)), await page.locator('.share-link').inputValue());
      // Tab stays in the dialog.
      const focused = () => page.evaluate(() => document.activeElement.className);
      await page.keyboard.press('Tab');
      assert.match(await focused(), /share-copy/);
      await page.keyboard.press('Tab');
      assert.match(await focused(), /share-close/);
      await page.keyboard.press('Tab');
      assert.match(await focused(), /share-embed-code/);
      await page.keyboard.press('Tab');
      assert.match(await focused(), /dialog-close/);
      await page.keyboard.press('Shift+Tab');
      assert.match(await focused(), /share-embed-code/);
      await page.getByRole('button', { name: 'Done' }).click();
      assert.equal(await page.getByRole('dialog').count(), 0);
    } finally {
      await done(opened);
    }
  });

  test('a tampered or cut link says what is wrong and opens the autosaved workspace instead', async () => {
    const opened = await openApp(env, { path: '?lesson=topics' });
    const { page, context } = opened;
    try {
      await page.locator('.narration').waitFor();
      await saved(page, /"title":"Topics"/);
      const lesson = await openApp(env, { path: '?lesson=rpc' });
      await lesson.page.getByRole('button', { name: 'Share' }).click();
      const link = await lesson.page.locator('.share-link').inputValue();
      await done(lesson);
      const data = link.split('#s=')[1];
      const i = Math.floor(data.length / 2);
      const changed = data.slice(0, i) + (data[i] === 'A' ? 'B' : 'A') + data.slice(i + 1);
      for (const [fragment, why] of [
        [`#s=${changed}`, /damaged or cut short|invalid scenario|not text/],
        [`#s=${data.slice(0, -9)}`, /cut short|damaged/],
        [`#s=${data.slice(0, 40)}!${data.slice(41)}`, /character '!' at position 40/],
      ]) {
        const tab = await openApp(env, { context, path: fragment });
        try {
          const b = banner(tab.page, 'link');
          await b.waitFor();
          assert.match(await b.locator('.banner-title').textContent(), /^The share link could not be opened: your autosaved workspace is open instead\.$/);
          assert.match(await b.locator('.banner-lines').textContent(), why);
          assert.equal(await tab.page.locator('.narration-lesson').textContent(), 'Topics', 'the autosave is open');
          if (why.source.includes('!')) await shot(tab.page, 'share-link-tampered');
        } finally {
          await tab.page.close();
        }
      }
      // A link pasted into the address of the open page opens as an undoable step.
      await page.evaluate((d) => { location.hash = `#s=${d}`; }, data);
      await page.waitForFunction(() => document.querySelector('.narration-lesson')?.textContent === 'RPC');
      assert.equal(new URL(page.url()).hash, '');
      const b = banner(page, 'link');
      assert.match(await b.textContent(), /Opened the shared scenario\. Undo brings back what you had\./);
      await b.getByRole('button', { name: 'Undo' }).click();
      await page.waitForFunction(() => document.querySelector('.narration-lesson')?.textContent === 'Topics');
      await page.evaluate((d) => { location.hash = `#s=${d}`; }, changed);
      await page.waitForFunction(() => /your workspace is unchanged/.test(document.querySelector('.banner[data-topic="link"]')?.textContent));
      assert.equal(await page.locator('.narration-lesson').textContent(), 'Topics');
    } finally {
      await done(opened);
    }
  });
});

describe('autosave', () => {
  test('a reload restores the workspace exactly, clock speed included', async () => {
    const opened = await openApp(env);
    const { page } = opened;
    try {
      const q = await dragFromPalette(page, 'queue', 400, 300);
      await dragFromPalette(page, 'producer', 120, 300);
      await setSpeed(page, 0.25);
      await saved(page, /"speed":0\.25/);
      const before = await exported(page);
      await page.reload();
      await page.locator(`[data-node-id="${q}"]`).waitFor();
      assert.equal(await page.locator('.banner').count(), 0, 'nothing to report');
      assert.deepEqual(await exported(page), before);
      assert.equal(await page.locator('.clock-speed-value').textContent(), '0.25×');
    } finally {
      await done(opened);
    }
  });

  test('a damaged saved copy is set aside under its own key and reported once', async () => {
    const opened = await openApp(env);
    const { page } = opened;
    try {
      const damaged = '{"warren_autosave": 1, "tab": "x", "scenario": {"warren": 1, "queues": [{"id": "q", "name": 7}]}}';
      await page.evaluate((d) => {
        localStorage.setItem('warren.workspace', d);
        sessionStorage.removeItem('warren.workspace');
      }, damaged);
      await page.reload();
      const b = banner(page, 'saved');
      await b.waitFor();
      assert.equal(await b.getAttribute('role'), 'alert');
      const title = await b.locator('.banner-title').textContent();
      assert.match(title, /^The autosaved workspace could not be read, so it was not opened\. It was kept in this browser's storage under the key “warren\.workspace\.damaged\.local\.\d+”\.$/);
      assert.match(await b.locator('.banner-lines').textContent(), /^at scenario\.queues\[0\]\.name: invalid type: integer `7`, expected a string/);
      const key = title.match(/“(.+)”/)[1];
      assert.equal(await page.evaluate((k) => localStorage.getItem(k), key), damaged, 'kept as it was');
      assert.equal(await page.evaluate(() => localStorage.getItem('warren.workspace')), null);
      assert.deepEqual(await nodeIds(page), ['default']);
      await shot(page, 'autosave-damaged');
      const [file] = await Promise.all([page.waitForEvent('download'), b.getByRole('button', { name: 'Download it' }).click()]);
      assert.equal(readFileSync(await file.path(), 'utf8'), damaged);
      await page.reload();
      await page.locator('[data-node-id="default"]').waitFor();
      assert.equal(await page.locator('.banner').count(), 0, 'reported once');
    } finally {
      await done(opened);
    }
  });

  test('two tabs: a new tab opens the latest copy; a tab offers another tab\'s newer copy; each reload keeps its own', async () => {
    const a = await openApp(env);
    const { context } = a;
    try {
      const q = await dragFromPalette(a.page, 'queue', 400, 250);
      await saved(a.page, new RegExp(`"id":"${q}"`));
      const b = await openApp(env, { context });
      await b.page.locator(`[data-node-id="${q}"]`).waitFor();
      const c = await dragFromPalette(b.page, 'consumer', 650, 250);
      const offer = banner(a.page, 'other-tab');
      await offer.waitFor();
      assert.match(await offer.textContent(), /Another tab saved a different workspace/);
      // A's own reload keeps A's workspace (this tab's copy).
      await a.page.reload();
      await a.page.locator(`[data-node-id="${q}"]`).waitFor();
      assert.equal(await a.page.locator(`[data-node-id="${c}"]`).count(), 0);
      // B saves again; A loads the newer copy.
      await dragFromPalette(b.page, 'producer', 150, 250);
      await offer.waitFor();
      await offer.getByRole('button', { name: 'Load the newer copy' }).click();
      await a.page.locator(`[data-node-id="${c}"]`).waitFor();
      assert.deepEqual(await nodeIds(a.page), await nodeIds(b.page));
      assert.deepEqual(b.errors, []);
      await b.page.close();
    } finally {
      await done(a);
    }
  });

  test('a full storage is reported once, and the page keeps working', async () => {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    await context.addInitScript(() => {
      const set = Storage.prototype.setItem;
      Storage.prototype.setItem = function (key, value) {
        if (key === 'warren.workspace') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return set.call(this, key, value);
      };
    });
    const opened = await openApp(env, { context });
    const { page } = opened;
    try {
      await dragFromPalette(page, 'queue', 400, 250);
      const b = banner(page, 'autosave');
      await b.waitFor();
      assert.match(await b.locator('.banner-title').textContent(), /^Autosave failed: the browser's storage for this site is full\./);
      await dragFromPalette(page, 'queue', 600, 150);
      assert.equal(await page.locator('.banner').count(), 1);
      const [file] = await Promise.all([page.waitForEvent('download'), b.getByRole('button', { name: 'Export the scenario' }).click()]);
      assert.equal(JSON.parse(readFileSync(await file.path(), 'utf8')).queues.length, 2);
    } finally {
      await done(opened);
    }
  });
});

describe('the language switch', () => {
  test('the open lesson, the menus and the share dialog follow a switch to Chinese, the workspace stays', async () => {
    const opened = await openApp(env, { path: '?lesson=work-queues&lang=en' });
    const { page } = opened;
    try {
      await page.locator('.narration').waitFor();
      await page.getByRole('button', { name: 'Next step' }).click();
      const title = await page.locator('.narration-title').textContent();
      const nodes = await nodeIds(page);
      await page.getByRole('button', { name: '中文' }).click();
      // The Chinese texts are fetched the first time.
      await page.locator('html[lang="zh"]').waitFor();
      assert.equal(await page.locator('.narration-count').textContent(), '第 2 步，共 3 步', 'the same step, in Chinese');
      assert.notEqual(await page.locator('.narration-title').textContent(), title);
      assert.deepEqual(await nodeIds(page), nodes, 'the workspace is as it was');
      assert.equal(await page.locator('.lesson-menu .menu-button').textContent(), '课程▾');
      await page.getByRole('button', { name: '分享' }).click();
      const dialog = page.getByRole('dialog', { name: '分享链接' });
      assert.match(await dialog.locator('.share-embed-code').inputValue(), /^<iframe src="[^"]*\/embed\.html\?lang=zh#s=/);
      await shot(page, 'share-dialog-zh');
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'English' }).click();
      assert.equal(await page.locator('.narration-title').textContent(), title, 'and back');
    } finally {
      await done(opened);
    }
  });
});
