// Work that survives: a reload keeps the pots, their history and the person's own files;
// scenarios save to a file and open again (a changed or wrong file is refused clearly);
// "Start over" and switching samples ask first.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { test } from 'node:test';
import { ROOT, durhamLines, homeOfficeLines } from '../support/oracle.mjs';
import { onAFreshPageEachTest, regionsOf } from '../support/page.mjs';

let page;
let errors;
onAFreshPageEachTest((fresh, pageErrors) => {
  page = fresh;
  errors = pageErrors;
});

const { pot, map, summary } = regionsOf(() => page);

/** Waits until the page says every change is saved, and the saved work contains `text`. */
async function savedContains(text) {
  await page.waitForFunction(() => {
    const state = document.querySelector('.save-state');
    return state && state.dataset.changeGeneration !== '0' && state.dataset.changeGeneration === state.dataset.savedGeneration;
  });
  await page.waitForFunction(
    (wanted) =>
      new Promise((resolve) => {
        const open = indexedDB.open('grantpool', 1);
        open.onsuccess = () => {
          try {
            // The work record, and the person's own place kept apart from it.
            const store = open.result.transaction('work').objectStore('work');
            const work = store.get('work');
            const place = store.get('place');
            // The place is a binary record (in a Blob); its strings are UTF-8 within it.
            const text = async (v) => (v instanceof Blob ? v.text() : String(v ?? ''));
            place.onsuccess = async () => resolve((await Promise.all([work.result, place.result].map(text))).some((t) => t.includes(wanted)));
            place.onerror = () => resolve(false);
          } catch {
            resolve(false);
          }
        };
        open.onerror = () => resolve(false);
      }),
    text,
    { timeout: 10_000 },
  );
}

async function poolHomeOffice() {
  await page.getByRole('button', { name: 'New pot' }).click();
  await map().getByRole('checkbox', { name: 'Home Office' }).check();
  await page.getByRole('button', { name: /^Move \d+ selected lines$/ }).click();
  await pot('Pot 1').getByText(`${homeOfficeLines()} lines from 1 funder`).waitFor();
}

test('a reload keeps the pots and their undo history', async () => {
  await poolHomeOffice();
  await savedContains('MoveLines');
  await page.reload();
  await pot('Pot 1').getByText(`${homeOfficeLines()} lines from 1 funder`).waitFor();
  assert.equal(await map().getByRole('checkbox', { name: 'Home Office' }).count(), 0);
  await page.getByRole('button', { name: 'Undo' }).click();
  await pot('Pot 1').getByText('0 lines from 0 funders').waitFor();
  assert.deepEqual(errors, []);
});

test('a reload keeps the person’s own files, fixes included', async () => {
  await page.getByLabel('Choose files…').setInputFiles(`${ROOT}tests/e2e/fixtures/bad-rows.csv`);
  await page.getByRole('button', { name: 'Import “bad-rows.csv”' }).click();
  await summary().filter({ hasText: 'bad-rows.csv' }).waitFor();
  const fix = page.getByLabel('New Amount (£) for row 3 of “bad-rows.csv”');
  await fix.fill('7250');
  await fix.press('Enter');
  await summary().filter({ hasText: '4 funding lines' }).waitFor();
  await savedContains('bad-rows.csv');

  // A change to the pots saves the small work record, not the place (its lines) again.
  await page.evaluate(() => {
    window.stored = [];
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (value, key) {
      const text = ArrayBuffer.isView(value) ? new TextDecoder().decode(value) : String(value);
      window.stored.push([key, text.includes('Go North East')]);
      return put.call(this, value, key);
    };
  });
  await page.getByRole('button', { name: 'New pot' }).click();
  await savedContains('CreatePot');
  assert.deepEqual(await page.evaluate(() => window.stored), [['work', false]]);

  const before = await summary().innerText();
  await page.reload();
  await summary().filter({ hasText: 'bad-rows.csv' }).waitFor();
  assert.equal(await summary().innerText(), before);
  assert.equal(await page.getByLabel('Data shown').inputValue(), 'own-files');
  assert.equal(await page.getByTestId('figure-total').innerText(), '£57,750');
  await pot('Pot 1').waitFor();
});

test('damaged saved work is refused with its reason and kept aside, never overwritten', async () => {
  await page.getByLabel('Choose files…').setInputFiles(`${ROOT}tests/e2e/fixtures/bad-rows.csv`);
  await page.getByRole('button', { name: 'Import “bad-rows.csv”' }).click();
  await summary().filter({ hasText: 'bad-rows.csv' }).waitFor();
  await savedContains('bad-rows.csv');
  // Change one byte of the saved place (kept as a Blob), as a damaged disk or a hand edit might.
  const damaged = await page.evaluate(async () => {
    const store = (mode) =>
      new Promise((resolve) => {
        const open = indexedDB.open('grantpool', 1);
        open.onsuccess = () => resolve(open.result.transaction('work', mode).objectStore('work'));
      });
    const asked = async (request) => new Promise((resolve, reject) => Object.assign(request, { onsuccess: () => resolve(request.result), onerror: reject }));
    const saved = await asked((await store('readonly')).get('place'));
    if (!(saved instanceof Blob)) throw new Error(`the place is kept as ${Object.prototype.toString.call(saved)}, not a Blob`);
    const bytes = new Uint8Array(await saved.arrayBuffer());
    bytes[bytes.length - 3] ^= 0x55;
    await asked((await store('readwrite')).put(new Blob([bytes]), 'place'));
    return Array.from(bytes);
  });
  await page.reload();
  await page
    .getByRole('log', { name: 'Messages' })
    .getByText(/could not be opened: it has been changed since it was saved \(its checksum does not match\)\. It is kept aside in this browser, not overwritten; starting afresh\./)
    .waitFor();
  const aside = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const open = indexedDB.open('grantpool', 1);
        open.onsuccess = () => {
          const read = open.result.transaction('work').objectStore('work').get('place-damaged');
          read.onsuccess = () => resolve(Array.from(read.result));
        };
      }),
  );
  assert.deepEqual(aside, damaged);
  await page.getByTestId('figure-lines').waitFor();
  assert.deepEqual(errors, []);
});

test('a scenario saves to a file and opens again; a changed or wrong file is refused', async () => {
  await poolHomeOffice();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Save scenarios (JSON)' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^grantpool-scenario-durham-illustrative-\d{4}-\d{2}-\d{2}\.json$/);
  const path = `${tmpdir()}/scenario-${process.pid}.json`;
  await download.saveAs(path);
  const saved = JSON.parse(readFileSync(path, 'utf8'));
  assert.equal(saved.format, 'grantpool-scenario');
  assert.equal(saved.version, 4);
  assert.match(saved.scenarios[0].scenario.assignment, /^each:/, "each line's pot, written compactly");
  assert.deepEqual(saved.view, { place: 'All', year: 'All' }, 'the place and year shown are kept');
  assert.equal(saved.place.lines.toLocaleString('en-GB'), durhamLines());
  assert.deepEqual(saved.scenarios.map((s) => s.name), ['Scenario 1'], 'every scenario of the place');
  assert.equal(saved.scenarios[0].scenario.pots[0].name, 'Pot 1');

  // Back to no pots, then open the file.
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByRole('button', { name: 'Undo' }).click();
  await pot('Pot 1').waitFor({ state: 'detached' });
  const openScenario = page.getByLabel('Open scenario…');
  await openScenario.setInputFiles(path);
  await pot('Pot 1').getByText(`${homeOfficeLines()} lines from 1 funder`).waitFor();
  await page.getByText(/Opened “scenario-\d+\.json”: 1 scenario\./).waitFor();

  const tampered = `${tmpdir()}/tampered-${process.pid}.json`;
  writeFileSync(tampered, readFileSync(path, 'utf8').replace('"Pot 1"', '"Pot one"'));
  await openScenario.setInputFiles(tampered);
  await page.getByText(/could not be opened: it has been changed since it was saved.*Your pots are unchanged\./).waitFor();
  await pot('Pot 1').waitFor();

  await openScenario.setInputFiles({ name: 'grants.json', mimeType: 'application/json', buffer: Buffer.from('{"grants": []}') });
  await page.getByText(/“grants\.json” could not be opened: it is not a grantpool scenario file/).waitFor();
  assert.deepEqual(errors, []);
});

test('switching samples and starting over ask first', async () => {
  await poolHomeOffice();
  page.once('dialog', (dialog) => dialog.dismiss());
  await page.getByLabel('Data shown').selectOption('ggis-awards-2016-17');
  await pot('Pot 1').getByText(`${homeOfficeLines()} lines from 1 funder`).waitFor();
  assert.equal(await page.getByLabel('Data shown').inputValue(), 'durham-illustrative');

  page.once('dialog', (dialog) => dialog.dismiss());
  await page.getByRole('button', { name: 'Start over' }).click();
  await pot('Pot 1').waitFor();

  page.once('dialog', (dialog) => dialog.accept());
  await page.getByRole('button', { name: 'Start over' }).click();
  await pot('Pot 1').waitFor({ state: 'detached' });
  await page.getByText('Started over').waitFor();
  await page.reload();
  await page.getByTestId('figure-lines').waitFor();
  assert.equal(await pot('Pot 1').count(), 0);
  assert.deepEqual(errors, []);
});

test('a large place restored shows its first chart before the charts below it, then draws every one', async () => {
  // 30,000 lines: a large place (20,000 lines or more), whose charts below the first screen are
  // drawn each in its turn when the place is first shown.
  const header = 'Identifier,Funding Org:Name,Recipient Org:Name,Amount Awarded,Ringfenced';
  const lines = 30_000;
  const csv = [header, ...Array.from({ length: lines }, (_, i) => `G-${i},Funder ${i % 30},Recipient ${i % 900},${(i % 500) + 1},${i % 4 ? 'Yes' : 'No'}`)].join('\n');
  const pounds = Array.from({ length: lines }, (_, i) => (i % 500) + 1).reduce((sum, p) => sum + p, 0);
  await page.getByLabel('Choose files…').setInputFiles({ name: 'large.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('region', { name: 'Column mapping' }).getByRole('button', { name: 'Import “large.csv”' }).click();
  await summary().filter({ hasText: 'large.csv' }).waitFor();
  await savedContains('large.csv');
  // From the page's first script on, note the charts after every change to the page: drawn, or
  // waiting their turn.
  await page.addInitScript(() => {
    window.frames_seen = [];
    const look = () => {
      const drawn = [...document.querySelectorAll('figure.chart')].filter((f) => f.querySelector('canvas[data-drawn="true"]')).map((f) => f.id);
      const waiting = [...document.querySelectorAll('figure.chart')].filter((f) => f.querySelector('.chart-waiting')).map((f) => f.id);
      if (drawn.length || waiting.length) window.frames_seen.push({ drawn, waiting });
    };
    new MutationObserver(look).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-drawn'] });
  });
  await page.reload();
  await summary().filter({ hasText: 'large.csv' }).waitFor();
  await page.locator('.workspace[data-figures="settled"]').waitFor();
  await page.waitForFunction(() => document.querySelectorAll('.chart-waiting').length === 0);
  const seen = await page.evaluate(() => window.frames_seen);
  assert.ok(seen.some((frame) => frame.waiting.length > 0), 'some charts waited their turn');
  const early = seen.find((frame) => frame.drawn.includes('ringfenced-flexible-before-after') && frame.waiting.length > 0);
  assert.ok(early, `the first chart was drawn while others waited: ${JSON.stringify(seen.slice(0, 5))}`);
  assert.ok(early.waiting.includes('awards-by-length'), 'the last chart was among them');
  const top = ['ringfenced-flexible-before-after', 'ringfenced-flexible-by-funder'];
  assert.ok(!seen.some((frame) => frame.waiting.some((id) => top.includes(id))), 'the charts at the top never wait');
  // Every chart is drawn in the end, with its caption and its numbers.
  for (const figure of await page.locator('figure.chart').all()) {
    await figure.locator('canvas[data-drawn="true"]').waitFor();
    assert.equal(await figure.locator('table').count(), 1, await figure.getAttribute('id'));
  }
  assert.equal(await page.getByTestId('figure-total').innerText(), `£${pounds.toLocaleString('en-GB')}`);
  assert.deepEqual(errors, []);
});

test('a reload reads the saved work once, begun before the page’s WebAssembly has loaded', async () => {
  await poolHomeOffice();
  await savedContains('MoveLines');
  // Each read of the saved work, when the database was first opened, and when the WebAssembly
  // module was asked for.
  await page.addInitScript(() => {
    window.reads = [];
    const get = IDBObjectStore.prototype.get;
    IDBObjectStore.prototype.get = function (key) {
      window.reads.push(key);
      return get.call(this, key);
    };
    const open = IDBFactory.prototype.open;
    IDBFactory.prototype.open = function (...args) {
      window.firstOpen ??= performance.now();
      return open.apply(this, args);
    };
  });
  await page.reload();
  await pot('Pot 1').getByText(`${homeOfficeLines()} lines from 1 funder`).waitFor();
  const { reads, firstOpen, wasm } = await page.evaluate(() => ({
    reads: window.reads,
    firstOpen: window.firstOpen,
    wasm: performance.getEntriesByType('resource').find((entry) => entry.name.endsWith('.wasm'))?.startTime,
  }));
  assert.deepEqual(reads, ['work', 'place'], 'read once, not again by the app');
  assert.ok(firstOpen < wasm, `the read began at ${firstOpen} ms, before the WebAssembly was asked for at ${wasm} ms`);
  assert.deepEqual(errors, []);
});
