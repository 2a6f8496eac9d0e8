// axe-core (through @axe-core/playwright) finds no WCAG 2.2 A/AA or best-practice violation
// on any view a person reaches: the first view, a chart's table, the column-mapping screen,
// rows needing attention with a row's cells open, merging names, a removed file with its
// put-back, pots with funding in them (and the effect panel beside them), the board pack and
// the accessibility statement, the lines behind a figure, filters, named scenarios compared,
// a pot's notes and outcomes and the cost assumptions.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import { ROOT } from '../support/oracle.mjs';
import { regionsOf, start } from '../support/page.mjs';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

test('every view is free of axe-core violations', async () => {
  const app = await start();
  const errors = [];
  // axe needs a page of a context the test made itself.
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (error) => errors.push(error.message));
  const { map, mapping, attention, pot } = regionsOf(() => page);
  const checked = [];
  async function check(view) {
    const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
    const found = violations.map((v) => `${view}: ${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
    assert.deepEqual(found, [], `${view} has no violations`);
    checked.push(view);
  }
  try {
    await page.goto(app.url);
    await page.getByTestId('figure-lines').waitFor();
    await page.locator('canvas[data-drawn="true"]').first().waitFor();
    await check('first view');

    await page.getByRole('figure', { name: 'Ringfenced and flexible money by funder' }).getByText('Show the numbers as a table').click();
    await check('a chart with its table open');

    await page.getByLabel('Choose files…').setInputFiles(`${ROOT}tests/e2e/fixtures/bad-rows.csv`);
    await mapping().waitFor();
    await check('column mapping');

    await page.getByRole('button', { name: 'Import “bad-rows.csv”' }).click();
    await attention().waitFor();
    await attention().getByText('All cells').first().click();
    await check('needs attention, a row’s cells open');

    await page.getByText('Merge funder or programme names').click();
    await check('merging names');
    await page.getByRole('button', { name: 'Remove bad-rows.csv' }).click();
    await page.getByRole('button', { name: 'Put “bad-rows.csv” back' }).waitFor();
    await check('a file removed, with its put-back');
    await page.getByRole('button', { name: 'Put “bad-rows.csv” back' }).click();
    await attention().waitFor();

    await page.getByRole('button', { name: 'New pot' }).click();
    await map().getByRole('checkbox').first().check();
    await page.getByRole('button', { name: /^Move \d+ selected lines?$/ }).click();
    await pot('Pot 1').getByText(/from 1 funder/).waitFor();
    await pot('Pot 1').getByText('Settings').click();
    await check('pots');

    await pot('Pot 1').getByText(/^Notes and outcomes/).click();
    await pot('Pot 1').getByLabel('New outcome').fill('fewer children in care');
    await pot('Pot 1').getByRole('button', { name: 'Add outcome' }).click();
    await page.getByRole('region', { name: 'Cost assumptions' }).getByLabel('Cost of one competitive bid (£)').fill('oops');
    await page.getByRole('region', { name: 'Cost assumptions' }).getByLabel('Cost of one competitive bid (£)').press('Tab');
    await page.getByRole('button', { name: 'Duplicate scenario' }).click();
    await page.getByRole('button', { name: 'Rename scenario' }).click();
    await page.getByRole('button', { name: 'Compare scenarios' }).click();
    await page.getByRole('region', { name: 'Scenario comparison' }).waitFor();
    await check('notes and outcomes, cost assumptions, scenarios compared');

    await map().getByRole('button', { name: /^Lines behind / }).first().click();
    await page.getByRole('region', { name: 'Lines behind the selection' }).waitFor();
    await check('the lines behind a figure');
    await page.getByRole('button', { name: /^Only this funder$/ }).click();
    await page.getByRole('region', { name: 'Filters' }).waitFor();
    await check('filters');
    await page.getByRole('button', { name: 'Clear filters' }).click();

    await page.getByRole('button', { name: 'Board pack (print view)' }).click();
    await page.getByRole('article').waitFor();
    await page.locator('.board-pack .pack-chart svg').first().waitFor();
    await check('board pack');
    await page.getByRole('button', { name: 'Back to the workspace' }).click();

    // National data: Places compared and its chart, unknown places explained, giving a place.
    await page.goto(`${app.url}?sample=ggis-awards-2016-17`);
    await page.getByRole('region', { name: 'Places compared', exact: true }).waitFor();
    await page.getByText('Why some lines have no place or year').click();
    await page.getByText('Give a recipient a place').click();
    await page.getByRole('combobox', { name: 'Place', exact: true }).fill('Norfolk');
    await page.getByRole('combobox', { name: 'Place', exact: true }).press('Enter');
    await page.getByTestId('showing').filter({ hasText: 'Norfolk' }).waitFor();
    await page.getByRole('figure', { name: /Places ranked/ }).getByText('Show the numbers as a table').click();
    await check('places and years');

    await page.getByRole('link', { name: 'Accessibility statement' }).click();
    await page.getByRole('heading', { name: 'Accessibility statement for grantpool', level: 1 }).waitFor();
    await check('accessibility statement');

    assert.equal(checked.length, 13);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await app.close();
  }
});
