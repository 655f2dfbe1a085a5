// End-to-end against a real RabbitMQ 3.10.8 (scripts/broker-e2e.sh starts
// the node with scripts/rabbitmq-node.sh and runs this file): connecting
// through the management API, each error a user can hit, deploying a
// lesson, and the check of every lesson against the broker.
//
// Environment (set by scripts/broker-e2e.sh): WARREN_E2E_PORT (the page's
// port, the origin the node's CORS allows), RABBITMQ_MGMT_PORT,
// RABBITMQ_AMQP_PORT, RABBITMQ_CTL.

import assert from 'node:assert/strict';
import { execSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import { serveStatic } from '../server.mjs';
import { DIST, ROOT, SHOTS } from '../helpers.mjs';

const need = ['WARREN_E2E_PORT', 'RABBITMQ_MGMT_PORT', 'RABBITMQ_AMQP_PORT', 'RABBITMQ_CTL'];
for (const n of need) assert.ok(process.env[n], `${n} is not set: run this file through scripts/broker-e2e.sh`);
const MGMT = `http://127.0.0.1:${process.env.RABBITMQ_MGMT_PORT}`;
const ctl = (args) => execSync(`${process.env.RABBITMQ_CTL} ${args}`, { encoding: 'utf8' });
const LESSONS = readdirSync(join(ROOT, 'src', 'lessons')).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5));

const env = {};

async function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

before(async () => {
  env.server = await serveStatic(DIST, Number(process.env.WARREN_E2E_PORT));
  env.other = await serveStatic(DIST, 0);
  env.browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
});

after(async () => {
  await env.browser?.close();
  await env.server?.close();
  await env.other?.close();
});

async function open(base, path = '', colorScheme = 'light') {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto(new URL(path, base).href);
  await page.locator('[data-node-id="default"]').waitFor({ timeout: 30_000 });
  return { context, page };
}

const connect = (page, settings) => page.evaluate((s) => window.warren.connectBroker(s), settings);
const GUEST = { url: MGMT, user: 'guest', password: 'guest', vhost: '/' };

test('connects and counts the vhost; disconnects', async () => {
  const { context, page } = await open(env.server.url);
  const r = await connect(page, GUEST);
  assert.equal(r.ok, true, JSON.stringify(r));
  assert.equal(r.vhost, '/');
  assert.ok(r.exchanges >= 7, 'the built-in exchanges are listed');
  assert.ok(r.vhosts.includes('/'));
  assert.equal(r.administrator, true);
  assert.deepEqual(await page.evaluate(() => window.warren.disconnectBroker()), { ok: true });
  const d = await page.evaluate(() => window.warren.deployToBroker({ dryRun: true }));
  assert.equal(d.code, 'not_connected');
  await context.close();
});

test('errors say what is wrong and what to do', async () => {
  const { context, page } = await open(env.server.url);
  const wrong = await connect(page, { ...GUEST, password: 'nope' });
  assert.equal(wrong.code, 'login_failed', JSON.stringify(wrong));
  const off = await connect(page, { ...GUEST, url: `http://127.0.0.1:${await freePort()}` });
  assert.equal(off.code, 'unreachable', JSON.stringify(off));
  assert.ok(off.advice.includes('rabbitmq-plugins enable rabbitmq_management'));
  const amqp = await connect(page, { ...GUEST, url: `http://127.0.0.1:${process.env.RABBITMQ_AMQP_PORT}` });
  assert.ok(['unreachable', 'timed_out'].includes(amqp.code), `the AMQP port is not the management API: ${JSON.stringify(amqp)}`);
  ctl('add_user warren-plain plain-pw');
  try {
    const plain = await connect(page, { ...GUEST, user: 'warren-plain', password: 'plain-pw' });
    assert.equal(plain.code, 'no_management_access', JSON.stringify(plain));
    assert.ok(plain.advice.includes('rabbitmqctl set_user_tags warren-plain management'));
    ctl('set_user_tags warren-plain management');
    ctl('set_permissions -p / warren-plain ".*" ".*" ".*"');
    const ok = await connect(page, { ...GUEST, user: 'warren-plain', password: 'plain-pw' });
    assert.equal(ok.ok, true, JSON.stringify(ok));
    const check = await page.evaluate(() => window.warren.checkAgainstBroker());
    assert.equal(check.code, 'not_administrator', JSON.stringify(check));
    assert.ok(check.advice.includes('rabbitmqctl set_user_tags warren-plain administrator'));
  } finally {
    ctl('delete_user warren-plain');
  }
  const novhost = await connect(page, { ...GUEST, vhost: 'no-such-vhost' });
  assert.equal(novhost.code, 'no_such_vhost');
  const bad = await connect(page, { ...GUEST, url: 'amqp://127.0.0.1:5672' });
  assert.equal(bad.code, 'bad_url');
  await context.close();
  // A page from an origin the broker's CORS settings do not list.
  const other = await open(env.other.url);
  const cors = await connect(other.page, GUEST);
  assert.equal(cors.code, 'cors', JSON.stringify(cors));
  const origin = new URL(env.other.url).origin;
  assert.ok(cors.advice.includes(`management.cors.allow_origins.1 = ${origin}`), JSON.stringify(cors.advice));
  await other.context.close();
});

test('deploys a lesson: preview, send, then everything is the same', async () => {
  ctl('add_vhost warren-deploy');
  ctl('set_permissions -p warren-deploy guest ".*" ".*" ".*"');
  const { context, page } = await open(env.server.url, '?lesson=routing');
  try {
    assert.equal((await connect(page, { ...GUEST, vhost: 'warren-deploy' })).ok, true);
    const preview = await page.evaluate(() => window.warren.deployToBroker({ dryRun: true }));
    assert.equal(preview.ok, true, JSON.stringify(preview));
    assert.ok(preview.create.length >= 4, JSON.stringify(preview));
    assert.deepEqual(preview.conflicts, []);
    const sent = await page.evaluate(() => window.warren.deployToBroker({ dryRun: false }));
    assert.equal(sent.ok, true, JSON.stringify(sent));
    assert.ok(sent.results.every((r) => r.ok));
    const bindings = ctl('list_bindings -p warren-deploy source_name destination_name routing_key --silent');
    const fromLesson = bindings.split('\n').filter((l) => l.trim() && !l.startsWith('\t'));
    assert.ok(fromLesson.some((l) => /^direct_logs\s/.test(l) || l.includes('direct')), bindings);
    const again = await page.evaluate(() => window.warren.deployToBroker({ dryRun: true }));
    assert.deepEqual(again.create, [], 'a second deploy creates nothing');
    assert.equal(again.same.length, preview.create.length);
    // A queue the broker has with other settings is a 406, not sent.
    ctl('delete_queue -p warren-deploy ' + sent.results.find((r) => r.kind === 'queue').name);
    const q = sent.results.find((r) => r.kind === 'queue').name;
    execSync(
      `curl -sf -u guest:guest -X PUT -H 'content-type: application/json' -d '{"durable":true,"arguments":{"x-max-length":1}}' ${MGMT}/api/queues/warren-deploy/${encodeURIComponent(q)}`,
    );
    const conflict = await page.evaluate(() => window.warren.deployToBroker({ dryRun: true }));
    assert.equal(conflict.conflicts.length, 1, JSON.stringify(conflict));
    assert.equal(conflict.conflicts[0].code, 406);
    assert.match(conflict.conflicts[0].text, /PRECONDITION_FAILED - inequivalent arg/);
  } finally {
    await context.close();
    ctl('delete_vhost warren-deploy');
  }
});

test('every lesson checked against the broker: every probe agrees, no vhost left behind', async () => {
  for (const slug of LESSONS) {
    const { context, page } = await open(env.server.url, `?lesson=${slug}`);
    assert.equal((await connect(page, GUEST)).ok, true);
    const r = await page.evaluate(() => window.warren.checkAgainstBroker());
    assert.equal(r.ok, true, `${slug}: ${JSON.stringify(r)}`);
    assert.ok(r.probes.length > 0, slug);
    const differ = r.probes.filter((p) => !p.agree);
    assert.equal(r.differences, 0, `${slug}: ${JSON.stringify(differ.slice(0, 5))}`);
    assert.ok(r.probes.some((p) => p.broker.length > 0), `${slug}: some probe reaches a queue`);
    await context.close();
  }
  const vhosts = ctl('list_vhosts --silent');
  assert.ok(!vhosts.includes('warren-check-'), vhosts);
});
