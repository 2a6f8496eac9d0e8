// WCAG 2.2 AA on a phone held upright: at 320 CSS pixels the page reflows with no sideways
// scrolling (1.4.10), wide tables scroll inside their own box that the keyboard can reach, and
// every target a finger or pointer uses is at least 24 × 24 pixels (2.5.8).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ROOT, homeOfficeLines } from '../support/oracle.mjs';
import { openPage, regionsOf, start } from '../support/page.mjs';

test('at 320 px the page reflows without sideways scrolling, and targets are at least 24 × 24', async () => {
  const app = await start();
  const errors = [];
  const page = await openPage(app.browser, errors);
  const { map, pot } = regionsOf(() => page);
  try {
    await page.setViewportSize({ width: 320, height: 800 });
    await page.goto(app.url);
    await page.getByTestId('figure-lines').waitFor();
    await page.locator('canvas[data-drawn="true"]').first().waitFor();
    const sideways = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(await sideways(), 0, 'the first view reflows');

    // A chart's table opens inside a box that scrolls on its own and takes keyboard focus.
    const figure = page.getByRole('figure', { name: 'Ringfenced and flexible money by funder' });
    await figure.getByText('Show the numbers as a table').click();
    const box = figure.getByRole('group', { name: /Ringfenced and flexible money by funder/ });
    assert.equal(await box.getAttribute('tabindex'), '0');
    assert.ok(await box.evaluate((el) => el.scrollWidth > el.clientWidth), 'the wide table scrolls inside its box');
    assert.equal(await sideways(), 0, 'an open table does not widen the page');

    // Pooling works at this width, and the map shows each group's name.
    await page.getByRole('button', { name: 'New pot' }).click();
    await map().getByRole('checkbox', { name: 'Home Office' }).check();
    await page.getByRole('button', { name: /^Move \d+ selected lines$/ }).click();
    await pot('Pot 1').getByText(`${homeOfficeLines()} lines from 1 funder`).waitFor();
    assert.ok(await map().getByText('Department for Transport', { exact: true }).isVisible(), 'names are shown, not cut');
    assert.equal(await sideways(), 0, 'the workspace reflows');

    const small = await page.evaluate(() =>
      [...document.querySelectorAll('button, select, input[type="checkbox"], input[type="radio"], .drag-handle, summary')]
        .filter((el) => el.offsetParent !== null)
        .map((el) => ({ el, box: el.getBoundingClientRect() }))
        .filter(({ box }) => box.width < 24 || box.height < 24)
        .map(({ el, box }) => `${el.tagName.toLowerCase()} “${(el.getAttribute('aria-label') ?? el.textContent).trim().slice(0, 30)}” ${Math.round(box.width)}×${Math.round(box.height)}`),
    );
    assert.deepEqual(small, [], 'every target is at least 24 × 24');

    // The mapping screen, rows needing attention and rows left out reflow too (their tables
    // scroll in their own boxes, hidden labels included).
    await page.getByLabel('Choose files…').setInputFiles(`${ROOT}tests/e2e/fixtures/bad-rows.csv`);
    await page.getByRole('region', { name: 'Column mapping' }).waitFor();
    assert.equal(await sideways(), 0, 'the mapping screen reflows');
    page.once('dialog', (dialog) => dialog.accept());
    await page.getByRole('button', { name: 'Import “bad-rows.csv”' }).click();
    await page.getByRole('region', { name: 'Needs attention' }).waitFor();
    await page.getByRole('button', { name: 'Leave out row 9 of “bad-rows.csv”' }).click();
    await page.getByRole('region', { name: 'Rows left out' }).waitFor();
    assert.equal(await sideways(), 0, 'rows needing attention and rows left out reflow');
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
    await app.close();
  }
});
