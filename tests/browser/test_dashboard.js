// test_dashboard.js URL OUTDIR -- the dashboard as an analyst uses it, in
// Debian's chromium driven by playwright-core (tests/browser/run.sh starts
// the server): the page loads with no console error (a CSP violation is
// one), the timeline and the actor graph are drawn and the graph links PRK
// and RUS, the map draws the world outline and one circle per place the
// events happened at (as /api/events gives their locations), filtering to
// PRK -> RUS lists the greeting events and maps only their places, clicking
// one shows its evidence sentence with source, verb and target highlighted
// and a link to its article and marks its place on the map, clicking a
// circle shows an event there.  Screenshots go to OUTDIR.  Prints "ok"/"not ok"
// lines and "# browser: N passed, N failed" last; exit 1 on a failure.
'use strict';
const { chromium } = require('playwright-core');

const url = process.argv[2];
const out = process.argv[3] || 'build/browser';
let passed = 0;
let failed = 0;

function check(cond, what, detail) {
  if (cond) {
    passed++;
    console.log('ok ' + what);
  } else {
    failed++;
    console.log('not ok ' + what + (detail ? ': ' + detail : ''));
  }
}

// Polls fn(arg) in the page until true.  page.waitForFunction would
// evaluate a string inside the page, which the page's CSP (no
// 'unsafe-eval') rightly refuses; page.evaluate goes through the devtools
// protocol instead.
async function waitFor(page, fn, arg, ms) {
  const end = Date.now() + (ms || 15000);
  for (;;) {
    if (await page.evaluate(fn, arg)) return;
    if (Date.now() > end) throw new Error('timed out waiting for ' + fn);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function sameSet(a, b) {
  return a.length === b.length && a.every((x) => b.includes(x));
}

// The circles' places, and the places of the events /api/events gives for
// the same filter (QUERY), asked by the test itself.
async function mapState(page, query) {
  return page.evaluate(async (q) => {
    const d = await (await fetch('/api/events' + q + (q ? '&' : '?') + 'limit=1000')).json();
    const api = [...new Set(d.events.filter((e) => e.location && e.location.lat !== null)
      .map((e) => e.location.feature_id))];
    const places = Array.from(document.querySelectorAll('#map circle.place'))
      .map((c) => c.getAttribute('data-key'));
    return { places, api };
  }, query);
}

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking']
  });
  const errors = [];
  const outside = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('request', (r) => { if (!r.url().startsWith(url)) outside.push(r.url()); });

    await page.goto(url, { waitUntil: 'load' });
    await waitFor(page, () => window.kabar && window.kabar.loads >= 1, null);
    await page.screenshot({ path: out + '/dashboard.png', fullPage: true });

    const stats = await page.textContent('#stats');
    check(/\d+ events/.test(stats), 'the header counts the events', stats);
    check(await page.$('#timeline canvas') !== null, 'the timeline is drawn');
    const graph = await page.evaluate(() => {
      const cy = window.kabar.graph;
      if (!cy) return null;
      return {
        nodes: cy.nodes().map((n) => n.id()),
        prkRus: cy.edges().filter((e) => e.source().id() === 'PRK' && e.target().id() === 'RUS').length,
        colour: cy.edges().filter((e) => e.source().id() === 'PRK' && e.target().id() === 'RUS').map((e) => e.data('colour'))[0]
      };
    });
    check(graph && graph.nodes.includes('PRK') && graph.nodes.includes('RUS'),
      'the graph has PRK and RUS as nodes', JSON.stringify(graph && graph.nodes));
    check(graph && graph.prkRus === 1, 'the graph links PRK to RUS');
    check(graph && graph.colour === '#1a9850', 'PRK -> RUS is cooperation (green)', graph && graph.colour);
    const rows = await page.$$eval('#events tbody tr', (trs) => trs.length);
    check(rows > 0, 'the event table lists events', String(rows));

    // the map: the outline, and one circle per place of /api/events
    await waitFor(page, () => window.kabar.map && window.kabar.map.outline, null);
    const outline = await page.evaluate(() => document.querySelector('#map svg path.land').getAttribute('d').length);
    check(outline > 10000, 'the map draws the world outline', String(outline));
    const mapped = await mapState(page, '');
    check(mapped.places.length > 0 && sameSet(mapped.places, mapped.api),
      'the map has one circle per place the events happened at',
      JSON.stringify(mapped));
    const kl = await page.evaluate(() => {
      const c = document.querySelector('#map circle.place[data-key="1735161"]');
      return c && { cx: +c.getAttribute('cx'), cy: +c.getAttribute('cy'), title: c.textContent };
    });
    check(kl && Math.abs(kl.cx - 101.69) < 0.05 && Math.abs(kl.cy + 3.14) < 0.05 && /Kuala Lumpur/.test(kl.title),
      'Kuala Lumpur is plotted at 3.14 N 101.69 E', JSON.stringify(kl));
    check(/\d+ of \d+ events located, at \d+ places/.test(await page.textContent('#map-caption')),
      'the map says how many events it located');

    // filter PRK -> RUS
    await page.fill('input[name=source]', 'prk');
    await page.fill('input[name=target]', 'RUS');
    const loads = await page.evaluate(() => window.kabar.loads);
    await page.click('#apply');
    await waitFor(page, (n) => window.kabar.loads > n, loads);
    const listed = await page.$$eval('#events tbody tr', (trs) => trs.map((tr) =>
      Array.from(tr.children).map((td) => td.textContent)));
    check(listed.length > 0 && listed.every((r) => r[1].startsWith('PRK') && r[2].startsWith('RUS')),
      'filtering to PRK -> RUS lists only PRK -> RUS events', JSON.stringify(listed.slice(0, 3)));
    const greetings = listed.filter((r) => r[3] === '051');
    check(greetings.length >= 2 && greetings.some((r) => r[0] === '2024-12-31'),
      'the greeting events (CAMEO 051) are listed', JSON.stringify(listed));
    check(/source=PRK/.test(await page.evaluate(() => location.hash)), 'the filter is kept in the URL');
    const prkRus = await mapState(page, '?source=PRK&target=RUS');
    check(prkRus.places.includes('RS') && sameSet(prkRus.places, prkRus.api),
      'filtered, the map shows the places of PRK -> RUS events only (Russia among them)',
      JSON.stringify(prkRus));
    await page.screenshot({ path: out + '/filter-prk-rus.png', fullPage: true });

    // click a greeting: its evidence, highlighted
    const index = listed.findIndex((r) => r[3] === '051' && r[0] === '2024-12-31');
    await page.click('#events tbody tr:nth-child(' + (index + 1) + ')');
    await page.waitForSelector('#evidence .mention mark.verb', { timeout: 10000 });
    const ev = await page.evaluate(() => ({
      source: Array.from(document.querySelectorAll('#evidence mark.source')).map((m) => m.textContent),
      verb: Array.from(document.querySelectorAll('#evidence mark.verb')).map((m) => m.textContent),
      target: Array.from(document.querySelectorAll('#evidence mark.target')).map((m) => m.textContent),
      links: Array.from(document.querySelectorAll('#evidence .meta a')).map((a) => a.href),
      text: document.querySelector('#evidence').textContent
    }));
    check(ev.source.some((s) => /Kim/.test(s)), 'the source (Kim Jong Un) is highlighted', JSON.stringify(ev.source));
    check(ev.target.some((s) => /Putin/.test(s)), 'the target (Putin) is highlighted', JSON.stringify(ev.target));
    check(ev.verb.length > 0, 'the verb is highlighted', JSON.stringify(ev.verb));
    check(/selamat/.test(ev.text), 'the evidence is the greeting sentence');
    check(ev.links.some((h) => /\/api\/articles\/\d+$/.test(h)), 'the evidence links its article');
    const picked = await page.evaluate(() => {
      const c = document.querySelector('#map circle.picked');
      return { key: window.kabar.map.selected, visible: c.getAttribute('visibility'),
        cx: +c.getAttribute('cx'), cy: +c.getAttribute('cy') };
    });
    check(picked.key === 'RS' && picked.visible === 'visible' && Math.abs(picked.cx - 37.62) < 0.05 &&
      Math.abs(picked.cy + 55.75) < 0.05, 'the selected greeting is marked on the map in Russia',
      JSON.stringify(picked));
    await page.screenshot({ path: out + '/evidence.png', fullPage: true });

    // a click on a circle: the place named, an event there shown
    await page.evaluate(() => { document.getElementById('evidence').textContent = ''; });
    // (dispatched: Moscow's circle may lie over Russia's, whose point is its capital)
    await page.dispatchEvent('#map circle.place[data-key="RS"]', 'click');
    await page.waitForSelector('#evidence .mention', { timeout: 10000 });
    const caption = await page.textContent('#map-caption');
    check(/^Russia \(RS\): \d+ events?$/.test(caption), 'a clicked circle names its place', caption);

    // a bad filter: said in the page, not thrown
    await page.fill('input[name=from]', '');
    await page.evaluate(() => { document.querySelector('input[name=actor]').value = 'R$S'; });
    const before = await page.evaluate(() => window.kabar.loads);
    await page.evaluate(() => document.getElementById('filters').requestSubmit());
    await waitFor(page, (n) => window.kabar.loads > n, before);
    const msg = await page.textContent('#error');
    check(/upper-case/.test(msg), 'a bad actor code is reported in the page', msg);

    check(errors.filter((e) => !/status of 400/.test(e)).length === 0,
      'no console errors', JSON.stringify(errors));
    check(outside.length === 0, 'nothing is fetched from elsewhere', JSON.stringify(outside));
  } catch (e) {
    check(false, 'the test ran to its end', String(e && e.stack || e));
  } finally {
    await browser.close();
  }
  console.log('# browser: ' + passed + ' passed, ' + failed + ' failed');
  process.exit(failed ? 1 : 0);
})();
