// The page keeps its promise that data never leaves it: a strict Content-Security-Policy is
// in force, and across the real flows (a sample, importing a file, pooling, the board pack,
// every download, saving a scenario) every request goes to the page's own origin and the
// browser reports no policy violation.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ROOT, durhamLines, homeOfficeLines } from '../support/oracle.mjs';
import { openPage, regionsOf, start } from '../support/page.mjs';

test('a strict CSP is in force and every request across the flows stays on the page’s origin', async () => {
  const app = await start();
  const errors = [];
  const page = await openPage(app.browser, errors);
  const { map, pot, summary } = regionsOf(() => page);
  const requests = [];
  page.on('request', (request) => requests.push(request.url()));
  await page.addInitScript(() => {
    window.violations = [];
    document.addEventListener('securitypolicyviolation', (event) =>
      window.violations.push(`${event.violatedDirective}: ${event.blockedURI}`),
    );
  });
  try {
    await page.goto(app.url);
    await page.getByTestId('figure-lines').waitFor();
    const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    for (const directive of [
      "default-src 'self'",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'none'",
      "img-src 'self' data: blob:",
    ]) {
      assert.ok(policy.includes(directive), `the policy has ${directive}`);
    }
    assert.match(policy, /script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+'/);

    // An injected inline script is refused, so the policy is really enforced.
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.injected = true';
      document.body.append(script);
    });
    assert.equal(await page.evaluate(() => window.injected ?? false), false);
    await page.waitForFunction(() => window.violations.length > 0);
    assert.match((await page.evaluate(() => window.violations))[0], /^script-src/);
    await page.evaluate(() => {
      window.violations = [];
    });

    await page.getByLabel('Choose files…').setInputFiles(`${ROOT}tests/e2e/fixtures/bad-rows.csv`);
    await page.getByRole('button', { name: 'Import “bad-rows.csv”' }).click();
    await summary().filter({ hasText: 'bad-rows.csv' }).waitFor();
    page.once('dialog', (dialog) => dialog.accept());
    await page.getByLabel('Data shown').selectOption('durham-illustrative');
    await page.getByTestId('figure-lines').filter({ hasText: durhamLines() }).waitFor();
    await page.getByRole('button', { name: 'New pot' }).click();
    await map().getByRole('checkbox', { name: 'Home Office' }).check();
    await page.getByRole('button', { name: /^Move \d+ selected lines$/ }).click();
    await pot('Pot 1').getByText(`${homeOfficeLines()} lines from 1 funder`).waitFor();
    for (const [button, within] of [
      ['Download PNG', page.getByRole('figure').first()],
      ['Download SVG', page.getByRole('figure').first()],
      ['Export pooled budget (CSV)', page],
      ['Save scenarios (JSON)', page],
    ]) {
      await Promise.all([page.waitForEvent('download'), within.getByRole('button', { name: button }).click()]);
    }
    await page.getByRole('button', { name: 'Board pack (print view)' }).click();
    const images = page.locator('.board-pack .pack-chart svg');
    await images.first().waitFor();
    assert.equal(await images.count(), 9, 'every chart');

    const origin = new URL(app.url).origin;
    const elsewhere = requests.filter((url) => !url.startsWith(`${origin}/`) && !/^(data|blob):/.test(url));
    assert.deepEqual(elsewhere, [], 'no request leaves the page’s origin');
    assert.ok(requests.some((url) => url.endsWith('.wasm')), 'the requests were recorded');
    assert.deepEqual(await page.evaluate(() => window.violations), [], 'no CSP violation in any flow');
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
    await app.close();
  }
});
