// The workspace as one view: the effect of the pots stays in view while dragging (a panel
// beside the map and pots on a wide screen, a bar along the bottom on a narrow one), a drag
// near the window's edge scrolls to a pot out of sight, names fit on a phone, and long chart
// labels wrap rather than being cut. Figures come from the sample file (PapaParse).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { durhamRows, streamKey } from '../support/oracle.mjs';
import { onAFreshPageEachTest, regionsOf } from '../support/page.mjs';

let page;
let errors;
onAFreshPageEachTest((fresh, pageErrors) => {
  page = fresh;
  errors = pageErrors;
});
const { pot, map } = regionsOf(() => page);
const rows = durhamRows();
const streams = (list) => new Set(list.map(streamKey)).size;
const effect = () => page.getByRole('region', { name: 'Effect of your pots' });

/** True when the locator's box lies wholly inside the window. */
async function inView(locator) {
  const box = await locator.boundingBox();
  const { width, height } = page.viewportSize();
  return box !== null && box.y >= 0 && box.y + box.height <= height + 1 && box.x >= 0 && box.x + box.width <= width + 1;
}

test('on a wide screen the measures, with their change, and the before/after chart stay beside the map and pots', async () => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.getByRole('button', { name: 'New pot' }).click();
  await map().getByRole('checkbox', { name: 'Home Office' }).scrollIntoViewIfNeeded();
  await map().getByRole('checkbox', { name: 'Home Office' }).check();
  await page.getByRole('button', { name: /^Move \d+ selected lines$/ }).click();
  await pot('Pot 1').getByText(/lines from 1 funder/).waitFor();
  // Scrolled down the map, the panel is still wholly in view.
  await map().getByRole('checkbox', { name: 'Ministry of Justice' }).scrollIntoViewIfNeeded();
  await page.mouse.wheel(0, 300);
  await page.waitForTimeout(100);
  assert.ok(await inView(effect().getByRole('heading', { name: 'Effect of your pots' })), 'the panel heading is in view');
  assert.ok(await inView(effect().getByRole('img')), 'the before/after chart is in view');
  const before = streams(rows);
  const after = streams(rows.filter((r) => r['Funding Org:Name'] !== 'Home Office')) + 1;
  const row = effect().getByRole('row', { name: /^Funding streams/ });
  assert.deepEqual(await row.locator('td').allInnerTexts(), [`${before} → ${after}`, `−${before - after}`]);
  assert.match(await effect().getByRole('img').getAttribute('aria-label'), /^Ringfenced and flexible money, today and with your pots\./);
  assert.deepEqual(errors, []);
});

test('on a narrow screen a bar along the bottom says the change, and a drag held at the edge scrolls to a pot', async () => {
  await page.setViewportSize({ width: 768, height: 640 });
  await page.getByRole('button', { name: 'New pot' }).click();
  const handle = map().getByRole('img', { name: 'Drag Ministry of Housing, Communities and Local Government' });
  await handle.evaluate((e) => e.scrollIntoView({ block: 'start' }));
  await page.evaluate(() => window.scrollBy(0, -80));
  const summary = page.getByTestId('effect-summary');
  assert.ok(await inView(summary), 'the summary bar is in view beside the map');
  assert.equal(await inView(pot('Pot 1')), false, 'the pot is out of sight below');
  const startY = await page.evaluate(() => window.scrollY);

  const from = await handle.boundingBox();
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + 40, 636, { steps: 8 });
  await page.waitForFunction((y) => window.scrollY > y + 200, startY);
  // Held at the edge, the page scrolls until the pot comes into view; then drop on it.
  await page.waitForFunction(() => {
    const target = document.querySelector('.pot[data-drop-target]');
    const box = target?.getBoundingClientRect();
    return box && box.top >= 0 && box.bottom <= window.innerHeight - 120;
  });
  await page.mouse.move(from.x + 60, 320, { steps: 2 });
  const box = await pot('Pot 1').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + 20, { steps: 6 });
  await page.mouse.up();
  const housing = 'Ministry of Housing, Communities and Local Government';
  const moved = rows.filter((r) => r['Funding Org:Name'] === housing);
  await pot('Pot 1').getByText(`${moved.length} lines from 1 funder`).waitFor();
  const before = streams(rows);
  const after = streams(rows.filter((r) => r['Funding Org:Name'] !== housing)) + 1;
  await summary.getByText(`Funding streams ${before} → ${after} (−${before - after})`).waitFor();
  assert.deepEqual(errors, []);
});

test('on a phone the funding map shows each name in full, with its figures under it', async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  const name = 'Department for Business, Energy and Industrial Strategy';
  const group = map().locator('.group').filter({ hasText: name }).first();
  await group.scrollIntoViewIfNeeded();
  const label = group.locator('.group-name');
  assert.equal((await label.innerText()).trim(), name);
  const [nameBox, totalBox] = [await label.boundingBox(), await group.locator('.group-total').boundingBox()];
  assert.ok(nameBox.x + nameBox.width <= 390, 'the name is not cut at the edge');
  assert.ok(totalBox.y >= nameBox.y + nameBox.height - 1, 'the money sits under the name');
  const overflow = await label.evaluate((e) => e.scrollWidth > e.clientWidth);
  assert.equal(overflow, false, 'the name is not cut off');
  assert.deepEqual(errors, []);
});

test('long names in a chart wrap onto two lines rather than being cut, and the table and tooltips name them in full', async () => {
  const figure = page.getByRole('figure', { name: 'Ringfenced and flexible money by funder' });
  const [download] = await Promise.all([page.waitForEvent('download'), figure.getByRole('button', { name: 'Download SVG' }).click()]);
  const svg = (await (await download.createReadStream()).toArray()).join('');
  const texts = await page.evaluate((source) => [...new DOMParser().parseFromString(source, 'image/svg+xml').querySelectorAll('text')].map((t) => t.textContent.trim()), svg);
  // The nine largest funders by money, from the file.
  const money = new Map();
  for (const r of rows) money.set(r['Funding Org:Name'], (money.get(r['Funding Org:Name']) ?? 0) + Number(r['Amount Awarded']));
  const named = [...money].sort((a, b) => b[1] - a[1]).slice(0, 9).map(([name]) => name);
  for (const name of named) {
    const whole = texts.includes(name) || texts.some((line, i) => `${line} ${texts[i + 1]}` === name);
    assert.ok(whole, `“${name}” is drawn in full, on one line or two`);
  }
  assert.ok(texts.every((t) => !t.endsWith('…')), `no funder name is cut: ${texts.filter((t) => t.endsWith('…'))}`);
  await figure.getByText('Show the numbers as a table').click();
  const table = page.getByRole('table', { name: /Ringfenced and flexible money by funder/ });
  for (const name of named) await table.getByRole('rowheader', { name, exact: true }).waitFor();
  assert.deepEqual(errors, []);
});

test('on a first visit at 1366 × 768 the headline figures are in the first screen', async () => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(page.url());
  await page.getByTestId('figure-lines').waitFor();
  assert.ok(await inView(page.getByTestId('figure-lines')), 'the number of funding lines is above the fold');
  assert.ok(await inView(page.getByTestId('figure-ringfenced-share')), 'the ringfenced share is above the fold');
  assert.equal(await page.getByTestId('figure-lines').innerText(), rows.length.toLocaleString('en-GB'));
  assert.deepEqual(errors, []);
});
