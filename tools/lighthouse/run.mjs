// cargo xtask lighthouse: Lighthouse's default mobile preset (simulated slow 4G, 4x CPU
// slowdown) three times per page, median printed; with --slow-3g, the time to the service name
// and to the app's first heading on a 400 ms / 400 kbit/s link. A benchmark: it prints numbers
// and judges nothing. Usage: node run.mjs BASE_URL [--slow-3g] [--runs N]
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import puppeteer from 'puppeteer-core';

const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
const PAGES = [
  ['start', '/'],
  ['accessibility', '/accessibility'],
  ['provider choice', '/verify'],
];

const args = process.argv.slice(2);
const base = args.find((a) => a.startsWith('http'));
if (!base) throw new Error('usage: node run.mjs BASE_URL [--slow-3g] [--runs N]');
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

if (args.includes('--slow-3g')) {
  await slow3g();
} else {
  await mobilePreset();
}

async function mobilePreset() {
  const rows = [];
  for (const [name, path] of PAGES) {
    const samples = [];
    for (let i = 0; i < runs; i++) {
      const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: FLAGS });
      try {
        const result = await lighthouse(new URL(path, base).href, {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: ['performance'],
        });
        const lhr = result.lhr;
        const value = (id) => lhr.audits[id]?.numericValue ?? NaN;
        samples.push({
          score: Math.round((lhr.categories.performance.score ?? 0) * 100),
          fcp: value('first-contentful-paint'),
          lcp: value('largest-contentful-paint'),
          tbt: value('total-blocking-time'),
          cls: value('cumulative-layout-shift'),
          bytes: value('total-byte-weight'),
          requests: lhr.audits['network-requests']?.details?.items?.length ?? NaN,
        });
      } finally {
        await chrome.kill();
      }
    }
    const pick = (key) => median(samples.map((s) => s[key]));
    rows.push({
      page: `${name} (${path})`,
      score: pick('score'),
      'FCP s': (pick('fcp') / 1000).toFixed(2),
      'LCP s': (pick('lcp') / 1000).toFixed(2),
      'TBT ms': Math.round(pick('tbt')),
      CLS: pick('cls').toFixed(3),
      'KB transferred': (pick('bytes') / 1000).toFixed(1),
      requests: pick('requests'),
      scores: samples.map((s) => s.score).join('/'),
    });
  }
  console.log(`Lighthouse ${lighthouseVersion()} mobile preset, median of ${runs} runs, ${base}`);
  console.table(rows);
}

async function slow3g() {
  const browser = await puppeteer.launch({ executablePath: CHROMIUM, args: FLAGS });
  const rows = [];
  try {
    for (const [name, path] of PAGES) {
      const samples = [];
      for (let i = 0; i < runs; i++) {
        const context = await browser.createBrowserContext();
        const page = await context.newPage();
        await page.setViewport({ width: 360, height: 740, isMobile: true, hasTouch: true });
        const cdp = await page.createCDPSession();
        await cdp.send('Network.enable');
        await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
        await cdp.send('Network.emulateNetworkConditions', {
          offline: false,
          latency: 400,
          downloadThroughput: (400 * 1000) / 8,
          uploadThroughput: (400 * 1000) / 8,
        });
        // The first frame in which each piece is on screen, from the navigation's start.
        await page.evaluateOnNewDocument(() => {
          const seen = (window.__seen = {});
          const visible = (sel) => {
            const el = document.querySelector(sel);
            return !!el && el.getBoundingClientRect().height > 0;
          };
          const look = () => {
            if (!seen.service && visible('.yy-header__service')) seen.service = performance.now();
            if (!seen.helpline && visible('a[href^="tel:"]')) seen.helpline = performance.now();
            if (!seen.h1 && visible('#yy-main h1')) seen.h1 = performance.now();
            if (!seen.h1) requestAnimationFrame(look);
          };
          requestAnimationFrame(look);
        });
        await page.goto(new URL(path, base).href, { waitUntil: 'domcontentloaded', timeout: 120_000 });
        await page.waitForFunction(() => window.__seen && window.__seen.h1, { timeout: 120_000, polling: 100 });
        samples.push(await page.evaluate(() => window.__seen));
        await context.close();
      }
      const pick = (key) => (median(samples.map((s) => s[key])) / 1000).toFixed(2);
      rows.push({
        page: `${name} (${path})`,
        'service name s': pick('service'),
        'helpline s': pick('helpline'),
        'first h1 s': pick('h1'),
      });
    }
  } finally {
    await browser.close();
  }
  console.log(`slow 3G (400 ms RTT, 400 kbit/s, cache off, 360x740), median of ${runs} runs, ${base}`);
  console.table(rows);
}

function lighthouseVersion() {
  return process.env.npm_package_dependencies_lighthouse ?? '13.5.0';
}
