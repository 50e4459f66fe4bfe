// Opens DIR/map.html in headless Chromium (Debian's, driven by puppeteer-core) as a reader
// would, and checks it against the GeoJSON layers written beside it by the same render:
//   - it opens (under MAX_OPEN_MS), with no console error, no page error, and no request
//     outside the file (only file:, data:, blob: and about: URLs);
//   - it shows every event of events.geojson and movements.geojson;
//   - #event=ID opens that event's card with its quote, word for word;
//   - #date=D shows exactly the events whose date range includes D, and two dates differ;
//   - the actor and kind filters and the slider (by keyboard) change what is drawn;
//   - the search box finds a site by a spelling and by its Arabic name;
//   - the embedded fonts load, and every control has a label.
// Screenshots go to SHOTS/. Exit 1 on any failure, 2 when Chromium or the page is missing.
//
//   node tests/clients/html_check.mjs DIR SHOTS [--max-open-ms N] [--quick | --open-only]
// --quick skips the filters, slider, search and click; --open-only checks only the opening
// (for pages whose layers are too big for Node to read: a million rows).
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';

const args = process.argv.slice(2);
const flag = (n, d) => { const i = args.indexOf(n); return i >= 0 ? args[i + 1] : d; };
const [dir, shots] = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1].startsWith('--max')));
if (!dir || !shots) { console.error('usage: html_check.mjs DIR SHOTS [--max-open-ms N] [--quick]'); process.exit(2); }
const MAX_OPEN_MS = +flag('--max-open-ms', 2000);
const QUICK = args.includes('--quick') || args.includes('--open-only');
const OPEN_ONLY = args.includes('--open-only');
const page_ = path.resolve(dir, 'map.html');
if (!fs.existsSync(page_)) { console.error(`html_check: FAIL: no ${page_}`); process.exit(2); }
const exe = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
if (!exe) { console.error('html_check: FAIL: chromium not installed (tests/clients/install.sh)'); process.exit(2); }
fs.mkdirSync(shots, { recursive: true });

let failures = 0;
const ok = (what) => console.log(`  ok    ${what}`);
const fail = (what) => { failures++; console.log(`  FAIL  ${what}`); };
const check = (cond, what) => (cond ? ok(what) : fail(what));

// the events as the GeoJSON layers have them: the independent truth for the page
const layer = (n) => {
  const f = path.join(dir, n);
  return fs.existsSync(f) ? JSON.parse(fs.readFileSync(f, 'utf8')).features.map((x) => x.properties) : [];
};
const events = OPEN_ONLY ? [] : [...layer('events.geojson'), ...layer('movements.geojson')];
if (!events.length && !OPEN_ONLY) { console.error('html_check: FAIL: no events in events.geojson / movements.geojson'); process.exit(2); }
const ids = (xs) => xs.map((e) => e.id).sort();
const onDay = (d) => ids(events.filter((e) => e.date_start <= d && d <= e.date_end));

const browser = await puppeteer.launch({
  executablePath: exe,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--allow-file-access-from-files'],
  userDataDir: fs.mkdtempSync('/tmp/bm-chromium-'),
});
const url = pathToFileURL(page_).href;

// one page per look, each with its own listeners
async function open(hash, what) {
  const page = await browser.newPage();
  await page.setViewport({ width: 1400, height: 900 });
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on('request', (r) => { if (!/^(file|data|blob|about):/.test(r.url())) problems.push(`request outside the file: ${r.url()}`); });
  const t0 = Date.now();
  await page.goto(url + (hash || ''), { waitUntil: 'load', timeout: 120000 });
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', { timeout: 120000 }).catch(() => {});
  const ms = Date.now() - t0;
  const ready = await page.evaluate(() => document.documentElement.dataset.ready === 'true');
  check(ready, `${what}: the page is ready (${ms} ms)`);
  return { page, problems, ms };
}
const shown = (page) => page.evaluate(() => window.bordermap.shown().slice().sort());
const drawnCount = (page) => page.evaluate(() => window.bordermap.drawn());
function clean(p, what) {
  check(p.problems.length === 0, `${what}: no console error, page error or outside request` +
    (p.problems.length ? `:\n        ${p.problems.slice(0, 8).join('\n        ')}` : ''));
}

console.log(`html_check: ${page_} (${(fs.statSync(page_).size / 1e6).toFixed(2)} MB${OPEN_ONLY ? '' : `, ${events.length} events in the layers`})`);

// 1. opening it
const first = await open('', 'open');
check(first.ms <= MAX_OPEN_MS, `open: ready in ${first.ms} ms (at most ${MAX_OPEN_MS})`);
if (OPEN_ONLY) {
  const n = await first.page.evaluate(() => window.bordermap.shown().length);
  const mem = await first.page.metrics();
  console.log(`        (${n} events in the page; JS heap ${(mem.JSHeapUsedSize / 1e6).toFixed(0)} MB; last redraw ${(await first.page.evaluate(() => window.bordermap.drawMs())).toFixed(1)} ms)`);
  check((await drawnCount(first.page)) > 0, `open: draws events on the map (${await drawnCount(first.page)})`);
  await first.page.screenshot({ path: path.join(shots, 'open.png') });
  clean(first, 'open');
  await browser.close();
  console.log(`html_check: ${failures} failure(s)`);
  process.exit(failures ? 1 : 0);
}
console.log(`        (first redraw took ${(await first.page.evaluate(() => window.bordermap.drawMs())).toFixed(1)} ms)`);
const all = await shown(first.page);
check(JSON.stringify(all) === JSON.stringify(ids(events)), `open: shows all ${events.length} events of the layers (shows ${all.length})`);
check((await drawnCount(first.page)) > 0, `open: draws events on the map (${await drawnCount(first.page)})`);
const fonts = await first.page.evaluate(async () => {
  await document.fonts.ready;
  return ['BM Noto Sans', 'BM Noto Sans Arabic'].map((f) => document.fonts.check(`12px "${f}"`, f.includes('Arabic') ? 'البوكمال' : 'Qaim'));
});
check(fonts.every(Boolean), `open: the embedded fonts load (${fonts})`);
const arabic = await first.page.evaluate(() => {
  const s = [...document.querySelectorAll('.bm-label [lang=ar]')];
  return { n: s.length, rtl: s.every((x) => x.dir === 'rtl' && getComputedStyle(x).direction === 'rtl') };
});
check(arabic.n > 0 && arabic.rtl, `open: ${arabic.n} Arabic site labels, every one right-to-left`);
const unlabelled = await first.page.evaluate(() => [...document.querySelectorAll('input, select, button')]
  .filter((x) => !(x.labels && x.labels.length) && !x.getAttribute('aria-label') && !x.textContent.trim())
  .map((x) => x.id || x.outerHTML.slice(0, 60)));
check(unlabelled.length === 0, `open: every control has a label${unlabelled.length ? ': ' + unlabelled.join(', ') : ''}`);
await first.page.screenshot({ path: path.join(shots, 'open.png') });
clean(first, 'open');

// 2. #event=ID: the card and its quote
const withQuote = events.filter((e) => e.quote && e.quote.length > 20);
const target = withQuote.length ? withQuote[Math.floor(withQuote.length / 2)] : events[0];
const ev = await open(`#event=${encodeURIComponent(target.id)}`, 'event');
const card = await ev.page.evaluate(() => {
  const c = document.getElementById('bm-card');
  return { hidden: c.hidden, text: c.innerText, quote: c.querySelector('.bm-quote')?.textContent ?? '' };
});
check(!card.hidden, `#event=${target.id}: the card is open`);
const cut = (await ev.page.evaluate(() => JSON.parse(document.getElementById('bm-tables').textContent).meta));
const expectQuote = events.length > cut.text_whole && target.quote.length > cut.text_cut ? target.quote.slice(0, cut.text_cut) : target.quote;
check(card.quote.startsWith(expectQuote) && expectQuote.length > 0, `#event: the card quotes the event word for word ("${expectQuote.slice(0, 60)}...")`);
for (const [field, label] of [['publisher', 'publisher'], ['grading', 'grading'], ['date_start', 'date']]) {
  if (target[field]) check(card.text.includes(String(target[field])), `#event: the card shows the ${label} (${target[field]})`);
}
check(/km from the Iraq–Syria border/.test(card.text), '#event: the card shows the border distance, side and chainage');
await ev.page.screenshot({ path: path.join(shots, 'event.png') });
clean(ev, 'event');
await ev.page.close();

// 3. two dates
const starts = [...new Set(events.map((e) => e.date_start))].sort();
const d1 = starts[0], d2 = starts[starts.length - 1];
const p1 = await open(`#date=${d1}`, `date ${d1}`);
const s1 = await shown(p1.page);
check(JSON.stringify(s1) === JSON.stringify(onDay(d1)), `#date=${d1}: shows exactly the ${onDay(d1).length} events under way that day (shows ${s1.length})`);
await p1.page.screenshot({ path: path.join(shots, 'date-first.png') });
clean(p1, `date ${d1}`);
await p1.page.close();
const p2 = await open(`#date=${d2}`, `date ${d2}`);
const s2 = await shown(p2.page);
check(JSON.stringify(s2) === JSON.stringify(onDay(d2)), `#date=${d2}: shows exactly the ${onDay(d2).length} events under way that day (shows ${s2.length})`);
check(d1 === d2 || JSON.stringify(s1) !== JSON.stringify(s2), `two dates show different events (${d1}: ${s1.length}, ${d2}: ${s2.length})`);
clean(p2, `date ${d2}`);
await p2.page.close();

if (!QUICK) {
  // bad addresses never break the page: each opens showing every event (or the card says so)
  for (const h of ['#view=8/1.2.3/40', '#view=./34/40', '#view=8/95/500', '#date=garbage', '#date=2024-02-30',
    '#actor=nonsense', '#bm-list', '#%E0%A4%A', '#event=no-such-event']) {
    const p = await open(h, `bad address ${h}`);
    const n = (await shown(p.page)).length;
    check(n === events.length, `bad address ${h}: every event shown (${n})`);
    if (h.startsWith('#event=')) {
      const t = await p.page.evaluate(() => document.getElementById('bm-card').innerText);
      check(t.includes('No event no-such-event'), `bad address ${h}: the card says there is no such event`);
    }
    clean(p, `bad address ${h}`);
    await p.page.close();
  }
  // the keyboard stays where it was: Enter on an entry of the list opens its card
  {
    const p = await open('', 'keyboard');
    const id = await p.page.evaluate(() => { const b = document.querySelector('#bm-list button'); b.focus(); return b.dataset.event; });
    await p.page.keyboard.press('Enter');
    const st = await p.page.evaluate(() => ({ focus: document.activeElement.dataset.event, card: !document.getElementById('bm-card').hidden }));
    check(st.card && st.focus === id, `keyboard: Enter on a list entry opens its card and keeps the focus on it (${st.focus})`);
    // the browser's Back undoes it: the card closes, the address drops the event
    await p.page.goBack();
    await p.page.waitForFunction(() => document.getElementById('bm-card').hidden, { timeout: 5000 }).catch(() => {});
    const back = await p.page.evaluate(() => ({ hidden: document.getElementById('bm-card').hidden, hash: location.hash }));
    check(back.hidden && !back.hash.includes('event='), `Back after opening a card closes it (${back.hash})`);
    clean(p, 'keyboard');
    await p.page.close();
  }
  // 4. the filters and the slider, through the page's own controls
  const f = await open('', 'filters');
  const page = f.page;
  const before = await drawnCount(page);
  // an actor: the registry id most events carry
  const counts = {};
  events.forEach((e) => String(e.actor_ids || '').split('; ').filter(Boolean).forEach((a) => { counts[a] = (counts[a] || 0) + 1; }));
  const actor = Object.keys(counts).sort((a, b) => counts[b] - counts[a])[0];
  if (actor) {
    await page.select('#bm-actor', actor);
    const s = await shown(page);
    const withActor = ids(events.filter((e) => String(e.actor_ids || '').split('; ').includes(actor)));
    check(s.length < events.length && withActor.every((id) => s.includes(id)),
      `actor filter ${actor}: ${s.length} events shown (of ${events.length}), including its own ${withActor.length}`);
    check(/actor=/.test(await page.evaluate(() => location.hash)), 'actor filter: the address records it');
    await page.screenshot({ path: path.join(shots, 'actor.png') });
    await page.click('#bm-reset');
  }
  // a kind: untick the most frequent one
  const kc = {};
  events.forEach((e) => { kc[e.kind] = (kc[e.kind] || 0) + 1; });
  const kind = Object.keys(kc).sort((a, b) => kc[b] - kc[a])[0];
  await page.click(`#bm-kinds-${kind.replace(/[^a-z0-9]/gi, '_')}`);
  const sk = await shown(page);
  check(sk.length === events.length - kc[kind], `kind filter: without ${kind}, ${sk.length} events shown (expected ${events.length - kc[kind]})`);
  const afterKind = await drawnCount(page);
  check(afterKind !== before, `kind filter: what is drawn changes (${before} → ${afterKind})`);
  await page.click('#bm-reset');
  // the slider, by keyboard: End goes to the last day, Home back to the first
  await page.focus('#bm-slider');
  await page.keyboard.press('End');
  const se = await shown(page);
  const dEnd = await page.evaluate(() => document.getElementById('bm-date').textContent);
  check(JSON.stringify(se) === JSON.stringify(onDay(dEnd)), `slider (keyboard End): shows the ${se.length} events under way on ${dEnd}`);
  check((await page.evaluate(() => location.hash)).includes(`date=${dEnd}`), 'slider: the address records the day');
  await page.keyboard.press('Home');
  const sd = await shown(page);
  check(JSON.stringify(sd) === JSON.stringify(onDay(d1)), `slider (keyboard Home): shows the ${onDay(d1).length} events of ${d1} (shows ${sd.length})`);
  await page.keyboard.press('PageUp');
  const dUp = await page.evaluate(() => document.getElementById('bm-date').textContent);
  check(dUp !== d1 && JSON.stringify(await shown(page)) === JSON.stringify(onDay(dUp)), `slider (keyboard PageUp): moves on to ${dUp}`);
  // the search box
  await page.click('#bm-search');
  await page.keyboard.type('Boukamal');
  const r1 = await page.evaluate(() => [...document.querySelectorAll('#bm-search-results li')].map((x) => x.textContent));
  check(r1.length > 0 && /Bukamal|Kamal/i.test(r1[0]), `search "Boukamal": ${r1[0] || 'nothing'}`);
  await page.keyboard.press('Enter');
  await page.evaluate(() => { document.getElementById('bm-search').value = ''; });
  await page.click('#bm-search');
  await page.keyboard.type('البوكمال');
  const r2 = await page.evaluate(() => [...document.querySelectorAll('#bm-search-results li')].map((x) => x.textContent));
  check(r2.length > 0 && /Kamal/i.test(r2[0]), `search "البوكمال": ${r2[0] || 'nothing'}`);
  await page.screenshot({ path: path.join(shots, 'search.png') });
  // a click on a symbol opens its card (or, where symbols overlap, a list that names it)
  await page.evaluate(() => { history.replaceState(null, '', location.pathname); });
  await page.reload({ waitUntil: 'load' });
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
  const pointEvents = layer('events.geojson');
  // where too many events are in view they are drawn as density, and a click zooms in there
  if (await page.evaluate(() => window.bordermap.dense())) {
    const e = pointEvents.find((x) => x.border_km < 50) || pointEvents[0];
    for (let i = 0; i < 6 && (await page.evaluate(() => window.bordermap.dense())); i++) {
      const at = await page.evaluate((id) => window.bordermap.locate(id), e.id);
      await page.mouse.click(at[0], at[1]);
      await new Promise((r) => setTimeout(r, 400));
    }
    const dense = await page.evaluate(() => window.bordermap.dense());
    check(!dense, `density: clicks on the squares zoom in until symbols are drawn (${await drawnCount(page)} in view)`);
    await page.screenshot({ path: path.join(shots, 'zoomed.png') });
  }
  const redraw = await page.evaluate(() => window.bordermap.drawMs());
  console.log(`        (last redraw took ${redraw.toFixed(1)} ms)`);
  let clicked = null;
  for (const e of pointEvents) {
    const at = await page.evaluate((id) => window.bordermap.where(id), e.id);
    if (at && at[0] > 20 && at[1] > 80 && at[0] < 1000 && at[1] < 880) { clicked = [e, at]; break; }
  }
  if (!clicked) fail('click: no event symbol found on screen to click');
  else {
    await page.mouse.click(clicked[1][0], clicked[1][1]);
    const c = await page.evaluate(() => ({ hidden: document.getElementById('bm-card').hidden, text: document.getElementById('bm-card').innerText }));
    const e = clicked[0];
    check(!c.hidden && (c.text.includes(e.quote.slice(0, 40)) || c.text.includes(e.place)),
      `click on the symbol of ${e.id}: its card (or a list naming it) opens`);
    await page.screenshot({ path: path.join(shots, 'click.png') });
  }
  clean(f, 'filters');
  await page.close();
}
await first.page.close();
await browser.close();
console.log(`html_check: ${failures} failure(s)`);
process.exit(failures ? 1 : 0);
