/**
 * The page's script (plain ES2020, no build step). Every piece of event data reaches the DOM
 * through textContent or a data attribute, never as HTML: events are untrusted input.
 * No template literals inside, so this file can hold it in one.
 */
export const pageScript = `
(function () {
  'use strict';
  var state = { after: 0, events: [], traceId: null, traceEvents: [] };
  var maxEvents = 2000;
  var spanTypes = { 'http.request': 1, 'http.client': 1, 'db.query': 1, 'data.change': 1, 'job.enqueue': 1, 'job.perform': 1 };
  var $ = function (id) { return document.getElementById(id); };

  function el(tag, props, children) {
    var node = document.createElement(tag);
    Object.keys(props || {}).forEach(function (k) {
      var v = props[k];
      if (v === undefined || v === null) return;
      if (k === 'text') node.textContent = String(v);
      else if (k === 'className') node.className = v;
      else if (k === 'onclick') node.addEventListener('click', v);
      else node.setAttribute(k, String(v));
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }

  function kind(type) {
    type = String(type || '');
    if (type.indexOf('http.') === 0) return 'http';
    if (type === 'db.query' || type === 'data.change') return 'db';
    if (type.indexOf('job.') === 0) return 'job';
    if (type === 'log') return 'log';
    return 'custom';
  }
  function meta(e) { return e && typeof e.metadata === 'object' && e.metadata ? e.metadata : {}; }
  function corr(e) { return e && typeof e.correlation === 'object' && e.correlation ? e.correlation : {}; }
  function service(e) { return e && e.platform && e.platform.service ? String(e.platform.service) : '?'; }
  function duration(e) { var d = Number(meta(e).duration_ms); return isFinite(d) && d >= 0 ? d : undefined; }
  function fmtMs(ms) { return ms === undefined ? '' : ms < 10 ? ms.toFixed(2) + ' ms' : Math.round(ms) + ' ms'; }
  function time(ts) { var d = new Date(ts); return isNaN(d) ? String(ts) : d.toISOString().slice(11, 23); }
  function noTrace(id) { return !id || /^0+$/.test(id); }

  function filters() {
    return { type: $('f-type').value, outcome: $('f-outcome').value, service: $('f-service').value, q: $('f-text').value.trim().toLowerCase() };
  }
  function matches(e, f) {
    if (f.type && e.event_type !== f.type) return false;
    if (f.outcome && e.outcome !== f.outcome) return false;
    if (f.service && service(e) !== f.service) return false;
    if (f.q && JSON.stringify(e).toLowerCase().indexOf(f.q) < 0) return false;
    return true;
  }

  function fillSelect(select, values) {
    var current = select.value;
    var have = {};
    Array.prototype.forEach.call(select.options, function (o) { have[o.value] = 1; });
    values.forEach(function (v) { if (!have[v]) select.appendChild(el('option', { value: v, text: v })); });
    select.value = current;
  }

  function renderList() {
    var f = filters();
    var body = $('events-body');
    var rows = [];
    for (var i = state.events.length - 1; i >= 0 && rows.length < 500; i--) {
      var e = state.events[i].event;
      if (!matches(e, f)) continue;
      rows.push(row(e));
    }
    body.replaceChildren.apply(body, rows);
    $('list-empty').hidden = rows.length > 0;
    $('count').textContent = state.events.length + ' events';
  }

  function row(e) {
    var trace = corr(e).trace_id;
    return el('tr', {
      className: 'event-row' + (e.outcome === 'failure' ? ' failure' : ''), 'data-testid': 'event-row', 'data-type': e.event_type,
      onclick: function () { if (!noTrace(trace)) openTrace(trace); else showDetail(e); },
    }, [
      el('td', { className: 'muted', text: time(e.timestamp) }),
      el('td', { text: service(e) }),
      el('td', {}, [el('span', { className: 'badge ' + kind(e.event_type) + (e.outcome === 'failure' ? ' fail' : ''), text: e.event_type })]),
      el('td', { className: 'action', text: e.action, title: e.action }),
      el('td', { text: e.outcome }),
      el('td', { className: 'muted', text: fmtMs(duration(e)) }),
    ]);
  }

  async function poll() {
    try {
      var res = await fetch('/api/events?limit=1000&after=' + state.after);
      var data = await res.json();
      if (data.events.length) {
        state.events = state.events.concat(data.events).slice(-maxEvents);
        state.after = data.last_seq;
        renderList();
        if (state.traceId && data.events.some(function (s) { return corr(s.event).trace_id === state.traceId; })) openTrace(state.traceId);
      }
      fillSelect($('f-type'), data.facets.types);
      fillSelect($('f-service'), data.facets.services);
      $('status').textContent = 'live';
    } catch (err) {
      $('status').textContent = 'receiver unreachable, retrying';
    }
    setTimeout(poll, 1000);
  }

  async function pollAgents() {
    try {
      var data = await (await fetch('/api/agents')).json();
      var nodes = data.agents.map(function (a) {
        var h = a.health || {};
        var parts = [['circuit', h.circuit_state], ['queue', h.queue_size], ['spooled', h.spool_batches], ['delivered', h.events_delivered],
          ['failed requests', h.failed_requests], ['last error', h.last_error]]
          .filter(function (p) { return p[1] !== undefined && p[1] !== null && p[1] !== ''; })
          .map(function (p) { return p[0] + ' ' + p[1]; });
        var text = a.service + ': ' + (parts.join(', ') || 'no health reported');
        return el('span', { className: 'agent ' + (h.circuit_state || ''), 'data-testid': 'agent', text: text });
      });
      $('agents').replaceChildren.apply($('agents'), nodes);
    } catch (err) { /* shown by the event poll */ }
    setTimeout(pollAgents, 5000);
  }

  function buildTree(events) {
    var nodes = events.map(function (e) { return { e: e, children: [], t: Date.parse(e.timestamp) }; });
    var owners = {};
    nodes.forEach(function (n) {
      var id = corr(n.e).span_id;
      if (id && (spanTypes[n.e.event_type] || duration(n.e) !== undefined) && !owners[id]) owners[id] = n;
    });
    var roots = [];
    nodes.forEach(function (n) {
      var c = corr(n.e);
      // A span's parent is its parent span; a point event (track, log) belongs to the span it was emitted in.
      var parent = owners[c.span_id] === n ? owners[c.parent_span_id] : owners[c.span_id];
      if (parent && parent !== n) parent.children.push(n); else roots.push(n);
    });
    var byTime = function (a, b) { return a.t - b.t; };
    var flat = [];
    var seen = new Set();
    (function walk(list, depth) {
      list.sort(byTime).forEach(function (n) {
        if (seen.has(n)) return;
        seen.add(n);
        flat.push({ node: n, depth: depth });
        walk(n.children, depth + 1);
      });
    })(roots, 0);
    // Nodes caught in a parent cycle are still shown, at the top level.
    nodes.forEach(function (n) { if (!seen.has(n)) flat.push({ node: n, depth: 0 }); });
    return flat;
  }

  async function openTrace(traceId) {
    state.traceId = traceId;
    if (location.hash !== '#trace=' + traceId) history.replaceState(null, '', '#trace=' + traceId);
    var data = await (await fetch('/api/traces/' + encodeURIComponent(traceId))).json();
    state.traceEvents = data.events.map(function (s) { return s.event; });
    renderFlow();
  }

  function renderFlow() {
    var events = state.traceEvents;
    var flat = buildTree(events);
    var start = Infinity, end = -Infinity, services = {}, failures = 0;
    events.forEach(function (e) {
      var t = Date.parse(e.timestamp);
      start = Math.min(start, t);
      end = Math.max(end, t + (duration(e) || 0));
      services[service(e)] = 1;
      if (e.outcome === 'failure') failures++;
    });
    var total = Math.max(end - start, 1);
    $('flow-title').textContent = 'Flow ' + state.traceId;
    $('flow-summary').replaceChildren(
      el('span', { text: events.length + ' steps' }),
      el('span', { text: Object.keys(services).length + ' services: ' + Object.keys(services).join(', ') }),
      el('span', { text: fmtMs(total) + ' total' }),
      el('span', { className: failures ? 'badge fail' : 'muted', 'data-testid': 'flow-failures', text: failures + (failures === 1 ? ' failure' : ' failures') })
    );
    var rows = flat.map(function (item) {
      var e = item.node.e, d = duration(e), k = kind(e.event_type), failed = e.outcome === 'failure';
      var left = ((item.node.t - start) / total) * 100;
      var width = d === undefined ? 0.6 : Math.max((d / total) * 100, 0.6);
      var m = meta(e);
      var extra = m.status_code !== undefined ? ' ' + m.status_code : '';
      return el('div', {
        className: 'flow-step' + (failed ? ' failure' : ''), 'data-testid': 'flow-step', 'data-type': e.event_type, 'data-outcome': e.outcome,
        onclick: function () { showDetail(e); },
      }, [
        el('div', { className: 'label', style: 'padding-left:' + item.depth * 14 + 'px' }, [
          el('span', { className: 'badge ' + k + (failed ? ' fail' : ''), text: e.event_type }),
          el('span', { text: ' ' + e.action + extra }),
          el('span', { className: 'service', text: service(e) }),
          e.error ? el('span', { className: 'error-text', text: (e.error.type ? e.error.type + ': ' : '') + e.error.message }) : null,
        ]),
        el('div', { className: 'track' }, [
          el('div', { className: 'bar ' + k + (failed ? ' fail' : ''), style: 'left:' + left.toFixed(2) + '%;width:' + width.toFixed(2) + '%' }),
          // The label sits after the bar, or before it when the bar reaches the right edge.
          el('span', { className: 'bar-label', style: left + width > 85 ? 'right:' + (100 - left + 0.5).toFixed(2) + '%' : 'left:' + (left + width + 0.5).toFixed(2) + '%', text: fmtMs(d) }),
        ]),
      ]);
    });
    $('flow-steps').replaceChildren.apply($('flow-steps'), rows);
    $('flow-empty').hidden = rows.length > 0;
  }

  function showDetail(e) {
    $('detail').hidden = false;
    $('detail').textContent = JSON.stringify(e, null, 2);
  }

  ['f-type', 'f-outcome', 'f-service'].forEach(function (id) { $(id).addEventListener('change', renderList); });
  $('f-text').addEventListener('input', renderList);
  var fromHash = /^#trace=([A-Za-z0-9_-]+)$/.exec(location.hash);
  if (fromHash) openTrace(fromHash[1]);
  poll();
  pollAgents();
})();
`;
