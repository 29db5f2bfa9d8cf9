// The ops page: the admin token lives in this tab's sessionStorage and is sent only as an
// Authorization header (never a cookie, so no other site can make the browser use it).
// Every value is written with textContent, never as HTML.
'use strict';

const KEY = 'intake.ops.token';
const REFRESH_MS = 5000;
const $ = (id) => document.getElementById(id);
let timer = null;
let dlqDestination = null;

function say(text) {
  $('message').textContent = text || '';
}

async function api(method, path) {
  const res = await fetch(path, {
    method,
    cache: 'no-store',
    credentials: 'omit',
    headers: { Authorization: 'Bearer ' + sessionStorage.getItem(KEY), Accept: 'application/json' },
  });
  const body = await res.json().catch(() => ({}));
  if (res.status === 401) {
    logout(body.detail || 'The admin token was refused.');
    throw new Error('unauthorized');
  }
  if (!res.ok) {
    throw new Error(body.detail || 'HTTP ' + res.status);
  }
  return body;
}

function cell(row, text, numeric) {
  const td = document.createElement('td');
  td.textContent = text === undefined || text === null ? '–' : String(text);
  if (numeric) {
    td.className = 'num';
  }
  row.appendChild(td);
  return td;
}

function button(row, label, name, onClick) {
  const td = document.createElement('td');
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  b.dataset.action = name;
  b.addEventListener('click', onClick);
  td.appendChild(b);
  row.appendChild(td);
}

function seconds(value) {
  return value === undefined ? undefined : Number(value).toFixed(1) + ' s';
}

function renderRedis(overview) {
  const redis = overview.redis;
  $('redis-status').textContent = redis.status;
  $('redis-status').dataset.status = redis.status;
  $('redis-ping').textContent = String(redis.pingMillis);
  $('redis-down').textContent = redis.downForSeconds > 0 ? ', down for ' + redis.downForSeconds + ' s' : '';
  $('generated-at').textContent = overview.generatedAt;
}

function renderChannels(channels) {
  $('window').textContent = String(channels.windowSeconds);
  const body = $('channels').tBodies[0];
  body.replaceChildren();
  for (const c of channels.list) {
    const row = body.insertRow();
    row.dataset.channel = c.channel;
    cell(row, c.channel);
    [c.accepted, c.duplicate, c.refused, c.acceptedPerMinute, c.duplicatePerMinute, c.refusedPerMinute]
      .forEach((v) => cell(row, v, true));
  }
}

function renderDestinations(sampled, live) {
  const byName = new Map(live.destinations.map((d) => [d.name, d]));
  const body = $('destinations').tBodies[0];
  body.replaceChildren();
  for (const s of sampled) {
    const d = byName.get(s.name) || {};
    const row = body.insertRow();
    row.dataset.destination = s.name;
    if (d.deadLetters > 0 || !s.enabled) {
      row.className = 'alert';
    }
    cell(row, s.name);
    cell(row, s.enabled ? 'enabled' : 'disabled' + (d.disabledReason ? ': ' + d.disabledReason : ''));
    cell(row, s.breaker);
    cell(row, s.backlog, true);
    cell(row, d.pending, true);
    cell(row, d.lagMillis === undefined ? undefined : seconds(d.lagMillis / 1000), true);
    cell(row, seconds(s.oldestUnackedAgeSeconds), true);
    cell(row, d.retryScheduled, true).dataset.field = 'retryScheduled';
    cell(row, d.deadLetters, true).dataset.field = 'deadLetters';
    button(row, 'Dead letters', 'dead-letters', () => showDeadLetters(s.name));
  }
}

async function refresh() {
  try {
    const [overview, live] = await Promise.all([
      api('GET', '/admin/ops/overview'),
      api('GET', '/admin/delivery/destinations'),
    ]);
    renderRedis(overview);
    renderChannels(overview.channels);
    renderDestinations(overview.destinations, live);
    $('dashboard').dataset.loaded = 'true';
  } catch (e) {
    if (e.message !== 'unauthorized') {
      say('Could not load: ' + e.message);
    }
  }
}

function path(name) {
  return '/admin/delivery/destinations/' + encodeURIComponent(name);
}

async function showDeadLetters(name) {
  dlqDestination = name;
  $('dlq').hidden = false;
  $('dlq-name').textContent = name;
  const list = await api('GET', path(name) + '/dead-letters?count=50');
  const body = $('dead-letters').tBodies[0];
  body.replaceChildren();
  $('dlq-empty').hidden = list.deadLetters.length > 0;
  for (const dl of list.deadLetters) {
    const row = body.insertRow();
    row.dataset.eventId = dl.eventId;
    cell(row, new Date(dl.deadAt).toISOString());
    cell(row, dl.eventId);
    cell(row, dl.type);
    cell(row, dl.attempts, true);
    cell(row, dl.status, true);
    cell(row, dl.error);
    button(row, 'Inspect', 'inspect', () => inspect(name, dl));
    button(row, 'Replay', 'replay', () => replay(name, dl));
  }
  $('dlq').dataset.loaded = name;
}

async function inspect(name, dl) {
  const one = await api('GET', path(name) + '/dead-letters/' + dl.partition + '/' + encodeURIComponent(dl.id));
  $('inspect').hidden = false;
  $('inspect-id').textContent = one.eventId;
  $('inspect-event').textContent = JSON.stringify(one.event || one.eventText, null, 2);
}

async function replay(name, dl) {
  try {
    const done = await api('POST', path(name) + '/replay?eventId=' + encodeURIComponent(dl.eventId));
    say('Replayed ' + done.replayed + ' dead letter(s) of event ' + dl.eventId + ' to ' + name + '.');
    $('inspect').hidden = true;
    await showDeadLetters(name);
    await refresh();
  } catch (e) {
    if (e.message !== 'unauthorized') {
      say('Replay failed: ' + e.message);
    }
  }
}

function showDashboard() {
  $('login').hidden = true;
  $('dashboard').hidden = false;
  $('logout').hidden = false;
  refresh();
  timer = setInterval(refresh, REFRESH_MS);
}

function logout(reason) {
  sessionStorage.removeItem(KEY);
  clearInterval(timer);
  timer = null;
  $('dashboard').hidden = true;
  $('logout').hidden = true;
  $('login').hidden = false;
  say(reason || '');
}

document.addEventListener('DOMContentLoaded', () => {
  $('login').addEventListener('submit', async (event) => {
    event.preventDefault();
    sessionStorage.setItem(KEY, $('token').value);
    $('token').value = '';
    try {
      await api('GET', '/admin/ops/overview');
      say('');
      showDashboard();
    } catch (e) {
      if (e.message !== 'unauthorized') {
        say('Could not log in: ' + e.message);
      }
    }
  });
  $('logout').addEventListener('click', () => logout('Logged out.'));
  $('dlq-refresh').addEventListener('click', () => dlqDestination && showDeadLetters(dlqDestination));
  if (sessionStorage.getItem(KEY)) {
    showDashboard();
  }
});
