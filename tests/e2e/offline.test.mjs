// Installable and offline: after a first visit the page loads and every feature works with
// the network off (a service worker keeps the app and its samples), the page links a web app
// manifest, and a new build is offered as "A new version is ready" and loads on Reload.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { test } from 'node:test';
import { launch } from '../support/browser.mjs';
import { ROOT, durhamLines } from '../support/oracle.mjs';
import { regionsOf } from '../support/page.mjs';
import { serve } from '../support/server.mjs';

test('after a first visit the page works offline, and a new version is offered', async () => {
  // A copy of the build, so the test can publish a "new version" of it.
  const dir = mkdtempSync(`${tmpdir()}/grantpool-offline-`);
  cpSync(`${ROOT}dist`, dir, { recursive: true });
  const { server, url } = await serve(dir);
  const browser = await launch();
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const { summary } = regionsOf(() => page);
  const saved = () =>
    page.waitForFunction(() => {
      const state = document.querySelector('.save-state');
      return state && state.dataset.changeGeneration === state.dataset.savedGeneration;
    });
  try {
    await page.goto(url);
    await page.getByTestId('figure-lines').waitFor();
    const manifest = await page.locator('link[rel="manifest"]').getAttribute('href');
    const installable = JSON.parse(readFileSync(`${dir}/${manifest}`, 'utf8'));
    assert.equal(installable.short_name, 'grantpool');
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

    await context.setOffline(true);
    await page.reload();
    await page.getByTestId('figure-lines').filter({ hasText: durhamLines() }).waitFor();
    await page.locator('canvas[data-drawn="true"]').first().waitFor();
    // The other sample, a file of the person's own and pooling all work offline.
    await page.getByLabel('Data shown').selectOption('ggis-awards-2016-17');
    await page.getByTestId('figure-lines').filter({ hasText: '3,351' }).waitFor();
    page.once('dialog', (dialog) => dialog.accept());
    await page.getByLabel('Choose files…').setInputFiles(`${ROOT}tests/e2e/fixtures/bad-rows.csv`);
    await page.getByRole('button', { name: 'Import “bad-rows.csv”' }).click();
    await summary().filter({ hasText: 'bad-rows.csv' }).waitFor();
    await page.getByRole('button', { name: 'New pot' }).click();
    await page.getByRole('region', { name: 'Pot 1' }).waitFor();
    await saved();
    await page.reload();
    await summary().filter({ hasText: 'bad-rows.csv' }).waitFor();
    await context.setOffline(false);

    // A new build: the service worker changes, the page offers it, Reload loads it.
    writeFileSync(`${dir}/sw.js`, `${readFileSync(`${dir}/sw.js`, 'utf8')}\n// a new version\n`);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    const offer = page.getByRole('status').filter({ hasText: 'A new version is ready: reload to use it.' });
    await offer.waitFor();
    await saved();
    await Promise.all([page.waitForEvent('load'), offer.getByRole('button', { name: 'Reload' }).click()]);
    await summary().filter({ hasText: 'bad-rows.csv' }).waitFor();
    assert.equal(await offer.count(), 0, 'the new version is running');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await browser.close();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
