#!/usr/bin/env node
// Renders media/icon.svg to the 128x128 media/icon.png the marketplace needs (vsce rejects SVG
// icons), with Debian's chromium. Run after editing the SVG; the PNG is committed.
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, launchBrowser } from './lib/codeServer.mjs';

const svg = fs.readFileSync(path.join(ROOT, 'media', 'icon.svg'), 'utf8');
const { browser, context } = await launchBrowser({ viewport: { width: 128, height: 128 } });
try {
  const page = await context.newPage();
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.locator('svg').screenshot({ path: path.join(ROOT, 'media', 'icon.png'), omitBackground: true });
} finally {
  await browser.close();
}
