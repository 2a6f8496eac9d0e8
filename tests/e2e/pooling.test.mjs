// Redesigning a place through the real page: pots, dragging with the mouse, the keyboard-only
// route, undo and redo, pot policies, deleting, and the measures before and after. Expected
// figures are worked out from the sample CSV here, with PapaParse, not with grantpool's code.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { durhamRows, pence, percent, streamKey, homeOfficeLines, gbpShort } from '../support/oracle.mjs';
import { canvasColours, onAFreshPageEachTest, regionsOf } from '../support/page.mjs';

const rows = durhamRows();
const streamsOf = (list) => new Set(list.map(streamKey)).size;
const total = rows.reduce((sum, r) => sum + pence(r), 0);
const flexibleToday = rows.filter((r) => r.Ringfenced === 'No').reduce((sum, r) => sum + pence(r), 0);

let page;
let errors;
onAFreshPageEachTest((fresh, pageErrors) => {
  page = fresh;
  errors = pageErrors;
});

const { pot, map, messages, measures } = regionsOf(() => page);

/** [today, with your pots] for one row of the Measures region. */
async function measure(name) {
  const row = measures().locator('tbody tr').filter({ hasText: name });
  // Today and with the pots; the change column is checked on its own.
  return (await row.locator('td').allInnerTexts()).slice(0, 2);
}

async function dragOnto(handle, target) {
  await handle.scrollIntoViewIfNeeded();
  const from = await handle.boundingBox();
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + 30, from.y + 30, { steps: 4 });
  await target.scrollIntoViewIfNeeded();
  const to = await target.boundingBox();
  await page.mouse.move(to.x + to.width / 2, to.y + 20, { steps: 8 });
  await page.mouse.up();
}

// DCLG's two names in the sample (its own, and its local government accounts) are one funder.
const HOUSING = 'Ministry of Housing, Communities and Local Government';

test('dragging a funder onto a pot with the mouse pools it and the measures change', async () => {
  assert.deepEqual(await measure('Funding streams'), [String(streamsOf(rows)), String(streamsOf(rows))]);
  await page.getByRole('button', { name: 'New pot' }).click();
  await pot('Pot 1').waitFor();
  await dragOnto(map().getByRole('img', { name: 'Drag Ministry of Housing, Communities and Local Government' }), pot('Pot 1'));

  const clg = rows.filter((r) => r['Funding Org:Name'] === HOUSING);
  const others = rows.filter((r) => r['Funding Org:Name'] !== HOUSING);
  await pot('Pot 1').getByText(`${clg.length} lines from 1 funder`).waitFor();
  assert.equal(await map().getByRole('img', { name: 'Drag Ministry of Housing, Communities and Local Government' }).count(), 0, 'no longer unpooled');
  // The pot is one stream; its money is all flexible now.
  assert.deepEqual(await measure('Funding streams'), [String(streamsOf(rows)), String(streamsOf(others) + 1)]);
  const clgRingfenced = clg.filter((r) => r.Ringfenced === 'Yes').reduce((sum, r) => sum + pence(r), 0);
  assert.deepEqual(await measure('Flexible'), [percent(flexibleToday, total), percent(flexibleToday + clgRingfenced, total)]);
  assert.deepEqual(await measure('Funders per pot'), ['—', '1.0']);
  assert.match(await messages().innerText(), new RegExp(`Moved ${clg.length} funding lines \\(.*\\) to “Pot 1”`));
  assert.deepEqual(errors, []);
});

test('the keyboard alone creates a pot, selects groups, moves them, undoes and redoes', async () => {
  await page.getByRole('button', { name: 'New pot' }).focus();
  await page.keyboard.press('Enter');
  await pot('Pot 1').waitFor();
  const homeOffice = rows.filter((r) => r['Funding Org:Name'] === 'Home Office');
  const justice = rows.filter((r) => r['Funding Org:Name'] === 'Ministry of Justice');
  await map().getByRole('checkbox', { name: 'Home Office' }).focus();
  await page.keyboard.press('Space');
  await map().getByRole('checkbox', { name: 'Ministry of Justice' }).focus();
  await page.keyboard.press('Space');
  const moveButton = page.getByRole('button', { name: `Move ${(homeOffice.length + justice.length).toLocaleString('en-GB')} selected lines` });
  await page.locator('canvas[data-drawn="true"]').first().waitFor();
  const chartBefore = await canvasColours(page);
  assert.equal(await page.getByLabel('Move to pot').locator('option:checked').innerText(), 'Pot 1');
  await moveButton.focus();
  await page.keyboard.press('Enter');
  const moved = `${homeOffice.length + justice.length} lines from 2 funders`;
  await pot('Pot 1').getByText(moved).waitFor();
  // The chart follows the pots: their once-ringfenced money is drawn as flexible now.
  await page.waitForFunction(
    (before) => {
      const canvas = document.querySelector('canvas.chart-canvas');
      const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
      let blue = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (Math.abs(data[i]) + Math.abs(data[i + 1] - 0x72) + Math.abs(data[i + 2] - 0xb2) < 24) blue++;
      }
      return blue / (data.length / 4) > before + 0.02;
    },
    chartBefore.flexible,
  );
  const chartAfter = await canvasColours(page);
  assert.ok(chartAfter.ringfenced < chartBefore.ringfenced, `${chartAfter.ringfenced} < ${chartBefore.ringfenced}`);
  const log = await messages().getAttribute('aria-live');
  assert.equal(log, 'polite', 'moves are announced to screen readers');
  assert.ok((await messages().innerText()).includes(`Moved ${(homeOffice.length + justice.length).toLocaleString('en-GB')} funding lines (£`), 'the move is announced');

  const streamsAfter = String(streamsOf(rows.filter((r) => !['Home Office', 'Ministry of Justice'].includes(r['Funding Org:Name']))) + 1);
  assert.equal((await measure('Funding streams'))[1], streamsAfter);
  await page.keyboard.press('Control+z');
  await pot('Pot 1').getByText('0 lines from 0 funders').waitFor();
  assert.equal((await measure('Funding streams'))[1], String(streamsOf(rows)));
  // Undo and redo say what they changed, with the money worked out from the sample file.
  const movedPence = rows
    .filter((r) => ['Home Office', 'Ministry of Justice'].includes(r['Funding Org:Name']))
    .reduce((sum, r) => sum + pence(r), 0);
  const short = gbpShort(movedPence / 100);
  const count = (homeOffice.length + justice.length).toLocaleString('en-GB');
  await messages().getByText(`Undid: moved ${count} funding lines (${short}) to “Pot 1”.`).waitFor();
  await page.keyboard.press('Control+Shift+Z');
  await pot('Pot 1').getByText(moved).waitFor();
  await messages().getByText(`Redid: moved ${count} funding lines (${short}) to “Pot 1”.`).waitFor();
  // The buttons do the same, as far back as the pot's creation.
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByRole('button', { name: 'Undo' }).click();
  await pot('Pot 1').waitFor({ state: 'detached' });
  assert.equal(await page.getByRole('button', { name: 'Undo' }).isDisabled(), true);
  await page.getByRole('button', { name: 'Redo' }).click();
  await page.getByRole('button', { name: 'Redo' }).click();
  await pot('Pot 1').getByText(moved).waitFor();
  assert.deepEqual(errors, []);
});

test('a pot that keeps the ringfence is aligned, not pooled; deleting a pot unpools its lines, and undo restores it', async () => {
  await page.getByRole('button', { name: 'New pot' }).click();
  await map().getByRole('checkbox', { name: 'Home Office' }).check();
  await page.getByRole('button', { name: /^Move \d+ selected lines$/ }).click();
  const flexibleWith = (await measure('Flexible'))[1];
  assert.notEqual(flexibleWith, percent(flexibleToday, total));

  await pot('Pot 1').getByText('Settings').click();
  await pot('Pot 1').getByLabel('Policy').selectOption({ label: 'Aligned: keeps the ringfence' });
  assert.deepEqual(await measure('Flexible'), [percent(flexibleToday, total), percent(flexibleToday, total)]);
  await pot('Pot 1').getByLabel('Name').fill('Safer Durham');
  await pot('Pot 1').getByLabel('Name').press('Enter');
  await pot('Safer Durham').waitFor();

  await pot('Safer Durham').getByRole('button', { name: 'Delete “Safer Durham”' }).click();
  await pot('Safer Durham').waitFor({ state: 'detached' });
  await map().getByRole('checkbox', { name: 'Home Office' }).waitFor();
  assert.equal((await measure('Funding streams'))[1], String(streamsOf(rows)));
  await page.getByRole('button', { name: 'Undo' }).click();
  await pot('Safer Durham').getByText(`${homeOfficeLines()} lines from 1 funder`).waitFor();
  assert.deepEqual(errors, []);
});

test('lines move back out of a pot to unpooled', async () => {
  await page.getByRole('button', { name: 'New pot' }).click();
  await map().getByRole('checkbox', { name: 'Department for Transport' }).check();
  await page.getByRole('button', { name: /^Move \d+ selected lines$/ }).click();
  await pot('Pot 1').getByRole('checkbox', { name: 'Department for Transport' }).check();
  await page.getByLabel('Move to pot').selectOption({ label: 'Not in a pot' });
  await page.getByRole('button', { name: /^Move \d+ selected lines$/ }).click();
  await pot('Pot 1').getByText('0 lines from 0 funders').waitFor();
  await map().getByRole('checkbox', { name: 'Department for Transport' }).waitFor();
  assert.match(await messages().innerText(), /to “Not in a pot”\./);
});

test('the map groups by programme, recipient, service and size, and search narrows it', async () => {
  await map().getByLabel('Size').check();
  const bands = await map().locator('.group-name').allInnerTexts();
  assert.ok(bands.includes('£1k to £10k') && bands.includes('£10k to £100k'), bands.join(', '));
  // The bands under £100k together hold every line under £100k.
  const under100k = rows.filter((r) => pence(r) < 10_000_000).length;
  let inSmallBands = 0;
  for (const band of ['£0 or less', 'Under £1k', '£1k to £10k', '£10k to £100k'].filter((b) => bands.includes(b))) {
    const group = map().locator('.group').filter({ has: page.locator('.group-name', { hasText: new RegExp(`^${band}$`) }) });
    inSmallBands += Number((await group.locator('.group-count').innerText()).replace(/\D/g, ''));
  }
  assert.equal(inSmallBands, under100k);
  await map().getByLabel('Recipient').check();
  await page.getByLabel('Search funding lines').fill('Seaham');
  const names = await map().locator('.group-name').allInnerTexts();
  assert.ok(names.length > 0 && names.every((name) => name.includes('Seaham')), names.join(', '));
});

test('a single line, and a multi-selection, can be dragged onto a pot', async () => {
  await page.getByRole('button', { name: 'New pot' }).click();
  const cabinet = rows.filter((r) => r['Funding Org:Name'] === 'Cabinet Office');
  await map().locator('li.group', { hasText: 'Cabinet Office' }).getByLabel('Show the lines of Cabinet Office').click();
  const firstLine = map().locator('li.group', { hasText: 'Cabinet Office' }).locator('li.line').first();
  await firstLine.waitFor();
  await dragOnto(firstLine.getByRole('img', { name: /^Drag / }), pot('Pot 1'));
  await pot('Pot 1').getByText('1 line from 1 funder').waitFor();
  assert.equal(
    await map().locator('li.group', { hasText: 'Cabinet Office' }).locator('.group-count').innerText(),
    `${cabinet.length - 1} lines`,
  );

  // Two groups selected; dragging either one carries both.
  await map().getByRole('checkbox', { name: 'Home Office' }).check();
  await map().getByRole('checkbox', { name: 'Ministry of Justice' }).check();
  await dragOnto(map().getByRole('img', { name: 'Drag Home Office' }), pot('Pot 1'));
  const carried = rows.filter((r) => ['Cabinet Office', 'Home Office', 'Ministry of Justice'].includes(r['Funding Org:Name'])).length - (cabinet.length - 1);
  await pot('Pot 1').getByText(`${carried} lines from 3 funders`).waitFor();
  assert.deepEqual(errors, []);
});

test('on a large place a move shows in the map at once, and the figures follow it, each in a task of its own', async () => {
  // 30,000 lines: over the size (20,000) at which the figures are brought up to date one per
  // task after a change, rather than all at once.
  const header = 'Identifier,Funding Org:Name,Recipient Org:Name,Amount Awarded,Ringfenced';
  const rows = Array.from({ length: 30_000 }, (_, i) => ({ funder: `Funder ${i % 30}`, pence: ((i % 500) + 1) * 100, ringfenced: i % 4 !== 0 }));
  const csv = [header, ...rows.map((r, i) => `G-${i},${r.funder},Recipient ${i % 900},${r.pence / 100},${r.ringfenced ? 'Yes' : 'No'}`)].join('\n');
  const whole = rows.reduce((sum, r) => sum + r.pence, 0);
  const flexible = (pooled) => rows.filter((r) => !r.ringfenced || r.funder === pooled).reduce((sum, r) => sum + r.pence, 0);
  const moved = rows.filter((r) => r.funder === 'Funder 7').length;
  await page.getByLabel('Choose files…').setInputFiles({ name: 'large.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('region', { name: 'Column mapping' }).getByRole('button', { name: 'Import “large.csv”' }).click();
  await page.getByRole('region', { name: 'Import summary' }).filter({ hasText: 'large.csv' }).waitFor();
  await page.locator('.workspace[data-figures="settled"]').waitFor();
  assert.deepEqual(await measure('Flexible'), [percent(flexible(null), whole), percent(flexible(null), whole)]);
  await page.getByRole('button', { name: 'New pot' }).click();
  await pot('Pot 1').waitFor();
  // A new pot is a change too: let its figures settle before watching for the move's.
  await page.locator('.workspace[data-figures="settled"]').waitFor();
  // Watch, from inside the page, for the figures being brought up to date after the move.
  await page.evaluate(() => {
    window.states = [];
    const workspace = document.querySelector('.workspace');
    new MutationObserver(() => window.states.push(workspace.dataset.figures)).observe(workspace, { attributes: true, attributeFilter: ['data-figures'] });
  });
  await map().getByRole('checkbox', { name: 'Funder 7' }).check();
  await page.getByRole('button', { name: /^Move [\d,]+ selected lines?$/ }).click();
  await pot('Pot 1').getByText(`${moved.toLocaleString('en-GB')} lines from 1 funder`).waitFor();
  await page.locator('.workspace[data-figures="settled"]').waitFor();
  assert.deepEqual(await page.evaluate(() => window.states), ['updating', 'settled'], 'the figures were brought up to date after the move, then settled');
  assert.deepEqual(await measure('Flexible'), [percent(flexible(null), whole), percent(flexible('Funder 7'), whole)]);
  // Undo brings the figures back the same way.
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.locator('.workspace[data-figures="settled"]').waitFor();
  assert.equal(await map().getByRole('checkbox', { name: 'Funder 7' }).count(), 1);
  assert.deepEqual(await measure('Flexible'), [percent(flexible(null), whole), percent(flexible(null), whole)]);
  assert.equal(await page.getByText('Updating the figures…').count(), 0);
  assert.deepEqual(errors, []);
});

test('on a large place the funding map groups its lines in a task of its own, then lists its rows a part per task', async () => {
  // 30,000 lines from 200 funders: a large place, whose map has more groups (200) than it lists
  // (150), in rows made 50 per task.
  const header = 'Identifier,Funding Org:Name,Recipient Org:Name,Amount Awarded,Ringfenced';
  const rows = Array.from({ length: 30_000 }, (_, i) => ({ funder: `Funder ${i % 200}`, pounds: (i % 500) + 1 }));
  const csv = [header, ...rows.map((r, i) => `G-${i},${r.funder},Recipient ${i % 900},${r.pounds},Yes`)].join('\n');
  const totals = new Map();
  for (const r of rows) totals.set(r.funder, (totals.get(r.funder) ?? 0) + r.pounds);
  // The map's order: largest total first, then by name.
  const order = [...totals.entries()].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0)).map(([name]) => name);
  // Note the map after every change to the page: waiting its turn, or its rows listed.
  await page.evaluate(() => {
    window.mapSeen = [];
    new MutationObserver(() => {
      const map = document.querySelector('.funding-map');
      if (!map) return;
      const state = `${map.querySelector('.map-waiting') ? 'waiting' : 'grouped'} ${map.querySelectorAll('li.group').length}`;
      if (window.mapSeen.at(-1) !== state) window.mapSeen.push(state);
    }).observe(document, { subtree: true, childList: true });
  });
  await page.getByLabel('Choose files…').setInputFiles({ name: 'funders.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('region', { name: 'Column mapping' }).getByRole('button', { name: 'Import “funders.csv”' }).click();
  await page.getByRole('region', { name: 'Import summary' }).filter({ hasText: 'funders.csv' }).waitFor();
  await page.locator('.workspace[data-figures="settled"]').waitFor();
  const seen = await page.evaluate(() => window.mapSeen);
  // The sample's rows, then the map waiting for its turn, grouped with no rows yet, and its rows
  // a part per task; every figure is settled only once the rows are all listed.
  const from = seen.findIndex((state) => state.startsWith('waiting'));
  assert.ok(from > 0, `the map waited its turn: ${seen.join(', ')}`);
  assert.deepEqual(seen.slice(from), ['waiting 0', 'grouped 0', 'grouped 50', 'grouped 100', 'grouped 150']);
  assert.equal(await map().locator('.map-summary').innerText(), '200 groups, 30,000 lines');
  assert.deepEqual(await map().locator('li.group').evaluateAll((items) => items.slice(0, 3).map((li) => li.dataset.group)), order.slice(0, 3));
  assert.equal(await map().locator('li.group').last().getAttribute('data-group'), order[149]);
  await map().getByText('50 more groups: search to narrow the list.').waitFor();
  assert.equal(await map().locator('ul.groups[aria-busy]').count(), 0);
  // A group found by search is there to be moved, as on a small place.
  await map().getByLabel('Search funding lines').fill(order[199]);
  await map().getByRole('checkbox', { name: order[199], exact: true }).check();
  await page.getByRole('button', { name: 'New pot' }).click();
  await page.getByRole('button', { name: /^Move [\d,]+ selected lines?$/ }).click();
  const moved = rows.filter((r) => r.funder === order[199]).length;
  await pot('Pot 1').getByText(`${moved} lines from 1 funder`).waitFor();
  await page.locator('.workspace[data-figures="settled"]').waitFor();
  // A file joining the place: the pot's lines too are grouped in their turn, then shown as before.
  await page.evaluate(() => {
    window.potSeen = [];
    new MutationObserver(() => {
      const totals = document.querySelector('.pot .pot-totals')?.textContent;
      if (totals && window.potSeen.at(-1) !== totals) window.potSeen.push(totals);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  const more = [header, 'M-1,Another funder,Recipient 1,10,Yes', 'M-2,Another funder,Recipient 2,20,No'].join('\n');
  await page.getByLabel('Choose files…').setInputFiles({ name: 'more.csv', mimeType: 'text/csv', buffer: Buffer.from(more) });
  await page.getByRole('region', { name: 'Column mapping' }).getByRole('button', { name: 'Import “more.csv”' }).click();
  await page.getByRole('region', { name: 'Import summary' }).filter({ hasText: 'more.csv' }).waitFor();
  await page.locator('.workspace[data-figures="settled"]').waitFor();
  const potSeen = await page.evaluate(() => window.potSeen);
  const waited = potSeen.indexOf('Grouping this pot’s lines…');
  assert.ok(waited >= 0, `the pot waited its turn: ${potSeen.join(' | ')}`);
  assert.equal(potSeen.length, waited + 2, potSeen.join(' | '));
  assert.match(potSeen.at(-1), new RegExp(`^${moved} lines from 1 funder`));
  // The map, grouped again after the file joined, under the same search: its lines are all in the pot.
  await map().getByText('Every line matching this search is in a pot.').waitFor();
  await map().getByLabel('Search funding lines').fill('Another funder');
  assert.equal(await map().locator('.map-summary').innerText(), '1 group, 2 lines');
  assert.deepEqual(errors, []);
});
