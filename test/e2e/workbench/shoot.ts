/**
 * Takes screenshots of the workbench pages given as arguments (query strings + "#tab"), for
 * looking at screens while building them:  npx tsx test/e2e/workbench/shoot.ts "as=customer#negotiation"
 */
import { launchChromium } from '../harness/chromium';
import { saveScreenshot } from '../harness/screenshots';
import { startViteServer } from '../harness/vite-server';

const server = await startViteServer('test/e2e/workbench/vite.config.ts');
const browser = await launchChromium();
try {
  for (const arg of process.argv.slice(2)) {
    const [query = '', tab = 'overview'] = arg.split('#');
    const dark = query.includes('dark=1');
    const context = await browser.newContext({
      viewport: { width: 1280, height: 860 },
      colorScheme: dark ? 'dark' : 'light',
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`${server.url}?${query}`);
    await page.waitForSelector('[data-testid="case-header"]', { timeout: 30_000 });
    if (tab !== 'overview') {
      await page.getByTestId(`tab-${tab.split(':')[0]}`).click();
    }
    const click = tab.split(':')[1];
    if (click) await page.getByRole('button', { name: click }).first().click();
    await page.waitForTimeout(300);
    const name = `wb-${query.replace(/[^a-z0-9=]+/gi, '_')}-${tab.replace(/[^a-z0-9]+/gi, '_')}`;
    console.log(await saveScreenshot(page, name), errors.length ? `ERRORS: ${errors.join(' | ')}` : '');
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
}
