// Funder names that merge across files (built-in departments, and merges by hand that are
// remembered, listed and exported), and managing files: removing one and putting it back.
// Expected figures are worked by hand from the small files written here.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import Papa from 'papaparse';
import { onAFreshPageEachTest, regionsOf } from '../support/page.mjs';

let page;
let errors;
onAFreshPageEachTest((fresh, pageErrors) => {
  page = fresh;
  errors = pageErrors;
});

const { mapping, summary } = regionsOf(() => page);
const messages = () => page.getByRole('log', { name: 'Messages' });
const csv = (name, text) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });

async function upload(file) {
  await page.getByLabel('Choose files…').setInputFiles(file);
  await mapping().getByRole('button', { name: `Import “${file.name}”` }).click();
  await summary().filter({ hasText: file.name }).waitFor();
}

// Ten names the issue saw for four departments, one line each (£1 to £10), and a council.
const REGISTER = `Identifier,Funding Org:Name,Grant Programme:Title,Recipient Org:Name,Amount Awarded
G1,DfE,Schools,Durham County Council,1
G2,Department for Education,Schools,Durham County Council,2
G3,DHSC,Public health,Durham County Council,3
G4,Department of Health,Public health,Durham County Council,4
G5,DfT,Buses,Durham County Council,5
G6,Department for Transport,Buses,Durham County Council,6
G7,DLUHC,Troubled Families,Durham County Council,7
G8,MHCLG,Troubled families,Durham County Council,8
G9,DCLG,Troubled families,Durham County Council,9
G10,CLG Local Government,Troubled Families,Durham County Council,10
G11,Durham County Council,Area Action,Age UK,11
`;

test('the same department under several names is one funder, and any two names can be merged by hand', async () => {
  await upload(csv('register.csv', REGISTER));
  // DfE, DHSC, DfT and MHCLG, and the council: 5 funders, not 11.
  assert.equal(await page.getByTestId('figure-funders').innerText(), '5');
  // Streams by funder and programme: Schools, Public health, Buses, two spellings of Troubled
  // Families under MHCLG, and Area Action.
  assert.equal(await page.getByTestId('figure-programmes').innerText(), '6');
  const file = summary().locator('li').filter({ hasText: 'register.csv' });
  await file.getByText('Names merged in this file').click();
  assert.match(await file.innerText(), /Funder “DLUHC” shown as “Ministry of Housing, Communities and Local Government” \(1 funding line; an abbreviation\)/);
  assert.match(await file.innerText(), /Funder “Department of Health” shown as “Department of Health and Social Care” \(1 funding line; renamed DHSC on 9 January 2018\)/);

  // A merge by hand, with the keyboard.
  await summary().getByText('Merge funder or programme names').click();
  await summary().getByLabel('Programmes').check();
  await summary().getByLabel('Merge this name').fill('Troubled families');
  await summary().getByLabel('Into this name').fill('Troubled Families');
  await summary().getByLabel('Into this name').press('Tab');
  await page.keyboard.press('Enter');
  await messages().getByText('Merged “Troubled families” into “Troubled Families”: 2 funding lines now shown as “Troubled Families”.').waitFor();
  assert.equal(await page.getByTestId('figure-programmes').innerText(), '5');
  // Undo and Redo take the merge back and make it again, and say so.
  await page.getByRole('button', { name: 'Undo' }).click();
  await messages().getByText('Undid: merged “Troubled families” into “Troubled Families”.').waitFor();
  assert.equal(await page.getByTestId('figure-programmes').innerText(), '6');
  await page.getByRole('button', { name: 'Redo' }).click();
  await messages().getByText('Redid: merged “Troubled families” into “Troubled Families”.').waitFor();
  assert.equal(await page.getByTestId('figure-programmes').innerText(), '5');
  const merged = summary().getByRole('list').filter({ hasText: 'merged by hand' });
  assert.match(await merged.innerText(), /Programme: Troubled families → Troubled Families \(2 funding lines, £17; merged by hand\)/);

  // The pooled budget shows each name as written and as merged.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export pooled budget (CSV)' }).click();
  const path = await (await download).path();
  const text = (await import('node:fs')).readFileSync(path, 'utf8');
  const rows = Papa.parse(text.split(/\r?\n\r?\n/)[0], { header: true, skipEmptyLines: true }).data;
  const row = (id) => rows.find((r) => r.Identifier === id);
  assert.equal(row('G1').Funder, 'DfE → Department for Education');
  assert.equal(row('G2').Funder, 'Department for Education');
  assert.equal(row('G9').Funder, 'DCLG → Ministry of Housing, Communities and Local Government');
  assert.equal(row('G9').Programme, 'Troubled families → Troubled Families');
  // The file has no ringfence column: "not recorded" everywhere, never 0%.
  assert.equal(row('G1')['Ringfenced today'], 'Not recorded');
  assert.equal(await page.getByTestId('figure-ringfenced-share').innerText(), 'Not recorded');
  const group = page.getByRole('region', { name: 'Funding map' }).locator('.group').filter({ hasText: 'Department for Transport' });
  assert.match(await group.innerText(), /ringfence not recorded/);
  assert.doesNotMatch(await group.innerText(), /0\.0% ringfenced/);

  // Remembered for the next file and after a reload; listed in that file's summary.
  await page.getByText('Your work is saved in this browser.').waitFor();
  await page.reload();
  await page.getByTestId('figure-programmes').getByText('5').waitFor();
  await page.getByTestId('figure-lines').waitFor();
  await upload(csv('next.csv', 'Funding Org:Name,Grant Programme:Title,Amount Awarded\nCommunities and Local Government,Troubled families,12\n'));
  assert.equal(await page.getByTestId('figure-programmes').innerText(), '5');
  const next = summary().locator('li').filter({ hasText: 'next.csv' });
  await next.getByText('Names merged in this file').click();
  assert.match(await next.innerText(), /Programme “Troubled families” shown as “Troubled Families” \(1 funding line; merged by hand\)/);

  // Taken back: the two spellings are two programmes again.
  await summary().getByText('Merge funder or programme names').click();
  await summary().getByRole('button', { name: 'Take back the merge of Troubled families' }).click();
  await messages().getByText('Took back the merge of “Troubled families”: 3 funding lines shown under their own names again.').waitFor();
  assert.equal(await page.getByTestId('figure-programmes').innerText(), '6');
  assert.deepEqual(errors, []);
});

test('merging a name into itself or into a circle says why and changes nothing', async () => {
  await upload(csv('register.csv', REGISTER));
  await summary().getByText('Merge funder or programme names').click();
  await summary().getByLabel('Merge this name').fill('Department for Transport');
  await summary().getByLabel('Into this name').fill('Transport');
  await summary().getByRole('button', { name: 'Merge names' }).click();
  await messages().getByText(/Merged “Department for Transport” into “Transport”: 2 funding lines/).waitFor();
  await summary().getByLabel('Merge this name').fill('Transport');
  await summary().getByLabel('Into this name').fill('DfT');
  await summary().getByRole('button', { name: 'Merge names' }).click();
  await summary().getByRole('alert').getByText('“DfT” is already merged into “Transport”, so merging the other way would go round in a circle.').waitFor();
  await summary().getByLabel('Merge this name').fill('Nobody');
  await summary().getByRole('button', { name: 'Merge names' }).click();
  await summary().getByRole('alert').getByText('No line has the Funder “Nobody”.').waitFor();
  assert.equal(await page.getByTestId('figure-funders').innerText(), '5');
  assert.deepEqual(errors, []);
});

test('one file can be removed, keeping the other files and their pots, and put back', async () => {
  await upload(csv('register.csv', REGISTER));
  await upload(csv('second.csv', 'Funding Org:Name,Grant Programme:Title,Amount Awarded\nHome Office,Policing,100\nHome Office,Prevent,200\n'));
  assert.equal(await page.getByTestId('figure-lines').innerText(), '13');
  assert.equal(await page.getByTestId('figure-total').innerText(), '£366');
  await page.getByRole('button', { name: 'New pot' }).click();
  const map = page.getByRole('region', { name: 'Funding map' });
  await map.getByRole('checkbox', { name: 'Home Office' }).check();
  await page.getByRole('button', { name: 'Move 2 selected lines' }).click();
  await page.getByRole('region', { name: 'Pot 1' }).getByText('2 lines from 1 funder').waitFor();

  await summary().getByRole('button', { name: 'Remove register.csv' }).click();
  await messages().getByText('Removed “register.csv” and its 11 funding lines (£66).').waitFor();
  assert.equal(await page.getByTestId('figure-lines').innerText(), '2');
  assert.equal(await page.getByTestId('figure-total').innerText(), '£300');
  assert.match(await summary().innerText(), /^2 funding lines from 1 file;/);
  await page.getByRole('region', { name: 'Pot 1' }).getByText('2 lines from 1 funder').waitFor();

  // Undo puts the file back, as the button beside the message does.
  await page.getByRole('button', { name: 'Undo' }).click();
  await messages().getByText('Undid: removed “register.csv”.').waitFor();
  assert.equal(await page.getByTestId('figure-lines').innerText(), '13');
  assert.equal(await page.getByTestId('figure-total').innerText(), '£366');
  assert.equal(await page.getByRole('button', { name: /^Put .* back/ }).count(), 0);
  // The history came back too: undo takes the move back.
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByRole('region', { name: 'Pot 1' }).getByText('0 lines from 0 funders').waitFor();
  // Redo moves the lines again, then removes the file again; the button puts it back.
  await page.getByRole('button', { name: 'Redo' }).click();
  await page.getByRole('region', { name: 'Pot 1' }).getByText('2 lines from 1 funder').waitFor();
  await page.getByRole('button', { name: 'Redo' }).click();
  await messages().getByText('Redid: removed “register.csv”.').waitFor();
  assert.equal(await page.getByTestId('figure-lines').innerText(), '2');
  await page.getByRole('button', { name: 'Put “register.csv” back' }).click();
  await messages().getByText('Undid: removed “register.csv”.').last().waitFor();
  assert.equal(await page.getByTestId('figure-lines').innerText(), '13');
  assert.deepEqual(errors, []);
});

test('a row needing attention shows its title, recipient, amount as written and every cell; a date that does not exist is noted', async () => {
  await upload(csv('messy.csv', 'Funding Org:Name,Grant Programme:Title,Title,Recipient Org:Name,Amount Awarded,Award Date\nDfT,Buses,Rural routes,Durham County Council,TBC,01/04/2016\nDfE,Schools,Phonics,Age UK,5,31/02/2024\n'));
  const attention = page.getByRole('region', { name: 'Needs attention' });
  const row = attention.getByRole('row').filter({ hasText: 'messy.csv' });
  assert.match(await row.innerText(), /DfT · Buses · Rural routes · Durham County Council · amount “TBC”/);
  await row.getByText('All cells').click();
  const cells = await row.locator('.row-cells div').allInnerTexts();
  assert.deepEqual(cells.map((c) => c.replace(/\s+/g, ' ')), [
    'Funding Org:Name: DfT',
    'Grant Programme:Title: Buses',
    'Title: Rural routes',
    'Recipient Org:Name: Durham County Council',
    'Amount Awarded: TBC',
    'Award Date: 01/04/2016',
  ]);
  // The impossible date is not accepted: the line has no date, and the file says so.
  const file = summary().locator('li').filter({ hasText: 'messy.csv' });
  await file.getByText('1 cell left unknown').click();
  assert.match(await file.innerText(), /Row 3, Award Date: .*31\/02\/2024/);
  assert.deepEqual(errors, []);
});

test('a reload while a file is being mapped says the file was not imported', async () => {
  await page.getByLabel('Choose files…').setInputFiles(csv('half-way.csv', 'Funder,Amount\nDfT,5\n'));
  await mapping().waitFor();
  await page.reload();
  await page.getByTestId('figure-lines').waitFor();
  await messages().getByText('“half-way.csv” was not imported: the page was reloaded before it finished. Choose the file again to add it.').waitFor();
  // Said once: the next reload is quiet.
  await page.reload();
  await page.getByTestId('figure-lines').waitFor();
  await page.waitForTimeout(300);
  assert.equal(await messages().getByText(/was not imported/).count(), 0);
  assert.deepEqual(errors, []);
});
