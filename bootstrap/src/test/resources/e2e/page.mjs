// Loads a page in headless Chromium, prints what a person sees as one JSON line and saves a
// screenshot. Usage: node page.mjs status|report URL SCREENSHOT   (playwright-core next to this script)
//   status: the peer's status page (waits until it has shown the peer's data); with ADMIN_TOKEN in
//           the environment, first waits for the page to ask for the token and types it in; with
//           ALONE=1, does not wait for contacts and lookups
//   report: a simulator HTML report
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");

const [mode, url, screenshot] = process.argv.slice(2);
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
  let seen;
  if (mode === "status") {
    let askedForToken = false;
    if (process.env.ADMIN_TOKEN) {
      await page.waitForSelector("#login:not([hidden])", { timeout: 20000 });
      askedForToken = true;
      await page.fill("#token", process.env.ADMIN_TOKEN);
      await page.click("#login button");
    }
    const alone = process.env.ALONE === "1"; // a peer with no contacts and no lookups yet
    await page.waitForFunction(alone => /^[0-9a-f]{64}$/.test(document.getElementById("node_id").textContent)
        && (alone || document.querySelectorAll("#buckets tr").length > 1
                  && document.querySelectorAll("#recent tr").length > 1), alone, { timeout: 20000 });
    seen = await page.evaluate(() => ({
      nodeId: document.getElementById("node_id").textContent,
      phase: document.getElementById("phase").textContent,
      contacts: document.getElementById("contacts").textContent,
      ring: [...document.querySelectorAll("#ring tr")].slice(1).map(r => r.cells[0].textContent),
      buckets: [...document.querySelectorAll("#buckets tr")].slice(1).map(r => Number(r.cells[1].textContent)),
      traffic: document.getElementById("traffic").textContent,
      recent: [...document.querySelectorAll("#recent tr")].slice(1).map(r => ({
        kind: r.cells[0].textContent, hops: Number(r.cells[2].textContent), latency: r.cells[4].textContent })),
      trafficTypes: [...document.querySelectorAll("#traffic_types tr")].slice(1).map(r => r.cells[0].textContent),
      error: document.getElementById("error").textContent,
      loginShown: !document.getElementById("login").hidden,
    }));
    seen.askedForToken = askedForToken;
  } else {
    seen = await page.evaluate(() => ({
      headings: [...document.querySelectorAll("h1, h2")].map(h => h.textContent),
      charts: document.querySelectorAll("svg").length,
      text: document.body.innerText.slice(0, 4000),
    }));
  }
  seen.title = await page.title();
  seen.pageErrors = errors;
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(JSON.stringify(seen));
} finally {
  await browser.close();
}
