// Loads a simulator HTML report in headless Chromium, prints its headings and the number of
// charts it draws as one JSON line and saves a screenshot.
// Usage: node report-page.mjs FILE_URL SCREENSHOT   (playwright-core next to this script)
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");

const [url, screenshot] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const errors = [];
  page.on("pageerror", e => errors.push(String(e)));
  await page.goto(url);
  const seen = await page.evaluate(() => ({
    title: document.title,
    headings: [...document.querySelectorAll("h1, h2")].map(h => h.textContent),
    charts: document.querySelectorAll("svg").length,
    text: document.body.innerText.slice(0, 4000),
  }));
  seen.pageErrors = errors;
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(JSON.stringify(seen));
} finally {
  await browser.close();
}
