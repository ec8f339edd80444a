// Drives the Sluice trace viewer in Debian's Chromium (playwright-core, no browser download) and
// prints one JSON object of what the page showed. TraceViewerBrowserIT starts the collector,
// sends the traces, runs this script and asserts the exact values; this script asserts nothing
// itself beyond waiting for the page to reach each state.
//
// Environment:
//   SLUICE_UI_URL           the viewer's base URL, ending in '/'
//   SLUICE_SERVICE          the service to pick in the search form
//   SLUICE_TRACE_ID         the small trace to find through the search
//   SLUICE_SPAN_IDS         spans of that trace to open, comma-separated
//   SLUICE_ORPHAN_TRACE_ID  a trace with a span whose parent is missing
//   SLUICE_BIG_TRACE_ID     the large trace to load directly by URL
//   SLUICE_MISSING_ID       a trace ID the API does not have
//   SLUICE_SHOTS_DIR        where screenshots go
//   SLUICE_CHROMIUM         the browser executable, default /usr/bin/chromium
'use strict';

const path = require('path');
const { chromium } = require('playwright-core');

const env = (name, fallback) => {
  const value = process.env[name] || fallback;
  if (!value) {
    throw new Error(`environment variable ${name} is not set`);
  }
  return value;
};

const UI = env('SLUICE_UI_URL');
const SERVICE = env('SLUICE_SERVICE');
const TRACE_ID = env('SLUICE_TRACE_ID');
const SPAN_IDS = env('SLUICE_SPAN_IDS').split(',');
const ORPHAN_TRACE_ID = env('SLUICE_ORPHAN_TRACE_ID');
const BIG_TRACE_ID = env('SLUICE_BIG_TRACE_ID');
const MISSING_ID = env('SLUICE_MISSING_ID');
const SHOTS = env('SLUICE_SHOTS_DIR');
const STEP_TIMEOUT_MS = 30_000;

async function main() {
  const browser = await chromium.launch({
    executablePath: env('SLUICE_CHROMIUM', '/usr/bin/chromium'),
    args: ['--no-sandbox'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    const pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      // A 404 answer (the missing-trace step) is logged by Chromium itself; that is expected.
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) {
        pageErrors.push(m.text());
      }
    });
    const result = {};
    Object.assign(result, await searchStep(page));
    Object.assign(result, await traceStep(page));
    Object.assign(result, await bookmarkStep(page, result.searchPath));
    Object.assign(result, await orphanStep(page));
    Object.assign(result, await bigTraceStep(page));
    Object.assign(result, await errorStep(page));
    result.pageErrors = pageErrors;
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await browser.close();
  }
}

/** Opens the page, picks the service, searches with the defaults and reads the result list. */
async function searchStep(page) {
  await page.goto(UI);
  await page.locator(`#service option[value="${SERVICE}"]`).waitFor({ state: 'attached' });
  const services = await page.locator('#service option').allTextContents();
  await page.selectOption('#service', SERVICE);
  await page.waitForFunction(() => document.querySelectorAll('#operation option').length > 1);
  const operations = await page.locator('#operation option').allTextContents();
  await page.click('#find-traces');
  await awaitResults(page);
  await page.screenshot({ path: path.join(SHOTS, 'search.png') });
  const url = new URL(page.url());
  return {
    services,
    operations,
    searchPath: url.pathname + url.search,
    resultsTitle: await page.textContent('#results-title'),
    results: await readResults(page),
  };
}

/** Waits until a search finished and listed the trace. */
async function awaitResults(page) {
  await page.locator(`#results-section[aria-busy="false"] li[data-trace-id="${TRACE_ID}"]`)
      .waitFor();
}

async function readResults(page) {
  return page.$$eval('#results li[data-trace-id]', (items) => items.map((li) => ({
    traceId: li.dataset.traceId,
    name: li.querySelector('.result-name').textContent,
    spanCount: Number(li.querySelector('.span-count').dataset.spanCount),
    spanCountText: li.querySelector('.span-count').textContent,
    errorText: li.querySelector('.error-count') ? li.querySelector('.error-count').textContent : '',
    services: [...li.querySelectorAll('.chip')].map((c) => c.textContent),
  })));
}

/** Opens the trace from the result list, reads the waterfall, opens a span, folds the root. */
async function traceStep(page) {
  await page.click(`#results li[data-trace-id="${TRACE_ID}"] a`);
  await page.locator('#waterfall-rows .row').first().waitFor();
  const header = await readHeader(page);
  const rows = await readRows(page);
  const details = [];
  for (const spanId of SPAN_IDS) {
    details.push(await openSpan(page, spanId));
  }
  await page.screenshot({ path: path.join(SHOTS, 'trace.png') });
  const injected = await page.evaluate(() => ({
    scriptRan: window.sluiceXss === true,
    elements: document.querySelectorAll('#waterfall-rows b, #waterfall-rows img, #span-detail b, '
        + '#span-detail img, #trace-name b, #results b').length,
  }));
  const rootToggle = '#waterfall-rows .row[data-depth="0"] .toggle';
  const rowsWhenRootCollapsed = await toggleAndCount(page, rootToggle);
  const rowsWhenExpanded = await toggleAndCount(page, rootToggle);
  return {
    tracePath: new URL(page.url()).pathname,
    header, rows, details, injected, rowsWhenRootCollapsed, rowsWhenExpanded,
  };
}

/** Clicks a span's row and reads its detail panel. */
async function openSpan(page, spanId) {
  await page.click(`#waterfall-rows .row[data-span-id="${spanId}"] .op`);
  await page.locator(`#span-detail[data-span-id="${spanId}"]`).waitFor();
  return page.$eval('#span-detail', (panel) => {
    const pairs = (table) => table
        ? [...table.rows].map((tr) => [tr.cells[0].textContent, tr.cells[1].textContent])
        : [];
    return {
      title: panel.querySelector('h3').textContent,
      facts: Object.fromEntries([...panel.querySelectorAll('.detail-facts div')]
          .map((d) => [d.querySelector('dt').textContent, d.querySelector('dd').textContent])),
      tags: pairs(panel.querySelector('table.tags')),
      processTags: pairs(panel.querySelector('table.process-tags')),
      logs: [...panel.querySelectorAll('.log')].map((log) => ({
        time: log.querySelector('.log-time').textContent,
        fields: pairs(log.querySelector('table')),
      })),
      references: pairs(panel.querySelector('table.refs')),
    };
  });
}

/** Clicks a fold toggle, waits for the row count to change and returns the rows now shown. */
async function toggleAndCount(page, toggle) {
  const before = await page.$eval('#waterfall', (w) => w.dataset.visibleRows);
  await page.click(toggle);
  await page.waitForFunction(
      (b) => document.getElementById('waterfall').dataset.visibleRows !== b, before);
  return page.locator('#waterfall-rows .row').count();
}

async function readHeader(page) {
  return page.evaluate(() => ({
    name: document.getElementById('trace-name').textContent,
    spanCount: document.getElementById('trace-span-count').textContent,
    depth: document.getElementById('trace-depth').textContent,
    services: [...document.querySelectorAll('#trace-services .chip')].map((c) => c.textContent),
    traceId: document.getElementById('trace-id').textContent,
  }));
}

async function readRows(page) {
  return page.$$eval('#waterfall-rows .row', (rows) => rows.map((r) => ({
    spanId: r.dataset.spanId,
    depth: Number(r.dataset.depth),
    parentId: r.dataset.parentId,
    operation: r.querySelector('.op').textContent,
    error: r.classList.contains('error'),
  })));
}

/** Goes back to the search, then loads the search URL afresh as a bookmark would. */
async function bookmarkStep(page, searchPath) {
  await page.goBack();
  await awaitResults(page);
  const resultsAfterBack = (await readResults(page)).length;
  await page.goto(new URL(searchPath, UI).href);
  await awaitResults(page);
  return {
    resultsAfterBack,
    resultsAfterReload: (await readResults(page)).length,
    serviceAfterReload: await page.inputValue('#service'),
  };
}

/** Loads the trace with an orphan span by URL. */
async function orphanStep(page) {
  await page.goto(new URL(`trace/${ORPHAN_TRACE_ID}`, UI).href);
  await page.locator('#waterfall-rows .row').first().waitFor();
  return {
    orphan: {
      header: await readHeader(page),
      rows: await readRows(page),
      warnings: await page.textContent('#trace-warnings'),
    },
  };
}

/** Loads the large trace by URL, then scrolls the waterfall to its end. */
async function bigTraceStep(page) {
  await page.goto(new URL(`trace/${BIG_TRACE_ID}`, UI).href);
  await page.locator('#waterfall-rows .row').first().waitFor();
  const header = await readHeader(page);
  const firstRows = await readRows(page);
  const visibleRows = await page.$eval('#waterfall', (w) => Number(w.dataset.visibleRows));
  await page.$eval('#waterfall-scroll', (s) => { s.scrollTop = s.scrollHeight; });
  await page.waitForFunction(() => {
    const rows = document.querySelectorAll('#waterfall-rows .row');
    const spacer = document.getElementById('waterfall-spacer');
    const last = rows[rows.length - 1];
    return last && last.getBoundingClientRect().bottom
        >= spacer.getBoundingClientRect().bottom - 1;
  });
  const lastRows = await readRows(page);
  await page.screenshot({ path: path.join(SHOTS, 'big-trace-end.png') });
  return {
    big: {
      header,
      visibleRows,
      firstRow: firstRows[0],
      renderedRowsAtTop: firstRows.length,
      lastRow: lastRows[lastRows.length - 1],
      renderedRowsAtEnd: lastRows.length,
    },
  };
}

/** A trace ID the API does not know, then a search the API rejects: both show the message. */
async function errorStep(page) {
  await page.fill('#find-trace-id', MISSING_ID);
  await page.press('#find-trace-id', 'Enter');
  await page.locator('#banner:not([hidden])').waitFor();
  const missingTrace = await page.textContent('#banner .banner-msg');
  const missingPath = new URL(page.url()).pathname;
  await page.goto(new URL(`search?service=${encodeURIComponent(SERVICE)}&minDuration=100`, UI)
      .href);
  await page.locator('#banner:not([hidden])').waitFor();
  return {
    missingTrace,
    missingPath,
    badSearch: await page.textContent('#banner .banner-msg'),
    badSearchStatus: await page.textContent('#results-status'),
  };
}

main().catch((e) => {
  process.stderr.write(`${e.stack || e}\n`);
  process.exit(1);
});
