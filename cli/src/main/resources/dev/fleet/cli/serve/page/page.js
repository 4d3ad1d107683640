// The dashboard of fleet serve: reads /api/v1/status and /api/v1/history every few seconds and draws them.
// Everything from GitHub, Azure or the config reaches the page as text nodes (textContent), never as markup.
'use strict';

(() => {
  const POLL_MS = 5000;
  /** The status is a fresh look at GitHub and Azure: asked for every few rounds, and at once after a pass. */
  const STATUS_EVERY = 3;
  const SVG_NS = 'http://www.w3.org/2000/svg';
  const TOKEN_KEY = 'fleet-api-token';
  /** The series of fleet simulate's chart, in its colours. */
  const SERIES = [
    {label: 'queued jobs', colour: '#d62728', value: (s) => s.queued},
    {label: 'runners', colour: '#1f77b4', value: (s) => total(s.runners)},
    {label: 'busy runners', colour: '#2ca02c', value: (s) => (s.runners && s.runners.BUSY) || 0},
  ];
  /** Runner states as a person says them, most urgent colour last. */
  const STATE_CLASS = {
    PROVISIONING: 'warn', IDLE: 'good', BUSY: 'info', OFFLINE: 'bad', FINISHED: 'muted',
    ORPHANED_VM: 'bad', ORPHANED_RUNNER: 'bad',
  };
  const OUTCOME_CLASS = {RECONCILED: 'good', DRY_RUN: 'good', LOCKED: 'warn', FAILED: 'bad'};
  /** A pass that went through but had an action fail still needs a look. */
  const outcomeClass = (status, ok) => (ok ? 'good' : status === 'LOCKED' ? 'warn' : 'bad');
  const ACTION_CLASS = {SCALE_UP: 'info', SCALE_DOWN: 'warn', MAINTAIN: 'muted'};

  /** The history samples seen so far, one per pool and slot, as the server keeps them. */
  const samples = new Map();
  let slotMs = 30 * 1000;
  let windowMs = 6 * 3600 * 1000;
  let latestSample = null;
  let round = 0;
  let statusProblem = null;

  // ---- building the DOM from text only

  /**
   * An element whose children are nodes, strings or lists of them (null ones left out); strings become text nodes,
   * so markup in them stays text.
   */
  function el(tag, className, ...children) {
    const node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined) {
        continue;
      }
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function figure(value, label) {
    return el('div', 'figure', el('strong', null, value), el('span', null, label));
  }

  /** A table's only row, saying why it has no other. */
  function emptyRow(text, columns) {
    const cell = el('td', 'muted', text);
    cell.colSpan = columns;
    return el('tr', null, cell);
  }

  function badge(text, kind) {
    return el('span', 'badge ' + (kind || 'muted'), text);
  }

  function svg(tag, attributes, text) {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [name, value] of Object.entries(attributes)) {
      node.setAttribute(name, String(value));
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function words(value) {
    return String(value).toLowerCase().replace(/_/g, ' ');
  }

  function total(byState) {
    return byState ? Object.values(byState).reduce((sum, count) => sum + count, 0) : 0;
  }

  // ---- durations and times, written the way fleet writes them (1h30m, 2m28s)

  function duration(ms) {
    let seconds = Math.max(0, Math.floor(ms / 1000));
    const parts = [[86400, 'd'], [3600, 'h'], [60, 'm'], [1, 's']];
    let text = '';
    for (const [size, unit] of parts) {
      const count = Math.floor(seconds / size);
      seconds -= count * size;
      if (count > 0) {
        text += count + unit;
      }
    }
    return text || '0s';
  }

  /** An ISO-8601 duration as Java writes it (PT1H2M3.5S), in milliseconds. */
  function isoDurationMs(text) {
    const match = /^P(?:(\d+)D)?(?:T(?:(-?\d+)H)?(?:(-?\d+)M)?(?:(-?[\d.]+)S)?)?$/.exec(text || '');
    if (!match) {
      return 0;
    }
    const [, d, h, m, s] = match.map((part) => Number(part || 0));
    return (((d * 24 + h) * 60 + m) * 60 + s) * 1000;
  }

  function ago(iso, now) {
    return duration(now - Date.parse(iso)) + ' ago';
  }

  function clockTime(iso) {
    return new Date(iso).toLocaleTimeString([], {hour: '2-digit', minute: '2-digit', second: '2-digit'});
  }

  // ---- talking to the API

  async function getJson(path) {
    const headers = {Accept: 'application/json'};
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (token) {
      headers.Authorization = 'Bearer ' + token;
    }
    const response = await fetch(path, {headers, cache: 'no-store'});
    if (response.status === 401) {
      document.getElementById('token-form').hidden = false;
      throw new Error(path + ': the API wants its token');
    }
    if (!response.ok) {
      throw new Error(path + ': HTTP ' + response.status);
    }
    return response.json();
  }

  function historyPath() {
    return 'api/v1/history' + (latestSample ? '?since=' + encodeURIComponent(latestSample) : '');
  }

  /** Takes in what the history tells; returns how many samples were new. */
  function takeHistory(history) {
    slotMs = isoDurationMs(history.slot) || slotMs;
    windowMs = isoDurationMs(history.window) || windowMs;
    for (const sample of history.samples) {
      const time = Date.parse(sample.time);
      samples.set(sample.pool + '\n' + Math.floor(time / slotMs), sample);
      if (!latestSample || time > Date.parse(latestSample)) {
        latestSample = sample.time;
      }
    }
    const oldest = Date.now() - windowMs;
    for (const [key, sample] of samples) {
      if (Date.parse(sample.time) < oldest) {
        samples.delete(key);
      }
    }
    return history.samples.length;
  }

  function sortedSamples() {
    return [...samples.values()].sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
  }

  // ---- the parts of the page

  function renderTotals(pools) {
    let queued = 0;
    let inProgress = 0;
    const runners = {};
    for (const pool of pools) {
      queued += pool.now.queue.queued;
      inProgress += pool.now.queue.inProgress;
      for (const runner of pool.now.runners) {
        runners[runner.state] = (runners[runner.state] || 0) + 1;
      }
    }
    document.getElementById('totals').replaceChildren(
        figure(pools.length, pools.length === 1 ? 'pool' : 'pools'),
        figure(queued, 'queued jobs'),
        figure(inProgress, 'jobs in progress'),
        figure(total(runners), 'runners'),
        figure(runners.IDLE || 0, 'idle'),
        figure(runners.BUSY || 0, 'busy'),
        figure(runners.PROVISIONING || 0, 'coming up'));
  }

  function renderRateLimit(limit) {
    document.getElementById('rate-limit').textContent = limit
        ? 'GitHub rate limit: ' + limit.remaining + ' of ' + limit.limit + ' left'
        : '';
  }

  function size(pool) {
    const limits = pool.minRunners + ' to ' + pool.maxRunners + ' runners';
    return pool.manualSize === null || pool.manualSize === undefined
        ? 'policy ' + pool.policy + ', ' + limits
        : 'pinned at ' + pool.manualSize + ' (policy ' + pool.policy + ', ' + limits + ')';
  }

  function poolCard(pool, now) {
    const report = pool.now;
    const azure = pool.placement;
    const heading = el('h3', null, pool.pool, ' ',
        pool.enabled ? badge('enabled', 'good') : badge('disabled, draining', 'warn'),
        ' ', badge(report.ok ? 'ok' : words(report.status), outcomeClass(report.status, report.ok)));
    const settings = el('dl', 'settings',
        el('dt', null, 'scope'), el('dd', null, pool.scope),
        el('dt', null, 'labels'), el('dd', null, pool.labels.join(', ')),
        el('dt', null, 'size'), el('dd', null, size(pool)),
        el('dt', null, 'VMs'), el('dd', null, azure.vmSize + (azure.spot ? ' (spot)' : '') + ' in ' + azure.location
            + ', resource group ' + azure.resourceGroup));
    const figures = el('div', 'figures',
        figure(report.queue.queued, 'queued'),
        figure(report.queue.inProgress, 'in progress'),
        figure(report.runners.length, 'runners'));
    const decision = report.decision;
    const plan = el('div', 'plan', el('h4', null, 'plan'),
        decision
            ? el('p', null, badge(words(decision.action), ACTION_CLASS[decision.action]), ' ',
                decision.current + ' → ' + decision.target + ' runners: ', decision.reason)
            : el('p', null, pool.enabled ? badge('no decision', 'bad') : badge('draining', 'warn'), ' ',
                report.summary));
    if (report.actions.length > 0) {
      plan.append(el('ul', 'actions', ...report.actions.map((action) => el('li', null,
          badge(words(action.result), action.result === 'FAILED' ? 'bad' : 'muted'), ' ',
          words(action.kind) + ' ' + action.target + ': ' + action.reason
              + (action.detail ? ' (' + action.detail + ')' : '')))));
    }
    const errors = report.errors.map((error) => el('p', 'error', error));
    const last = pool.lastPass;
    const lastPass = el('p', 'last-pass', el('span', 'muted', 'last pass: '),
        last ? [ago(last.finished, now) + ', ', badge(words(last.status), OUTCOME_CLASS[last.status]), ' ',
          last.summary] : 'none yet');
    return el('article', 'pool', heading, settings, figures, plan, errors, lastPass);
  }

  function renderPools(pools, now) {
    const target = document.getElementById('pools');
    if (pools.length === 0) {
      target.replaceChildren(el('p', 'muted', 'No pools in the config: fleet github-runner enable adds one.'));
      return;
    }
    target.replaceChildren(...pools.map((pool) => poolCard(pool, now)));
  }

  function renderRunners(pools) {
    const rows = [];
    for (const pool of pools) {
      for (const runner of pool.now.runners) {
        rows.push(el('tr', 'runner',
            el('td', null, pool.pool),
            el('td', 'name', runner.name),
            el('td', null, badge(words(runner.state), STATE_CLASS[runner.state])),
            el('td', null, runner.vm ? words(runner.vm) : 'no VM'),
            el('td', null, runner.github ? words(runner.github) : 'not registered'),
            el('td', null, runner.busy ? 'running a job' : '—'),
            el('td', 'number', duration(isoDurationMs(runner.age)))));
      }
    }
    if (rows.length === 0) {
      rows.push(emptyRow('No runners.', 7));
    }
    document.querySelector('#runners tbody').replaceChildren(...rows);
  }

  function renderPasses() {
    const recent = sortedSamples().reverse().slice(0, 15);
    const rows = recent.map((sample) => el('tr', 'pass ' + (sample.ok ? 'ok' : 'not-ok'),
        el('td', null, clockTime(sample.time)),
        el('td', null, sample.pool),
        el('td', null, badge(words(sample.outcome), outcomeClass(sample.outcome, sample.ok)),
            sample.passes > 1 ? ' ' + sample.passes + ' passes' + (sample.failed ? ', ' + sample.failed + ' failed' : '')
                : null),
        el('td', 'number', sample.queued === undefined ? '—' : sample.queued),
        el('td', 'number', sample.runners === undefined ? '—' : total(sample.runners)),
        el('td', 'summary', sample.summary)));
    if (rows.length === 0) {
      rows.push(emptyRow('No pass yet.', 6));
    }
    document.querySelector('#passes tbody').replaceChildren(...rows);
  }

  // ---- the chart: one panel a pool, sharing both scales, drawn as fleet simulate --chart draws

  const WIDTH = 800;
  const LEFT = 50;
  const RIGHT = 20;
  const PLOT_WIDTH = WIDTH - LEFT - RIGHT;
  const TITLE_HEIGHT = 30;
  const PLOT_HEIGHT = 140;
  const PANEL_HEIGHT = TITLE_HEIGHT + PLOT_HEIGHT + 50;
  const TICK = 4;

  /** From 0 in round steps (1, 2 or 5 times a power of ten, whole for counts) that cover {@code highest}. */
  function countAxis(highest) {
    if (highest <= 0) {
      return {step: 1, ticks: 1};
    }
    const rough = highest / 5;
    const power = Math.pow(10, Math.floor(Math.log10(rough)));
    const mantissa = rough / power;
    const step = Math.max(1, (mantissa <= 1 ? 1 : mantissa <= 2 ? 2 : mantissa <= 5 ? 5 : 10) * power);
    return {step, ticks: Math.ceil(highest / step)};
  }

  /** The time shown: back to the oldest sample, in round steps of minutes, at most the server's window. */
  function timeAxis(oldest, now) {
    const span = Math.min(windowMs, Math.max(10 * 60 * 1000, now - oldest));
    const steps = [1, 2, 5, 10, 15, 30, 60, 120].map((minutes) => minutes * 60 * 1000);
    const step = steps.find((candidate) => span / candidate <= 6) || steps[steps.length - 1];
    return {step, ticks: Math.ceil(span / step)};
  }

  function renderChart(now) {
    const all = sortedSamples();
    const target = document.getElementById('chart');
    if (all.length === 0) {
      target.replaceChildren(el('p', 'muted', 'No pass yet: the chart starts with the first.'));
      return;
    }
    const pools = [...new Set(all.map((sample) => sample.pool))].sort();
    let highest = 0;
    for (const sample of all.filter((observed) => observed.queued !== undefined)) {
      for (const series of SERIES) {
        highest = Math.max(highest, series.value(sample));
      }
    }
    const count = countAxis(highest);
    const time = timeAxis(Date.parse(all[0].time), now);
    const span = time.step * time.ticks;
    const height = pools.length * PANEL_HEIGHT;
    const chart = svg('svg', {
      xmlns: SVG_NS, viewBox: '0 0 ' + WIDTH + ' ' + height, width: '100%', role: 'img',
      'font-family': 'sans-serif', 'font-size': 11, class: 'chart',
    });
    chart.append(svg('title', {}, 'queued jobs and runners of each pool over the last ' + duration(span)));
    pools.forEach((pool, index) => {
      const points = all.filter((sample) => sample.pool === pool);
      chart.append(panel(pool, points, index * PANEL_HEIGHT, count, time, now));
    });
    target.replaceChildren(chart);
  }

  function panel(name, points, top, count, time, now) {
    const span = time.step * time.ticks;
    const group = svg('g', {class: 'panel', 'aria-label': `${name}: queued jobs and runners`});
    const plotTop = top + TITLE_HEIGHT;
    const plotBottom = plotTop + PLOT_HEIGHT;
    const x = (iso) => LEFT + PLOT_WIDTH * (1 - (now - Date.parse(iso)) / span);
    const y = (value) => plotBottom - PLOT_HEIGHT * value / (count.step * count.ticks);
    group.append(svg('text', {x: LEFT, y: top + 20, 'font-size': 14, 'font-weight': 'bold'}, name));
    SERIES.forEach((series, i) => {
      const left = WIDTH - RIGHT - (SERIES.length - i) * 100;
      group.append(svg('line', {x1: left, y1: top + 16, x2: left + 16, y2: top + 16, stroke: series.colour,
        'stroke-width': 2}));
      group.append(svg('text', {x: left + 20, y: top + 20}, series.label));
    });
    group.append(svg('line', {x1: LEFT, y1: plotTop, x2: LEFT, y2: plotBottom, stroke: '#000'}));
    group.append(svg('line', {x1: LEFT, y1: plotBottom, x2: LEFT + PLOT_WIDTH, y2: plotBottom, stroke: '#000'}));
    for (let tick = 0; tick <= count.ticks; tick++) {
      const at = y(tick * count.step);
      group.append(svg('line', {x1: LEFT - TICK, y1: at, x2: LEFT, y2: at, stroke: '#000'}));
      group.append(svg('text', {x: LEFT - TICK - 2, y: at + 4, 'text-anchor': 'end'}, String(tick * count.step)));
    }
    for (let tick = 0; tick <= time.ticks; tick++) {
      const before = tick * time.step;
      const at = LEFT + PLOT_WIDTH * (1 - before / span);
      group.append(svg('line', {x1: at, y1: plotBottom, x2: at, y2: plotBottom + TICK, stroke: '#000'}));
      group.append(svg('text', {x: at, y: plotBottom + TICK + 12, 'text-anchor': 'middle'},
          before === 0 ? 'now' : '−' + duration(before)));
    }
    const observed = points.filter((sample) => sample.queued !== undefined);
    for (const series of SERIES) {
      const coordinates = [];
      let previousY = null;
      for (const sample of observed) {
        const px = x(sample.time).toFixed(1);
        const py = y(series.value(sample)).toFixed(1);
        if (previousY !== null) {
          coordinates.push(px + ',' + previousY);
        }
        coordinates.push(px + ',' + py);
        previousY = py;
      }
      if (coordinates.length > 0) {
        group.append(svg('polyline', {fill: 'none', stroke: series.colour, 'stroke-width': 1.5,
          points: coordinates.join(' '), class: 'series'}));
      }
    }
    // A mark a pass below the axis labels: green went through, red needs a look; hovering tells the pass.
    for (const sample of points) {
      const mark = svg('circle', {cx: x(sample.time).toFixed(1), cy: plotBottom + TICK + 26, r: 3,
        fill: sample.failed > 0 ? '#d62728' : '#2ca02c', class: 'pass-mark'});
      mark.append(svg('title', {}, clockTime(sample.time) + ' ' + words(sample.outcome) + ': ' + sample.summary));
      group.append(mark);
    }
    return group;
  }

  // ---- the loop

  function showProblems(problems) {
    document.getElementById('problems').replaceChildren(...problems.map((problem) => el('p', 'error', problem)));
  }

  async function refresh() {
    const now = Date.now();
    const problems = [];
    let passed = false;
    try {
      passed = takeHistory(await getJson(historyPath())) > 0;
    } catch (error) {
      problems.push('history unavailable: ' + error.message);
    }
    if (round % STATUS_EVERY === 0 || passed || statusProblem) {
      try {
        const status = await getJson('api/v1/status');
        renderTotals(status.pools);
        renderRateLimit(status.githubRateLimit);
        renderPools(status.pools, now);
        renderRunners(status.pools);
        statusProblem = null;
      } catch (error) {
        statusProblem = 'status unavailable: ' + error.message;
      }
    }
    round++;
    if (statusProblem) {
      problems.push(statusProblem);
    }
    renderChart(now);
    renderPasses();
    showProblems(problems);
    document.getElementById('updated').textContent = (problems.length ? 'tried ' : 'updated ')
        + new Date(now).toLocaleTimeString() + ', every ' + duration(POLL_MS);
  }

  async function loop() {
    try {
      await refresh();
    } catch (error) {
      showProblems(['could not draw the page: ' + error.message]);
    }
    setTimeout(loop, POLL_MS);
  }

  document.getElementById('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, document.getElementById('token').value);
    document.getElementById('token-form').hidden = true;
    refresh();
  });
  loop();
})();
