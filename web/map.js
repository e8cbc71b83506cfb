/*
 * map.js -- the dashboard's map: where the filtered events happened (their
 * `location`, GDELT's ActionGeo, docs/FORMATS.md) as circles on a world
 * outline, one circle a place, its area the number of events there, its
 * colour the QuadClass most of them have.  The outline is Natural Earth's
 * 1:110m land (public domain) as the npm package world-atlas ships it
 * (TopoJSON), turned into GeoJSON by topojson-client; both are embedded
 * in kabar like the other libraries, so the map needs no tile server and
 * works offline.  Plate carree: the SVG's user units are degrees (x =
 * longitude, y = -latitude), so the page does no projection arithmetic.
 *
 * window.kabarMap.create(container, onPick) -> map with
 *   map.setEvents(events)  plot the events' locations (those without one
 *                          are counted, not drawn)
 *   map.select(location)   mark one event's location (null: none)
 * onPick(place) is called with {name, country, n, events} when a circle is
 * clicked.  No inline style (CSP style-src 'self'): classes and
 * attributes only.
 */
(function () {
  'use strict';

  var SVG = 'http://www.w3.org/2000/svg';

  function svg(tag, attrs) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }

  function num(v) { return Math.round(v * 100) / 100; }

  /* One ring as path data.  Natural Earth cuts its polygons at the
   * antimeridian: a ring that jumps from +180 to -180 is drawn as pieces,
   * each closed along the meridian it touches, not as a stroke across the
   * whole map. */
  function ringPath(ring) {
    var pts = ring.slice(0, ring.length - 1), n = pts.length, start = 0, i;
    var jumps = [];
    for (i = 0; i < n; i++) {
      if (Math.abs(pts[(i + 1) % n][0] - pts[i][0]) > 180) jumps.push((i + 1) % n);
    }
    if (jumps.length) start = jumps[0];
    var d = '';
    for (i = 0; i < n; i++) {
      var k = (start + i) % n, p = pts[k];
      var cut = i === 0 || jumps.indexOf(k) >= 0;
      if (cut && i > 0) d += 'Z';
      d += (cut ? 'M' : 'L') + num(p[0]) + ',' + num(-p[1]);
    }
    return d + 'Z';
  }

  function geometryPath(g) {
    var polys = g.type === 'Polygon' ? [g.coordinates]
      : g.type === 'MultiPolygon' ? g.coordinates : [];
    return polys.map(function (poly) { return poly.map(ringPath).join(''); }).join('');
  }

  function create(container, onPick) {
    var root = svg('svg', {
      viewBox: '-180 -90 360 180', preserveAspectRatio: 'xMidYMid meet',
      role: 'img', 'aria-label': 'map of event locations', class: 'map'
    });
    var sea = svg('rect', { x: -180, y: -90, width: 360, height: 180, class: 'sea' });
    var grid = svg('g', { class: 'graticule' });
    var land = svg('path', { class: 'land', d: '' });
    var dots = svg('g', { class: 'places' });
    var mark = svg('circle', { class: 'picked', r: 3, cx: 0, cy: 0 });
    var lon, lat;
    for (lon = -150; lon < 180; lon += 30) {
      grid.appendChild(svg('line', { x1: lon, y1: -90, x2: lon, y2: 90 }));
    }
    for (lat = -60; lat <= 60; lat += 30) {
      grid.appendChild(svg('line', { x1: -180, y1: -lat, x2: 180, y2: -lat }));
    }
    mark.setAttribute('visibility', 'hidden');
    [sea, grid, land, dots, mark].forEach(function (e) { root.appendChild(e); });
    container.appendChild(root);

    var map = { places: [], located: 0, unlocated: 0, outline: false };

    // the outline, once; the circles do not wait for it
    fetch('vendor/land-110m.json').then(function (r) {
      if (!r.ok) throw new Error('vendor/land-110m.json: ' + r.status);
      return r.json();
    }).then(function (topo) {
      var f = window.topojson.feature(topo, topo.objects.land);
      var feats = f.type === 'FeatureCollection' ? f.features : [f];
      land.setAttribute('d', feats.map(function (x) { return geometryPath(x.geometry); }).join(''));
      map.outline = true;
    }).catch(function (err) {
      container.setAttribute('data-error', String(err && err.message || err));
    });

    map.setEvents = function (events) {
      var byPlace = {};
      map.located = 0;
      map.unlocated = 0;
      events.forEach(function (e) {
        var l = e.location;
        if (!l || l.lat === null || l.lat === undefined || l.lon === null) {
          map.unlocated++;
          return;
        }
        map.located++;
        var key = l.feature_id || (l.lat + ',' + l.lon);
        var p = byPlace[key];
        if (!p) {
          p = byPlace[key] = { key: key, name: l.name, country: l.country, lat: +l.lat,
            lon: +l.lon, n: 0, quads: [0, 0, 0, 0, 0], events: [] };
        }
        p.n++;
        p.quads[e.quad] = (p.quads[e.quad] || 0) + 1;
        p.events.push(e.id);
      });
      map.places = Object.keys(byPlace).map(function (k) { return byPlace[k]; })
        .sort(function (a, b) { return b.n - a.n; }); // small circles on top
      while (dots.firstChild) dots.removeChild(dots.firstChild);
      map.places.forEach(function (p) {
        var q = 1;
        for (var i = 2; i <= 4; i++) if (p.quads[i] > p.quads[q]) q = i;
        var c = svg('circle', {
          cx: num(p.lon), cy: num(-p.lat), r: num(1.2 + 1.3 * Math.sqrt(p.n)),
          class: 'place q' + q, 'data-key': p.key
        });
        var t = svg('title');
        t.textContent = (p.name || p.key) + ': ' + p.n + (p.n === 1 ? ' event' : ' events');
        c.appendChild(t);
        c.addEventListener('click', function () { if (onPick) onPick(p); });
        dots.appendChild(c);
      });
    };

    map.select = function (l) {
      if (!l || l.lat === null || l.lat === undefined) {
        mark.setAttribute('visibility', 'hidden');
        map.selected = null;
        return;
      }
      mark.setAttribute('cx', num(+l.lon));
      mark.setAttribute('cy', num(-l.lat));
      mark.setAttribute('visibility', 'visible');
      map.selected = l.feature_id || null;
    };
    return map;
  }

  window.kabarMap = { create: create };
})();
