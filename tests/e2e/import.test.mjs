// Bringing a person's own files in through the real page: the file picker, a workbook,
// several files into one place, rows that need attention, duplicates, pasting, dropping,
// changing the column mapping, a ringfence rule, a broken file and the progress bar.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT, durhamLines } from '../support/oracle.mjs';
import { onAFreshPageEachTest, regionsOf } from '../support/page.mjs';

const fixture = (name) => `${ROOT}tests/fixtures/${name}`;
const e2eFixture = (name) => `${ROOT}tests/e2e/fixtures/${name}`;

let page;
let errors;
onAFreshPageEachTest((fresh, pageErrors) => {
  page = fresh;
  errors = pageErrors;
});

const chooseFiles = (files) => page.getByLabel('Choose files…').setInputFiles(files);
const { mapping, summary, attention } = regionsOf(() => page);

async function importShownFile(name) {
  await mapping().getByRole('button', { name: `Import “${name}”` }).click();
  await summary().filter({ hasText: name }).waitFor();
}

test('a CSV chosen with the file picker replaces the sample and is mapped, imported and totalled', async () => {
  await chooseFiles(fixture('trafford-council_voluntary-sector-grants.csv'));
  await mapping().waitFor();
  assert.equal(await mapping().getByLabel('Amount').locator('option:checked').innerText(), 'Amount Awarded');
  assert.equal(await mapping().getByLabel('Funder', { exact: true }).locator('option:checked').innerText(), 'Funding Org:Name');
  await importShownFile('trafford-council_voluntary-sector-grants.csv');
  assert.match(await summary().innerText(), /^555 funding lines from 1 file; 0 rows need attention; 0 rows skipped/);
  assert.equal(await page.getByTestId('figure-total').innerText(), '£1,291,436.54');
  assert.equal(await page.getByTestId('figure-lines').innerText(), '555');
  assert.equal(await page.getByLabel('Data shown').inputValue(), 'own-files');
  assert.match(await page.getByRole('log', { name: 'Messages' }).innerText(), /Imported “trafford-council_voluntary-sector-grants\.csv”: 555 funding lines, £1,291,436\.54/);
  await page.locator('canvas[data-drawn="true"]').first().waitFor();
  assert.deepEqual(errors, []);
});

test('a CSV in Windows-1252 and one whose lines end in CR alone are read whole in the worker, in full', async () => {
  // The import worker reads UTF-8 text as its slices arrive; these two it reads again, whole.
  const latin1 = Buffer.from('Funder,Recipient,Amount\nDfT,Café £ Trust,10.50\nMoJ,Seaham Youth Club,20\n', 'latin1');
  assert.equal(latin1.length, 72, 'é and £ are one byte each');
  await chooseFiles({ name: 'latin1.csv', mimeType: 'text/csv', buffer: latin1 });
  await importShownFile('latin1.csv');
  assert.match(await summary().innerText(), /^2 funding lines from 1 file; 0 rows need attention; 0 rows skipped/);
  assert.equal(await page.getByTestId('figure-total').innerText(), '£30.50');
  await page.getByText('Give a recipient a place').click();
  await page.getByLabel('Recipient with no place').waitFor();
  const recipients = await page.getByLabel('Recipient with no place').locator('option').allInnerTexts();
  assert.ok(recipients.some((text) => text.startsWith('Café £ Trust (1 funding line, £10.50')), recipients.join(' | '));
  const oldMac = Buffer.from('Funder,Recipient,Amount\rDfE,Durham School,100\rDfE,Seaham School,5.25\r');
  await chooseFiles({ name: 'old-mac.csv', mimeType: 'text/csv', buffer: oldMac });
  await importShownFile('old-mac.csv');
  assert.match(await summary().innerText(), /^4 funding lines from 2 files; 0 rows need attention; 0 rows skipped/);
  assert.equal(await page.getByTestId('figure-total').innerText(), '£135.75');
  assert.deepEqual(errors, []);
});

test('an XLSX workbook and a CSV load into one place, and the same file twice is refused', async () => {
  await chooseFiles(fixture('andrew-lloyd-webber-foundation_2011-2021_a003W000001B7PzQAK.xlsx'));
  await mapping().getByText('A workbook; column titles found on row 1.').waitFor();
  await importShownFile('andrew-lloyd-webber-foundation_2011-2021_a003W000001B7PzQAK.xlsx');
  assert.equal(await page.getByTestId('figure-total').innerText(), '£21,757,793.27');

  await chooseFiles(fixture('trafford-council_voluntary-sector-grants.csv'));
  await importShownFile('trafford-council_voluntary-sector-grants.csv');
  assert.match(await summary().innerText(), /^1,030 funding lines from 2 files;/);
  assert.equal(await page.getByTestId('figure-total').innerText(), '£23,049,229.81');

  await chooseFiles(fixture('trafford-council_voluntary-sector-grants.csv'));
  await page.getByText(/has the same contents as “trafford-council_voluntary-sector-grants\.csv”, which is already loaded/).waitFor();
  assert.equal(await mapping().count(), 0);
  assert.match(await summary().innerText(), /^1,030 funding lines from 2 files;/);
  assert.deepEqual(errors, []);
});

test('rows that cannot be read are listed with file, row, column and reason, then fixed or left out', async () => {
  await chooseFiles(e2eFixture('bad-rows.csv'));
  await importShownFile('bad-rows.csv');
  assert.match(
    await summary().innerText(),
    /^3 funding lines from 1 file; 3 rows need attention; 2 rows skipped \(blank or totals\); 0 left out by you\. Total £50,500\./,
  );
  const rows = await attention().locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 4).map((td) => td.innerText)),
  );
  assert.deepEqual(rows, [
    ['bad-rows.csv', '3', 'Amount (£)', '“TBC” is not an amount of money'],
    ['bad-rows.csv', '6', 'Amount (£)', 'row has only 2 cells but the header has 5'],
    ['bad-rows.csv', '9', 'Amount (£)', 'amount is blank'],
  ]);
  // Each says what the row is, from its own cells as the file has them.
  const what = await attention().locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.querySelector('.row-what').innerText));
  assert.deepEqual(what, [
    'Department for Transport · Bus Service Operators Grant · Arriva North East · amount “TBC”',
    'Department for Education · Holiday Activities · no amount',
    'Home Office · Safer Streets · Darlington Borough Council · no amount',
  ]);

  // A wrong fix is refused and says why; a right one becomes a funding line.
  const fixRow3 = page.getByLabel('New Amount (£) for row 3 of “bad-rows.csv”');
  await fixRow3.fill('still TBC');
  await fixRow3.press('Enter');
  await attention().getByRole('alert').filter({ hasText: '“still TBC” is not an amount of money' }).waitFor();
  await fixRow3.fill('£7,250');
  await fixRow3.press('Enter');
  await page.getByText('Fixed row 3 of “bad-rows.csv”: it is now a funding line.').waitFor();
  assert.match(await summary().innerText(), /^4 funding lines from 1 file; 2 rows need attention; .* Total £57,750\./);

  await page.getByRole('button', { name: 'Leave out row 6 of “bad-rows.csv”' }).click();
  await page.getByRole('button', { name: 'Leave out row 9 of “bad-rows.csv”' }).click();
  await summary().filter({ hasText: '0 rows need attention' }).waitFor();
  assert.match(await summary().innerText(), /^4 funding lines from 1 file; 0 rows need attention; 2 rows skipped \(blank or totals\); 2 left out by you\. Total £57,750\./);
  assert.match(await summary().innerText(), /bad-rows\.csv: 8 data rows → 4 funding lines \(£57,750\), 0 rows need attention, 2 left out, 2 skipped\./);
  assert.equal(await attention().count(), 0);
  // The only flexible line is a £2,000 clawback: flexible money is net negative, so counts as none.
  assert.equal(await page.getByTestId('figure-ringfenced-share').innerText(), '100.0%');

  // A row left out can be taken back: it needs attention again, and the books still balance.
  const leftOut = page.getByRole('region', { name: 'Rows left out' });
  assert.match(await leftOut.innerText(), /Row 9 of “bad-rows\.csv” \(amount is blank\): Home Office · Safer Streets · Darlington Borough Council · no amount\./);
  await leftOut.getByRole('button', { name: 'Take back row 9 of “bad-rows.csv”' }).click();
  await page.getByText('Took back row 9 of “bad-rows.csv”: it needs attention again.').waitFor();
  await summary().filter({ hasText: '1 row needs attention' }).waitFor();
  assert.match(await summary().innerText(), /^4 funding lines from 1 file; 1 row needs attention; 2 rows skipped \(blank or totals\); 1 left out by you\. Total £57,750\./);
  assert.equal(await attention().locator('tbody tr').count(), 1);
  assert.deepEqual(errors, []);
});

test('cells pasted from a spreadsheet and files dropped on the page are imported', async () => {
  const tsv = 'Funder\tRecipient\tAmount\tRingfenced\nDfE\tSeaham School\t1500\tYes\nDfT\tGo North East\t2500\tNo\n';
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, tsv);
  await mapping().getByRole('heading', { name: 'Check the columns of “Pasted cells 1.tsv”' }).waitFor();
  await importShownFile('Pasted cells 1.tsv');
  assert.equal(await page.getByTestId('figure-total').innerText(), '£4,000');

  const csv = readFileSync(e2eFixture('bad-rows.csv'), 'utf8');
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.items.add(new File([text], 'dropped.csv', { type: 'text/csv' }));
    document.body.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
    document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, csv);
  await importShownFile('dropped.csv');
  assert.match(await summary().innerText(), /^5 funding lines from 2 files;/);
  assert.equal(await page.getByTestId('figure-total').innerText(), '£54,500');
  assert.deepEqual(errors, []);
});

test('a column the app does not recognise can be chosen, and the choice is remembered', async () => {
  const csv = 'Giver,Who,Money in pounds\nDfE,Seaham School,100\nDfT,Go North East,200\n';
  await chooseFiles({ name: 'odd-columns.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await mapping().getByRole('alert').filter({ hasText: 'Choose the column that holds the amount' }).waitFor();
  const importButton = mapping().getByRole('button', { name: 'Import “odd-columns.csv”' });
  assert.equal(await importButton.isDisabled(), true);
  await mapping().getByLabel('Amount').selectOption({ label: 'Money in pounds' });
  await mapping().getByLabel('Funder', { exact: true }).selectOption({ label: 'Giver' });
  // Changing a choice with the keyboard keeps focus on that control (the form is not rebuilt).
  const recipient = mapping().getByLabel('Recipient', { exact: true });
  await recipient.focus();
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'map-recipient');
  await recipient.selectOption({ label: 'Who' });
  assert.equal(await mapping().getByLabel('Funder', { exact: true }).locator('option:checked').innerText(), 'Giver');
  await importButton.click();
  await summary().filter({ hasText: 'odd-columns.csv' }).waitFor();
  assert.equal(await page.getByTestId('figure-funders').innerText(), '2');
  assert.equal(await page.getByTestId('figure-total').innerText(), '£300');

  const next = 'Giver,Who,Money in pounds\nMoJ,Durham County Council,50\n';
  await chooseFiles({ name: 'odd-columns-2.csv', mimeType: 'text/csv', buffer: Buffer.from(next) });
  await mapping().getByText('These are the column choices you made before').waitFor();
  await importShownFile('odd-columns-2.csv');
  assert.equal(await page.getByTestId('figure-total').innerText(), '£350');
  assert.equal(await page.getByTestId('figure-funders').innerText(), '3');
});

test('a file with no ringfence column can be given a rule', async () => {
  const csv = 'Programme,Amount\nRevenue Support Grant,300\nBus grant,100\n';
  await chooseFiles({ name: 'no-ringfence.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await mapping().getByRole('group', { name: 'This file has no ringfence column. Treat its lines as:' }).waitFor();
  await page.getByLabel('Flexible where the programme name contains any of these words; otherwise ringfenced:').check();
  await page.getByLabel('Words that mark flexible programmes').fill('revenue support');
  await page.getByLabel('Words that mark flexible programmes').blur();
  await importShownFile('no-ringfence.csv');
  assert.equal(await page.getByTestId('figure-ringfenced-share').innerText(), '25.0%');
});

test('a broken file gives a clear message and loses nothing already loaded', async () => {
  await chooseFiles(e2eFixture('bad-rows.csv'));
  await importShownFile('bad-rows.csv');
  const broken = Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(2000, 7)]);
  await chooseFiles({ name: 'broken.xlsx', mimeType: 'application/octet-stream', buffer: broken });
  await page
    .getByText(/broken\.xlsx: this is not a spreadsheet: it looks like a zip archive that is not a workbook\..*Nothing from this file was added\./)
    .waitFor();
  // Hostile workbooks are refused before they can take the tab down, each with its reason.
  for (const [name, reason] of [
    ['far-cell.xlsx', /far-cell\.xlsx: this workbook cannot be opened safely: .* spans 17,179,869,184 cells/],
    ['bomb.xlsx', /bomb\.xlsx: this workbook cannot be opened safely: it unzips to 900 MB/],
    ['repeated.ods', /repeated\.ods: this workbook cannot be opened safely: its repeated cells expand/],
    ['truncated.ods', /truncated\.ods: this workbook cannot be opened safely: it is cut short/],
  ]) {
    await chooseFiles(fixture(`hostile/${name}`));
    await page.getByText(reason).waitFor();
  }
  await chooseFiles({ name: 'logo.png', mimeType: 'image/png', buffer: Buffer.from('\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0', 'latin1') });
  await page.getByText(/logo\.png: this is not a spreadsheet: it looks like a PNG image\./).waitFor();
  await chooseFiles({ name: 'no-amount.csv', mimeType: 'text/csv', buffer: Buffer.from('Name,Town\nA,B\n') });
  await mapping().getByRole('heading', { name: 'Check the columns of “no-amount.csv”' }).waitFor();
  await mapping().getByRole('button', { name: 'Cancel' }).click();
  await page.getByText('“no-amount.csv” was not imported.').waitFor();
  assert.match(await summary().innerText(), /^3 funding lines from 1 file;/);
  assert.equal(await page.getByTestId('figure-total').innerText(), '£50,500');
  assert.deepEqual(errors, []);
});

test('a large file shows progress, and the page never stops for more than 200 ms from choosing it until it is saved, its figures and all', async () => {
  const rows = ['Identifier,Funding Org:Name,Recipient Org:Name,Amount Awarded,Ringfenced'];
  for (let i = 0; i < 300_000; i++) rows.push(`G-${i},Funder ${i % 40},Recipient ${i % 5000},${(i % 997) + 1}.25,${i % 3 ? 'Yes' : 'No'}`);
  const expectedPence = rows.slice(1).reduce((sum, _, i) => sum + ((i % 997) + 1) * 100 + 25, 0);
  // Watch, from inside the page, for the progress bar and for every task that keeps the page
  // from responding for over 50 ms (long tasks).
  await page.evaluate(() => {
    window.watch = { progress: [], longTasks: [] };
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.watch.longTasks.push({ start: entry.startTime, end: entry.startTime + entry.duration });
    }).observe({ type: 'longtask' });
    new MutationObserver(() => {
      const status = [...document.querySelectorAll('[role="status"]')].find((e) => e.textContent.includes('Importing “large.csv”'));
      if (status) window.watch.progress.push(status.textContent);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  // From a file on disk, as a person chooses one (a buffer would be built inside the page by
  // the test harness, itself a long task).
  const dir = mkdtempSync(join(tmpdir(), 'grantpool-'));
  writeFileSync(join(dir, 'large.csv'), rows.join('\n'));
  await chooseFiles(join(dir, 'large.csv'));
  await mapping().getByRole('button', { name: 'Import “large.csv”' }).click();
  const progress = page.getByRole('status').filter({ hasText: 'Importing “large.csv”' });
  await summary().filter({ hasText: 'large.csv' }).waitFor({ timeout: 60_000 });
  rmSync(dir, { recursive: true });
  await page.getByText('Your work is saved in this browser.').waitFor({ timeout: 60_000 });
  const watched = await page.evaluate(() => window.watch);
  assert.ok(watched.progress.length > 1, 'a progress bar was shown and moved');
  // Every task is within the bound: choosing the file, reading it in the worker, taking its
  // lines, bringing each figure up to date (each in a task of its own), and saving.
  const longest = watched.longTasks.map((t) => Math.round(t.end - t.start));
  assert.ok(Math.max(0, ...longest) <= 200, `no task kept the page from responding for over 200 ms (long tasks: ${longest.join(', ')} ms)`);
  await page.locator('.workspace[data-figures="settled"]').waitFor();
  assert.match(await summary().innerText(), /^300,000 funding lines from 1 file;/);
  const pounds = Math.floor(expectedPence / 100).toLocaleString('en-GB');
  const pence = expectedPence % 100 ? `.${String(expectedPence % 100).padStart(2, '0')}` : '';
  assert.equal(await page.getByTestId('figure-total').innerText(), `£${pounds}${pence}`);
  assert.equal(await progress.count(), 0);
});

test('a long import can be cancelled: nothing is added and the sample stays', async () => {
  const rows = ['Identifier,Funding Org:Name,Amount Awarded'];
  for (let i = 0; i < 1_500_000; i++) rows.push(`G-${i},Funder ${i % 40},${(i % 997) + 1}`);
  await chooseFiles({ name: 'slow.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) });
  await mapping().getByRole('button', { name: 'Import “slow.csv”' }).click();
  const progress = page.getByRole('status').filter({ hasText: 'Importing “slow.csv”' });
  // The Import button went with the mapping screen: the progress bar has the focus, in view.
  await page.waitForFunction(() => document.activeElement?.matches('.progress[role="status"]'));
  assert.ok(await progress.isVisible());
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Cancel import');
  await progress.getByRole('button', { name: 'Cancel import' }).click();
  await page.getByText('Importing “slow.csv” was cancelled. Nothing from this file was added.').waitFor();
  assert.equal(await progress.count(), 0, 'the progress bar has gone');
  assert.equal(await page.getByTestId('figure-lines').innerText(), durhamLines(), 'the sample is still shown');
  assert.equal(await page.getByLabel('Data shown').inputValue(), 'durham-illustrative');
  assert.deepEqual(errors, []);
});

test('a file changed on disk after it was chosen is not read: the page says so, and nothing is added', async () => {
  // The import worker reads a CSV again for its rows once it is mapped; the browser refuses
  // to read a file changed since it was chosen.
  const dir = mkdtempSync(join(tmpdir(), 'grantpool-changed-'));
  const path = join(dir, 'changing.csv');
  writeFileSync(path, 'Funder,Recipient,Amount\nDfT,Durham,10\n');
  await chooseFiles(path);
  const importButton = mapping().getByRole('button', { name: 'Import “changing.csv”' });
  await importButton.waitFor();
  writeFileSync(path, 'Funder,Recipient,Amount\nDfT,Durham,10\nMoJ,Seaham,20\n');
  await importButton.click();
  await page
    .getByText('“changing.csv” could not be read: it changed on disk after it was chosen, or can no longer be found; nothing from it was added, so choose it again.')
    .waitFor();
  assert.equal(await page.getByTestId('figure-lines').innerText(), durhamLines(), 'the sample is still shown');
  assert.equal(await page.getByLabel('Data shown').inputValue(), 'durham-illustrative');
  rmSync(dir, { recursive: true, force: true });
  assert.deepEqual(errors, []);
});

test('files chosen together are mapped one after another, and the waiting ones are listed', async () => {
  await chooseFiles([e2eFixture('bad-rows.csv'), fixture('trafford-council_voluntary-sector-grants.csv')]);
  await mapping().getByRole('heading', { name: 'Check the columns of “bad-rows.csv”' }).waitFor();
  // The mapping screen takes the focus (and so is scrolled into view) when it opens.
  await page.waitForFunction(() => document.activeElement?.textContent === 'Check the columns of “bad-rows.csv”');
  assert.ok(await mapping().getByRole('heading', { level: 2 }).first().isVisible());
  await page
    .getByRole('status')
    .filter({ hasText: 'Waiting to be mapped after this one: “trafford-council_voluntary-sector-grants.csv” (1 file).' })
    .waitFor();
  await importShownFile('bad-rows.csv');
  await mapping().getByRole('heading', { name: 'Check the columns of “trafford-council_voluntary-sector-grants.csv”' }).waitFor();
  assert.equal(await page.getByText(/Waiting to be mapped after this one/).count(), 0, 'nothing waits now');
  await importShownFile('trafford-council_voluntary-sector-grants.csv');
  assert.match(await summary().innerText(), /^558 funding lines from 2 files;/);
  assert.deepEqual(errors, []);
});

test('a damaged workbook that stops the workbook reader is reported, and the page keeps working', async () => {
  // Legacy XLS files on which calamine's reader panics or runs out of memory (kept from
  // fuzzing, tests/fuzz-findings/xls/): read in the workbook worker, they stop only the worker.
  for (const [found, name] of [
    ['0bb471073150f590.bin', 'damaged.xls'],
    ['out-of-memory.bin', 'huge.xls'],
  ]) {
    await chooseFiles({ name, mimeType: 'application/vnd.ms-excel', buffer: readFileSync(`${ROOT}tests/fuzz-findings/xls/${found}`) });
    await page
      .getByText(`“${name}” could not be read: the workbook reader stopped on this file, so it may be damaged; nothing from it was added.`)
      .waitFor();
  }
  // Every damaged XLS the fuzzer found, chosen at once: each is read (and fails) on its own.
  const found = readdirSync(`${ROOT}tests/fuzz-findings/xls`).filter((name) => name.endsWith('.bin')).sort();
  assert.ok(found.length >= 100);
  await chooseFiles(found.map((name, index) => ({ name: `found-${index}.xls`, mimeType: 'application/vnd.ms-excel', buffer: readFileSync(`${ROOT}tests/fuzz-findings/xls/${name}`) })));
  await page.getByText(`“found-${found.length - 1}.xls” could not be read`).waitFor({ timeout: 120_000 });
  await chooseFiles(e2eFixture('bad-rows.csv'));
  await importShownFile('bad-rows.csv');
  assert.match(await summary().innerText(), /^3 funding lines from 1 file;/);
  assert.deepEqual(errors, []);
});
