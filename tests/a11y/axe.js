// axe-core on HTML pages in Debian's chromium, driven by puppeteer-core (which never downloads a browser).
// Usage: node axe.js CHROMIUM PAGE.html [PAGE.html ...]
// Each page is checked as on a screen and as printed (media "print"). Prints one JSON object:
// {"tags": [...], "rules": N, "axe": "4.x", "pages": {"PAGE.html screen": {"violations": [...],
// "incomplete": [...]}, ...}}. Exit 0 when it ran, whatever axe found (the Python test judges),
// 2 when it could not run.
"use strict";

const fs = require("fs");
const path = require("path");
const puppeteer = require("puppeteer-core");

// WCAG 2.1 level A and AA, all of it: no narrower subset of rules.
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

function nodes(result) {
  return result.nodes.map((n) => ({ target: n.target, summary: n.failureSummary }));
}

async function main() {
  const [executablePath, ...pages] = process.argv.slice(2);
  if (!executablePath || pages.length === 0) {
    console.error("usage: node axe.js CHROMIUM PAGE.html [PAGE.html ...]");
    process.exit(2);
  }
  const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  const browser = await puppeteer.launch({
    executablePath,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
  const out = { tags: TAGS, pages: {} };
  try {
    for (const file of pages) {
      for (const media of ["screen", "print"]) {
        const page = await browser.newPage();
        await page.setViewport({ width: 800, height: 600 }); // narrow enough that the chain scrolls sideways
        // The report's Content-Security-Policy forbids scripts: axe is the test's, not the page's.
        await page.setBypassCSP(true);
        await page.emulateMediaType(media);
        await page.goto("file://" + path.resolve(file), { waitUntil: "load" });
        await page.addScriptTag({ content: axeSource });
        const found = await page.evaluate(async (tags) => {
          const result = await window.axe.run(document, {
            runOnly: { type: "tag", values: tags },
            resultTypes: ["violations", "incomplete"],
          });
          return { result, rules: window.axe.getRules(tags).length, version: window.axe.version };
        }, TAGS);
        out.rules = found.rules;
        out.axe = found.version;
        out.pages[`${file} ${media}`] = {
          violations: found.result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: nodes(v) })),
          incomplete: found.result.incomplete.map((v) => ({ id: v.id, nodes: nodes(v) })),
        };
        await page.close();
      }
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(out, null, 1) + "\n");
}

main().catch((error) => {
  console.error(String(error && error.stack ? error.stack : error));
  process.exit(2);
});
