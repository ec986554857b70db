// The live dashboard: a first paint from /api/dashboard, then server-sent events from /api/stream.
// Plain DOM, no libraries; every text from the server goes in through textContent.
(function () {
  'use strict';

  const MAX_FEED = 100;
  const MAX_LIST = 12;
  const REASON_COLORS = {
    OUT_OF_STOCK: '#f2b155', UNKNOWN_PRODUCT: '#d68b3a', PAYMENT_DECLINED: '#f0616d',
    SHIPPING_FAILED: '#c061f0', CUSTOMER_REQUESTED: '#8696a7', TIMED_OUT: '#6b7b8c'
  };
  const COMPLETED_COLOR = '#3fb970';
  const GOOD = new Set(['OrderCompleted']);
  const BAD = new Set(['OrderCancelled', 'InventoryReservationFailed', 'PaymentFailed', 'ShipmentFailed']);

  const money = new Intl.NumberFormat('en', { style: 'currency', currency: 'EUR' });
  const feed = new Map();       // eventId -> item
  const highValue = new Map();  // orderId -> order
  const bursts = new Map();     // customerId@windowStart -> alert
  let openOrder = null;

  const $ = (testId) => document.querySelector('[data-testid="' + testId + '"]');

  // ---- the admin token ----
  // What the dashboard shows spans customers: admin only. The token comes from the page's #token=… (a fragment
  // never reaches the server) or a prompt, and is kept for this tab only. EventSource cannot send headers, so the
  // stream gets it as ?access_token=, which only /api/stream accepts.
  const TOKEN_KEY = 'ordersaga.token';

  function token() {
    const fromFragment = new URLSearchParams(location.hash.slice(1)).get('token');
    if (fromFragment) {
      sessionStorage.setItem(TOKEN_KEY, fromFragment);
      history.replaceState(null, '', location.pathname + location.search);
    }
    let saved = sessionStorage.getItem(TOKEN_KEY);
    if (!saved) {
      saved = (window.prompt('An admin bearer token (bin/token --admin prints one):') || '').trim();
      if (saved) sessionStorage.setItem(TOKEN_KEY, saved);
    }
    return saved || '';
  }

  async function api(path) {
    const response = await fetch(path, { headers: { Authorization: 'Bearer ' + token() } });
    if (response.status === 401) sessionStorage.removeItem(TOKEN_KEY);
    return response;
  }

  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    Object.entries(attributes || {}).forEach(([name, value]) => {
      if (name === 'class') node.className = value;
      else if (name === 'style') node.style.cssText = value;
      else if (name === 'dataset') Object.assign(node.dataset, value);
      else node.setAttribute(name, value);
    });
    children.flat().forEach((child) => {
      if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
    });
    return node;
  }

  const time = (iso) => new Date(iso).toLocaleTimeString('en-GB', { hour12: false });
  const hour = (iso) => new Date(iso).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  const shortId = (uuid) => String(uuid).slice(0, 8);

  function setConnection(state, text) {
    const badge = $('connection');
    badge.dataset.state = state;
    badge.textContent = text || state;
  }

  // ---- counters, steps, outcomes, revenue (the "stats" event, every second) ----

  function renderStats(stats) {
    const saga = stats.saga;
    const inFlight = Object.values(saga.inFlight).reduce((sum, n) => sum + n, 0);
    $('orders-per-second').textContent = saga.ordersPerSecond.toFixed(1);
    $('in-flight-total').textContent = inFlight;
    $('completed-total').textContent = saga.completed;
    $('cancelled-total').textContent = saga.cancelled;
    const rate = saga.recent.successRate;
    $('success-rate').textContent = rate === null || rate === undefined ? '–' : (rate * 100).toFixed(1) + ' %';
    const minutes = saga.recent.minutes.length;
    $('success-window').textContent = 'last ' + minutes + ' min';
    $('outcome-window').textContent = 'last ' + minutes + ' min';
    renderSteps(saga.inFlight);
    renderOutcomes(saga.recent);
    renderRevenue(stats.revenue);
  }

  function renderSteps(inFlight) {
    const max = Math.max(1, ...Object.values(inFlight));
    Object.entries(inFlight).forEach(([step, count]) => {
      $('step-' + step).textContent = count;
      document.querySelector('.step[data-step="' + step + '"] .fill').style.width = (100 * count / max) + '%';
    });
  }

  function renderOutcomes(recent) {
    const chart = $('outcomes');
    const totals = recent.minutes.map((m) => m.completed + Object.values(m.cancelled).reduce((a, b) => a + b, 0));
    const max = Math.max(1, ...totals);
    chart.replaceChildren(...recent.minutes.map((minute, i) => {
      const segments = [el('div', { class: 'segment', title: minute.completed + ' completed',
        style: 'height:' + (100 * minute.completed / max) + '%;background:' + COMPLETED_COLOR })];
      Object.entries(minute.cancelled).forEach(([reason, n]) => segments.push(el('div', {
        class: 'segment', title: n + ' cancelled: ' + reason,
        style: 'height:' + (100 * n / max) + '%;background:' + (REASON_COLORS[reason] || '#8696a7') })));
      return el('div', { class: 'column' }, segments,
        i % 3 === 0 || i === recent.minutes.length - 1 ? el('span', { class: 'tick' }, hour(minute.start)) : null);
    }));
    const legend = [el('li', { style: '--swatch:' + COMPLETED_COLOR, 'data-testid': 'outcome-COMPLETED' },
      'completed', el('span', { class: 'n' }, recent.completed))];
    Object.entries(recent.cancelledByReason).forEach(([reason, n]) => legend.push(el('li', {
      style: '--swatch:' + (REASON_COLORS[reason] || '#8696a7'), 'data-testid': 'outcome-' + reason },
      reason.toLowerCase().replace(/_/g, ' '), el('span', { class: 'n' }, n))));
    $('outcome-legend').replaceChildren(...legend);
  }

  function renderRevenue(windows) {
    const chart = $('revenue');
    if (!windows.length) {
      chart.replaceChildren(el('span', { class: 'empty' }, 'no completed orders yet'));
      return;
    }
    const max = Math.max(...windows.map((w) => Number(w.amount)), 1);
    chart.replaceChildren(...windows.map((w) => {
      const height = 100 * Number(w.amount) / max;
      const top = w.customers.length ? '\ntop: ' + w.customers[0].customerId + ' ' + money.format(w.customers[0].amount) : '';
      return el('div', { class: 'column', title: money.format(w.amount) + ', ' + w.orders + ' orders' + top,
          dataset: { windowStart: w.start } },
        el('div', { class: 'segment', style: 'height:' + height + '%' }),
        el('span', { class: 'amount', style: 'bottom:calc(' + height + '% + 2px)' }, money.format(w.amount)),
        el('span', { class: 'tick' }, hour(w.start)));
    }));
    const last = windows[windows.length - 1];
    $('revenue-note').textContent = 'completed orders, all customers · current window: ' + last.orders
      + ' orders, ' + money.format(last.amount);
  }

  // ---- feed, high-value orders, bursts (pushed as they happen) ----

  function addEvent(item) {
    feed.set(item.eventId, item);
    if (feed.size > MAX_FEED) {
      const oldest = [...feed.values()].sort((a, b) => a.at.localeCompare(b.at))[0];
      feed.delete(oldest.eventId);
    }
  }

  function renderFeed() {
    const items = [...feed.values()].sort((a, b) => b.at.localeCompare(a.at));
    $('feed').replaceChildren(...(items.length ? items.map((item) =>
      el('li', { class: 'feed-item', dataset: { orderId: item.orderId, eventType: item.eventType } },
        el('span', { class: 'time' }, time(item.at)),
        el('span', { class: 'badge ' + item.eventType }, item.eventType),
        el('span', { class: 'order' }, shortId(item.orderId)),
        el('span', { class: 'summary' }, (item.customerId ? item.customerId + ' · ' : '') + item.summary)))
      : [el('li', { class: 'empty' }, 'waiting for events…')]));
  }

  function renderHighValue() {
    const orders = [...highValue.values()].sort((a, b) => b.completedAt.localeCompare(a.completedAt)).slice(0, MAX_LIST);
    $('high-value').replaceChildren(...(orders.length ? orders.map((order) =>
      el('li', { dataset: { orderId: order.orderId } },
        el('span', { class: 'time' }, time(order.completedAt)),
        el('span', { class: 'order' }, shortId(order.orderId)),
        el('span', null, order.customerId),
        el('span', { class: 'amount' }, money.format(order.totalAmount))))
      : [el('li', { class: 'empty' }, 'none yet')]));
  }

  function renderBursts() {
    const alerts = [...bursts.values()].sort((a, b) => b.windowStart.localeCompare(a.windowStart)).slice(0, MAX_LIST);
    $('bursts').replaceChildren(...(alerts.length ? alerts.map((alert) =>
      el('li', { dataset: { customerId: alert.customerId } },
        el('span', { class: 'time' }, hour(alert.windowStart) + '–' + hour(alert.windowEnd)),
        el('span', null, alert.customerId),
        el('span', { class: 'alert' }, alert.orders + ' orders > ' + alert.threshold)))
      : [el('li', { class: 'empty' }, 'none yet')]));
  }

  function addHighValue(order) {
    highValue.set(order.orderId, order);
  }

  function addBurst(alert) {
    bursts.set(alert.customerId + '@' + alert.windowStart, alert);
  }

  // ---- an order's timeline ----

  async function showTimeline(orderId) {
    openOrder = orderId;
    const panel = $('timeline');
    panel.dataset.orderId = orderId;
    $('timeline-placeholder').hidden = true;
    panel.querySelector('.selected').hidden = false;
    $('timeline-close').hidden = false;
    $('timeline-order').textContent = orderId;
    const response = await api('/api/orders/' + encodeURIComponent(orderId) + '/timeline');
    if (openOrder !== orderId) return;
    if (!response.ok) {
      $('timeline-facts').textContent = response.status === 404
        ? 'This order is no longer kept here.' : 'The timeline cannot be read right now.';
      $('timeline-entries').replaceChildren();
      return;
    }
    const journey = await response.json();
    const facts = [journey.customerId, journey.step || 'unknown step'];
    if (journey.cancellationReason) facts.push(journey.cancellationReason);
    if (journey.totalAmount !== undefined) facts.push(money.format(journey.totalAmount));
    $('timeline-facts').textContent = facts.join(' · ');
    panel.dataset.step = journey.step || '';
    $('timeline-entries').replaceChildren(...journey.timeline.map((entry) =>
      el('li', { class: 'timeline-entry' + (GOOD.has(entry.eventType) ? ' good' : BAD.has(entry.eventType) ? ' bad' : ''),
          dataset: { eventType: entry.eventType } },
        el('div', { class: 'line' }, el('span', { class: 'time' }, time(entry.at)),
          el('span', { class: 'badge ' + entry.eventType }, entry.eventType),
          el('span', { class: 'source' }, entry.source)),
        el('p', { class: 'summary' }, entry.summary))));
  }

  function refreshOpenTimeline(item) {
    if (openOrder && item.orderId === openOrder) showTimeline(openOrder);
  }

  document.addEventListener('click', (event) => {
    const row = event.target.closest('li[data-order-id]');
    if (row) showTimeline(row.dataset.orderId);
  });
  $('timeline-close').addEventListener('click', () => {
    openOrder = null;
    const panel = $('timeline');
    delete panel.dataset.orderId;
    delete panel.dataset.step;
    panel.querySelector('.selected').hidden = true;
    $('timeline-placeholder').hidden = false;
    $('timeline-close').hidden = true;
  });

  // Events can arrive by the hundred per second: render at most once per frame.
  const dirty = new Set();
  const renderers = { feed: renderFeed, highValue: renderHighValue, bursts: renderBursts };
  function scheduleRender(part) {
    if (!dirty.size) {
      requestAnimationFrame(() => {
        dirty.forEach((name) => renderers[name]());
        dirty.clear();
      });
    }
    dirty.add(part);
  }

  // ---- wiring ----

  async function loadSnapshot() {
    const response = await api('/api/dashboard');
    if (!response.ok) {
      setConnection('unavailable', 'analytics starting…');
      setTimeout(loadSnapshot, 2000);
      return;
    }
    const snapshot = await response.json();
    renderStats(snapshot.stats);
    snapshot.feed.events.forEach(addEvent);
    snapshot.feed.highValue.forEach(addHighValue);
    snapshot.feed.bursts.forEach(addBurst);
    renderFeed();
    renderHighValue();
    renderBursts();
  }

  function connect() {
    const stream = new EventSource('/api/stream?access_token=' + encodeURIComponent(token()));
    stream.onopen = () => {
      setConnection('live');
      loadSnapshot();
    };
    stream.onerror = () => setConnection('reconnecting', 'reconnecting…');
    stream.addEventListener('stats', (e) => {
      setConnection('live');
      renderStats(JSON.parse(e.data));
    });
    stream.addEventListener('unavailable', () => setConnection('unavailable', 'analytics rebalancing…'));
    stream.addEventListener('event', (e) => {
      const item = JSON.parse(e.data);
      addEvent(item);
      scheduleRender('feed');
      refreshOpenTimeline(item);
    });
    stream.addEventListener('high-value', (e) => {
      addHighValue(JSON.parse(e.data));
      scheduleRender('highValue');
    });
    stream.addEventListener('burst', (e) => {
      addBurst(JSON.parse(e.data));
      scheduleRender('bursts');
    });
  }

  connect();
}());
