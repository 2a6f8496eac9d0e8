// A place among national data, over years (issue #11): the Place and Financial year pickers
// narrow every figure, Places compared sorts and picks by keyboard, lines with no place or
// year are kept and explained, and the exports and the board pack name the place and year.
// Expected figures come from the files (PapaParse) or are worked by hand, never from grantpool.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import Papa from 'papaparse';
import { ROOT, durhamRows, pence, percent } from '../support/oracle.mjs';
import { onAFreshPageEachTest, regionsOf } from '../support/page.mjs';

let page;
let errors;
onAFreshPageEachTest((fresh, pageErrors) => {
  page = fresh;
  errors = pageErrors;
});
const { mapping, summary, messages } = regionsOf(() => page);
const placeBox = () => page.getByRole('combobox', { name: 'Place', exact: true });
const yearSelect = () => page.getByRole('combobox', { name: 'Financial year', exact: true });
const compared = () => page.getByRole('region', { name: 'Places compared', exact: true });
const placesTable = () => compared().getByRole('region', { name: 'Scrollable table of every place' });
const gbp = (p) => `£${Math.floor(p / 100).toLocaleString('en-GB')}${p % 100 ? `.${String(p % 100).padStart(2, '0')}` : ''}`;

/** The UK financial year (its first calendar year) of an ISO date. */
const financialYear = (iso) => {
  const [year, month] = iso.split('-').map(Number);
  return month >= 4 ? year : year - 1;
};

async function pickPlace(text) {
  await placeBox().fill(text);
  await placeBox().press('Enter');
}

test('typing Durham and picking 2016-17 narrows every figure to that place and year, and exports and the pack say so', async () => {
  await page.getByTestId('figure-lines').waitFor();
  const rows = durhamRows().filter((r) => financialYear(r['Award Date']) === 2016);
  const total = rows.reduce((sum, r) => sum + pence(r), 0);
  const ringfenced = rows.filter((r) => r.Ringfenced === 'Yes').reduce((sum, r) => sum + pence(r), 0);
  // Every line of the sample names a recipient with a place, so there is none to give one.
  assert.ok(durhamRows().every((r) => /^E0[6-9]\d{6}$/.test(r['Beneficiary Location:Geographic Code'])));
  await page.getByText('Give a recipient a place').click();
  await page.getByText('Every recipient in these files has a place, so there is none to give.').waitFor();
  assert.equal(await page.getByLabel('Recipient with no place').count(), 0);
  await page.getByText('Give a recipient a place').click();

  await pickPlace('Durham');
  assert.equal(await placeBox().inputValue(), 'County Durham (E06000047)');
  await yearSelect().selectOption('2016');
  await page.getByTestId('showing').filter({ hasText: 'Showing County Durham, 2016-17 only.' }).waitFor();
  assert.equal(await page.getByTestId('figure-lines').innerText(), rows.length.toLocaleString('en-GB'));
  assert.equal(await page.getByTestId('figure-total').innerText(), gbp(total));
  assert.equal(await page.getByTestId('figure-ringfenced-share').innerText(), percent(ringfenced, total));
  await messages().getByText('Showing 2016-17.').waitFor();

  // The measures count the year's streams; the chart over years still shows every year.
  const streams = new Set(rows.map((r) => `${r['Funding Org:Name']}\u0000${r['Grant Programme:Title']}`)).size;
  const measures = page.getByRole('region', { name: 'Measures' }).getByRole('table');
  assert.equal((await measures.locator('tr', { hasText: 'Funding streams' }).locator('td').allInnerTexts())[0], String(streams));
  const years = page.getByRole('figure', { name: /Money by financial year/ });
  await years.getByText('Show the numbers as a table').click();
  const yearRows = await years.locator('tbody tr th').allInnerTexts();
  assert.deepEqual(yearRows.filter((t) => t.endsWith('today')), ['2015-16 today', '2016-17 today', '2017-18 today', '2018-19 today']);

  // Streams starting, continuing and ending in every year, from the file's award dates.
  const streamsIn = new Map();
  for (const r of durhamRows()) {
    const y = financialYear(r['Award Date']);
    if (!streamsIn.has(y)) streamsIn.set(y, new Set());
    streamsIn.get(y).add(`${r['Funding Org:Name']}\u0000${r['Grant Programme:Title']}`);
  }
  const churn = [...streamsIn.keys()].sort().map((y) => {
    const now = streamsIn.get(y);
    const before = streamsIn.get(y - 1) ?? new Set();
    const continuing = [...now].filter((k) => before.has(k)).length;
    const ended = [...before].filter((k) => !now.has(k)).length;
    return [`${y}-${String((y + 1) % 100).padStart(2, '0')}`, String(now.size), String(continuing), String(now.size - continuing), String(ended)];
  });
  const churnFigure = page.getByRole('figure', { name: /Streams starting, continuing and ending/ });
  await churnFigure.getByText('Show the numbers as a table').click();
  const churnRows = await churnFigure.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.innerText)));
  assert.deepEqual(churnRows, churn);

  // Pooling in one year moves the programmes' lines in every year: a pot holds them all.
  const homeOffice = durhamRows().filter((r) => r['Funding Org:Name'] === 'Home Office');
  const homeOfficeYear = homeOffice.filter((r) => financialYear(r['Award Date']) === 2016);
  await page.getByRole('button', { name: 'New pot' }).click();
  await page.getByRole('region', { name: 'Funding map' }).getByRole('checkbox', { name: 'Home Office' }).check();
  await page.getByRole('button', { name: /^Move \d+ selected lines?$/ }).click();
  await page.getByRole('region', { name: 'Pot 1' }).getByText(`${homeOfficeYear.length} lines from 1 funder`).waitFor();
  // Carried: the Home Office's lines in other years whose programme it funds in 2016-17.
  const programmes = new Set(homeOfficeYear.map((r) => r['Grant Programme:Title']));
  const moved = homeOffice.filter((r) => financialYear(r['Award Date']) !== 2016 && programmes.has(r['Grant Programme:Title'])).length;
  await messages().getByText(`That includes ${moved} funding lines of the same programmes in the place’s other years`).waitFor();

  // The pooled budget holds only the view's lines, with place and year columns, and says so in its name.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export pooled budget (CSV)' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /county-durham-2016-17/);
  const text = (await (await download.createReadStream()).toArray()).join('').replace(/^\uFEFF/, '');
  const [lines] = text.split(/\r?\n""\r?\n/);
  const { data } = Papa.parse(lines, { header: true, skipEmptyLines: true });
  assert.equal(data.length, rows.length);
  assert.ok(data.every((r) => r.Place === 'County Durham' && r['Place code'] === 'E06000047' && r['Financial year'] === '2016-17'));
  assert.equal(data.reduce((sum, r) => sum + Math.round(Number(r['Amount (£)']) * 100), 0), total);

  await page.getByRole('button', { name: 'Board pack (print view)' }).click();
  await page.getByRole('heading', { name: 'Funding in County Durham, 2016-17: board pack' }).waitFor();
  await page.getByRole('button', { name: 'Back to the workspace' }).click();

  // The place and year are part of the saved work.
  await page.waitForFunction(() => {
    const state = document.querySelector('.save-state');
    return state && state.dataset.changeGeneration === state.dataset.savedGeneration;
  });
  await page.reload();
  await page.getByTestId('showing').filter({ hasText: 'Showing County Durham, 2016-17 only.' }).waitFor();
  assert.equal(await placeBox().inputValue(), 'County Durham (E06000047)');
  assert.equal(await yearSelect().inputValue(), '2016');
  assert.equal(await page.getByTestId('figure-lines').innerText(), rows.length.toLocaleString('en-GB'));
  await yearSelect().selectOption('all');
  await page.getByRole('region', { name: 'Pot 1' }).getByText(`${homeOfficeYear.length + moved} lines from 1 funder`).waitFor();
  assert.deepEqual(errors, []);
});

test('national files: every place is compared, sortable and pickable by keyboard, and unplaced lines are kept and explained', async () => {
  const chooseFiles = (files) => page.getByLabel('Choose files…').setInputFiles(files);
  await chooseFiles(`${ROOT}tests/e2e/fixtures/places-and-years.csv`);
  await mapping().getByRole('button', { name: 'Import “places-and-years.csv”' }).click();
  await summary().filter({ hasText: 'places-and-years.csv' }).waitFor();
  await chooseFiles(`${ROOT}tests/fixtures/trafford-council_voluntary-sector-grants.csv`);
  await mapping().getByRole('button', { name: /^Import “trafford/ }).click();
  await summary().filter({ hasText: 'trafford-council' }).waitFor();

  // Worked by hand from places-and-years.csv; Trafford's file from PapaParse (every row E08000009).
  const trafford = Papa.parse(
    await (await import('node:fs/promises')).readFile(`${ROOT}tests/fixtures/trafford-council_voluntary-sector-grants.csv`, 'utf8'),
    { header: true, skipEmptyLines: true },
  ).data;
  const traffordPence = trafford.reduce((sum, r) => sum + Math.round(Number(r['Amount Awarded']) * 100), 0) + 25_050;
  const expected = [
    ['Trafford', trafford.length + 1, traffordPence],
    ['County Durham', 2, 150_000],
    ['Kent', 1, 10_000],
    ['Place not known', 2, 50_000],
  ];
  await compared().waitFor();
  const shown = await placesTable().locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.innerText)));
  assert.deepEqual(shown.map((r) => [r[0], Number(r[1].replace(/,/g, '')), r[2]]), expected.map(([n, l, p]) => [n, l, gbp(p)]));
  const all = expected.reduce((sum, [, , p]) => sum + p, 0);
  assert.equal(await page.getByTestId('figure-total').innerText(), gbp(all), 'the places and Place not known add up to the whole');
  assert.equal(await page.getByTestId('place-not-known').innerText(), 'Place not known: 2 funding lines, £500. Choose “Place not known” under Place to see them.');

  // Each unknown is explained with its reason and row.
  await page.getByText('Why some lines have no place or year').click();
  const reasons = page.getByRole('table', { name: /Lines with no place or year/ });
  await reasons.getByText('The place code is not a GSS code.').waitFor();
  await reasons.getByText('The place code is for a country, region or ward, not one council.').waitFor();
  const yearRow = reasons.locator('tr', { hasText: 'The year or date is before 1990-91' });
  assert.match(await yearRow.innerText(), /1\s+£200\s+places-and-years\.csv, row 6/);

  // Sort by lines with the keyboard: most first, then fewest first; Place not known stays last.
  const lines = placesTable().getByRole('button', { name: 'Lines' });
  await lines.focus();
  await page.keyboard.press('Enter');
  assert.equal(await placesTable().locator('thead th').nth(1).getAttribute('aria-sort'), 'descending');
  await page.keyboard.press('Enter');
  assert.equal(await placesTable().locator('thead th').nth(1).getAttribute('aria-sort'), 'ascending');
  const names = await placesTable().locator('tbody th').allInnerTexts();
  assert.deepEqual(names, ['Kent', 'County Durham', 'Trafford', 'Place not known']);
  await messages().getByText('Places sorted by lines, ascending.').waitFor();

  // Choosing a row by keyboard picks the place.
  await placesTable().getByRole('button', { name: 'Kent' }).focus();
  await page.keyboard.press('Enter');
  assert.equal(await placeBox().inputValue(), 'Kent (E10000016)');
  assert.equal(await page.getByTestId('figure-lines').innerText(), '1');
  assert.equal(await placesTable().locator('tr[aria-current="true"] th').innerText(), 'Kent');
  // The chart beside the table ranks the places by the column sorted (lines), Kent picked.
  const ranked = compared().getByRole('figure', { name: /Places ranked/ });
  await ranked.getByText('Show the numbers as a table').click();
  const rankedRows = await ranked.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.innerText)));
  assert.deepEqual(rankedRows, [
    ['1', 'Trafford', String(trafford.length + 1), ''],
    ['2', 'County Durham', '2', ''],
    ['3', 'Kent', '1', 'Yes'],
  ]);
  assert.equal(await ranked.locator('.chart-summary').innerText(), 'Kent ranks 3rd by lines (1).');

  // A year over every place: Trafford's award dates in 2016-17 and the hand-worked lines.
  await pickPlace('Trafford');
  await yearSelect().selectOption('2016');
  const traffordYear = trafford.filter((r) => financialYear(r['Award Date']) === 2016);
  assert.equal(await page.getByTestId('figure-lines').innerText(), String(traffordYear.length + 1));
  await pickPlace('E0600004');
  await page.getByText('No place in these files matches “E0600004”.').waitFor();
  await pickPlace('Place not known');
  assert.equal(await page.getByTestId('figure-lines').innerText(), '1', 'the 2016-17 line with a bad code');

  // One action gives a recipient's unplaced lines a place; it can be taken back.
  await yearSelect().selectOption('all');
  await pickPlace('All places');
  await page.getByText('Give a recipient a place').click();
  // The form is made as the details opens, its list with it.
  await page.getByLabel('Recipient with no place').waitFor();
  assert.deepEqual(
    await page.getByLabel('Recipient with no place').locator('option').allInnerTexts(),
    ['Age UK (2 funding lines, £500)'],
    'the recipients with no place, with their lines and money',
  );
  await page.getByLabel('Recipient with no place').selectOption('Age UK');
  await page.getByRole('combobox', { name: 'Place to give' }).fill('Kent');
  await page.getByRole('button', { name: 'Give this place' }).click();
  await messages().getByText('Gave Kent to “Age UK”: 2 funding lines (£500). Files you add later are placed the same way.').waitFor();
  const kent = placesTable().locator('tbody tr', { has: page.getByRole('button', { name: 'Kent', exact: true }) });
  assert.equal(await kent.locator('td').first().innerText(), '3');
  assert.equal(await page.getByTestId('place-not-known').innerText(), '');
  await page.getByRole('button', { name: 'Take back the place of Age UK' }).click();
  await messages().getByText('Took back the place given to “Age UK”: 2 funding lines have no place again.').waitFor();
  assert.equal(await kent.locator('td').first().innerText(), '1');
  assert.match(await page.getByTestId('place-not-known').innerText(), /^Place not known: 2 funding lines, £500\./);
  assert.deepEqual(errors, []);
});

test('a whole file can be given one place at the mapping step', async () => {
  await page.getByLabel('Choose files…').setInputFiles(`${ROOT}tests/fixtures/indigo-trust_a002400000G4KGJAA3.csv`);
  const box = mapping().getByRole('combobox', { name: 'This whole file is one place (optional)' });
  await box.fill('Hackney');
  await box.press('Enter');
  assert.equal(await box.inputValue(), 'Hackney (E09000012)');
  await mapping().getByRole('button', { name: /^Import “indigo/ }).click();
  await summary().filter({ hasText: 'indigo-trust' }).waitFor();
  const rows = Papa.parse(
    await (await import('node:fs/promises')).readFile(`${ROOT}tests/fixtures/indigo-trust_a002400000G4KGJAA3.csv`, 'utf8'),
    { header: true, skipEmptyLines: true },
  ).data;
  await pickPlace('Hackney');
  assert.equal(await page.getByTestId('figure-lines').innerText(), rows.length.toLocaleString('en-GB'));
  assert.equal(await page.getByTestId('place-not-known').innerText(), '');
  assert.deepEqual(errors, []);
});
