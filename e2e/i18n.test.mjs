// Warren in Chinese and English: the language from `?lang=`, from the
// browser's `navigator.languages`, and from the header's switch (without
// losing the workspace, remembered on reload), and Chinese text where a
// learner reads it: the header, a lesson's narration, a 404 refusal
// callout, an event-log explanation and an import warning. AMQP names and
// RabbitMQ's own reply texts stay as they are. Screenshots in both
// languages and themes, and a phone-sized window.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ROOT, attached, dragFromPalette, nodeIds, openApp, shot, useBrowser, waitForText } from './helpers.mjs';

const env = useBrowser();
const CJK = /[\u4e00-\u9fff]/;

/** Waits until the locator's text has Chinese characters, and returns it. */
async function chinese(locator, timeout = 15_000) {
  return waitForText(locator, CJK, timeout);
}

async function done({ context, errors }) {
  await context.close();
  assert.deepEqual(errors, [], 'no console errors');
}

/**
 * A scenario whose producer is refused with 404: its exchange's name is
 * reserved (403), so it is never declared, and publishing to it finds no
 * exchange.
 */
const REFUSED = {
  warren: 2,
  exchanges: [{ id: 'x', name: 'amq.mine', type: 'fanout', x: 260, y: 300 }],
  queues: [{ id: 'q', name: 'orders', x: 560, y: 300 }],
  bindings: [{ from: 'x', to: 'q', routing_key: '' }],
  producers: [
    { id: 'p', name: 'app', exchange: 'x', message: { routing_key: '', body: 'hi' }, schedule: { kind: 'every', every_ms: 500, start_ms: 100 }, x: 40, y: 300 },
  ],
};

describe('languages', () => {
  test('?lang=zh: the header, <html lang>, and a lesson narration in Chinese', async () => {
    const opened = await openApp(env, { path: '?lang=zh&lesson=routing' });
    const { page } = opened;
    try {
      assert.equal(await page.locator('html').getAttribute('lang'), 'zh');
      await chinese(page.locator('header .tagline'));
      assert.equal(await page.locator('.lang-switch').getAttribute('data-lang'), 'zh');
      assert.equal((await page.locator('.lang-switch').textContent()).trim(), 'English', 'the switch offers the other language');
      const narration = await chinese(page.locator('.narration'));
      assert.match(narration, /direct_logs|error|disk|screen/, 'names stay as they are');
      await shot(page, 'zh-lesson-light');
    } finally {
      await done(opened);
    }
  });

  test('a Chinese browser gets Chinese; the switch changes it without losing the canvas and is remembered', async () => {
    const opened = await openApp(env, { locale: 'zh-CN' });
    const { page } = opened;
    try {
      assert.equal(await page.locator('html').getAttribute('lang'), 'zh');
      await chinese(page.locator('header .tagline'));
      const q = await dragFromPalette(page, 'queue', 560, 260);
      const before = await nodeIds(page);
      await page.locator('.lang-switch', { hasText: 'English' }).click();
      await waitForText(page.locator('header .tagline'), /^A RabbitMQ playground/);
      assert.equal(await page.locator('html').getAttribute('lang'), 'en');
      assert.deepEqual(await nodeIds(page), before, 'the canvas is as it was');
      assert.ok(before.includes(q));
      // Remembered: a reload (same browser) stays in English, though the browser says Chinese.
      await page.reload({ waitUntil: 'load' });
      await page.locator('[data-node-id="default"]').waitFor({ timeout: 30_000 });
      await waitForText(page.locator('header .tagline'), /^A RabbitMQ playground/);
      await page.locator('.lang-switch', { hasText: '中文' }).click();
      await chinese(page.locator('header .tagline'));
      assert.equal(await page.locator('html').getAttribute('lang'), 'zh');
    } finally {
      await done(opened);
    }
  });

  test('Chinese explanations: a 404 refusal callout, an event-log route explanation, an import warning', async () => {
    const opened = await openApp(env, { path: '?lang=zh', colorScheme: 'dark' });
    const { page } = opened;
    try {
      const loaded = await page.evaluate((s) => window.warren.load(s), REFUSED);
      assert.equal(loaded.ok, true, JSON.stringify(loaded));
      await page.evaluate(() => window.warren.advance(600));
      const callout = page.locator('.error-callout[data-error-for="p"]');
      const text = await waitForText(callout, /404 NOT_FOUND/);
      assert.match(text, /no exchange 'amq\.mine' in vhost '\/'/, "RabbitMQ's own text is verbatim");
      assert.match(text, CJK, `the explanation is in Chinese: ${text}`);
      await shot(page, 'zh-refusal-dark');

      // A lesson's routing decision, opened in the log.
      await page.goto(new URL('?lang=zh&lesson=routing', env.server.url).href, { waitUntil: 'load' });
      await page.locator('[data-node-id="default"]').waitFor({ timeout: 30_000 });
      await page.locator('.clock-play').click();
      const entry = page.locator('.log-entry:has(summary)').first();
      await entry.waitFor({ timeout: 15_000 });
      assert.match(await entry.locator('.log-text').textContent(), CJK, 'the log sentence is in Chinese');
      await entry.locator('summary').click();
      const why = await chinese(entry.locator('.route-detail'));
      assert.match(why, /direct_logs|disk|screen|info|error|warning/, 'names and keys stay as they are');
      await page.locator('.clock-play').click();
      await shot(page, 'zh-log-dark');

      // A definitions import with warnings.
      const fixture = join(ROOT, 'tests/fixtures/definitions/management-ae-dlx-policies.json');
      await page.locator('input[data-import="definitions"]').setInputFiles(fixture);
      const banner = page.locator('.banner[data-topic="file"]');
      await banner.waitFor();
      await chinese(banner.locator('.banner-title'));
      await chinese(banner.locator('.banner-lines'));
      await shot(page, 'zh-import-dark');
    } finally {
      await done(opened);
    }
  });

  test('Chinese layout holds: the header on one row at 1280 px in both languages, and a phone-sized window', async () => {
    for (const [lang, colorScheme] of [['zh', 'light'], ['zh', 'dark'], ['en', 'light']]) {
      const opened = await openApp(env, { path: `?lang=${lang}`, colorScheme });
      const { page } = opened;
      try {
        if (lang === 'zh') await chinese(page.locator('header .tagline'));
        const oneRow = await page.locator('.app-header').evaluate((h) => {
          const boxes = [...h.children].filter((c) => c.offsetParent !== null).map((c) => c.getBoundingClientRect());
          return Math.max(...boxes.map((b) => b.top)) < Math.min(...boxes.map((b) => b.bottom));
        });
        assert.ok(oneRow, 'the header stays one row at 1280 px');
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
        assert.equal(overflow, false, 'nothing overflows the window');
        await shot(page, `${lang}-playground-${colorScheme}`);
      } finally {
        await done(opened);
      }
    }
    const phone = await openApp(env, { path: '?lang=zh', viewport: { width: 390, height: 844 }, hasTouch: true });
    try {
      await chinese(phone.page.locator('header .tagline').or(phone.page.locator('.phone-tabs')).first());
      const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
      assert.equal(overflow, false, 'nothing overflows the phone window');
      await attached(phone.page.locator('.phone-tabs'));
      await shot(phone.page, 'zh-phone');
    } finally {
      await done(phone);
    }
  });

  test('the Chinese texts are a file of their own: not fetched for an English page, fetched once for a Chinese one', async () => {
    const catalogues = (context) => {
      const urls = [];
      context.on('request', (r) => {
        if (/\.catalogue$/.test(new URL(r.url()).pathname)) urls.push(new URL(r.url()).pathname);
      });
      return urls;
    };
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    const fetched = catalogues(context);
    const english = await openApp(env, { context, path: '?lang=en' });
    try {
      assert.deepEqual(fetched, [], 'an English page fetches no catalogue');
      await english.page.locator('.lang-switch').click();
      await chinese(english.page.locator('header .tagline'));
      assert.equal(fetched.length, 1, `the switch fetched the Chinese texts once: ${fetched}`);
      assert.match(fetched[0], /^\/zh-[0-9a-f]{16}\.catalogue$/, 'named with a hash of its contents');
      await english.page.locator('.lang-switch').click();
      await waitForText(english.page.locator('header .tagline'), /RabbitMQ playground/);
      await english.page.locator('.lang-switch').click();
      await chinese(english.page.locator('header .tagline'));
      assert.equal(fetched.length, 1, 'and not again');
    } finally {
      await done(english);
    }
  });

  test('Chinese texts that cannot be fetched: the page opens in English and says why; the switch says so too', async () => {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    await context.route(/\.catalogue$/, (route) => route.fulfill({ status: 503, body: 'unavailable' }));
    const opened = await openApp(env, { context, path: '?lang=zh' });
    const { page } = opened;
    try {
      const banner = page.locator('.banner[data-topic="language"]');
      await banner.waitFor();
      assert.match(await banner.textContent(), /The Chinese texts could not be loaded \(zh-[0-9a-f]{16}\.catalogue: HTTP 503\), so Warren stays in English\. 中文界面文字未能加载/);
      assert.match(await page.locator('header .tagline').textContent(), /RabbitMQ playground/, 'the page is in English');
      assert.equal(await page.locator('html').getAttribute('lang'), 'en');
      assert.equal(await page.locator('[data-node-id="default"]').count(), 1, 'and works');
      await banner.getByRole('button', { name: 'Dismiss' }).click();
      await banner.waitFor({ state: 'detached' });
      await page.locator('.lang-switch').click();
      await banner.waitFor();
      assert.equal(await page.locator('.lang-switch').getAttribute('data-lang'), 'en', 'still English');
      assert.equal(await page.locator('.lang-switch').isEnabled(), true, 'the switch can be tried again');
      await shot(page, 'zh-unavailable');
    } finally {
      opened.errors.splice(0, opened.errors.length, ...opened.errors.filter((e) => !/503|Failed to load resource/.test(e)));
      await done(opened);
    }
  });
});
