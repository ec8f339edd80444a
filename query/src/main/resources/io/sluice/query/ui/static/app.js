// Sluice trace viewer: the search form, the result list and the trace waterfall, over the Jaeger
// HTTP API (api/services, api/services/{s}/operations, api/traces, api/traces/{id}). Plain
// browser JavaScript, no build step. Every URL is relative to <base href>, which the server sets
// to base_path. Every text that comes from a span is escaped before it reaches innerHTML.
'use strict';

(() => {
  /** Height of one waterfall row, in CSS pixels; the virtual scroller depends on it. */
  const ROW_HEIGHT_PX = 26;
  /** Rows rendered above and below the visible ones, so a fast scroll shows no gap. */
  const OVERSCAN_ROWS = 15;
  /** Indentation per tree level, in CSS pixels. */
  const INDENT_PX = 14;
  const LOOKBACK_MICROS = {
    '15m': 15 * 60e6, '1h': 3600e6, '2h': 2 * 3600e6, '6h': 6 * 3600e6, '12h': 12 * 3600e6,
    '24h': 24 * 3600e6, '2d': 48 * 3600e6,
  };
  const DEFAULT_LOOKBACK = '1h';
  const DEFAULT_LIMIT = 20;
  const PALETTE = [
    '#4e79a7', '#f28e2b', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f',
    '#17becf', '#bcbd22', '#1f77b4', '#8c564b', '#aec7e8', '#ffbb78', '#98df8a', '#c5b0d5',
    '#c49c94', '#9edae5', '#dbdb8d', '#7f7f7f',
  ];
  const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

  const $ = (id) => document.getElementById(id);

  /** An error answer of the API: the HTTP status and the envelope's errors[0].msg. */
  class ApiError extends Error {
    constructor(status, message) {
      super(message);
      this.status = status;
    }
  }

  // ---- Text helpers ------------------------------------------------------------------------

  function esc(value) {
    return String(value).replace(/[&<>"']/g, (c) => ESCAPES[c]);
  }

  /** Formats a duration in µs the way people read it: 840µs, 1.25ms, 2.5s, 3m 4s. */
  function formatDuration(micros) {
    if (!Number.isFinite(micros)) {
      return '?';
    }
    if (micros < 1000) {
      return `${Math.round(micros)}µs`;
    }
    if (micros < 1e6) {
      return `${trimDecimals(micros / 1000)}ms`;
    }
    if (micros < 60e6) {
      return `${trimDecimals(micros / 1e6)}s`;
    }
    const seconds = Math.round(micros / 1e6);
    if (seconds < 3600) {
      return `${Math.floor(seconds / 60)}m ${seconds % 60}s`;
    }
    return `${Math.floor(seconds / 3600)}h ${Math.floor(seconds % 3600 / 60)}m`;
  }

  function trimDecimals(value) {
    return String(Number(value.toFixed(2)));
  }

  function pad(value, width) {
    return String(value).padStart(width, '0');
  }

  /** Formats µs since the epoch as local YYYY-MM-DD HH:MM:SS.mmm. */
  function formatTime(micros) {
    const d = new Date(micros / 1000);
    return `${d.getFullYear()}-${pad(d.getMonth() + 1, 2)}-${pad(d.getDate(), 2)} `
        + `${pad(d.getHours(), 2)}:${pad(d.getMinutes(), 2)}:${pad(d.getSeconds(), 2)}`
        + `.${pad(d.getMilliseconds(), 3)}`;
  }

  function formatAgo(micros) {
    const seconds = Math.round((Date.now() * 1000 - micros) / 1e6);
    if (seconds < 0) {
      return 'in the future';
    }
    if (seconds < 90) {
      return `${seconds}s ago`;
    }
    if (seconds < 90 * 60) {
      return `${Math.round(seconds / 60)} minutes ago`;
    }
    if (seconds < 36 * 3600) {
      return `${Math.round(seconds / 3600)} hours ago`;
    }
    return `${Math.round(seconds / 86400)} days ago`;
  }

  function compareIds(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
  }

  function tagValue(value) {
    return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
  }

  /** A stable colour per service name. */
  function colourOf(service) {
    let hash = 0;
    for (let i = 0; i < service.length; i++) {
      hash = (hash * 31 + service.charCodeAt(i)) | 0;
    }
    return PALETTE[Math.abs(hash) % PALETTE.length];
  }

  /** Orders names case-insensitively, then by code unit, so the order never depends on locale. */
  function byName(a, b) {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    return x < y ? -1 : x > y ? 1 : compareIds(a, b);
  }

  function plural(count, word) {
    return `${count} ${word}${count === 1 ? '' : 's'}`;
  }

  // ---- API and errors ----------------------------------------------------------------------

  /** Resolves a path against <base href>, so the page works under any base_path. */
  function resolve(path, params) {
    const url = new URL(path, document.baseURI);
    if (params) {
      url.search = params.toString();
    }
    return url;
  }

  /** GETs an API path; resolves to the envelope, rejects with an ApiError naming the cause. */
  async function api(path, params) {
    const url = resolve(path, params);
    let response;
    try {
      response = await fetch(url, { headers: { Accept: 'application/json' } });
    } catch (e) {
      throw new ApiError(0, `cannot reach ${url.pathname}: ${e.message}`);
    }
    const text = await response.text();
    let body = null;
    try {
      body = JSON.parse(text);
    } catch (e) {
      body = null;
    }
    if (!response.ok) {
      const msg = body && Array.isArray(body.errors) && body.errors[0] && body.errors[0].msg;
      throw new ApiError(response.status, msg || text.trim() || response.statusText);
    }
    if (body === null || typeof body !== 'object') {
      throw new ApiError(response.status, `${url.pathname} did not answer JSON`);
    }
    return body;
  }

  function showError(error) {
    const banner = $('banner');
    const status = error instanceof ApiError && error.status ? `HTTP ${error.status}: ` : '';
    banner.innerHTML = `<strong>Error</strong> <span class="banner-msg">${esc(status)}`
        + `${esc(error.message)}</span>`
        + '<button type="button" class="banner-close" aria-label="Dismiss">×</button>';
    banner.hidden = false;
  }

  function hideError() {
    $('banner').hidden = true;
  }

  // ---- Routing -----------------------------------------------------------------------------

  /** The path after the base, e.g. "search" or "trace/abc". */
  function routePath() {
    const base = new URL(document.baseURI).pathname;
    const path = location.pathname;
    return path.startsWith(base) ? path.slice(base.length) : path.replace(/^\/+/, '');
  }

  function navigate(relative) {
    history.pushState(null, '', resolve(relative));
    route();
  }

  function route() {
    hideError();
    const match = /^trace\/([^/]+)\/?$/.exec(routePath());
    if (match) {
      showTrace(decodeURIComponent(match[1]));
    } else {
      showSearch();
    }
  }

  function showView(id) {
    $('search-view').hidden = id !== 'search-view';
    $('trace-view').hidden = id !== 'trace-view';
  }

  // ---- Search form -------------------------------------------------------------------------

  const search = {
    operationsToken: 0,
    searchToken: 0,
    summaries: [],
    traces: new Map(),
  };

  async function showSearch() {
    showView('search-view');
    document.title = 'Sluice · Search';
    const params = new URLSearchParams(location.search);
    if (params.get('service')) {
      // Results of an earlier search must not stay on screen while this one loads.
      startSearching();
    }
    try {
      await loadServices(params.get('service'));
      await loadOperations(params.get('operation'));
    } catch (e) {
      $('results-section').setAttribute('aria-busy', 'false');
      showError(e);
      return;
    }
    fillForm(params);
    if (params.get('service')) {
      await runSearch(params);
    }
  }

  async function loadServices(preferred) {
    const select = $('service');
    const current = preferred || select.value;
    const body = await api('api/services');
    const services = (body.data || []).slice().sort(byName);
    if (preferred && !services.includes(preferred)) {
      services.push(preferred);
    }
    select.innerHTML = services.length === 0
        ? '<option value="" disabled selected>No services yet</option>'
        : services.map((s) => `<option value="${esc(s)}">${esc(s)}</option>`).join('');
    if (services.includes(current)) {
      select.value = current;
    }
  }

  async function loadOperations(preferred) {
    const select = $('operation');
    const service = $('service').value;
    const token = ++search.operationsToken;
    select.innerHTML = '<option value="">All operations</option>';
    select.disabled = !service;
    if (!service) {
      return;
    }
    const body = await api(`api/services/${encodeURIComponent(service)}/operations`);
    if (token !== search.operationsToken) {
      return;
    }
    // The API answers null rather than [] for a service without operations (spec §7.1).
    const operations = (body.data || []).slice().sort(byName);
    if (preferred && !operations.includes(preferred)) {
      operations.push(preferred);
    }
    select.innerHTML += operations
        .map((o) => `<option value="${esc(o)}">${esc(o)}</option>`).join('');
    select.value = preferred || '';
  }

  function fillForm(params) {
    $('operation').value = params.get('operation') || '';
    $('tags').value = tagsToLogfmt(params.get('tags') || '');
    const lookback = params.get('lookback');
    $('lookback').value = lookback in LOOKBACK_MICROS || lookback === 'custom'
        ? lookback : DEFAULT_LOOKBACK;
    const start = Number(params.get('start'));
    const end = Number(params.get('end'));
    $('start').value = start ? toLocalInput(start) : '';
    $('end').value = end ? toLocalInput(end) : '';
    $('custom-range').hidden = $('lookback').value !== 'custom';
    $('minDuration').value = params.get('minDuration') || '';
    $('maxDuration').value = params.get('maxDuration') || '';
    $('limit').value = params.get('limit') || DEFAULT_LIMIT;
  }

  function toLocalInput(micros) {
    const d = new Date(micros / 1000);
    return `${d.getFullYear()}-${pad(d.getMonth() + 1, 2)}-${pad(d.getDate(), 2)}T`
        + `${pad(d.getHours(), 2)}:${pad(d.getMinutes(), 2)}:${pad(d.getSeconds(), 2)}`;
  }

  /** Reads the form into page URL parameters; throws an Error naming a bad field. */
  function formParams() {
    const params = new URLSearchParams();
    params.set('service', $('service').value);
    if ($('operation').value) {
      params.set('operation', $('operation').value);
    }
    const tags = parseLogfmt($('tags').value);
    if (Object.keys(tags).length > 0) {
      params.set('tags', JSON.stringify(tags));
    }
    const lookback = $('lookback').value;
    params.set('lookback', lookback);
    if (lookback === 'custom') {
      const [start, end] = customRange();
      params.set('start', String(start));
      params.set('end', String(end));
    }
    for (const name of ['minDuration', 'maxDuration']) {
      const value = $(name).value.trim();
      if (value) {
        params.set(name, value);
      }
    }
    params.set('limit', String(parseLimit($('limit').value)));
    return params;
  }

  function customRange() {
    const start = Date.parse($('start').value);
    const end = Date.parse($('end').value);
    if (Number.isNaN(start) || Number.isNaN(end)) {
      throw new Error('custom time range: set both start and end');
    }
    if (start > end) {
      throw new Error(`custom time range: start ${$('start').value} is after end `
          + `${$('end').value}`);
    }
    return [start * 1000, end * 1000];
  }

  function parseLimit(text) {
    const limit = Number(text.trim() || DEFAULT_LIMIT);
    if (!Number.isInteger(limit) || limit < 1) {
      throw new Error(`limit: "${text}" is not a whole number above 0`);
    }
    return limit;
  }

  /**
   * Parses logfmt (key=value key2="value two") into a string→string object, the form of the
   * API's tags parameter. Throws an Error naming the token it cannot read.
   */
  function parseLogfmt(text) {
    const tags = {};
    let i = 0;
    while (i < text.length) {
      while (i < text.length && /\s/.test(text[i])) {
        i++;
      }
      if (i >= text.length) {
        break;
      }
      const keyStart = i;
      while (i < text.length && text[i] !== '=' && !/\s/.test(text[i])) {
        i++;
      }
      const key = text.slice(keyStart, i);
      if (text[i] !== '=') {
        throw new Error(`tags: "${key}" has no value; write ${key}=value`);
      }
      if (!key) {
        throw new Error(`tags: a value at position ${i + 1} has no key`);
      }
      i++;
      [tags[key], i] = text[i] === '"' ? quotedValue(text, i, key) : bareValue(text, i);
    }
    return tags;
  }

  function quotedValue(text, openQuote, key) {
    let value = '';
    let i = openQuote + 1;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\' && i + 1 < text.length) {
        i++;
      }
      value += text[i];
      i++;
    }
    if (i >= text.length) {
      throw new Error(`tags: the value of "${key}" has no closing quote`);
    }
    return [value, i + 1];
  }

  function bareValue(text, start) {
    let i = start;
    while (i < text.length && !/\s/.test(text[i])) {
      i++;
    }
    return [text.slice(start, i), i];
  }

  /** The page URL keeps tags as JSON (as Jaeger's does); the form shows logfmt. */
  function tagsToLogfmt(text) {
    let tags;
    try {
      tags = JSON.parse(text);
    } catch (e) {
      return text;
    }
    if (tags === null || typeof tags !== 'object') {
      return text;
    }
    return Object.entries(tags).map(([k, v]) => {
      const value = String(v);
      return /[\s"=]/.test(value) || value === ''
          ? `${k}="${value.replace(/["\\]/g, '\\$&')}"` : `${k}=${value}`;
    }).join(' ');
  }

  /** Turns page URL parameters into api/traces parameters (start/end in µs). */
  function apiSearchParams(params) {
    const query = new URLSearchParams();
    for (const name of ['service', 'operation', 'tags', 'minDuration', 'maxDuration']) {
      if (params.get(name)) {
        query.set(name, params.get(name));
      }
    }
    if (query.has('tags')) {
      query.set('tags', tagsToJson(query.get('tags')));
    }
    const lookback = params.get('lookback') || DEFAULT_LOOKBACK;
    if (lookback === 'custom' && params.get('start') && params.get('end')) {
      query.set('start', params.get('start'));
      query.set('end', params.get('end'));
    } else {
      const end = Date.now() * 1000;
      query.set('start', String(end - (LOOKBACK_MICROS[lookback] || LOOKBACK_MICROS['1h'])));
      query.set('end', String(end));
    }
    query.set('limit', params.get('limit') || String(DEFAULT_LIMIT));
    query.set('lookback', lookback);
    return query;
  }

  function tagsToJson(text) {
    try {
      JSON.parse(text);
      return text;
    } catch (e) {
      return JSON.stringify(parseLogfmt(text));
    }
  }

  async function onSearchSubmit(event) {
    event.preventDefault();
    hideError();
    let params;
    try {
      params = formParams();
    } catch (e) {
      showError(e);
      return;
    }
    history.pushState(null, '', resolve(`search?${params}`));
    await runSearch(params);
  }

  function startSearching() {
    $('results-section').setAttribute('aria-busy', 'true');
    $('results-status').textContent = 'Searching…';
    $('results').innerHTML = '';
    $('results-title').textContent = 'Traces';
  }

  async function runSearch(params) {
    const token = ++search.searchToken;
    startSearching();
    let body;
    try {
      body = await api('api/traces', apiSearchParams(params));
    } catch (e) {
      if (token === search.searchToken) {
        $('results-section').setAttribute('aria-busy', 'false');
        $('results-status').textContent = 'The search failed.';
        showError(e);
      }
      return;
    }
    if (token !== search.searchToken) {
      return;
    }
    $('results-section').setAttribute('aria-busy', 'false');
    const traces = body.data || [];
    search.traces = new Map(traces.map((t) => [t.traceID, t]));
    search.summaries = traces.map(summarise);
    if (Array.isArray(body.errors) && body.errors.length > 0) {
      showError(new Error(body.errors.map((e) => e.msg).join('; ')));
    }
    renderResults();
  }

  // ---- Result list -------------------------------------------------------------------------

  /** One pass over a trace's spans: what the result list shows about it. */
  function summarise(trace) {
    const spans = trace.spans || [];
    const processes = trace.processes || {};
    const ids = new Set(spans.map((s) => s.spanID));
    const services = new Map();
    let start = Infinity;
    let end = -Infinity;
    let errors = 0;
    let root = null;
    for (const span of spans) {
      start = Math.min(start, span.startTime);
      end = Math.max(end, span.startTime + span.duration);
      const service = serviceOf(processes, span);
      services.set(service, (services.get(service) || 0) + 1);
      if (isError(span)) {
        errors++;
      }
      if (parentRef(span, ids) === null && (root === null || span.startTime < root.startTime)) {
        root = span;
      }
    }
    return {
      traceID: trace.traceID,
      name: root ? `${serviceOf(processes, root)}: ${root.operationName}` : 'empty trace',
      spanCount: spans.length,
      errorCount: errors,
      startMicros: spans.length ? start : 0,
      durationMicros: spans.length ? end - start : 0,
      services: [...services.entries()].sort((a, b) => a[0].localeCompare(b[0])),
    };
  }

  function serviceOf(processes, span) {
    const process = span.process || processes[span.processID];
    return process && process.serviceName ? process.serviceName : 'unknown service';
  }

  /** A span is an error when it has error=true or otel.status_code=ERROR. */
  function isError(span) {
    for (const tag of span.tags || []) {
      if (tag.key === 'error' && (tag.value === true || tag.value === 'true')) {
        return true;
      }
      if (tag.key === 'otel.status_code' && tag.value === 'ERROR') {
        return true;
      }
    }
    return false;
  }

  /** The span ID of the CHILD_OF reference to a span of this trace, or null. */
  function parentRef(span, ids) {
    for (const ref of span.references || []) {
      if (ref.refType === 'CHILD_OF' && ref.spanID !== span.spanID && ids.has(ref.spanID)) {
        return ref.spanID;
      }
    }
    return null;
  }

  const SORTS = {
    recent: (a, b) => b.startMicros - a.startMicros,
    longest: (a, b) => b.durationMicros - a.durationMicros,
    shortest: (a, b) => a.durationMicros - b.durationMicros,
    spans: (a, b) => b.spanCount - a.spanCount,
  };

  function renderResults() {
    const summaries = search.summaries.slice().sort(SORTS[$('sort').value] || SORTS.recent);
    $('results-title').textContent = plural(summaries.length, 'Trace');
    $('results-status').textContent = summaries.length === 0 ? 'No trace matches this search.' : '';
    const longest = Math.max(1, ...summaries.map((s) => s.durationMicros));
    $('results').innerHTML = summaries.map((s) => resultHtml(s, longest)).join('');
  }

  function resultHtml(s, longestMicros) {
    const services = s.services.map(([name, count]) => `<span class="chip" `
        + `style="--svc:${colourOf(name)}">${esc(name)} (${count})</span>`).join('');
    const errors = s.errorCount > 0
        ? `<span class="error-count">${plural(s.errorCount, 'Error')}</span>` : '';
    const width = (s.durationMicros / longestMicros * 100).toFixed(2);
    return `<li class="result" data-trace-id="${esc(s.traceID)}">`
        + `<a class="result-link" href="trace/${esc(encodeURIComponent(s.traceID))}" data-nav>`
        + `<div class="result-title" style="--width:${width}%">`
        + `<span class="result-name">${esc(s.name)}</span>`
        + `<span class="result-id mono">${esc(s.traceID.slice(0, 7))}</span>`
        + `<span class="result-duration">${formatDuration(s.durationMicros)}</span></div>`
        + '<div class="result-body"><div class="result-counts">'
        + `<span class="span-count" data-span-count="${s.spanCount}">`
        + `${plural(s.spanCount, 'Span')}</span>${errors}</div>`
        + `<div class="chips">${services}</div>`
        + `<div class="result-start"><span>${formatTime(s.startMicros)}</span>`
        + `<span class="muted">${formatAgo(s.startMicros)}</span></div></div></a></li>`;
  }

  // ---- Trace model -------------------------------------------------------------------------

  /**
   * Builds the span tree in tree order: children under their CHILD_OF parent, siblings by start
   * time, spans whose parent is missing at the root level. Linear apart from one sort by start
   * time; no recursion, so a 10,000-deep chain is fine.
   */
  function buildModel(trace) {
    const spans = trace.spans || [];
    const n = spans.length;
    const byStart = Array.from({ length: n }, (_, i) => i).sort((a, b) =>
        spans[a].startTime - spans[b].startTime || compareIds(spans[a].spanID, spans[b].spanID));
    const indexById = new Map();
    spans.forEach((s, i) => {
      if (!indexById.has(s.spanID)) {
        indexById.set(s.spanID, i);
      }
    });
    const parent = new Int32Array(n).fill(-1);
    let orphans = 0;
    spans.forEach((span, i) => {
      const id = parentRef(span, indexById);
      if (id !== null) {
        parent[i] = indexById.get(id);
      } else if ((span.references || []).some((r) => r.refType === 'CHILD_OF')) {
        orphans++;
      }
    });
    const tree = preorder(n, parent, byStart);
    return { trace, spans, indexById, parent, orphans, ...tree, ...bounds(spans) };
  }

  /** Children lists in compressed form (sorted by start), then an iterative depth-first walk. */
  function preorder(n, parent, byStart) {
    const childCount = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) {
      childCount[parent[i] + 1]++;
    }
    // Slot 0 holds the roots; slot i + 1 the children of span i.
    const offset = new Int32Array(n + 2);
    for (let i = 0; i <= n; i++) {
      offset[i + 1] = offset[i] + childCount[i];
    }
    const fill = offset.slice(0, n + 1);
    const children = new Int32Array(n);
    for (const i of byStart) {
      children[fill[parent[i] + 1]++] = i;
    }
    const order = new Int32Array(n);
    const depth = new Int32Array(n);
    const visited = new Uint8Array(n);
    let count = walk(0, offset, children, order, depth, visited, 0);
    let cycles = 0;
    for (const i of byStart) {
      if (!visited[i]) {
        // Only spans in a reference cycle are left: show each cycle from its earliest span.
        parent[i] = -1;
        cycles++;
        count = walkFrom(i, offset, children, order, depth, visited, count);
      }
    }
    const subtreeSize = new Int32Array(n).fill(1);
    for (let k = n - 1; k >= 0; k--) {
      const p = parent[order[k]];
      if (p >= 0) {
        subtreeSize[p] += subtreeSize[order[k]];
      }
    }
    let maxDepth = 0;
    for (let i = 0; i < n; i++) {
      maxDepth = Math.max(maxDepth, depth[i] + 1);
    }
    const position = new Int32Array(n);
    for (let k = 0; k < n; k++) {
      position[order[k]] = k;
    }
    return { order, position, depth, subtreeSize, maxDepth, cycles };
  }

  function walk(slot, offset, children, order, depth, visited, count) {
    for (let c = offset[slot]; c < offset[slot + 1]; c++) {
      count = walkFrom(children[c], offset, children, order, depth, visited, count);
    }
    return count;
  }

  function walkFrom(root, offset, children, order, depth, visited, count) {
    const stack = [root];
    depth[root] = 0;
    while (stack.length > 0) {
      const i = stack.pop();
      if (visited[i]) {
        continue;
      }
      visited[i] = 1;
      order[count++] = i;
      for (let c = offset[i + 2] - 1; c >= offset[i + 1]; c--) {
        const child = children[c];
        if (!visited[child]) {
          depth[child] = depth[i] + 1;
          stack.push(child);
        }
      }
    }
    return count;
  }

  function bounds(spans) {
    let start = Infinity;
    let end = -Infinity;
    for (const span of spans) {
      start = Math.min(start, span.startTime);
      end = Math.max(end, span.startTime + span.duration);
    }
    return spans.length === 0
        ? { startMicros: 0, durationMicros: 0 }
        : { startMicros: start, durationMicros: end - start };
  }

  // ---- Trace view --------------------------------------------------------------------------

  const view = {
    model: null,
    collapsed: null,
    visible: new Int32Array(0),
    visibleCount: 0,
    selected: -1,
    renderedFirst: -1,
    renderedLast: -1,
    frame: 0,
    token: 0,
  };

  async function showTrace(rawId) {
    showView('trace-view');
    const id = rawId.trim().toLowerCase();
    const token = ++view.token;
    resetTraceView(id);
    if (!/^[0-9a-f]{1,32}$/.test(id)) {
      showError(new Error(`trace ID "${rawId}" is not valid: expected 1 to 32 hex digits`));
      return;
    }
    let trace = search.traces.get(id);
    if (!trace) {
      try {
        const body = await api(`api/traces/${encodeURIComponent(id)}`);
        trace = (body.data || [])[0];
      } catch (e) {
        if (token === view.token) {
          $('trace-name').textContent = `Trace ${id}`;
          showError(e);
        }
        return;
      }
    }
    if (token !== view.token) {
      return;
    }
    if (!trace) {
      showError(new Error(`trace ${id}: the API answered no trace`));
      return;
    }
    renderTrace(buildModel(trace));
  }

  function resetTraceView(id) {
    view.model = null;
    view.selected = -1;
    $('trace-name').textContent = `Loading trace ${id}…`;
    for (const field of ['trace-start', 'trace-duration', 'trace-services', 'trace-depth',
      'trace-span-count', 'trace-id']) {
      $(field).textContent = '';
    }
    // No labels without values: the facts show once a trace is rendered.
    $('trace-facts').hidden = true;
    $('trace-warnings').hidden = true;
    $('waterfall-rows').innerHTML = '';
    $('waterfall-spacer').style.height = '0px';
    $('span-detail').hidden = true;
    $('ticks').innerHTML = '';
  }

  function renderTrace(model) {
    view.model = model;
    view.collapsed = new Uint8Array(model.spans.length);
    const summary = summarise(model.trace);
    document.title = `Sluice · ${summary.name}`;
    $('trace-name').textContent = summary.name;
    $('trace-start').textContent = formatTime(model.startMicros);
    $('trace-duration').textContent = formatDuration(model.durationMicros);
    $('trace-services').innerHTML = `<span class="service-count">${summary.services.length}`
        + '</span> ' + summary.services.map(([name]) =>
          `<span class="chip" style="--svc:${colourOf(name)}">${esc(name)}</span>`).join('');
    $('trace-depth').textContent = String(model.maxDepth);
    $('trace-span-count').textContent = String(model.spans.length);
    $('trace-id').textContent = model.trace.traceID;
    $('trace-facts').hidden = false;
    renderWarnings(model);
    renderTicks(model.durationMicros);
    $('waterfall-scroll').scrollTop = 0;
    refreshVisible();
  }

  function renderWarnings(model) {
    const warnings = [...(model.trace.warnings || [])];
    if (model.orphans > 0) {
      warnings.push(`${plural(model.orphans, 'span')} with a parent that is not in this trace: `
          + 'shown at the root level.');
    }
    if (model.cycles > 0) {
      warnings.push(`${plural(model.cycles, 'reference cycle')} broken for display.`);
    }
    $('trace-warnings').innerHTML = warnings.map((w) => `<p>${esc(w)}</p>`).join('');
    $('trace-warnings').hidden = warnings.length === 0;
  }

  function renderTicks(durationMicros) {
    const ticks = [0, 0.25, 0.5, 0.75, 1];
    $('ticks').innerHTML = ticks.map((t) => `<span class="tick${t === 1 ? ' last' : ''}" `
        + `style="left:${t * 100}%">${t === 0 ? '0' : formatDuration(durationMicros * t)}</span>`)
        .join('');
  }

  /** Recomputes which rows show (collapsed subtrees are skipped whole), then renders. */
  function refreshVisible() {
    const model = view.model;
    const n = model.spans.length;
    const visible = new Int32Array(n);
    let count = 0;
    for (let k = 0; k < n;) {
      const i = model.order[k];
      visible[count++] = k;
      k += view.collapsed[i] ? model.subtreeSize[i] : 1;
    }
    view.visible = visible;
    view.visibleCount = count;
    $('waterfall-spacer').style.height = `${count * ROW_HEIGHT_PX}px`;
    $('waterfall').dataset.visibleRows = String(count);
    renderWindow(true);
  }

  /** Renders only the rows in view (plus a margin), with one innerHTML write. */
  function renderWindow(force) {
    const model = view.model;
    if (!model) {
      return;
    }
    const scroller = $('waterfall-scroll');
    // The sticky column header sits above the rows inside the scroller.
    const top = Math.max(0, scroller.scrollTop - $('waterfall-spacer').offsetTop);
    const first = Math.max(0, Math.floor(top / ROW_HEIGHT_PX) - OVERSCAN_ROWS);
    const last = Math.min(view.visibleCount,
        Math.ceil((top + scroller.clientHeight) / ROW_HEIGHT_PX) + OVERSCAN_ROWS);
    if (!force && first === view.renderedFirst && last === view.renderedLast) {
      return;
    }
    view.renderedFirst = first;
    view.renderedLast = last;
    let html = '';
    for (let v = first; v < last; v++) {
      html += rowHtml(model, model.order[view.visible[v]]);
    }
    const rows = $('waterfall-rows');
    rows.style.transform = `translateY(${first * ROW_HEIGHT_PX}px)`;
    rows.innerHTML = html;
  }

  function rowHtml(model, i) {
    const span = model.spans[i];
    const service = serviceOf(model.trace.processes || {}, span);
    const colour = colourOf(service);
    const depth = model.depth[i];
    const parent = model.parent[i] >= 0 ? model.spans[model.parent[i]].spanID : '';
    const hasChildren = model.subtreeSize[i] > 1;
    const collapsed = view.collapsed[i] === 1;
    const error = isError(span);
    const toggle = hasChildren
        ? `<button type="button" class="toggle" data-toggle aria-expanded="${!collapsed}" `
            + `title="${collapsed ? 'Expand' : 'Collapse'}">${collapsed ? '▸' : '▾'}</button>`
        : '<span class="toggle-space"></span>';
    const classes = `row${i === view.selected ? ' selected' : ''}${error ? ' error' : ''}`;
    return `<div class="${classes}" data-index="${i}" data-span-id="${esc(span.spanID)}" `
        + `data-depth="${depth}" data-parent-id="${esc(parent)}">`
        + `<div class="name-col" style="--indent:${depth * INDENT_PX}px" `
        + `title="${esc(service)}: ${esc(span.operationName)}">${toggle}`
        + `<span class="svc-mark" style="background:${colour}"></span>`
        + `<span class="svc">${esc(service)}</span>`
        + `<span class="op">${esc(span.operationName)}</span>`
        + (error ? '<span class="err-mark" title="error">!</span>' : '')
        + (collapsed ? `<span class="hidden-count">+${model.subtreeSize[i] - 1}</span>` : '')
        + `</div><div class="timeline-col">${barHtml(model, span, colour)}</div></div>`;
  }

  function barHtml(model, span, colour) {
    const total = model.durationMicros || 1;
    const left = (span.startTime - model.startMicros) / total * 100;
    const width = span.duration / total * 100;
    const [labelClass, labelStyle] = labelPlace(left, width);
    return `<div class="bar" style="left:${left.toFixed(3)}%;width:${width.toFixed(3)}%;`
        + `background:${colour}"></div><span class="${labelClass}" style="${labelStyle}">`
        + `${formatDuration(span.duration)}</span>`;
  }

  /** The duration label goes right of the bar, else left of it, else inside its right end. */
  function labelPlace(left, width) {
    if (left + width <= 75) {
      return ['bar-label', `left:${(left + width).toFixed(3)}%`];
    }
    if (left >= 12) {
      return ['bar-label', `right:${(100 - left).toFixed(3)}%`];
    }
    return ['bar-label inside', `right:${(100 - left - width).toFixed(3)}%`];
  }

  function onRowsClick(event) {
    const row = event.target.closest('.row');
    if (!row || !view.model) {
      return;
    }
    const i = Number(row.dataset.index);
    if (event.target.closest('[data-toggle]')) {
      view.collapsed[i] ^= 1;
      refreshVisible();
      return;
    }
    selectSpan(i);
  }

  function setAllCollapsed(collapsed) {
    const model = view.model;
    if (!model) {
      return;
    }
    for (let i = 0; i < model.spans.length; i++) {
      view.collapsed[i] = collapsed && model.subtreeSize[i] > 1 ? 1 : 0;
    }
    refreshVisible();
  }

  function onScroll() {
    if (view.frame) {
      return;
    }
    view.frame = requestAnimationFrame(() => {
      view.frame = 0;
      renderWindow(false);
    });
  }

  // ---- Span details ------------------------------------------------------------------------

  function selectSpan(i) {
    view.selected = i;
    renderWindow(true);
    const model = view.model;
    const span = model.spans[i];
    const processes = model.trace.processes || {};
    const process = span.process || processes[span.processID] || { tags: [] };
    const panel = $('span-detail');
    panel.innerHTML = '<div class="detail-head">'
        + `<h3>${esc(span.operationName)}</h3>`
        + '<button type="button" class="detail-close" aria-label="Close">×</button></div>'
        + factsHtml(model, span, serviceOf(processes, span))
        + section('Tags', 'tags', span.tags || [], kvTable)
        + section('Process', 'process-tags', process.tags || [], kvTable)
        + section('Logs', 'logs', span.logs || [], (logs) => logsHtml(model, logs))
        + section('References', 'references', span.references || [], refsHtml)
        + section('Warnings', 'span-warnings', span.warnings || [],
          (ws) => ws.map((w) => `<p class="warning">${esc(w)}</p>`).join(''));
    panel.dataset.spanId = span.spanID;
    panel.hidden = false;
    // The panel narrows the waterfall, so more or fewer rows may fit.
    renderWindow(true);
  }

  function factsHtml(model, span, service) {
    const facts = [
      ['Service', service],
      ['Duration', formatDuration(span.duration)],
      ['Start', `+${formatDuration(span.startTime - model.startMicros)}`],
      ['Span ID', span.spanID],
    ];
    return '<dl class="detail-facts">' + facts.map(([k, v]) =>
      `<div><dt>${esc(k)}</dt><dd>${esc(v)}</dd></div>`).join('') + '</dl>';
  }

  function section(title, cls, items, render) {
    if (items.length === 0 && cls === 'span-warnings') {
      return '';
    }
    const body = items.length === 0 ? '<p class="muted">None</p>' : render(items, cls);
    return `<details class="detail-section ${cls}" open><summary>${esc(title)} `
        + `<span class="muted">(${items.length})</span></summary>${body}</details>`;
  }

  function kvTable(tags, cls) {
    return `<table class="kv ${cls || ''}"><tbody>` + tags.map((t) =>
      `<tr><th>${esc(t.key)}</th><td>${esc(tagValue(t.value))}</td></tr>`).join('')
        + '</tbody></table>';
  }

  function logsHtml(model, logs) {
    return logs.map((log) => '<div class="log">'
        + `<div class="log-time">+${formatDuration(log.timestamp - model.startMicros)}</div>`
        + kvTable(log.fields || [], 'log-fields') + '</div>').join('');
  }

  function refsHtml(refs) {
    return '<table class="kv refs"><tbody>' + refs.map((r) => {
      const inTrace = view.model.indexById.has(r.spanID);
      const target = inTrace
          ? `<button type="button" class="link" data-goto="${esc(r.spanID)}">${esc(r.spanID)}`
              + '</button>'
          : `${esc(r.spanID)} <span class="muted">(trace ${esc(r.traceID)})</span>`;
      return `<tr><th>${esc(r.refType)}</th><td class="mono">${target}</td></tr>`;
    }).join('') + '</tbody></table>';
  }

  /** Expands the ancestors of span i, scrolls it into view and selects it. */
  function revealSpan(i) {
    const model = view.model;
    for (let p = model.parent[i]; p >= 0; p = model.parent[p]) {
      view.collapsed[p] = 0;
    }
    refreshVisible();
    const k = model.position[i];
    let v = 0;
    while (v < view.visibleCount && view.visible[v] !== k) {
      v++;
    }
    const scroller = $('waterfall-scroll');
    scroller.scrollTop = Math.max(0, v * ROW_HEIGHT_PX - scroller.clientHeight / 2);
    selectSpan(i);
  }

  function onDetailClick(event) {
    if (event.target.closest('.detail-close')) {
      view.selected = -1;
      $('span-detail').hidden = true;
      renderWindow(true);
      return;
    }
    const goto = event.target.closest('[data-goto]');
    if (goto) {
      revealSpan(view.model.indexById.get(goto.dataset.goto));
    }
  }

  // ---- Wiring ------------------------------------------------------------------------------

  function onNavClick(event) {
    const link = event.target.closest('a[data-nav]');
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) {
      return;
    }
    event.preventDefault();
    navigate(link.getAttribute('href'));
  }

  function onFindTrace(event) {
    event.preventDefault();
    const id = $('find-trace-id').value.trim();
    if (id) {
      navigate(`trace/${encodeURIComponent(id)}`);
    }
  }

  /** Shows the custom range, filled with the last hour when empty. */
  function onLookbackChange() {
    const custom = $('lookback').value === 'custom';
    $('custom-range').hidden = !custom;
    if (custom && !$('start').value && !$('end').value) {
      const end = Date.now() * 1000;
      $('start').value = toLocalInput(end - LOOKBACK_MICROS['1h']);
      $('end').value = toLocalInput(end);
    }
  }

  async function onServiceChange() {
    try {
      await loadOperations('');
    } catch (e) {
      showError(e);
    }
  }

  function init() {
    document.addEventListener('click', onNavClick);
    $('banner').addEventListener('click', (e) => {
      if (e.target.closest('.banner-close')) {
        hideError();
      }
    });
    $('find-trace-form').addEventListener('submit', onFindTrace);
    $('search-form').addEventListener('submit', onSearchSubmit);
    $('service').addEventListener('change', onServiceChange);
    $('lookback').addEventListener('change', onLookbackChange);
    $('sort').addEventListener('change', renderResults);
    $('waterfall-rows').addEventListener('click', onRowsClick);
    $('waterfall-scroll').addEventListener('scroll', onScroll, { passive: true });
    $('span-detail').addEventListener('click', onDetailClick);
    $('expand-all').addEventListener('click', () => setAllCollapsed(false));
    $('collapse-all').addEventListener('click', () => setAllCollapsed(true));
    window.addEventListener('resize', () => renderWindow(true));
    window.addEventListener('popstate', route);
    route();
  }

  init();
})();
