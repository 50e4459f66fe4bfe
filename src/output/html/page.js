/* bordermap map.html: the page's script. Reads the two JSON blocks of the page (tables and
 * events), draws the basemap with Leaflet's vector layers and the events on one canvas, and
 * keeps the state (day, filters, open event, view) in the address. Nothing is fetched. */
(function () {
  'use strict';
  var T = JSON.parse(document.getElementById('bm-tables').textContent);
  var EV = JSON.parse(document.getElementById('bm-events').textContent);
  // the positions of an event record's fields (src/output/html/mod.rs, HtmlEvents::add)
  var F = { id: 0, kind: 1, status: 2, start: 3, end: 4, prec: 5, geom: 6, actors: 7, source: 8,
    grading: 9, place: 10, quote: 11, notes: 12, dateNote: 13, geoPrec: 14, wherePrec: 15,
    precM: 16, borderKm: 17, side: 18, chainage: 19, unc: 20, stops: 21, lengthKm: 22,
    crosses: 23, extra: 24, position: 25 };
  var KINDS = T.looks.kinds, STATUSES = T.looks.statuses, META = T.meta;
  var DAY_MS = 86400000;
  var SYMBOL_PX = 15;          // a symbol's size on the map, CSS px
  var DENSE = 2500;            // more events in view than this: drawn as density
  var LIST_MAX = 300;          // events listed at most
  var REL = { A: 'completely reliable', B: 'usually reliable', C: 'fairly reliable',
    D: 'not usually reliable', E: 'unreliable', F: 'reliability cannot be judged' };
  var CRED = { 1: 'confirmed by other sources', 2: 'probably true', 3: 'possibly true',
    4: 'doubtful', 5: 'improbable', 6: 'truth cannot be judged' };
  var SIDE = { IQ: 'Iraq', SY: 'Syria', other: 'neither Iraq nor Syria', '': 'neither Iraq nor Syria' };

  function iso(d) { return new Date(d * DAY_MS).toISOString().slice(0, 10); }
  function parseIso(s) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s || '');
    if (!m) return null;
    var t = Date.UTC(+m[1], +m[2] - 1, +m[3]);
    var d = new Date(t);
    if (isNaN(t) || d.getUTCDate() !== +m[3]) return null;
    return Math.round(t / DAY_MS);
  }
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) for (var k in attrs) if (attrs[k] !== undefined && attrs[k] !== null) e.setAttribute(k, attrs[k]);
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function $(id) { return document.getElementById(id); }

  /* ---- the events, prepared once ---- */
  var WORLD = 256;
  function projX(lon) { return (lon + 180) / 360 * WORLD; }
  function projY(lat) {
    var la = Math.max(-85.05, Math.min(85.05, lat)) * Math.PI / 180;
    return (0.5 - Math.log(Math.tan(Math.PI / 4 + la / 2)) / (2 * Math.PI)) * WORLD;
  }
  var byId = Object.create(null);
  // each event's (first) point at zoom 0 in flat arrays, and its kind, for the loops that
  // visit every event on a redraw; KIND_OF also says how it draws (-1: area, -2: line)
  var PX = new Float64Array(EV.length), PY = new Float64Array(EV.length), KIND_OF = new Int16Array(EV.length);
  var minDay = Infinity, maxDay = -Infinity;
  EV.forEach(function (e, i) {
    e.i = i;
    // the id every other output uses: source id / event id
    e.uid = T.sources[e[F.source]][0] + '/' + e[F.id];
    byId[e.uid] = e;
    var g = e[F.geom];
    e.line = Array.isArray(g[0]);
    var pts = e.line ? g : [g];
    e.px = pts.map(function (p) { return [projX(p[0]), projY(p[1])]; });
    // located only to an area (governorate, border stretch, country): drawn as that area
    var u = e[F.unc];
    e.areaOnly = !e.line && u.length === 1 && u[0][0] === 1;
    // a position a user file or a report brought, not a curated site: drawn with a dotted ring
    e.added = (e[F.position] || []).some(function (p) { return p === 'user' || p === 'report'; });
    PX[i] = e.px[0][0]; PY[i] = e.px[0][1];
    e.wideAt = null;
    KIND_OF[i] = e.areaOnly ? -1 : e.line ? -2 : e[F.kind];
    if (e[F.start] < minDay) minDay = e[F.start];
    if (e[F.end] > maxDay) maxDay = e[F.end];
  });
  if (!EV.length) { minDay = maxDay = Math.round(Date.now() / DAY_MS); }
  // the list's order: by start date, then id
  var ORDER = EV.slice().sort(function (a, b) {
    return a[F.start] - b[F.start] || (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0);
  });
  // areas: projected rings and their size
  var AREAS = T.areas.map(function (a) {
    var rings = [];
    var w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
    a[2].forEach(function (poly) {
      poly.forEach(function (ring) {
        rings.push(ring.map(function (p) {
          w = Math.min(w, p[0]); e = Math.max(e, p[0]); s = Math.min(s, p[1]); n = Math.max(n, p[1]);
          return [projX(p[0]), projY(p[1])];
        }));
      });
    });
    // wider than about 4 degrees (a country): outlined only while its event's card is open
    return { id: a[0], name: a[1], rings: rings, wide: (e - w) > 4 || (n - s) > 4,
      bbox: [w, s, e, n] };
  });

  // for a movement, which of its places are known only as a country (one record per stop)
  EV.forEach(function (e) {
    var u = e[F.unc];
    if (e.line && u.length === e.px.length) {
      e.wideAt = u.map(function (x) { return x[0] === 1 && !!AREAS[x[1]] && AREAS[x[1]].wide; });
    }
  });

  /* ---- state ---- */
  var S = { mode: 'all', day: minDay, actor: '', kinds: null, statuses: null, rels: null, creds: null,
    event: null, picked: null };

  var registry = Object.create(null);
  T.registry.forEach(function (a) { registry[a[0]] = { name: a[1], parent: a[2] }; });
  function within(id, anc) {
    for (var n = 0; id && n < 16; n++) {
      if (id === anc) return true;
      id = registry[id] ? registry[id].parent : null;
    }
    return false;
  }
  var actorMatch = null; // Uint8Array over T.actors, or null for every actor
  function setActor(v) {
    S.actor = v || '';
    if (!S.actor) { actorMatch = null; return; }
    actorMatch = new Uint8Array(T.actors.length);
    T.actors.forEach(function (a, i) {
      actorMatch[i] = (a[0] ? within(a[0], S.actor) : a[1] === S.actor) ? 1 : 0;
    });
  }
  function rel(e) { return String(e[F.grading]).charAt(0); }
  function cred(e) { return String(e[F.grading]).slice(1); }
  function passes(e) {
    if (S.mode === 'day' && !(e[F.start] <= S.day && S.day <= e[F.end])) return false;
    if (S.mode === 'cumulative' && !(e[F.start] <= S.day)) return false;
    if (S.kinds && !S.kinds[KINDS[e[F.kind]].id]) return false;
    if (S.statuses && !S.statuses[STATUSES[e[F.status]]]) return false;
    if (S.rels && !S.rels[rel(e)]) return false;
    if (S.creds && !S.creds[cred(e)]) return false;
    if (actorMatch) {
      var a = e[F.actors], ok = false;
      for (var j = 0; j < a.length; j++) if (actorMatch[a[j]]) { ok = true; break; }
      if (!ok) return false;
    }
    return true;
  }
  var visible = [], VIS = new Int32Array(0);
  function refilter() {
    visible = ORDER.filter(passes);
    VIS = new Int32Array(visible.length);
    for (var i = 0; i < visible.length; i++) VIS[i] = visible[i].i;
  }

  /* ---- symbols ---- */
  var PATHS = KINDS.map(function (k) { return new Path2D(k.path); });
  // fill and stroke from the palette as the SVG map paints them; the look from the status
  function paint(e) {
    var st = STATUSES[e[F.status]], fs = KINDS[e[F.kind]].paint[e[F.status]];
    var denied = st === 'denied', hedged = st === 'planned' || st === 'considered';
    return { fill: fs[0], stroke: fs[1], dash: denied ? [3, 3] : hedged ? [7, 4] : [], hedged: hedged, denied: denied };
  }
  function symbolSvg(kindIx, status, size) {
    var k = KINDS[kindIx], p = paint({ 1: kindIx, 2: STATUSES.indexOf(status) });
    var svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('width', size); svg.setAttribute('height', size);
    svg.setAttribute('viewBox', '-12 -12 24 24'); svg.setAttribute('aria-hidden', 'true');
    var path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
    path.setAttribute('d', k.path); path.setAttribute('fill', p.fill);
    path.setAttribute('stroke', p.hedged ? p.stroke : (p.denied ? p.stroke : '#333'));
    path.setAttribute('stroke-width', p.hedged ? '2.4' : '1.2');
    if (p.hedged) path.setAttribute('stroke-dasharray', '4 2');
    svg.appendChild(path);
    if (p.denied) {
      var l = document.createElementNS('http://www.w3.org/2000/svg', 'path');
      l.setAttribute('d', 'M-10 10L10 -10'); l.setAttribute('stroke', p.stroke); l.setAttribute('stroke-width', '2');
      svg.appendChild(l);
    }
    return svg;
  }

  /* ---- the map and its basemap ---- */
  var map = L.map('bm-map', { preferCanvas: false, zoomSnap: 0.25, attributionControl: false,
    keyboard: true, worldCopyJump: false, maxZoom: 14, minZoom: 3 });
  function ll(p) { return [p[1], p[0]]; }
  var B = T.basemap;
  B.countries.forEach(function (c) {
    var core = c[0] === 'IQ' || c[0] === 'SY';
    L.polygon(c[2].map(function (poly) { return poly.map(function (r) { return r.map(ll); }); }), {
      interactive: false, color: '#8c8c84', weight: 0.8, fillColor: core ? '#f6f3ea' : '#ebebe6', fillOpacity: 1
    }).addTo(map);
  });
  B.areas.forEach(function (a) {
    L.polygon(a[3].map(function (poly) { return poly.map(function (r) { return r.map(ll); }); }), {
      interactive: false, color: '#9a9a90', weight: 0.7, dashArray: '3 3', fill: false
    }).addTo(map);
  });
  B.rivers.forEach(function (r) {
    L.polyline(r[2].map(ll), { interactive: false, color: '#5b9bd5', weight: 1.8, opacity: 0.9 }).addTo(map);
  });
  L.polyline(B.border.map(ll), { interactive: false, color: '#7b1f1f', weight: 2.6, opacity: 0.9 }).addTo(map);
  var MAJOR = { city: 1, crossing: 1 };
  var LABELS = [];
  // the sites the events name are labelled first
  var USED = Object.create(null);
  EV.forEach(function (e) { e[F.stops].forEach(function (id) { if (id) USED[id] = 1; }); });
  T.sites.forEach(function (s) {
    var m = L.circleMarker([s[5], s[4]], { radius: s[3] === 'crossing' ? 3.5 : 2.8, color: '#333', weight: 1,
      fillColor: s[3] === 'crossing' ? '#fff' : '#555', fillOpacity: 1, interactive: false });
    var lab = el('span');
    lab.appendChild(el('span', { lang: 'en' }, s[1]));
    if (s[2]) lab.appendChild(el('span', { lang: 'ar', dir: 'rtl', 'class': 'bm-ar' }, s[2]));
    // clear of an event symbol drawn on the site (15 px across)
    m.bindTooltip(lab, { permanent: true, direction: 'right', offset: [10, 0],
      className: 'bm-label' + (MAJOR[s[3]] && s[7] ? '' : ' bm-minor') });
    m.addTo(map);
    var rank = { city: 0, crossing: 1, town: 2 }[s[3]];
    LABELS.push([(USED[s[0]] ? 0 : 4) + (rank === undefined ? 3 : rank), LABELS.length, m]);
  });
  // labels that would cover one another: the more important one is kept (the events' own
  // places, then cities, crossings, towns), the other hidden until the view has room for it
  LABELS.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
  function declutter() {
    var placed = [];
    LABELS.forEach(function (l) {
      var t = l[2].getTooltip(), node = t && t.getElement();
      if (!node) return;
      node.style.visibility = '';
      if (getComputedStyle(node).display === 'none') return;
      var r = node.getBoundingClientRect();
      var hit = placed.some(function (q) { return r.left < q.right && q.left < r.right && r.top < q.bottom && q.top < r.bottom; });
      if (hit) node.style.visibility = 'hidden'; else placed.push(r);
    });
  }
  var bb = META.bbox;
  map.fitBounds([[bb[1], bb[0]], [bb[3], bb[2]]]);
  function zoomClass() { $('bm-map').classList.toggle('bm-zoomed', map.getZoom() >= 9); }
  map.on('zoomend', zoomClass); zoomClass();
  map.on('zoomend moveend', declutter); declutter();

  /* ---- the events' canvas ---- */
  var hatch = (function () {
    var c = document.createElement('canvas'); c.width = c.height = 8;
    var x = c.getContext('2d'); x.strokeStyle = 'rgba(60,60,60,0.55)'; x.lineWidth = 1;
    x.beginPath(); x.moveTo(0, 8); x.lineTo(8, 0); x.moveTo(-2, 2); x.lineTo(2, -2); x.moveTo(6, 10); x.lineTo(10, 6); x.stroke();
    return c;
  })();
  var drawn = { points: [], lines: [], areas: [], dense: false, count: 0 }, drawMs = 0;
  var EventLayer = L.Layer.extend({
    onAdd: function (m) {
      this._c = L.DomUtil.create('canvas', 'bm-canvas leaflet-zoom-hide');
      this._c.setAttribute('aria-hidden', 'true');
      // a pane of its own above the basemap's vectors (overlayPane is 400, tooltips 650)
      if (!m.getPane('bm-events')) m.createPane('bm-events').style.zIndex = 450;
      m.getPane('bm-events').appendChild(this._c);
      m.on('moveend zoomend resize viewreset', this.redraw, this);
      this.redraw();
    },
    onRemove: function (m) { L.DomUtil.remove(this._c); m.off('moveend zoomend resize viewreset', this.redraw, this); },
    redraw: function () {
      var m = this._map; if (!m) return;
      var size = m.getSize(), dpr = window.devicePixelRatio || 1, c = this._c;
      L.DomUtil.setPosition(c, m.containerPointToLayerPoint([0, 0]));
      c.width = Math.round(size.x * dpr); c.height = Math.round(size.y * dpr);
      c.style.width = size.x + 'px'; c.style.height = size.y + 'px';
      var ctx = c.getContext('2d'); ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      var t0 = performance.now();
      draw(ctx, size, m);
      drawMs = performance.now() - t0;
      c.setAttribute('data-drawn', String(drawn.count));
    }
  });
  function viewFn(m) {
    var z = Math.pow(2, m.getZoom()), o = m.getPixelBounds().min;
    return function (p) { return [p[0] * z - o.x, p[1] * z - o.y]; };
  }
  function metresPerPx(m, lat) { return 40075016.686 * Math.cos(lat * Math.PI / 180) / (WORLD * Math.pow(2, m.getZoom())); }
  // whether a movement's box meets the view
  function lineInView(e, z, o, size) {
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (var j = 0; j < e.px.length; j++) {
      var x = e.px[j][0] * z - o.x, y = e.px[j][1] * z - o.y;
      if (x < x0) x0 = x; if (x > x1) x1 = x; if (y < y0) y0 = y; if (y > y1) y1 = y;
    }
    return x1 >= 0 && y1 >= 0 && x0 <= size.x && y0 <= size.y;
  }
  function draw(ctx, size, m) {
    var P = viewFn(m);
    var inView = function (q, pad) { return q[0] > -pad && q[1] > -pad && q[0] < size.x + pad && q[1] < size.y + pad; };
    drawn = { points: [], lines: [], areas: [], dense: false, count: 0 };
    var open = S.event ? byId[S.event] : null;
    // which events are in view, and on how many distinct spots (4 px cells): counted on typed
    // arrays, so that a million events cost no allocation per event
    var z = Math.pow(2, m.getZoom()), o = m.getPixelBounds().min, PAD = 20;
    var gw = Math.ceil((size.x + 2 * PAD) / 4) + 1, gh = Math.ceil((size.y + 2 * PAD) / 4) + 1;
    var grid = new Uint8Array(gw * gh), nSpots = 0, lines = [], areaEv = [];
    for (var i = 0; i < VIS.length; i++) {
      var ix = VIS[i], kd = KIND_OF[ix];
      if (kd === -1) { areaEv.push(EV[ix]); continue; }
      if (kd === -2) { if (lineInView(EV[ix], z, o, size)) lines.push(EV[ix]); continue; }
      var x = PX[ix] * z - o.x, y = PY[ix] * z - o.y;
      if (x <= -PAD || y <= -PAD || x >= size.x + PAD || y >= size.y + PAD) continue;
      var gi = ((y + PAD) >> 2) * gw + ((x + PAD) >> 2);
      if (!grid[gi]) { grid[gi] = 1; nSpots++; }
    }
    // too many distinct spots in view to draw one by one: density (many events on one spot
    // are one symbol with a count, however many they are)
    drawn.dense = nSpots + lines.length > DENSE;
    var pts = [];
    if (!drawn.dense) {
      for (var j2 = 0; j2 < visible.length; j2++) {
        var e2 = visible[j2];
        if (e2.areaOnly || e2.line) continue;
        var q = P(e2.px[0]);
        if (inView(q, PAD)) pts.push([e2, q]);
      }
    }
    // areas: hatched, outlined in the kind's colour; a country only while its card is open
    var seenArea = Object.create(null);
    areaEv.forEach(function (e) {
      var ai = e[F.unc][0][1], a = AREAS[ai];
      if (!a) return;
      if (a.wide && e !== open) return;
      drawn.areas.push(e); drawn.count++;
      var key = ai + ':' + e[F.kind] + ':' + (paint(e).denied ? 1 : 0);
      if (seenArea[key]) return;
      seenArea[key] = 1;
      ctx.beginPath();
      a.rings.forEach(function (r) { r.forEach(function (p, j) { var q = P(p); if (j) ctx.lineTo(q[0], q[1]); else ctx.moveTo(q[0], q[1]); }); ctx.closePath(); });
      ctx.save(); ctx.globalAlpha = 0.45; ctx.fillStyle = ctx.createPattern(hatch, 'repeat'); ctx.fill('evenodd'); ctx.restore();
      var p = paint(e);
      ctx.setLineDash(p.denied ? [3, 3] : p.hedged ? [7, 4] : []);
      ctx.strokeStyle = p.denied ? T.looks.denied : KINDS[e[F.kind]].colour; ctx.lineWidth = 2; ctx.stroke();
      ctx.setLineDash([]);
    });
    if (drawn.dense) {
      drawDensity(ctx, lines, P, size, z, o);
    } else {
      // events on one spot (within 4 px) are drawn once per look, with a badge of their number
      var spots = Object.create(null), order = [];
      pts.forEach(function (pq) {
        var key = Math.round(pq[1][0] / 4) + ',' + Math.round(pq[1][1] / 4);
        var g = spots[key];
        if (!g) { g = spots[key] = []; order.push(key); }
        g.push(pq);
        drawn.points.push(pq); drawn.count++;
      });
      // uncertainty circles under the symbols, each once per spot; where there are many they
      // would grey the whole map, so beyond CIRCLES_MAX only the open event's is drawn
      var circles = [];
      order.forEach(function (key) {
        var seen = Object.create(null);
        spots[key].forEach(function (pq) {
          var c = circleOf(pq[0], pq[1], P, m);
          if (!c) return;
          var rk = Math.round(c[2]) + ',' + Math.round(c[0]) + ',' + Math.round(c[1]);
          if (seen[rk]) return;
          seen[rk] = 1; circles.push(c);
        });
      });
      if (circles.length <= CIRCLES_MAX) circles.forEach(function (c) { drawCircle(ctx, c); });
      lines.forEach(function (e) { drawMove(ctx, e, P); drawn.lines.push([e, e.px.map(P)]); drawn.count++; });
      order.forEach(function (key) {
        var g = spots[key], looks = Object.create(null), n = 0;
        for (var j = g.length - 1; j >= 0 && n < 4; j--) {
          var lk = g[j][0][F.kind] + ':' + g[j][0][F.status];
          if (looks[lk]) continue;
          looks[lk] = 1; n++;
          drawSymbol(ctx, g[j][0], g[j][1], SYMBOL_PX);
        }
        if (g.length < 2) return;
        var q = g[g.length - 1][1], t = String(g.length);
        ctx.font = 'bold 10px "BM Noto Sans", sans-serif';
        var w = ctx.measureText(t).width + 6;
        // above-left of the symbol, where the site's label (to the right) does not go
        ctx.fillStyle = '#222'; ctx.fillRect(q[0] - 6 - w, q[1] - 16, w, 12);
        ctx.fillStyle = '#fff'; ctx.textBaseline = 'middle'; ctx.fillText(t, q[0] - 3 - w, q[1] - 10);
      });
    }
    // the open event on top, ringed
    if (open && passes(open)) {
      if (open.line) {
        drawMove(ctx, open, P);
        var qs = open.px.map(P), last = qs[qs.length - 1];
        ring(ctx, last);
      } else if (open.areaOnly) {
        var a = AREAS[open[F.unc][0][1]];
        if (a) {
          ctx.beginPath();
          a.rings.forEach(function (r) { r.forEach(function (p, j) { var q = P(p); if (j) ctx.lineTo(q[0], q[1]); else ctx.moveTo(q[0], q[1]); }); ctx.closePath(); });
          ctx.strokeStyle = '#111'; ctx.lineWidth = 3; ctx.stroke();
        }
      } else {
        var q0 = P(open.px[0]), oc = circleOf(open, q0, P, m);
        if (oc) drawCircle(ctx, oc);
        drawSymbol(ctx, open, q0, SYMBOL_PX + 3);
        ring(ctx, q0);
      }
    }
    var note = $('bm-density-note');
    if (note) note.hidden = !drawn.dense;
  }
  var CIRCLES_MAX = 150;
  // an event's uncertainty circle on screen: [x, y, radius px], or null when it is smaller
  // than its symbol; [0, radius] is centred on the event's point, [0, radius, lon, lat] elsewhere
  function circleOf(e, q0, P, m) {
    var u = e[F.unc][0];
    if (!u || u[0] !== 0) return null;
    var lat = u.length > 2 ? u[3] : e[F.geom][1];
    var q = u.length > 2 ? P([projX(u[2]), projY(u[3])]) : q0;
    var rp = u[1] / metresPerPx(m, lat);
    return rp < SYMBOL_PX * 0.6 ? null : [q[0], q[1], Math.min(rp, 4000)];
  }
  function drawCircle(ctx, c) {
    ctx.beginPath(); ctx.arc(c[0], c[1], c[2], 0, 2 * Math.PI);
    ctx.fillStyle = 'rgba(120,120,120,0.10)'; ctx.fill();
    ctx.setLineDash([4, 3]); ctx.strokeStyle = 'rgba(90,90,90,0.6)'; ctx.lineWidth = 1; ctx.stroke(); ctx.setLineDash([]);
  }
  function ring(ctx, q) {
    ctx.beginPath(); ctx.arc(q[0], q[1], SYMBOL_PX, 0, 2 * Math.PI);
    ctx.strokeStyle = '#111'; ctx.lineWidth = 2.5; ctx.stroke();
  }
  function drawSymbol(ctx, e, q, px) {
    var p = paint(e), s = px / 20;
    ctx.save(); ctx.translate(q[0], q[1]); ctx.scale(s, s);
    ctx.fillStyle = p.fill; ctx.fill(PATHS[e[F.kind]]);
    ctx.lineWidth = (p.hedged ? 2.6 : 1.4) / s * (px / 20);
    ctx.strokeStyle = p.hedged || p.denied ? p.stroke : '#ffffff';
    if (p.hedged) ctx.setLineDash([4, 2]);
    ctx.stroke(PATHS[e[F.kind]]);
    if (!p.hedged && !p.denied) { ctx.lineWidth = 0.7; ctx.strokeStyle = '#333'; ctx.setLineDash([]); ctx.stroke(PATHS[e[F.kind]]); }
    if (p.denied) { ctx.beginPath(); ctx.moveTo(-10, 10); ctx.lineTo(10, -10); ctx.lineWidth = 2.2; ctx.strokeStyle = p.stroke; ctx.stroke(); }
    if (e.added) {
      ctx.beginPath(); ctx.arc(0, 0, 15, 0, 2 * Math.PI); ctx.setLineDash([2, 3]);
      ctx.lineWidth = 2; ctx.strokeStyle = '#111'; ctx.stroke(); ctx.setLineDash([]);
    }
    ctx.restore();
  }
  function drawMove(ctx, e, P) {
    var qs = e.px.map(P), p = paint(e);
    var colour = p.denied ? T.looks.denied : KINDS[e[F.kind]].colour;
    // a stretch from or to a place known only as a country has no real end: drawn dotted
    // and thin, as the briefing map draws its "from Syria" stubs
    for (var s = 1; s < qs.length; s++) {
      var vague = e.wideAt && (e.wideAt[s - 1] || e.wideAt[s]);
      ctx.beginPath(); ctx.moveTo(qs[s - 1][0], qs[s - 1][1]); ctx.lineTo(qs[s][0], qs[s][1]);
      ctx.setLineDash(vague ? [1.5, 5] : p.denied ? [3, 3] : p.hedged ? [7, 4] : []);
      ctx.lineCap = vague ? 'round' : 'butt';
      ctx.lineWidth = vague ? 3.5 : 5; ctx.strokeStyle = 'rgba(255,255,255,0.85)'; ctx.stroke();
      ctx.lineWidth = vague ? 1.8 : 2.6; ctx.strokeStyle = colour; ctx.stroke();
    }
    ctx.setLineDash([]); ctx.lineCap = 'butt';
    // via stops as small rings, the arrowhead at the destination
    for (var j = 1; j < qs.length - 1; j++) {
      ctx.beginPath(); ctx.arc(qs[j][0], qs[j][1], 3, 0, 2 * Math.PI); ctx.fillStyle = '#fff'; ctx.fill();
      ctx.lineWidth = 1.5; ctx.strokeStyle = colour; ctx.stroke();
    }
    if (qs.length >= 2) {
      var a = qs[qs.length - 2], b = qs[qs.length - 1];
      var ang = Math.atan2(b[1] - a[1], b[0] - a[0]), h = 11;
      ctx.beginPath(); ctx.moveTo(b[0], b[1]);
      ctx.lineTo(b[0] - h * Math.cos(ang - 0.45), b[1] - h * Math.sin(ang - 0.45));
      ctx.lineTo(b[0] - h * Math.cos(ang + 0.45), b[1] - h * Math.sin(ang + 0.45));
      ctx.closePath(); ctx.fillStyle = p.hedged ? '#fff' : colour; ctx.fill();
      ctx.lineWidth = 1.6; ctx.strokeStyle = colour; ctx.stroke();
    }
  }
  var CELL = 16;
  function drawDensity(ctx, lines, P, size, z, o) {
    var cw = Math.ceil(size.x / CELL), ch = Math.ceil(size.y / CELL), K = KINDS.length;
    var n = new Uint32Array(cw * ch), byKind = new Uint32Array(cw * ch * K), max = 1, count = 0;
    function add(x, y, k) {
      if (x < 0 || y < 0 || x >= size.x || y >= size.y) return;
      var c = ((y / CELL) | 0) * cw + ((x / CELL) | 0);
      n[c]++; byKind[c * K + k]++; if (n[c] > max) max = n[c];
      count++;
    }
    for (var i = 0; i < VIS.length; i++) {
      var ix = VIS[i], kd = KIND_OF[ix];
      if (kd >= 0) add(PX[ix] * z - o.x, PY[ix] * z - o.y, kd);
    }
    lines.forEach(function (e) { var q = P(e.px[e.px.length - 1]); add(q[0], q[1], e[F.kind]); });
    drawn.count = count;
    var lmax = Math.log(1 + max);
    for (var c = 0; c < n.length; c++) {
      if (!n[c]) continue;
      var best = 0;
      for (var k = 1; k < K; k++) if (byKind[c * K + k] > byKind[c * K + best]) best = k;
      ctx.globalAlpha = 0.35 + 0.6 * Math.log(1 + n[c]) / lmax;
      ctx.fillStyle = KINDS[best].colour;
      ctx.fillRect((c % cw) * CELL + 1, ((c / cw) | 0) * CELL + 1, CELL - 2, CELL - 2);
    }
    ctx.globalAlpha = 1;
  }
  var layer = new EventLayer().addTo(map);
  var noteBox = el('div', { id: 'bm-density-note', 'class': 'bm-density-note' },
    'Too many events in view to draw one by one: squares count them (colour: the most frequent kind; darker: more). Zoom in or filter to see symbols.');
  noteBox.hidden = true;
  $('bm-map').appendChild(noteBox);

  /* ---- hit testing ---- */
  function segDist(p, a, b) {
    var dx = b[0] - a[0], dy = b[1] - a[1], l = dx * dx + dy * dy;
    var t = l ? Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / l)) : 0;
    var x = a[0] + t * dx - p[0], y = a[1] + t * dy - p[1];
    return Math.sqrt(x * x + y * y);
  }
  function inRings(p, rings) {
    var inside = false;
    rings.forEach(function (r) {
      for (var i = 0, j = r.length - 1; i < r.length; j = i++) {
        if (((r[i][1] > p[1]) !== (r[j][1] > p[1])) &&
            (p[0] < (r[j][0] - r[i][0]) * (p[1] - r[i][1]) / (r[j][1] - r[i][1]) + r[i][0])) inside = !inside;
      }
    });
    return inside;
  }
  map.on('click', function (ev) {
    var p = [ev.containerPoint.x, ev.containerPoint.y], hits = [];
    if (drawn.dense) {
      map.setView(ev.latlng, Math.min(map.getZoom() + 2, map.getMaxZoom()));
      return;
    }
    drawn.points.forEach(function (pq) {
      var dx = pq[1][0] - p[0], dy = pq[1][1] - p[1];
      if (dx * dx + dy * dy <= 10 * 10) hits.push(pq[0]);
    });
    drawn.lines.forEach(function (lq) {
      for (var j = 1; j < lq[1].length; j++) if (segDist(p, lq[1][j - 1], lq[1][j]) <= 6) { hits.push(lq[0]); break; }
    });
    if (!hits.length) {
      var P = viewFn(map), z = Math.pow(2, map.getZoom()), o = map.getPixelBounds().min;
      var world = [(p[0] + o.x) / z, (p[1] + o.y) / z];
      drawn.areas.forEach(function (e) { if (inRings(world, AREAS[e[F.unc][0][1]].rings)) hits.push(e); });
      void P;
    }
    if (!hits.length) { return; }
    if (hits.length === 1) { openEvent(hits[0].uid, false, true); return; }
    showPick(hits);
  });

  /* ---- the card ---- */
  function actorNames(e) {
    return e[F.actors].map(function (i) { return T.actors[i][1]; });
  }
  function dateWords(e) {
    var a = iso(e[F.start]), b = iso(e[F.end]);
    return (a === b ? a : a + ' to ' + b) + ' (' + e[F.prec] + ')';
  }
  function summary(e) {
    var k = KINDS[e[F.kind]].id, st = STATUSES[e[F.status]];
    var who = actorNames(e).join(', ') || 'unnamed actor';
    return iso(e[F.start]) + ' · ' + k + (st === 'reported' ? '' : ' (' + st + ')') + ' · ' + who +
      (e[F.place] ? ' · ' + e[F.place] : '');
  }
  function row(dl, term, value, attrs) {
    if (value === null || value === undefined || value === '') return;
    dl.appendChild(el('dt', null, term));
    var dd = el('dd', attrs);
    if (value instanceof Node) dd.appendChild(value); else dd.textContent = String(value);
    dl.appendChild(dd);
  }
  var SITE_NAME = Object.create(null);
  T.search.forEach(function (s) { SITE_NAME[s[0]] = s[1]; });
  T.sites.forEach(function (s) { SITE_NAME[s[0]] = s[1]; });
  T.areas.forEach(function (a) { if (a[1]) SITE_NAME[a[0]] = a[1]; });
  // the card's close button: closes it, and gives the focus back to the list
  function cardClose(card) {
    var close = el('button', { type: 'button', 'class': 'bm-close', 'aria-label': 'Close the card' }, '×');
    close.addEventListener('click', function () {
      var was = S.event;
      S.event = null; card.hidden = true; update(true);
      var b = was && document.querySelector('#bm-list button[data-event="' + CSS.escape(was) + '"]');
      (b || $('bm-count')).focus();
    });
    card.appendChild(close);
  }
  function showCard(e) {
    var card = $('bm-card');
    card.textContent = '';
    card.hidden = false;
    cardClose(card);
    var k = KINDS[e[F.kind]], st = STATUSES[e[F.status]];
    var h = el('h3');
    h.appendChild(symbolSvg(e[F.kind], st, 18));
    h.appendChild(el('span', null, k.id + ' · ' + st));
    card.appendChild(h);
    var dl = el('dl');
    row(dl, 'Date', dateWords(e));
    row(dl, 'Date note', e[F.dateNote]);
    row(dl, 'Actors', actorNames(e).join('; '));
    row(dl, 'Place as worded', e[F.place]);
    row(dl, 'Sites', e[F.stops].map(function (x) { return x === null ? 'coordinates as given' : (SITE_NAME[x] || x); }).join(' → '));
    var POS = { curated: 'the gazetteer\'s curated site', user: 'a site from a user or side file, not curated',
      report: 'a site the report itself brings, on its words only', geonames: 'a GeoNames place', coordinates: 'coordinates as the source gave them' };
    row(dl, 'Position', (e[F.position] || []).map(function (x) { return POS[x] || x; }).join(' → '));
    card.appendChild(dl);
    if (!passes(e)) card.appendChild(el('p', { 'class': 'bm-more' }, 'Not on the map now: the date or the filters leave this event out.'));
    if (e[F.quote]) card.appendChild(el('blockquote', { 'class': 'bm-quote' }, e[F.quote]));
    else if (e[F.quote] === null) card.appendChild(el('p', { 'class': 'bm-more' }, 'This page holds the words of the first ' +
      META.text_kept + ' events only: the quote and notes of ' + e.uid + ' are in events.geojson and briefing.gpkg.'));
    var s = T.sources[e[F.source]];
    var dl2 = el('dl');
    row(dl2, 'Publisher', s[1]);
    row(dl2, 'Title', s[2]);
    if (/^https?:\/\//i.test(s[3] || '')) {
      var a = el('a', { rel: 'noopener noreferrer', target: '_blank' }, s[3]); a.href = s[3];
      row(dl2, 'URL', a);
    } else row(dl2, 'URL', s[3]);
    row(dl2, 'Published', s[4]);
    var g = String(e[F.grading]);
    row(dl2, 'Grading', g + ': source ' + (REL[g.charAt(0)] || '?') + ', information ' + (CRED[g.slice(1)] || '?') + ' (Admiralty code)');
    row(dl2, 'Precision', 'ACLED geo_precision ' + e[F.geoPrec] + ', UCDP where_prec ' + e[F.wherePrec] +
      (e[F.precM] !== null ? ', within ' + (e[F.precM] >= 1000 ? (e[F.precM] / 1000).toFixed(1) + ' km' : e[F.precM] + ' m') : ''));
    var ar = e[F.unc].filter(function (u) { return u[0] === 1; }).map(function (u) { return AREAS[u[1]].name; });
    if (ar.length) row(dl2, 'Located to', 'the area of ' + ar.join(', ') + ' (no point is known)');
    row(dl2, e.areaOnly ? 'Border (of the area\'s reference point)' : 'Border', (e[F.borderKm] === null ? '?' : e[F.borderKm] + ' km') + ' from the Iraq–Syria border, ' +
      (SIDE[e[F.side]] || e[F.side]) + ' side, at km ' + e[F.chainage] + ' along it' + (e[F.crosses] ? '; crosses it' : ''));
    if (e.line) row(dl2, 'Route length', e[F.lengthKm] + ' km');
    var x = e[F.extra];
    if (x) {
      var ty = T.types[x[0]] || ['', ''];
      row(dl2, 'Event type', ty[0] + (ty[1] ? ' / ' + ty[1] : ''));
      row(dl2, 'Fatalities', x[1]);
      row(dl2, 'Sources', typeof x[2] === 'number' ? T.texts[x[2]] : x[2]);
      if (x[3]) row(dl2, 'Nearest site', x[3][0] + ' (' + x[3][1] + ' km)');
    }
    row(dl2, 'Notes', e[F.notes]);
    row(dl2, 'Event id', e.uid, { 'class': 'bm-event-id' });
    card.appendChild(dl2);
    if (META.count > META.text_whole && e[F.quote] !== null) {
      card.appendChild(el('p', { 'class': 'bm-more' }, 'With more than ' + META.text_whole + ' events the page keeps ' +
        META.text_cut + ' characters of each text; events.geojson holds them whole.'));
    }
  }
  var PICK_MAX = 50;
  function showPick(hits) {
    var card = $('bm-card');
    card.textContent = ''; card.hidden = false;
    cardClose(card);
    card.appendChild(el('h3', null, hits.length + ' events here'));
    var d = el('div', { 'class': 'bm-pick' });
    hits.slice(0, PICK_MAX).forEach(function (e) {
      var b = el('button', { type: 'button' });
      b.appendChild(symbolSvg(e[F.kind], STATUSES[e[F.status]], 14));
      b.appendChild(document.createTextNode(' ' + summary(e)));
      b.addEventListener('click', function () { openEvent(e.uid, false, true); });
      d.appendChild(b);
    });
    card.appendChild(d);
    if (hits.length > PICK_MAX) card.appendChild(el('p', { 'class': 'bm-more' }, 'and ' + (hits.length - PICK_MAX) + ' more here: narrow the dates or the filters'));
    $('bm-side').scrollTop = 0;
    card.focus();
  }
  function eventBounds(e) {
    var pts = e.line ? e[F.geom] : [e[F.geom]];
    if (e.areaOnly) { var a = AREAS[e[F.unc][0][1]]; if (a) return L.latLngBounds([[a.bbox[1], a.bbox[0]], [a.bbox[3], a.bbox[2]]]); }
    return L.latLngBounds(pts.map(ll));
  }
  function openEvent(id, fly, push) {
    var e = byId[id];
    if (!e) return false;
    S.event = id;
    if (!passes(e)) {
      // the event is outside the day or the filters: show its day, keep the filters' choice
      if (S.mode !== 'all') { S.day = e[F.start]; }
    }
    showCard(e);
    $('bm-side').scrollTop = 0;
    if (fly) {
      var b = eventBounds(e);
      if (b.getNorthEast().equals(b.getSouthWest())) map.setView(b.getCenter(), Math.max(map.getZoom(), 8));
      else map.fitBounds(b, { padding: [40, 40], maxZoom: 9 });
    }
    update(!!push);
    return true;
  }

  /* ---- the list, the count and the legend ---- */
  function renderList() {
    var list = $('bm-list');
    // the list is rebuilt: keep the keyboard where it was (on the open event's entry)
    var had = document.activeElement && list.contains(document.activeElement);
    list.textContent = '';
    var n = visible.length;
    $('bm-count').textContent = n + ' of ' + EV.length + ' events shown';
    $('bm-count').setAttribute('data-shown', String(n));
    visible.slice(0, LIST_MAX).forEach(function (e) {
      var li = el('li'), b = el('button', { type: 'button', 'data-event': e.uid });
      if (S.event === e.uid) b.setAttribute('aria-current', 'true');
      b.appendChild(symbolSvg(e[F.kind], STATUSES[e[F.status]], 14));
      b.appendChild(el('span', null, summary(e)));
      b.addEventListener('click', function () { openEvent(e.uid, true, true); });
      li.appendChild(b); list.appendChild(li);
    });
    if (n > LIST_MAX) list.appendChild(el('li', { 'class': 'bm-more' }, 'and ' + (n - LIST_MAX) + ' more: narrow the dates or the filters'));
    if (had) {
      var b = S.event && list.querySelector('button[data-event="' + CSS.escape(S.event) + '"]');
      (b || list.querySelector('button') || $('bm-count')).focus();
    }
  }
  function renderLegend() {
    var ul = $('bm-legend-list'); ul.textContent = '';
    var count = new Array(KINDS.length).fill(0), st = Object.create(null);
    EV.forEach(function (e) { count[e[F.kind]]++; st[STATUSES[e[F.status]]] = 1; });
    KINDS.forEach(function (k, i) {
      if (!count[i]) return;
      var li = el('li'); li.appendChild(symbolSvg(i, 'reported', 16));
      li.appendChild(el('span', null, k.id + ' (' + count[i] + ')')); ul.appendChild(li);
    });
    [['planned', 'planned or considered: hollow, dashed'], ['denied', 'denied: grey, struck out']].forEach(function (x) {
      if (!st[x[0]] && !(x[0] === 'planned' && st.considered)) return;
      var li = el('li'); li.appendChild(symbolSvg(0, x[0], 16)); li.appendChild(el('span', null, x[1])); ul.appendChild(li);
    });
    ul.appendChild(el('li', null, 'Dashed circle: how far the place may lie. Hatched area: located only to that area (a country is outlined only while its card is open). Arrow: a movement, rings at its via places.'));
    if (EV.some(function (e) { return e.added; })) ul.appendChild(el('li', null, 'Dotted ring around a symbol: its place comes from a report or a user file, not from the curated gazetteer.'));
    ul.appendChild(el('li', null, 'A number beside a symbol: that many events on one spot (one symbol per kind and status); click it to list them.'));
    if (EV.length > DENSE) ul.appendChild(el('li', null, 'Squares: where too many events are in view, their density (colour: the commonest kind; darker: more). Zoom in or filter to see symbols.'));
  }

  /* ---- controls ---- */
  var slider = $('bm-slider');
  slider.min = String(minDay); slider.max = String(maxDay); slider.value = String(minDay);
  var span = maxDay - minDay;
  $('bm-step').value = span > 3 * 365 ? '30' : span > 120 ? '7' : '1';
  function checks(box, values, labelOf, key) {
    values.forEach(function (v) {
      var id = 'bm-' + key + '-' + v.replace(/[^a-z0-9]/gi, '_');
      var lab = el('label', { 'for': id }), cb = el('input', { type: 'checkbox', id: id, value: v });
      cb.checked = true;
      cb.addEventListener('change', function () {
        var all = box.querySelectorAll('input'), on = {}, every = true;
        all.forEach(function (c) { if (c.checked) on[c.value] = 1; else every = false; });
        S[key] = every ? null : on;
        update(true);
      });
      lab.appendChild(cb); lab.appendChild(document.createTextNode(labelOf(v)));
      box.appendChild(lab);
    });
  }
  function present(f) { var s = Object.create(null); EV.forEach(function (e) { s[f(e)] = 1; }); return s; }
  var kp = present(function (e) { return KINDS[e[F.kind]].id; });
  checks($('bm-kinds'), KINDS.map(function (k) { return k.id; }).filter(function (k) { return kp[k]; }), function (v) { return v; }, 'kinds');
  var sp = present(function (e) { return STATUSES[e[F.status]]; });
  checks($('bm-statuses'), STATUSES.filter(function (s) { return sp[s]; }), function (v) { return v; }, 'statuses');
  var rp = present(rel);
  checks($('bm-rels'), 'ABCDEF'.split('').filter(function (r) { return rp[r]; }), function (v) { return v + ' ' + REL[v]; }, 'rels');
  var cp = present(cred);
  checks($('bm-creds'), '123456'.split('').filter(function (c) { return cp[c]; }), function (v) { return v + ' ' + CRED[v]; }, 'creds');
  (function actorOptions() {
    // umbrella groups first (as --actor PMF counts its member groups), then every actor present
    var sel = $('bm-actor'), used = Object.create(null), counts = Object.create(null);
    EV.forEach(function (e) { e[F.actors].forEach(function (i) { counts[i] = (counts[i] || 0) + 1; }); });
    var umbrellas = Object.create(null);
    T.actors.forEach(function (a, i) {
      if (!counts[i]) return;
      for (var id = a[0] && registry[a[0]] ? registry[a[0]].parent : null, n = 0; id && n < 16; n++) {
        umbrellas[id] = 1; id = registry[id] ? registry[id].parent : null;
      }
    });
    var og = el('optgroup', { label: 'groups and their members' });
    Object.keys(umbrellas).sort(function (a, b) { return (registry[a] ? registry[a].name : a).localeCompare(registry[b] ? registry[b].name : b); })
      .forEach(function (id) { og.appendChild(el('option', { value: id }, (registry[id] ? registry[id].name : id) + ' and its members')); used[id] = 1; });
    if (og.children.length) sel.appendChild(og);
    var oa = el('optgroup', { label: 'actors' });
    T.actors.map(function (a, i) { return [a, i]; }).filter(function (x) { return counts[x[1]]; })
      .sort(function (x, y) { return x[0][1].localeCompare(y[0][1]); })
      .forEach(function (x) { var v = x[0][0] || x[0][1]; if (used[v]) return; used[v] = 2; oa.appendChild(el('option', { value: v }, x[0][1] + ' (' + counts[x[1]] + ')')); });
    sel.appendChild(oa);
    sel.addEventListener('change', function () { setActor(sel.value); update(true); });
  })();
  function setDayLabel() {
    var t = S.mode === 'all' ? 'every date (' + iso(minDay) + ' to ' + iso(maxDay) + ')' : iso(S.day);
    $('bm-date').textContent = t;
    slider.setAttribute('aria-valuetext', S.mode === 'all' ? 'every date' : iso(S.day));
  }
  slider.addEventListener('input', function () {
    S.day = +slider.value;
    if (S.mode === 'all') { S.mode = 'day'; $('bm-mode').value = 'day'; }
    update(false);
  });
  $('bm-mode').addEventListener('change', function () { stopPlay(); S.mode = $('bm-mode').value; update(true); });
  function step(dir) {
    if (S.mode === 'all') { S.mode = 'day'; $('bm-mode').value = 'day'; }
    var n = +$('bm-step').value, d = new Date(S.day * DAY_MS), t;
    if (n === 30 || n === 365) {
      // the same day of the next month or year, or its last day when it has no such day
      var y = d.getUTCFullYear() + (n === 365 ? dir : 0), mo = d.getUTCMonth() + (n === 30 ? dir : 0);
      var last = new Date(Date.UTC(y, mo + 1, 0)).getUTCDate();
      t = Date.UTC(y, mo, Math.min(d.getUTCDate(), last));
    } else t = d.getTime() + dir * n * DAY_MS;
    S.day = Math.max(minDay, Math.min(maxDay, Math.round(t / DAY_MS)));
    update(false);
  }
  $('bm-back').addEventListener('click', function () { step(-1); });
  $('bm-fwd').addEventListener('click', function () { step(1); });
  var timer = null;
  function stopPlay() {
    if (!timer) return;
    clearInterval(timer); timer = null;
    $('bm-play').textContent = 'Play'; $('bm-play').setAttribute('aria-pressed', 'false');
  }
  $('bm-play').addEventListener('click', function () {
    var b = $('bm-play');
    if (timer) { stopPlay(); return; }
    if (S.mode === 'all') { S.mode = 'day'; $('bm-mode').value = 'day'; S.day = minDay; }
    if (S.day >= maxDay) S.day = minDay;
    b.textContent = 'Pause'; b.setAttribute('aria-pressed', 'true');
    update(false);
    timer = setInterval(function () { if (S.day >= maxDay) { stopPlay(); return; } step(1); }, 700);
  });
  $('bm-reset').addEventListener('click', function () {
    S.kinds = S.statuses = S.rels = S.creds = null; setActor(''); $('bm-actor').value = '';
    document.querySelectorAll('#bm-filters input[type=checkbox]').forEach(function (c) { c.checked = true; });
    update(true);
  });

  /* ---- the search box: the curated gazetteer's names, folded as src/fold.rs folds them ---- */
  var ARTICLES = { the: 1, al: 1, el: 1, il: 1, ul: 1, ad: 1, ed: 1, adh: 1, ag: 1, ar: 1, er: 1, as: 1, es: 1, ash: 1,
    esh: 1, at: 1, et: 1, ath: 1, az: 1, ez: 1, an: 1, en: 1, l: 1 };
  function fold(s) {
    s = String(s).normalize('NFKD').replace(/[\u0300-\u036f\u064b-\u065f\u0670\u0640]/g, '').toLowerCase()
      .replace(/[ʿʾ’‘'`ʼ´′ʻʹ"]/g, '').replace(/ة/g, 'ه').replace(/[ىیېئ]/g, 'ي').replace(/ک/g, 'ك')
      .replace(/ؤ/g, 'و').replace(/[ٱأإآ]/g, 'ا').replace(/ء/g, '').replace(/ı/g, 'i');
    var w = s.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    w = w.filter(function (x, i) { return i === w.length - 1 || !ARTICLES[x]; }).map(function (x) {
      if (/^ال/.test(x) && x.length > 3) x = x.slice(2);
      if (x.length >= 4 && /[a-z](ah|eh)$/.test(x)) x = x.slice(0, -2) + 'a';
      return x;
    });
    return w.join('');
  }
  var SEARCH = T.search.map(function (s) {
    var keys = Object.create(null);
    s[7].forEach(function (n) { var k = fold(n); if (k) { keys[k] = 1; if (/^(al|el)[^aeiou]/.test(k)) keys[k.slice(2)] = 1; } });
    s[8].forEach(function (k) { keys[k.replace(/\s+/g, '')] = 1; });
    return { s: s, keys: Object.keys(keys) };
  });
  var results = [], sel = -1;
  function search(q) {
    var f = fold(q), out = [];
    if (!f) return out;
    SEARCH.forEach(function (x) {
      var best = 0;
      x.keys.forEach(function (k) {
        var sc = k === f ? 3 : k.indexOf(f) === 0 ? 2 : (f.length >= 3 && k.indexOf(f) > 0) ? 1 : 0;
        if (sc > best) best = sc;
      });
      if (best) out.push([best, x.s]);
    });
    out.sort(function (a, b) { return b[0] - a[0] || (a[1][1] < b[1][1] ? -1 : 1); });
    return out.slice(0, 8).map(function (x) { return x[1]; });
  }
  var sbox = $('bm-search'), sres = $('bm-search-results');
  function showResults() {
    sres.textContent = '';
    results.forEach(function (s, i) {
      var li = el('li', { role: 'option', id: 'bm-sr-' + i, 'aria-selected': i === sel ? 'true' : 'false' });
      li.appendChild(el('span', null, s[1] + ' '));
      if (s[2]) li.appendChild(el('span', { lang: 'ar', dir: 'rtl', 'class': 'bm-ar' }, s[2]));
      li.appendChild(el('span', null, ' · ' + s[3] + ', ' + s[4]));
      li.addEventListener('mousedown', function (ev) { ev.preventDefault(); goSite(s); });
      sres.appendChild(li);
    });
    if (!results.length && sbox.value.trim() && !search(sbox.value).length) sres.appendChild(el('li', { role: 'option', 'aria-disabled': 'true' }, 'no place of that name in the gazetteer'));
    sbox.setAttribute('aria-expanded', results.length ? 'true' : 'false');
    if (sel >= 0) sbox.setAttribute('aria-activedescendant', 'bm-sr-' + sel); else sbox.removeAttribute('aria-activedescendant');
  }
  var sitePopup = null;
  function goSite(s) {
    map.setView([s[6], s[5]], Math.max(map.getZoom(), 9));
    var d = el('div');
    d.appendChild(el('strong', null, s[1]));
    if (s[2]) { d.appendChild(document.createTextNode(' ')); d.appendChild(el('span', { lang: 'ar', dir: 'rtl', 'class': 'bm-ar' }, s[2])); }
    d.appendChild(el('div', null, s[3] + ', ' + s[4] + ' · ' + s[6].toFixed(4) + ' N, ' + s[5].toFixed(4) + ' E'));
    if (sitePopup) map.closePopup(sitePopup);
    sitePopup = L.popup().setLatLng([s[6], s[5]]).setContent(d).openOn(map);
    sbox.value = s[1]; results = []; sel = -1; showResults();
  }
  sbox.addEventListener('input', function () { results = search(sbox.value); sel = results.length ? 0 : -1; showResults(); });
  sbox.addEventListener('keydown', function (ev) {
    if (ev.key === 'ArrowDown') { sel = Math.min(results.length - 1, sel + 1); showResults(); ev.preventDefault(); }
    else if (ev.key === 'ArrowUp') { sel = Math.max(0, sel - 1); showResults(); ev.preventDefault(); }
    else if (ev.key === 'Enter' && sel >= 0) { goSite(results[sel]); ev.preventDefault(); }
    else if (ev.key === 'Escape') { results = []; sel = -1; showResults(); }
  });

  /* ---- the address ---- */
  // a reader's own change (a filter, an event opened) is a step the browser's Back undoes; the
  // slider, Play and the view only rewrite the current address
  function writeHash(push) {
    var parts = [];
    if (S.mode !== 'all') { parts.push('date=' + iso(S.day)); if (S.mode === 'cumulative') parts.push('mode=cumulative'); }
    if (S.event) parts.push('event=' + encodeURIComponent(S.event));
    if (S.actor) parts.push('actor=' + encodeURIComponent(S.actor));
    [['kinds', 'kind'], ['statuses', 'status'], ['rels', 'reliability'], ['creds', 'credibility']].forEach(function (x) {
      if (S[x[0]]) parts.push(x[1] + '=' + encodeURIComponent(Object.keys(S[x[0]]).sort().join(',')));
    });
    var c = map.getCenter();
    parts.push('view=' + (Math.round(map.getZoom() * 100) / 100) + '/' + c.lat.toFixed(4) + '/' + c.lng.toFixed(4));
    var h = '#' + parts.join('&');
    if (location.hash !== h) {
      if (push) history.pushState(null, '', h); else history.replaceState(null, '', h);
    }
  }
  function readHash() {
    var h = location.hash.replace(/^#/, ''), q = Object.create(null);
    // an anchor of the page itself (the skip link's #bm-list) is not a state
    if (h && h.indexOf('=') < 0) { if (ready) return; h = ''; }
    stopPlay();
    h.split('&').forEach(function (kv) {
      var i = kv.indexOf('='); if (i < 0) return;
      try { q[kv.slice(0, i)] = decodeURIComponent(kv.slice(i + 1)); } catch (err) { /* a malformed part is ignored */ }
    });
    var d = parseIso(q.date);
    if (d !== null) { S.day = Math.max(minDay, Math.min(maxDay, d)); S.mode = q.mode === 'cumulative' ? 'cumulative' : 'day'; }
    else S.mode = 'all';
    $('bm-mode').value = S.mode;
    // an actor the menu does not offer is not a filter (the address is then rewritten without it)
    $('bm-actor').value = q.actor || '';
    setActor($('bm-actor').value === (q.actor || '') ? (q.actor || '') : '');
    $('bm-actor').value = S.actor;
    [['kinds', 'kind', 'bm-kinds'], ['statuses', 'status', 'bm-statuses'], ['rels', 'reliability', 'bm-rels'], ['creds', 'credibility', 'bm-creds']].forEach(function (x) {
      var v = q[x[1]];
      if (v === undefined) { S[x[0]] = null; } else { S[x[0]] = Object.create(null); v.split(',').forEach(function (k) { if (k) S[x[0]][k] = 1; }); }
      document.querySelectorAll('#' + x[2] + ' input').forEach(function (c) { c.checked = !S[x[0]] || !!S[x[0]][c.value]; });
    });
    var num = '(-?\\d+(?:\\.\\d+)?)';
    var view = new RegExp('^' + num + '/' + num + '/' + num + '$').exec(q.view || '');
    if (view && !(Math.abs(+view[2]) <= 85 && Math.abs(+view[3]) <= 180)) view = null;
    if (view) {
      var zv = Math.max(map.getMinZoom(), Math.min(map.getMaxZoom(), +view[1]));
      try { map.setView([+view[2], +view[3]], zv, { animate: false }); } catch (err) { view = null; }
    }
    S.event = null;
    if (q.event) {
      if (byId[q.event]) { openEvent(q.event, !view); return; }
      var card = $('bm-card'); card.hidden = false; card.textContent = '';
      cardClose(card);
      card.appendChild(el('p', null, 'No event ' + q.event + ' in this map.'));
    } else { $('bm-card').hidden = true; }
    update(false);
  }
  window.addEventListener('hashchange', readHash);
  window.addEventListener('popstate', readHash);
  // the skip link moves the focus without touching the address (which holds the state)
  $('bm-skip').addEventListener('click', function (ev) {
    ev.preventDefault();
    var b = $('bm-list').querySelector('button');
    (b || $('bm-count')).focus();
  });
  $('bm-count').setAttribute('tabindex', '-1');
  map.on('moveend', function () { if (ready) writeHash(); });

  /* ---- one update for every change ---- */
  var ready = false;
  function update(write) {
    slider.value = String(S.day);
    setDayLabel();
    refilter();
    renderList();
    layer.redraw();
    if (ready) writeHash(!!write);
  }
  $('bm-title').textContent = META.title;
  $('bm-sub').textContent = EV.length + ' events, ' + (META.first || '?') + ' to ' + (META.last || '?') +
    (META.newest_published ? '; newest source published ' + META.newest_published : '') + '. Click a symbol for its source.';
  renderLegend();
  readHash();
  ready = true;
  writeHash();
  // for tests and scripts: what is drawn now
  window.bordermap = {
    ready: true,
    shown: function () { return visible.map(function (e) { return e.uid; }); },
    drawn: function () { return drawn.count; },
    dense: function () { return drawn.dense; },
    drawMs: function () { return drawMs; },
    // where an event's point lies on the page, drawn or not
    locate: function (id) {
      var e = byId[id]; if (!e) return null;
      var q = viewFn(map)(e.px[e.px.length - 1]), r = $('bm-map').getBoundingClientRect();
      return [r.left + q[0], r.top + q[1]];
    },
    // where an event's symbol is drawn, in page coordinates (null when it is not drawn alone)
    where: function (id) {
      var hit = drawn.points.filter(function (pq) { return pq[0].uid === id; })[0];
      if (!hit) return null;
      var r = $('bm-map').getBoundingClientRect();
      return [r.left + hit[1][0], r.top + hit[1][1]];
    }
  };
  document.documentElement.setAttribute('data-ready', 'true');
})();
