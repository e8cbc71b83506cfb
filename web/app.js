/*
 * app.js -- the kabar dashboard: a filter bar, a timeline (uPlot), an actor
 * network (cytoscape), a map of where the events happened (map.js), an
 * event table and the evidence of one event, all
 * from kabar serve's JSON API (docs/API.md) on the same origin.  No inline
 * script, no HTML built from data: text goes in with textContent, so the
 * page runs under a Content-Security-Policy without 'unsafe-inline'.
 */
(function () {
  'use strict';

  var QUAD_NAMES = ['', 'verbal cooperation', 'material cooperation',
    'verbal conflict', 'material conflict'];
  var QUAD_COLOURS = ['', '#91cf60', '#1a9850', '#fc8d59', '#d73027'];
  var FILTER_KEYS = ['actor', 'source', 'target', 'root', 'quad', 'from', 'to',
    'min_sources'];

  var form = document.getElementById('filters');
  var errorBox = document.getElementById('error');
  var state = { cursor: null, filters: {}, by: 'month', selected: null };
  var plot = null;
  var graph = null;
  var map = null;
  // what the browser test and a curious analyst can inspect
  window.kabar = { ready: false, graph: null, plot: null, map: null, loads: 0 };

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function showError(msg) {
    errorBox.textContent = msg || '';
  }

  function query(params) {
    var parts = [];
    Object.keys(params).forEach(function (k) {
      var v = params[k];
      if (v !== undefined && v !== null && v !== '') {
        parts.push(encodeURIComponent(k) + '=' + encodeURIComponent(v));
      }
    });
    return parts.length ? '?' + parts.join('&') : '';
  }

  function getJSON(path, params) {
    return fetch(path + query(params || {}), { headers: { Accept: 'application/json' } })
      .then(function (r) {
        return r.json().then(function (body) {
          if (!r.ok) {
            var msg = body && body.error ? body.error.message : r.statusText;
            throw new Error(msg);
          }
          return body;
        });
      });
  }

  /* ---- filters --------------------------------------------------------- */

  function readForm() {
    var f = {};
    FILTER_KEYS.forEach(function (k) {
      var v = form.elements[k].value.trim();
      if (k === 'actor' || k === 'source' || k === 'target') v = v.toUpperCase();
      if (v !== '') f[k] = v;
    });
    return f;
  }

  function writeForm(f) {
    FILTER_KEYS.forEach(function (k) {
      form.elements[k].value = f[k] || '';
    });
  }

  function fillRoots() {
    var sel = form.elements.root;
    for (var i = 1; i <= 20; i++) {
      var code = (i < 10 ? '0' : '') + i;
      var o = el('option', null, code);
      o.value = code;
      sel.appendChild(o);
    }
  }

  function saveHash() {
    var h = query(Object.assign({ by: state.by }, state.filters));
    if (location.hash !== '#' + h.slice(1)) {
      history.replaceState(null, '', '#' + h.slice(1));
    }
  }

  function loadHash() {
    var f = {};
    var h = location.hash.replace(/^#/, '');
    h.split('&').forEach(function (kv) {
      if (!kv) return;
      var i = kv.indexOf('=');
      var k = decodeURIComponent(i < 0 ? kv : kv.slice(0, i));
      var v = i < 0 ? '' : decodeURIComponent(kv.slice(i + 1));
      if (k === 'by') state.by = v;
      else if (FILTER_KEYS.indexOf(k) >= 0) f[k] = v;
    });
    return f;
  }

  /* ---- timeline ------------------------------------------------------- */

  function periodTime(p) {
    // "2024-03" (month) or "2024-03-18" (day, week's Monday) -> seconds
    var y = +p.slice(0, 4), m = p.length >= 7 ? +p.slice(5, 7) - 1 : 0;
    var d = p.length >= 10 ? +p.slice(8, 10) : 1;
    return Date.UTC(y, m, d) / 1000;
  }

  function loadTimeline() {
    var quads = state.filters.quad ? [+state.filters.quad] : [1, 2, 3, 4];
    return Promise.all(quads.map(function (q) {
      var p = Object.assign({}, state.filters, { quad: q, by: state.by, limit: 50000 });
      return getJSON('/api/dyads', p).then(function (d) { return { quad: q, rows: d.dyads }; });
    })).then(function (parts) {
      var periods = {};
      parts.forEach(function (part) {
        part.rows.forEach(function (r) {
          var p = periods[r.period] || (periods[r.period] = { q: [0, 0, 0, 0, 0], g: 0 });
          p.q[part.quad] += r.events;
          p.g += r.goldstein;
        });
      });
      var keys = Object.keys(periods).sort();
      var data = [keys.map(periodTime)];
      for (var q = 1; q <= 4; q++) {
        data.push(keys.map(function (k) { return periods[k].q[q]; }));
      }
      data.push(keys.map(function (k) { return Math.round(periods[k].g * 10) / 10; }));
      drawTimeline(data);
    });
  }

  function drawTimeline(data) {
    var box = document.getElementById('timeline');
    if (plot) { plot.destroy(); plot = null; }
    clear(box);
    if (data[0].length === 0) {
      box.appendChild(el('p', 'empty', 'No dated events for this filter.'));
      window.kabar.plot = null;
      return;
    }
    var bars = uPlot.paths.bars({ size: [0.7, 40] });
    var series = [{ label: 'period' }];
    for (var q = 1; q <= 4; q++) {
      series.push({
        label: 'Q' + q + ' ' + QUAD_NAMES[q],
        stroke: QUAD_COLOURS[q],
        fill: QUAD_COLOURS[q] + '99',
        paths: bars,
        points: { show: false },
        scale: 'events'
      });
    }
    series.push({ label: 'Goldstein (sum)', stroke: '#37474f', width: 2, scale: 'gs',
      points: { show: true, size: 5 } });
    plot = new uPlot({
      width: Math.max(300, box.clientWidth - 10),
      height: 280,
      series: series,
      scales: { x: { time: true }, events: { auto: true }, gs: { auto: true } },
      axes: [
        {},
        { scale: 'events', label: 'events' },
        { scale: 'gs', side: 1, label: 'Goldstein', grid: { show: false } }
      ]
    }, data, box);
    window.kabar.plot = plot;
  }

  /* ---- network graph ---------------------------------------------------- */

  function loadGraph() {
    var p = Object.assign({}, state.filters, { by: 'all', limit: 2000 });
    return getJSON('/api/dyads', p).then(function (d) {
      var nodes = {}, elements = [];
      var max = 1;
      d.dyads.forEach(function (r) { if (r.events > max) max = r.events; });
      d.dyads.forEach(function (r) {
        if (!r.source || !r.target || r.source === r.target) return;
        [r.source, r.target].forEach(function (c) {
          nodes[c] = (nodes[c] || 0) + r.events;
        });
        elements.push({ group: 'edges', data: {
          id: r.source + '>' + r.target, source: r.source, target: r.target,
          events: r.events, goldstein: r.goldstein_mean,
          width: 1 + 9 * Math.sqrt(r.events / max),
          colour: r.goldstein_mean >= 0 ? '#1a9850' : '#d73027'
        } });
      });
      Object.keys(nodes).forEach(function (c) {
        elements.push({ group: 'nodes', data: { id: c, label: c, events: nodes[c],
          size: 18 + 30 * Math.sqrt(nodes[c] / (2 * max)) } });
      });
      drawGraph(elements);
    });
  }

  function drawGraph(elements) {
    var box = document.getElementById('graph');
    if (graph) { graph.destroy(); graph = null; }
    graph = cytoscape({
      container: box,
      elements: elements,
      wheelSensitivity: 0.3,
      style: [
        { selector: 'node', style: {
          label: 'data(label)', 'background-color': '#546e7a', color: '#263238',
          width: 'data(size)', height: 'data(size)', 'font-size': 11,
          'text-valign': 'center', 'text-halign': 'center', 'text-outline-color': '#fff',
          'text-outline-width': 2 } },
        { selector: 'edge', style: {
          width: 'data(width)', 'line-color': 'data(colour)',
          'target-arrow-color': 'data(colour)', 'target-arrow-shape': 'triangle',
          'curve-style': 'bezier', opacity: 0.8 } },
        { selector: ':selected', style: { 'overlay-opacity': 0.2 } }
      ],
      layout: { name: elements.length > 2 ? 'cose' : 'grid', animate: false, randomize: false }
    });
    graph.on('tap', 'edge', function (ev) {
      var e = ev.target.data();
      state.filters.source = e.source;
      state.filters.target = e.target;
      delete state.filters.actor;
      writeForm(state.filters);
      reload();
    });
    graph.on('tap', 'node', function (ev) {
      state.filters.actor = ev.target.id();
      delete state.filters.source;
      delete state.filters.target;
      writeForm(state.filters);
      reload();
    });
    window.kabar.graph = graph;
  }

  /* ---- map ------------------------------------------------------------ */

  var MAP_PAGE = 1000, MAP_PAGES = 10; // the first 10,000 events of a filter

  function loadMap() {
    if (!map) {
      map = window.kabarMap.create(document.getElementById('map'), function (place) {
        document.getElementById('map-caption').textContent = (place.name || place.key) + ' (' +
          place.country + '): ' + place.n + (place.n === 1 ? ' event' : ' events');
        var row = document.querySelector('#events tbody tr[data-id="' + place.events[0] + '"]');
        selectEvent(place.events[0], row);
      });
      window.kabar.map = map;
    }
    var events = [];
    function page(cursor, n) {
      var p = Object.assign({}, state.filters, { limit: MAP_PAGE });
      if (cursor) p.cursor = cursor;
      return getJSON('/api/events', p).then(function (d) {
        events = events.concat(d.events);
        if (d.next_cursor && n + 1 < MAP_PAGES) return page(d.next_cursor, n + 1);
        return d.next_cursor;
      });
    }
    return page(null, 0).then(function (more) {
      map.setEvents(events);
      map.select(null);
      document.getElementById('map-caption').textContent = map.located + ' of ' +
        events.length + (more ? '+' : '') + ' events located, at ' + map.places.length +
        (map.places.length === 1 ? ' place' : ' places') +
        (more ? ' (the first ' + events.length + ' by date)' : '');
    });
  }

  /* ---- events ----------------------------------------------------------- */

  function eventRow(e) {
    var tr = el('tr');
    tr.dataset.id = e.id;
    var gs = el('td', e.goldstein > 0 ? 'gs-pos' : e.goldstein < 0 ? 'gs-neg' : null, e.goldstein);
    [el('td', null, e.date || '—'), el('td', null, e.source.code), el('td', null, e.target.code),
      el('td', null, e.code), gs,
      el('td', null, e.num_mentions + ' / ' + e.num_articles + ' / ' + e.num_sources),
      el('td', 'name', e.source.name), el('td', 'name', e.target.name)
    ].forEach(function (td) { tr.appendChild(td); });
    tr.addEventListener('click', function () { selectEvent(e.id, tr); });
    return tr;
  }

  function loadEvents(more) {
    var p = Object.assign({}, state.filters, { limit: 50 });
    if (more && state.cursor) p.cursor = state.cursor;
    return getJSON('/api/events', p).then(function (d) {
      var body = document.querySelector('#events tbody');
      if (!more) clear(body);
      d.events.forEach(function (e) { body.appendChild(eventRow(e)); });
      state.cursor = d.next_cursor;
      document.getElementById('more').hidden = !d.next_cursor;
      var n = body.children.length;
      document.getElementById('events-count').textContent =
        n + (d.next_cursor ? '+' : '') + ' events, by date';
      if (n === 0) {
        var tr = el('tr'), td = el('td', 'empty', 'No events for this filter.');
        td.colSpan = 8;
        tr.appendChild(td);
        body.appendChild(tr);
      }
    });
  }

  /* ---- evidence ------------------------------------------------------- */

  function link(href, text) {
    var a = el('a', null, text);
    a.href = href;
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    return a;
  }

  function selectEvent(id, tr) {
    document.querySelectorAll('#events tr.selected').forEach(function (r) {
      r.classList.remove('selected');
    });
    if (tr) tr.classList.add('selected');
    state.selected = id;
    return getJSON('/api/events/' + encodeURIComponent(id)).then(function (d) {
      var box = document.getElementById('evidence');
      clear(box);
      document.getElementById('evidence-hint').hidden = true;
      var ev = d.event;
      if (map) map.select(ev.location);
      box.appendChild(el('div', 'event-head',
        ev.source.code + ' (' + (ev.source.name || '?') + ') → ' + ev.target.code + ' (' +
        (ev.target.name || '?') + '), CAMEO ' + ev.code + ', Goldstein ' + ev.goldstein +
        ', ' + (ev.date || 'undated')));
      box.appendChild(el('div', 'muted', ev.num_mentions + ' mentions in ' + ev.num_articles +
        ' articles from ' + ev.num_sources + ' sources'));
      d.mentions.forEach(function (m) {
        var div = el('div', 'mention');
        var p = el('p', 'sentence');
        (m.evidence || [{ text: m.text || m.sentence }]).forEach(function (s) {
          p.appendChild(s.mark ? el('mark', s.mark, s.text) : document.createTextNode(s.text));
        });
        div.appendChild(p);
        var meta = el('div', 'meta');
        if (m.url) meta.appendChild(link(m.url, m.outlet || m.url));
        meta.appendChild(link('/api/articles/' + m.article, 'article ' + m.doc + ' (JSON)'));
        meta.appendChild(document.createTextNode(
          m.part + ', sentence ' + m.sentence_index + (m.attribution ? ', according to ' + m.attribution : '') +
          (m.date ? ', ' + m.date : '')));
        div.appendChild(meta);
        box.appendChild(div);
      });
    }).catch(function (err) { showError(err.message); });
  }

  /* ---- wiring --------------------------------------------------------- */

  function reload() {
    showError('');
    state.cursor = null;
    saveHash();
    window.kabar.ready = false;
    return Promise.all([loadTimeline(), loadGraph(), loadMap(), loadEvents(false)])
      .then(function () {
        window.kabar.ready = true;
        window.kabar.loads++;
      })
      .catch(function (err) {
        showError(err.message);
        window.kabar.ready = true;
        window.kabar.loads++;
      });
  }

  function stats() {
    getJSON('/api/health').then(function (h) {
      document.getElementById('stats').textContent = h.articles + ' articles, ' + h.events +
        ' events, ' + h.mentions + ' mentions' + (h.updated ? '; updated ' + h.updated : '');
    }).catch(function () {});
  }

  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    state.filters = readForm();
    state.by = form.elements.by.value;
    reload();
  });
  document.getElementById('reset').addEventListener('click', function () {
    state.filters = {};
    writeForm({});
    reload();
  });
  document.getElementById('more').addEventListener('click', function () {
    loadEvents(true).catch(function (err) { showError(err.message); });
  });
  window.addEventListener('resize', function () {
    if (plot) plot.setSize({ width: Math.max(300, document.getElementById('timeline').clientWidth - 10), height: 280 });
  });

  fillRoots();
  state.filters = loadHash();
  writeForm(state.filters);
  form.elements.by.value = state.by;
  stats();
  reload();
})();
