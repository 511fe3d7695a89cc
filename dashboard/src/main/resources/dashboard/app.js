/* FerStream live dashboard: no framework, no library. Loads each session's history from the aggregator's REST API,
 * then applies the statistics pushed over Server-Sent Events (/events) and redraws the changed sessions. */
(function () {
  'use strict';

  var CLASSES = ['ANGRY', 'FEAR', 'HAPPY', 'SAD', 'SURPRISE', 'NEUTRAL'];
  var EMOJI = { ANGRY: '😠', FEAR: '😨', HAPPY: '😄', SAD: '😢', SURPRISE: '😲', NEUTRAL: '😐' };
  var NAMES = { ANGRY: 'Angry', FEAR: 'Fear', HAPPY: 'Happy', SAD: 'Sad', SURPRISE: 'Surprise', NEUTRAL: 'Neutral' };
  var HISTORY_MS = 15 * 60 * 1000;   // timeline loaded at start and kept per session
  var MAX_POINTS = 240;              // points kept per session chart
  var STALE_MS = 2 * 60 * 1000;      // a session without news for this long is greyed out
  var GONE_MS = 10 * 60 * 1000;      // and after this long taken off the page (replays start new sessions all the time)
  var SVG_NS = 'http://www.w3.org/2000/svg';
  var W = 600, H = 190, PAD_L = 30, PAD_R = 8, PAD_T = 8, PAD_B = 20;

  var sessions = {};      // id -> session state
  var dirty = {};         // ids to redraw
  var pushes = 0;
  var renderQueued = false;

  function session(id) {
    var s = sessions[id];
    if (!s) {
      s = sessions[id] = { id: id, total: null, latest: null, points: {}, updated: 0 };
    }
    return s;
  }

  /* Accepts any stats-shaped object (StatsJson). Windowed stats become timeline points keyed by window start (an
   * update of a window replaces its point); SESSION_TOTAL stats give the counts. */
  function apply(st) {
    if (!st || typeof st.sessionId !== 'string' || !st.probabilities) { return; }
    var s = session(st.sessionId);
    if (st.windowType === 'SESSION_TOTAL') {
      if (!s.total || st.updated >= s.total.updated) { s.total = st; }
    } else {
      if (st.windowType === 'TUMBLING' || !s.hasTumbling) {
        if (st.windowType === 'TUMBLING' && !s.hasTumbling) { s.hasTumbling = true; s.points = {}; s.latest = null; }
        s.points[st.windowStart] = st;
        var keys = Object.keys(s.points);
        if (keys.length > MAX_POINTS) {
          keys.map(Number).sort(function (a, b) { return a - b; }).slice(0, keys.length - MAX_POINTS)
            .forEach(function (k) { delete s.points[k]; });
        }
      }
      if (!s.latest || st.windowStart > s.latest.windowStart
          || (st.windowStart === s.latest.windowStart && st.updated >= s.latest.updated)) {
        if (st.windowType === 'TUMBLING' || !s.hasTumbling) { s.latest = st; }
      }
    }
    s.updated = Math.max(s.updated, st.updated || 0);
    dirty[st.sessionId] = true;
    queueRender();
  }

  /* The REST API's answers are walked for every stats-shaped object, whatever envelope holds them. */
  function collect(json, out) {
    if (Array.isArray(json)) {
      json.forEach(function (x) { collect(x, out); });
    } else if (json && typeof json === 'object') {
      if (typeof json.sessionId === 'string' && json.probabilities && json.windowType) { out.push(json); }
      Object.keys(json).forEach(function (k) {
        if (json[k] && typeof json[k] === 'object') { collect(json[k], out); }
      });
    }
    return out;
  }

  function sessionIds(json) {
    var ids = {};
    (function walk(x) {
      if (typeof x === 'string') { ids[x] = true; }
      else if (Array.isArray(x)) { x.forEach(walk); }
      else if (x && typeof x === 'object') {
        if (typeof x.sessionId === 'string') { ids[x.sessionId] = true; }
        if (Array.isArray(x.sessions)) { x.sessions.forEach(walk); }
      }
    })(json);
    return Object.keys(ids);
  }

  function getJson(url) {
    return fetch(url, { headers: { Accept: 'application/json' } }).then(function (r) {
      if (!r.ok) { throw new Error(url + ': HTTP ' + r.status); }
      return r.json();
    });
  }

  function loadHistory() {
    return getJson('api/sessions').then(function (json) {
      collect(json, []).forEach(apply);
      var to = Date.now(), from = to - HISTORY_MS;
      return Promise.all(sessionIds(json).map(function (id) {
        var base = 'api/sessions/' + encodeURIComponent(id);
        return Promise.all([
          getJson(base).then(function (j) { collect(j, []).forEach(apply); }),
          getJson(base + '/timeline?from=' + from + '&to=' + to).then(function (j) { collect(j, []).forEach(apply); })
        ]).catch(function (e) { console.warn('history of ' + id + ' not loaded', e); });
      }));
    }).catch(function (e) { console.warn('sessions not loaded', e); });
  }

  /* ---- push stream ---- */
  var status = document.getElementById('status');
  function setStatus(state, text) {
    status.setAttribute('data-state', state);
    status.textContent = text || state;
  }

  function connect() {
    if (!window.EventSource) { setStatus('offline', 'no EventSource in this browser'); return; }
    var source = new EventSource('events');
    var wasOpen = false;
    source.addEventListener('open', function () {
      setStatus('live');
      // After a broken stream, updates may have been missed: reload the state.
      if (wasOpen) { loadHistory(); }
      wasOpen = true;
    });
    source.addEventListener('stats', function (e) {
      pushes++;
      try { apply(JSON.parse(e.data)); } catch (err) { console.warn('bad stats event', err); }
    });
    source.addEventListener('error', function () {
      setStatus(source.readyState === EventSource.CLOSED ? 'offline' : 'reconnecting');
    });
  }

  /* ---- drawing ---- */
  function queueRender() {
    if (!renderQueued) {
      renderQueued = true;
      // A timer rather than requestAnimationFrame: it also runs in background tabs, and 100 ms is well inside 1 s.
      setTimeout(render, 100);
    }
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function svg(tag, attrs) {
    var e = document.createElementNS(SVG_NS, tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }

  function time(ms) {
    return ms ? new Date(ms).toLocaleTimeString([], { hour12: false }) : '–';
  }

  function card(s) {
    var c = document.getElementById('card-' + s.id);
    if (c) { return c; }
    c = el('article', 'card');
    c.id = 'card-' + s.id;
    c.setAttribute('data-session', s.id);
    var head = el('div', 'card-head');
    head.appendChild(el('span', 'big', EMOJI.NEUTRAL));
    var who = el('div', 'who');
    who.appendChild(el('div', 'sid', s.id));
    who.appendChild(el('div', 'dominant-name', ''));
    head.appendChild(who);
    var val = el('div', 'valence', 'valence');
    var bar = el('div', 'bar');
    bar.appendChild(el('i'));
    val.appendChild(bar);
    head.appendChild(val);
    c.appendChild(head);
    var counts = el('div', 'counts');
    CLASSES.forEach(function (k) {
      var box = el('div', 'count c-' + k);
      box.setAttribute('data-class', k);
      box.appendChild(el('span', 'n', '0'));
      var label = el('span', 'l');
      label.appendChild(el('i', 'emo', EMOJI[k]));
      label.appendChild(document.createTextNode(' ' + NAMES[k]));
      box.appendChild(label);
      counts.appendChild(box);
    });
    c.appendChild(counts);
    var chart = svg('svg', { 'class': 'chart', viewBox: '0 0 ' + W + ' ' + H, preserveAspectRatio: 'none',
      role: 'img', 'aria-label': 'probabilities of ' + s.id + ' over time' });
    [0, 0.25, 0.5, 0.75, 1].forEach(function (p) {
      var y = yOf(p);
      chart.appendChild(svg('line', { 'class': 'grid', x1: PAD_L, x2: W - PAD_R, y1: y, y2: y }));
      var label = svg('text', { 'class': 'axis', x: 2, y: y + 3 });
      label.textContent = p.toFixed(2);
      chart.appendChild(label);
    });
    var t0 = svg('text', { 'class': 'axis t0', x: PAD_L, y: H - 4 });
    var t1 = svg('text', { 'class': 'axis t1', x: W - PAD_R, y: H - 4, 'text-anchor': 'end' });
    chart.appendChild(t0);
    chart.appendChild(t1);
    CLASSES.forEach(function (k) {
      chart.appendChild(svg('polyline', { 'class': 'c-' + k, 'data-class': k, points: '' }));
    });
    c.appendChild(chart);
    var legend = el('div', 'legend');
    CLASSES.forEach(function (k) { legend.appendChild(el('span', 'c-' + k, NAMES[k])); });
    c.appendChild(legend);
    c.appendChild(el('div', 'card-foot', ''));
    document.getElementById('cards').appendChild(c);
    return c;
  }

  function yOf(p) { return PAD_T + (1 - p) * (H - PAD_T - PAD_B); }

  function drawSession(s) {
    var c = card(s);
    var now = s.latest || s.total;
    var dominant = now ? now.dominant : 'NEUTRAL';
    c.setAttribute('data-dominant', dominant);
    c.querySelector('.big').textContent = EMOJI[dominant] || '·';
    c.querySelector('.dominant-name').textContent = (NAMES[dominant] || dominant) + ' now'
      + (now ? ' (p = ' + now.probabilities[dominant].toFixed(2) + ')' : '');
    var valence = now ? now.valence : 0;
    c.querySelector('.valence').firstChild.textContent = 'valence ' + valence.toFixed(2);
    c.querySelector('.valence i').style.left = 'calc(' + ((valence + 1) * 50).toFixed(1) + '% - 2px)';

    var counts = s.total ? s.total.counts : sumCounts(s.points);
    var events = 0;
    CLASSES.forEach(function (k) {
      var n = counts[k] || 0;
      events += n;
      c.querySelector('.count[data-class="' + k + '"] .n').textContent = n;
    });
    c.setAttribute('data-events', events);

    var starts = Object.keys(s.points).map(Number).sort(function (a, b) { return a - b; });
    var first = starts.length ? starts[0] : 0;
    var last = starts.length ? starts[starts.length - 1] : 0;
    var span = Math.max(1, last - first);
    CLASSES.forEach(function (k) {
      var pts = starts.map(function (t) {
        var x = starts.length === 1 ? W - PAD_R : PAD_L + (t - first) / span * (W - PAD_L - PAD_R);
        return x.toFixed(1) + ',' + yOf(s.points[t].probabilities[k] || 0).toFixed(1);
      });
      if (pts.length === 1) { pts.unshift(PAD_L + ',' + pts[0].split(',')[1]); }
      c.querySelector('polyline[data-class="' + k + '"]').setAttribute('points', pts.join(' '));
    });
    c.setAttribute('data-points', starts.length);
    c.querySelector('.t0').textContent = time(first);
    c.querySelector('.t1').textContent = time(last);
    c.querySelector('.card-foot').textContent = starts.length + ' windows · ' + events + ' events · '
      + (s.total ? s.total.faceCount : (now ? now.faceCount : 0)) + ' faces · updated ' + time(s.updated);
    c.classList.remove('flash');
    void c.offsetWidth;
    c.classList.add('flash');
  }

  function sumCounts(points) {
    var sum = {};
    Object.keys(points).forEach(function (t) {
      var counts = points[t].counts || {};
      CLASSES.forEach(function (k) { sum[k] = (sum[k] || 0) + (counts[k] || 0); });
    });
    return sum;
  }

  function drawList() {
    var list = document.getElementById('session-list');
    var nowMs = Date.now();
    Object.keys(sessions).forEach(function (id) {
      if (nowMs - sessions[id].updated > GONE_MS) {
        var gone = document.getElementById('card-' + id);
        if (gone) { gone.parentNode.removeChild(gone); }
        delete sessions[id];
      }
    });
    var ids = Object.keys(sessions).sort();
    if (!ids.length) { return; }
    list.textContent = '';
    ids.forEach(function (id) {
      var s = sessions[id];
      var now = s.latest || s.total;
      var li = el('li', nowMs - s.updated > STALE_MS ? 'stale' : '');
      li.setAttribute('data-session', id);
      li.appendChild(el('span', 'name', id));
      li.appendChild(el('span', 'emoji', now ? EMOJI[now.dominant] : ''));
      li.addEventListener('click', function () { card(s).scrollIntoView({ behavior: 'smooth' }); });
      list.appendChild(li);
      var c = document.getElementById('card-' + id);
      if (c) { c.classList.toggle('stale', nowMs - s.updated > STALE_MS); }
    });
    document.getElementById('session-total').textContent = ids.length;
  }

  function render() {
    renderQueued = false;
    var ids = Object.keys(dirty);
    dirty = {};
    ids.sort().forEach(function (id) { if (sessions[id]) { drawSession(sessions[id]); } });
    drawList();
    document.getElementById('push-total').textContent = pushes;
    var latest = 0;
    Object.keys(sessions).forEach(function (id) { latest = Math.max(latest, sessions[id].updated); });
    document.getElementById('last-update').textContent = time(latest);
  }

  // Stream first, so that nothing published while the history loads is missed; applying is idempotent.
  connect();
  loadHistory();
  setInterval(drawList, 10000);
})();
