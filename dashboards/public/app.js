// The brand manager's dashboard: one page app, no build step. The URL holds the whole state (page, brand,
// range, filters), so a link can be shared; every 5 s the current page is fetched again.

const REFRESH_MS = 5000;
const PAGES = ['overview', 'explorer', 'thread', 'people', 'author', 'care', 'alerts'];
const DIRECTION_LABEL = {
  brand_to_customer: 'brand → customer',
  customer_to_brand: 'customer → brand',
  customer_to_customer: 'customer ↔ customer',
};
const DIRECTION_COLOR = {
  brand_to_customer: '#2f5fd0',
  customer_to_brand: '#7fa4ee',
  customer_to_customer: '#e8833a',
};
const MODE_COLOR = { oneway: '#98a2b3', twoway: '#2f5fd0', multiway: '#e8833a', hybrid: '#8e55c9' };
const SEVERITY_COLOR = { critical: '#d64545', warning: '#f3b53f', info: '#7fa4ee' };

const charts = new Map();
window.__charts = charts;
let timer = null;
let renderSeq = 0;

// ---------- state in the URL ----------

function state() {
  const url = new URL(window.location.href);
  const page = url.pathname.replace(/^\//, '') || 'overview';
  return { page: PAGES.includes(page) ? page : 'overview', params: url.searchParams };
}

function go(page, changes = {}, { replace = false } = {}) {
  const { params } = state();
  const next = new URLSearchParams();
  for (const key of ['brand', 'range', 'from', 'to']) if (params.get(key)) next.set(key, params.get(key));
  for (const [k, v] of Object.entries(changes)) {
    if (v === null || v === undefined || v === '' || v === false) next.delete(k);
    else next.set(k, String(v));
  }
  const url = `/${page}?${next.toString()}`;
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  render();
}

function timeParams(params) {
  const out = { brand: params.get('brand'), range: params.get('range') || '24h' };
  if (out.range === 'custom') {
    out.from = params.get('from');
    out.to = params.get('to');
  }
  return out;
}

// ---------- helpers ----------

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat(Infinity))
    if (c !== null && c !== undefined) node.append(c instanceof Node ? c : String(c));
  return node;
}

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  return q.toString();
}

async function api(path, params = {}) {
  const res = await fetch(`/api/v1/${path}?${query(params)}`, { headers: { accept: 'application/json' } });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(body.message || body.error || `HTTP ${res.status}`);
  return body;
}

const fmt = new Intl.NumberFormat('en');
const n = (v) => fmt.format(Math.round(Number(v) || 0));
const pct = (v) => (v === null || v === undefined || Number.isNaN(v) ? '–' : `${(v * 100).toFixed(1)} %`);
const signed = (v) => (v === null || Number.isNaN(v) ? '–' : `${v > 0 ? '+' : ''}${v.toFixed(2)}`);
const when = (ts) => new Date(ts * 1000).toLocaleString('en-GB', { dateStyle: 'short', timeStyle: 'short' });
function duration(seconds) {
  if (seconds === null || seconds === undefined) return '–';
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172800) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86400).toFixed(1)} d`;
}
const badge = (cls, text) => el('span', { class: `badge ${cls}`, text });
const dirBadge = (d) => badge(`d-${d}`, DIRECTION_LABEL[d] || d);
const sentBadge = (s) => badge(`s-${s}`, s);

function card(title, span, ...body) {
  return el('section', { class: `card ${span}` }, el('h2', { text: title }), ...body);
}

function chartBox(id) {
  return el('div', { class: 'chart', id: `chart-${id}`, 'data-chart': id });
}

function drawChart(id, option) {
  const node = document.getElementById(`chart-${id}`);
  if (!node || typeof echarts === 'undefined') return;
  let chart = charts.get(id);
  if (!chart || chart.getDom() !== node) {
    chart?.dispose();
    chart = echarts.init(node, null, { renderer: 'canvas' });
    charts.set(id, chart);
  }
  chart.setOption({ animation: false, ...option }, { notMerge: true });
}

function disposeCharts() {
  for (const c of charts.values()) c.dispose();
  charts.clear();
}

function showError(message) {
  const box = document.getElementById('error');
  box.hidden = !message;
  box.textContent = message || '';
}

function setStatus(text) {
  const s = document.getElementById('status');
  s.replaceChildren(el('span', { class: 'dot' }), text);
}

function table(columns, rows, empty) {
  if (rows.length === 0) return el('div', { class: 'empty' }, empty);
  return el(
    'table',
    {},
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        columns.map((c) => el('th', { class: c.num ? 'num' : '', text: c.label })),
      ),
    ),
    el(
      'tbody',
      {},
      rows.map((r) =>
        el(
          'tr',
          {},
          columns.map((c) => el('td', { class: c.num ? 'num' : c.cls || '' }, c.cell(r))),
        ),
      ),
    ),
  );
}

function authorLink(id, label, brand) {
  return el(
    'a',
    { href: `/author?${query({ brand, id })}`, 'data-author': id, onclick: navigate },
    label || id,
  );
}
function threadLink(postId, brand, label = 'thread') {
  return el('a', { href: `/thread?${query({ brand, post: postId })}`, onclick: navigate }, label);
}
function navigate(e) {
  const a = e.currentTarget;
  if (e.ctrlKey || e.metaKey || e.button !== 0) return;
  e.preventDefault();
  const url = new URL(a.href);
  const keep = new URLSearchParams(url.search);
  const { params } = state();
  for (const key of ['range', 'from', 'to'])
    if (params.get(key) && !keep.get(key)) keep.set(key, params.get(key));
  history.pushState(null, '', `${url.pathname}?${keep.toString()}`);
  render();
}

// ---------- pages ----------

function sumBy(points, key, keep = () => true) {
  const out = new Map();
  for (const p of points) if (keep(p)) out.set(p.ts, (out.get(p.ts) || 0) + p[key]);
  return out;
}

/** Every bucket of the range, so stacked series line up and quiet buckets show as zero. */
function buckets(w) {
  const size = { minute: 60, five: 300, fifteen: 900, hour: 3600, day: 86400 }[w.step];
  const out = [];
  const from = Math.floor(Date.parse(w.from) / 1000 / size) * size;
  const to = Date.parse(w.to) / 1000;
  for (let ts = from; ts < to && out.length < 2000; ts += size) out.push(ts);
  return out;
}

function filled(all, values) {
  return all.map((ts) => [ts * 1000, values.get(ts) || 0]);
}

function axisTime(w) {
  return { type: 'time', min: new Date(w.from).getTime(), max: new Date(w.to).getTime() };
}

function alertMarks(alerts) {
  return {
    symbol: ['none', 'none'],
    label: { show: false },
    data: alerts.map((a) => ({
      xAxis: a.start_ts * 1000,
      lineStyle: { color: SEVERITY_COLOR[a.severity] || '#d64545', type: 'dashed', width: 1.5 },
      name: `${a.severity}: ${a.rule} ${a.series}`,
    })),
  };
}

async function overview(main, t) {
  const [timeline, modes, sov, reach, care, terms, alerts] = await Promise.all([
    api('overview/timeline', t),
    api('overview/modes', t),
    api('overview/share-of-voice', t),
    api('overview/reach', { brand: t.brand }),
    api('overview/care', t),
    api('overview/terms', t),
    api('alerts', t),
  ]);
  const pts = timeline.points;
  const total = pts.reduce((a, p) => a + p.mentions, 0);
  const lateral = pts
    .filter((p) => p.direction === 'customer_to_customer')
    .reduce((a, p) => a + p.mentions, 0);
  const pos = pts.reduce((a, p) => a + p.positive, 0);
  const neg = pts.reduce((a, p) => a + p.negative, 0);
  const auth = pts.reduce((a, p) => a + p.authentic, 0);
  const apos = pts.reduce((a, p) => a + p.authentic_positive, 0);
  const aneg = pts.reduce((a, p) => a + p.authentic_negative, 0);
  const kpi = (label, value, sub, id) =>
    el(
      'div',
      { class: 'card kpi', 'data-kpi': id },
      el('h2', { text: label }),
      el('div', { class: 'value', text: value }),
      el('div', { class: 'sub', text: sub }),
    );
  main.replaceChildren(
    el(
      'div',
      { class: 'kpis' },
      kpi('Mentions', n(total), `${n(auth)} authentic`, 'mentions'),
      kpi(
        'Lateral share of volume',
        total ? pct(lateral / total) : '–',
        'customer ↔ customer',
        'lateral-volume',
      ),
      kpi(
        'Lateral share of reach',
        pct(reach.lateralShare),
        'reactions carried by customers',
        'lateral-reach',
      ),
      kpi(
        'Net sentiment',
        total ? signed((pos - neg) / total) : '–',
        `authentic ${auth ? signed((apos - aneg) / auth) : '–'}`,
        'sentiment',
      ),
      kpi(
        'Response rate',
        pct(care.responseRate),
        `${n(care.answered)} of ${n(care.addressed)} answered`,
        'response-rate',
      ),
      kpi(
        'Waiting for an answer',
        n(care.unanswered),
        `median response ${duration(care.medianResponseSeconds)}`,
        'unanswered',
      ),
    ),
    el(
      'div',
      { class: 'grid' },
      card(
        'Vertical and lateral conversation',
        'span8',
        chartBox('volume'),
        el('p', {
          class: 'note',
          text: 'Vertical: brand → customer and customer → brand. Lateral: customers talking among themselves. Dashed lines: alerts.',
        }),
      ),
      card('Share of voice', 'span4', chartBox('sov')),
      card(
        'Net sentiment: raw and bot-adjusted',
        'span6',
        chartBox('sentiment'),
        el('p', {
          class: 'note',
          text: '(positive − negative) / mentions; authentic leaves out accounts flagged as bots, spam or coordinated.',
        }),
      ),
      card(
        'Communication mix',
        'span6',
        chartBox('modes'),
        el('p', {
          class: 'note',
          text: 'Messages by the mode of their thread: oneway (brand only), twoway (with the brand), multiway (among customers), hybrid (both).',
        }),
      ),
      card(
        'Rising terms',
        'span6',
        terms.terms.length
          ? el(
              'ul',
              { class: 'terms' },
              terms.terms.map((x) =>
                el(
                  'li',
                  {},
                  el('a', { href: `/explorer?${query({ ...t, q: x.term })}`, onclick: navigate }, x.term),
                  el('span', { class: 'muted', text: `${x.current} (was ${x.previous})` }),
                ),
              ),
            )
          : el('div', { class: 'empty', text: 'No word rose against the period before.' }),
        el('p', {
          class: 'note',
          text: `Posts using the word: ${when(Date.parse(terms.currentFrom) / 1000)} – now, against the same length before.`,
        }),
      ),
      card(
        'Alerts in this period',
        'span6',
        !alerts.available
          ? el('div', { class: 'empty', text: 'Alerting is not set up on this database yet.' })
          : table(
              [
                { label: 'Severity', cell: (a) => badge(`sev-${a.severity}`, a.severity) },
                { label: 'When', cell: (a) => when(a.start_ts) },
                {
                  label: 'What',
                  cell: (a) => `${a.rule} · ${a.series}${a.direction ? ` · ${a.direction}` : ''}`,
                },
                {
                  label: 'Observed / expected',
                  num: true,
                  cell: (a) => `${n(a.observed)} / ${n(a.expected)}`,
                },
              ],
              alerts.alerts.slice(0, 6),
              'No alerts in this period.',
            ),
      ),
    ),
  );

  // Charts draw once the page is in the document (they need its size).
  return () => drawOverview(t, timeline, modes, sov, alerts);
}

/** A chart over a time axis with a legend on top: the layout of the overview's time series. */
function drawTimeChart(id, points, yAxis, series) {
  drawChart(id, {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 48, right: 16, top: 34, bottom: 28 },
    xAxis: axisTime(points),
    yAxis,
    series,
  });
}

function drawOverview(t, timeline, modes, sov, alerts) {
  const pts = timeline.points;
  const all = buckets(timeline);
  const dirs = Object.keys(DIRECTION_LABEL);
  drawTimeChart(
    'volume',
    timeline,
    { type: 'value', minInterval: 1 },
    dirs.map((d, i) => ({
      name: DIRECTION_LABEL[d],
      type: 'line',
      stack: 'volume',
      areaStyle: { opacity: 0.75 },
      showSymbol: false,
      color: DIRECTION_COLOR[d],
      data: filled(
        all,
        sumBy(pts, 'mentions', (p) => p.direction === d),
      ),
      ...(i === 0 && alerts.alerts.length ? { markLine: alertMarks(alerts.alerts) } : {}),
    })),
  );
  const totals = sumBy(pts, 'mentions');
  const posBy = sumBy(pts, 'positive');
  const negBy = sumBy(pts, 'negative');
  const authBy = sumBy(pts, 'authentic');
  const aposBy = sumBy(pts, 'authentic_positive');
  const anegBy = sumBy(pts, 'authentic_negative');
  const round = (v) => Math.round(v * 1000) / 1000;
  // A bucket with a handful of mentions says little about sentiment: those are left out of the line.
  const MIN_VOLUME = 5;
  const net = (volume, p, q) =>
    [...volume]
      .filter(([, v]) => v >= MIN_VOLUME)
      .map(([ts, v]) => [ts * 1000, round(((p.get(ts) || 0) - (q.get(ts) || 0)) / v)]);
  drawTimeChart('sentiment', timeline, { type: 'value', min: -1, max: 1 }, [
    {
      name: 'raw',
      type: 'line',
      showSymbol: false,
      color: '#98a2b3',
      smooth: true,
      data: net(totals, posBy, negBy),
      ...(alerts.alerts.length ? { markLine: alertMarks(alerts.alerts) } : {}),
    },
    {
      name: 'authentic (bots and spam out)',
      type: 'line',
      showSymbol: false,
      color: '#2f9e62',
      smooth: true,
      data: net(authBy, aposBy, anegBy),
    },
  ]);
  const modeNames = Object.keys(MODE_COLOR);
  drawTimeChart(
    'modes',
    modes,
    { type: 'value', minInterval: 1 },
    modeNames.map((m) => ({
      name: m,
      type: 'bar',
      stack: 'mode',
      color: MODE_COLOR[m],
      barMaxWidth: 18,
      data: filled(
        all,
        sumBy(modes.points, 'mentions', (p) => p.mode === m),
      ),
    })),
  );
  const sovTotal = sov.brands.reduce((a, b) => a + b.mentions, 0) || 1;
  const sovRows = [...sov.brands].reverse();
  drawChart('sov', {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 96, right: 56, top: 10, bottom: 24 },
    xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value} %' } },
    yAxis: { type: 'category', data: sovRows.map((b) => b.brand) },
    series: [
      {
        name: 'share of voice',
        type: 'bar',
        barMaxWidth: 26,
        label: { show: true, position: 'right', formatter: (p) => `${p.value} %` },
        data: sovRows.map((b) => ({
          value: Math.round((b.mentions / sovTotal) * 1000) / 10,
          itemStyle: { color: b.brand === t.brand ? '#2f5fd0' : '#b8c4dc' },
        })),
      },
    ],
  });
}

function explorerFilters(params) {
  const out = {};
  for (const k of ['direction', 'mode', 'sentiment', 'emotion', 'lang', 'source', 'q', 'hideFlagged', 'sort'])
    if (params.get(k)) out[k] = params.get(k);
  return out;
}

let explorerRows = [];
let explorerNext = null;

async function explorer(main, t, params, { refresh }) {
  const filters = explorerFilters(params);
  const [facets, page] = await Promise.all([
    api('facets', { brand: t.brand }),
    api('mentions', { ...t, ...filters, limit: 50 }),
  ]);
  // A refresh keeps what "Load more" added, as long as the first page still leads it.
  if (!refresh || explorerRows.length <= 50) {
    explorerRows = page.rows;
    explorerNext = page.next;
  }
  const select = (name, label, values, labels = {}) =>
    el(
      'select',
      { name, 'aria-label': label, onchange: (e) => go('explorer', { ...filters, [name]: e.target.value }) },
      el('option', { value: '', text: `${label}: all` }),
      values.map((v) => el('option', { value: v, text: labels[v] || v, selected: filters[name] === v })),
    );
  const search = el('input', {
    type: 'search',
    name: 'q',
    placeholder: 'Search text…',
    value: filters.q || '',
    'aria-label': 'Search text',
  });
  search.addEventListener('change', () => go('explorer', { ...filters, q: search.value }));
  const hide = el('input', { type: 'checkbox', name: 'hideFlagged', checked: filters.hideFlagged === '1' });
  hide.addEventListener('change', () =>
    go('explorer', { ...filters, hideFlagged: hide.checked ? '1' : null }),
  );
  const csv = `/api/v1/mentions.csv?${query({ ...t, ...filters })}`;
  const tbody = el('tbody');
  const rowsOf = (rows) =>
    rows.map((r) =>
      el(
        'tr',
        { 'data-post': r.post_id },
        el('td', { class: 'muted', text: when(r.ts) }),
        el(
          'td',
          {},
          authorLink(r.author_id, r.author_handle ? `@${r.author_handle}` : r.author_id, t.brand),
          r.author_is_brand ? ' ' : null,
          r.author_is_brand ? badge('d-brand_to_customer', 'brand') : null,
        ),
        el('td', {}, dirBadge(r.direction)),
        el('td', { text: r.mode }),
        el(
          'td',
          {},
          sentBadge(r.sentiment),
          el('div', { class: 'muted', text: r.emotion === 'none' ? '' : r.emotion }),
        ),
        el('td', { class: 'muted', text: `${r.lang} · ${r.source}` }),
        el('td', { class: 'text', text: r.text.length > 240 ? `${r.text.slice(0, 240)}…` : r.text }),
        el('td', {}, threadLink(r.post_id, t.brand)),
      ),
    );
  tbody.append(...rowsOf(explorerRows));
  const more = el('button', { class: 'button secondary', hidden: !explorerNext, text: 'Load more' });
  more.addEventListener('click', async () => {
    const next = await api('mentions', { ...t, ...filters, limit: 50, cursor: explorerNext });
    explorerRows = explorerRows.concat(next.rows);
    explorerNext = next.next;
    tbody.append(...rowsOf(next.rows));
    more.hidden = !explorerNext;
  });
  main.replaceChildren(
    el(
      'section',
      { class: 'card' },
      el(
        'div',
        { class: 'filters' },
        select('direction', 'Direction', facets.directions, DIRECTION_LABEL),
        select('mode', 'Mode', facets.modes),
        select('sentiment', 'Sentiment', facets.sentiments),
        select('emotion', 'Emotion', facets.emotions),
        select('lang', 'Language', facets.langs),
        select('source', 'Source', facets.sources),
        search,
        el('label', {}, hide, ' hide flagged accounts'),
        select('sort', 'Sort', ['newest', 'oldest', 'most_negative', 'most_positive'], {
          newest: 'newest first',
          oldest: 'oldest first',
          most_negative: 'most negative',
          most_positive: 'most positive',
        }),
      ),
      el(
        'div',
        { class: 'toolbar' },
        el('span', {
          class: 'count',
          id: 'row-count',
          'data-count': page.total,
          text: `${n(page.total)} mentions`,
        }),
        el('a', {
          class: 'button secondary',
          href: csv,
          id: 'export-csv',
          download: true,
          text: 'Export CSV',
        }),
      ),
      page.rows.length === 0
        ? el(
            'div',
            { class: 'empty' },
            el('strong', { text: 'No mentions match.' }),
            'Widen the time range or clear a filter.',
          )
        : el(
            'table',
            { id: 'mentions' },
            el(
              'thead',
              {},
              el(
                'tr',
                {},
                ['When', 'Author', 'Direction', 'Mode', 'Sentiment', 'Lang · source', 'Text', ''].map((h) =>
                  el('th', { text: h }),
                ),
              ),
            ),
            tbody,
          ),
      el('div', { style: 'margin-top:10px' }, more),
    ),
  );
}

function scoreCell(m) {
  if (!m.scored) return el('span', { class: 'muted', text: 'not scored yet' });
  return el(
    'span',
    {},
    `influence ${m.influence}`,
    m.has_evidence
      ? el('span', { class: 'muted', text: ` (confidence ${Number(m.influence_confidence).toFixed(2)})` })
      : el('span', { class: 'muted', text: ' (not enough evidence)' }),
    ` · trust ${m.trust}`,
    ...(m.flags || []).map((f) => [' ', badge('flag', f)]),
  );
}

async function thread(main, t, params) {
  const post = params.get('post');
  if (!post) {
    main.replaceChildren(
      el(
        'div',
        { class: 'empty' },
        el('strong', { text: 'No thread chosen.' }),
        'Open one from the mentions explorer.',
      ),
    );
    return;
  }
  const data = await api(`threads/${encodeURIComponent(post)}`, { brand: t.brand });
  if (!data.found) {
    main.replaceChildren(
      el(
        'div',
        { class: 'empty' },
        el('strong', { text: 'Thread not found.' }),
        `No mention ${post} of ${t.brand}.`,
      ),
    );
    return;
  }
  const byId = new Map(data.messages.map((m) => [m.post_id, m]));
  const depth = (m) => {
    let d = 0;
    let cur = m;
    const seen = new Set();
    while (cur && !seen.has(cur.post_id)) {
      seen.add(cur.post_id);
      const parent = byId.get(cur.reply_to_post_id || cur.quote_of_post_id || cur.repost_of_post_id);
      if (!parent) break;
      d++;
      cur = parent;
    }
    return Math.min(d, 8);
  };
  // Depth-first order: each message under its parent, siblings by time.
  const children = new Map();
  const roots = [];
  for (const m of data.messages) {
    const parent = m.reply_to_post_id || m.quote_of_post_id || m.repost_of_post_id;
    if (parent && byId.has(parent)) children.set(parent, [...(children.get(parent) || []), m]);
    else roots.push(m);
  }
  const ordered = [];
  const walk = (m) => {
    ordered.push(m);
    for (const c of children.get(m.post_id) || []) walk(c);
  };
  roots.forEach(walk);
  const kind = (m) =>
    m.repost_of_post_id ? 'repost' : m.quote_of_post_id ? 'quote' : m.reply_to_post_id ? 'reply' : 'post';
  main.replaceChildren(
    el(
      'section',
      { class: 'card' },
      el('h2', { text: `Thread · ${data.messages.length} messages · mode ${data.mode}` }),
      el(
        'div',
        { class: 'muted', style: 'margin-bottom:8px' },
        'Root ',
        el('code', { text: data.rootId }),
        ' · ',
        el('span', { id: 'thread-mode', 'data-mode': data.mode, text: data.mode }),
      ),
      ordered.map((m) =>
        el(
          'div',
          {
            class: `msg${m.author_is_brand ? ' brand' : ''}${m.post_id === post ? ' focus' : ''}`,
            style: `margin-left:${depth(m) * 26}px`,
            'data-post': m.post_id,
            'data-direction': m.direction,
          },
          el(
            'div',
            { class: 'meta' },
            authorLink(m.author_id, m.author_handle ? `@${m.author_handle}` : m.author_id, t.brand),
            dirBadge(m.direction),
            sentBadge(m.sentiment),
            el('span', { text: kind(m) }),
            el('span', { text: when(m.ts) }),
            scoreCell(m),
          ),
          el('div', { class: 'body', text: m.text }),
        ),
      ),
    ),
  );
}

function evidenceCell(r) {
  return r.has_evidence
    ? Number(r.influence_confidence).toFixed(2)
    : el('span', { class: 'muted', text: 'not enough evidence' });
}

/** A card of people: the author (linked to their page) first, then `columns`; `note` under the table. */
function peopleCard(brand, title, span, columns, rows, empty, note) {
  const author = {
    label: 'Author',
    cell: (r) => authorLink(r.author_id, r.handle ? `@${r.handle}` : r.author_id, brand),
  };
  const body = [table([author, ...columns], rows, empty)];
  if (note) body.push(el('p', { class: 'note', text: note }));
  return card(title, span, ...body);
}

async function people(main, t) {
  const [inf, trusted, flagged] = await Promise.all([
    api('people/influencers', { brand: t.brand, limit: 15 }),
    api('people/trusted', { brand: t.brand, limit: 15 }),
    api('people/flagged', { brand: t.brand, limit: 50 }),
  ]);
  main.replaceChildren(
    el(
      'div',
      { class: 'grid' },
      peopleCard(
        t.brand,
        'Top influencers',
        'span7',
        [
          { label: 'Influence', num: true, cell: (r) => r.influence },
          { label: 'Confidence', num: true, cell: evidenceCell },
          { label: 'Trust', num: true, cell: (r) => r.trust },
          { label: 'Reactions', num: true, cell: (r) => r.weighted_reactions },
          { label: 'Reactors', num: true, cell: (r) => r.unique_reactors },
          { label: 'Per post', num: true, cell: (r) => r.amplification_per_post },
          { label: 'Followers', num: true, cell: (r) => n(r.followers) },
        ],
        inf.rows,
        'Nobody scored yet in this community.',
        'Influence: percentile in the brand community from reactions received (weighted by the reactors’ trust), distinct reactors, reactions per post and PageRank; confidence: how firm that is given the evidence.',
      ),
      peopleCard(
        t.brand,
        'Most trusted voices',
        'span5',
        [
          { label: 'Trust', num: true, cell: (r) => r.trust },
          { label: 'Reputation', num: true, cell: (r) => r.reputation },
          { label: 'Behaviour', num: true, cell: (r) => r.behaviour_prior },
          { label: 'Influence', num: true, cell: (r) => r.influence },
        ],
        trusted.rows,
        'No trusted voices yet.',
        'Trust = reputation (reactions from distinct, trusted people) × behaviour prior (bursts, duplicates, account age…).',
      ),
      peopleCard(
        t.brand,
        'Flagged accounts',
        'span12',
        [
          { label: 'Flags', cell: (r) => r.flags.map((f) => [badge('flag', f), ' ']) },
          {
            label: 'Evidence',
            cell: (r) =>
              el(
                'ul',
                { class: 'evidence' },
                r.flag_evidence.map((e) => el('li', { text: e })),
              ),
          },
          { label: 'Trust', num: true, cell: (r) => r.trust },
          { label: 'Followers', num: true, cell: (r) => n(r.followers) },
        ],
        flagged.rows,
        'No flagged accounts in this community.',
      ),
    ),
  );
}

function keyValues(obj) {
  const box = el('div', { class: 'kv' });
  for (const [k, v] of Object.entries(obj || {})) {
    if (v !== null && typeof v === 'object') continue;
    box.append(
      el('div', { text: k }),
      el('div', { text: typeof v === 'number' ? String(Math.round(v * 1000) / 1000) : String(v) }),
    );
  }
  return box;
}

async function author(main, t, params) {
  const id = params.get('id');
  if (!id) {
    main.replaceChildren(el('div', { class: 'empty', text: 'No author chosen.' }));
    return;
  }
  const a = await api(`authors/${encodeURIComponent(id)}`, { brand: t.brand });
  main.replaceChildren(
    el(
      'div',
      { class: 'grid' },
      card(
        `Author ${id}`,
        'span12',
        a.scores.length === 0
          ? el('div', { class: 'empty', text: 'Not scored yet.' })
          : a.scores.map((s) =>
              el(
                'div',
                { style: 'margin-bottom:12px' },
                el('strong', { text: `${s.brand}${s.is_brand ? ' (brand account)' : ''}: ` }),
                `influence ${Number(s.influence).toFixed(1)} `,
                s.has_evidence
                  ? el('span', {
                      class: 'muted',
                      text: `(confidence ${Number(s.influence_confidence).toFixed(2)})`,
                    })
                  : el('span', { class: 'muted', text: '(not enough evidence)' }),
                ` · trust ${Number(s.trust).toFixed(1)} `,
                ...(s.flags || []).map((f) => [badge('flag', f), ' ']),
                s.flag_evidence?.length
                  ? el(
                      'ul',
                      { class: 'evidence' },
                      s.flag_evidence.map((e) => el('li', { text: e })),
                    )
                  : null,
                keyValues(s.components),
              ),
            ),
      ),
      card(
        'Reactions received',
        'span6',
        table(
          [
            { label: 'Brand', cell: (r) => r.brand },
            { label: 'Kind', cell: (r) => r.kind },
            { label: 'Received', num: true, cell: (r) => n(r.received) },
            { label: 'Reactors', num: true, cell: (r) => n(r.reactors) },
          ],
          a.reactions,
          'None.',
        ),
      ),
      card(
        'Latest interactions',
        'span6',
        table(
          [
            { label: 'Kind', cell: (r) => r.kind },
            { label: 'From', cell: (r) => authorLink(r.from_author_id, r.from_author_id, r.brand) },
            { label: 'To', cell: (r) => authorLink(r.to_author_id, r.to_author_id, r.brand) },
            { label: 'At', cell: (r) => r.at },
          ],
          a.interactions,
          'None.',
        ),
      ),
      card(
        `Latest mentions of ${t.brand}`,
        'span12',
        table(
          [
            { label: 'When', cell: (r) => when(Number(r.ts)) },
            { label: 'Direction', cell: (r) => dirBadge(r.direction) },
            { label: 'Sentiment', cell: (r) => sentBadge(r.sentiment) },
            { label: 'Text', cls: 'text', cell: (r) => r.text },
            { label: '', cell: (r) => threadLink(r.post_id, t.brand) },
          ],
          a.mentions,
          'None in this community.',
        ),
      ),
    ),
  );
}

async function care(main, t) {
  const [summary, queue] = await Promise.all([api('overview/care', t), api('care/queue', t)]);
  const now = Date.now() / 1000;
  main.replaceChildren(
    el(
      'div',
      { class: 'kpis' },
      [
        ['Addressed the brand', n(summary.addressed)],
        ['Answered', n(summary.answered)],
        ['Response rate', pct(summary.responseRate)],
        ['Median response time', duration(summary.medianResponseSeconds)],
        ['Waiting', n(summary.unanswered)],
      ].map(([label, value]) =>
        el(
          'div',
          { class: 'card kpi' },
          el('h2', { text: label }),
          el('div', { class: 'value', text: value }),
        ),
      ),
    ),
    card(
      'Customers waiting for an answer, oldest first',
      '',
      table(
        [
          { label: 'Waiting since', cell: (r) => r.created_at },
          {
            label: 'Waiting',
            num: true,
            cell: (r) => duration(now - Date.parse(`${r.created_at.replace(' ', 'T')}Z`) / 1000),
          },
          { label: 'Customer', cell: (r) => `@${r.author_handle}` },
          { label: 'Message', cls: 'text', cell: (r) => r.text },
          { label: '', cell: (r) => threadLink(r.post_id, t.brand) },
        ],
        queue.rows,
        el(
          'span',
          {},
          el('strong', { text: 'Nobody is waiting.' }),
          'Every customer who addressed the brand in this period got an answer.',
        ),
      ),
    ),
  );
}

async function alertsPage(main, t) {
  const data = await api('alerts', t);
  if (!data.available || data.alerts.length === 0) {
    main.replaceChildren(
      el(
        'section',
        { class: 'card' },
        el(
          'div',
          { class: 'empty', id: 'alerts-empty' },
          el('strong', {
            text: data.available ? 'No alerts in this period.' : 'Alerting is not set up yet.',
          }),
          data.available
            ? 'Volume, negative share and sentiment stayed within their expected range.'
            : 'Alerts appear here once the alerts component writes to ClickHouse.',
        ),
      ),
    );
    return;
  }
  const explain = (text) => {
    try {
      const e = JSON.parse(text);
      return el(
        'div',
        { class: 'kv' },
        Object.entries(e).map(([k, v]) => [
          el('div', { text: k }),
          el('div', { text: typeof v === 'object' ? JSON.stringify(v).slice(0, 200) : String(v) }),
        ]),
      );
    } catch {
      return text;
    }
  };
  main.replaceChildren(
    card(
      `Alerts · ${data.alerts.length}`,
      '',
      table(
        [
          { label: 'Severity', cell: (a) => badge(`sev-${a.severity}`, a.severity) },
          { label: 'Window', cell: (a) => `${when(a.start_ts)} – ${when(a.end_ts)}` },
          { label: 'Rule', cell: (a) => a.rule },
          { label: 'Series', cell: (a) => `${a.series}${a.direction ? ` · ${a.direction}` : ''}` },
          { label: 'Observed', num: true, cell: (a) => Math.round(a.observed * 1000) / 1000 },
          { label: 'Expected', num: true, cell: (a) => Math.round(a.expected * 1000) / 1000 },
          { label: 'Why', cell: (a) => explain(a.explanation) },
        ],
        data.alerts,
        '',
      ),
    ),
  );
}

// ---------- shell ----------

const RENDER = { overview, explorer, thread, people, author, care, alerts: alertsPage };
let brands = [];

function syncHeader(page, params) {
  document.querySelectorAll('nav.tabs a').forEach((a) => {
    const on =
      a.dataset.page === page ||
      (page === 'thread' && a.dataset.page === 'explorer') ||
      (page === 'author' && a.dataset.page === 'people');
    a.classList.toggle('on', on);
    a.href = `/${a.dataset.page}?${query({ brand: params.get('brand'), range: params.get('range'), from: params.get('from'), to: params.get('to') })}`;
  });
  const range = params.get('range') || '24h';
  document
    .querySelectorAll('[data-range]')
    .forEach((b) => b.classList.toggle('on', b.dataset.range === range));
  document.getElementById('custom').hidden = range !== 'custom';
  const select = document.getElementById('brand');
  if (select.options.length !== brands.length)
    select.replaceChildren(...brands.map((b) => el('option', { value: b, text: b })));
  select.value = params.get('brand') || '';
}

async function render({ refresh = false } = {}) {
  const seq = ++renderSeq;
  const { page, params } = state();
  if (!params.get('brand') && brands.length) {
    go(page, { brand: brands[0] }, { replace: true });
    return;
  }
  syncHeader(page, params);
  const main = document.getElementById('main');
  if (!refresh) {
    disposeCharts();
    document.body.dataset.ready = '';
  }
  const t = timeParams(params);
  if (!t.brand) {
    main.replaceChildren(
      el(
        'div',
        { class: 'empty' },
        el('strong', { text: 'No data yet.' }),
        'Run the pipeline (npm run demo) and reload.',
      ),
    );
    document.body.dataset.ready = page;
    return;
  }
  try {
    const scratch = document.createElement('div');
    const draw = await RENDER[page](scratch, t, params, { refresh });
    if (seq !== renderSeq) return;
    // Charts draw into the live document: move the new content in, then let each page draw.
    main.replaceChildren(...scratch.childNodes);
    if (typeof draw === 'function') draw();
    showError('');
    setStatus(`live · updated ${new Date().toLocaleTimeString('en-GB')}`);
    document.body.dataset.ready = page;
  } catch (err) {
    if (seq !== renderSeq) return;
    showError(`Could not load this page: ${err.message}`);
  }
}

function schedule() {
  clearInterval(timer);
  timer = setInterval(() => {
    if (document.visibilityState === 'visible') void render({ refresh: true });
  }, REFRESH_MS);
}

async function init() {
  try {
    brands = (await api('brands')).brands;
  } catch (err) {
    showError(`Could not load brands: ${err.message}`);
  }
  document.getElementById('brand').addEventListener('change', (e) =>
    go(state().page === 'thread' || state().page === 'author' ? 'overview' : state().page, {
      brand: e.target.value,
    }),
  );
  document.querySelectorAll('[data-range]').forEach((b) =>
    b.addEventListener('click', () => {
      if (b.dataset.range === 'custom') {
        document.getElementById('custom').hidden = false;
        return;
      }
      go(state().page, { range: b.dataset.range, from: null, to: null });
    }),
  );
  document.getElementById('apply-custom').addEventListener('click', () => {
    const from = document.getElementById('from').value;
    const to = document.getElementById('to').value;
    if (!from || !to) return showError('Choose both ends of the custom range.');
    go(state().page, { range: 'custom', from: new Date(from).toISOString(), to: new Date(to).toISOString() });
  });
  document.querySelectorAll('nav.tabs a').forEach((a) => a.addEventListener('click', navigate));
  window.addEventListener('popstate', () => render());
  window.addEventListener('resize', () => charts.forEach((c) => c.resize()));
  await render();
  schedule();
}

void init();
