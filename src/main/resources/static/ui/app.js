// campaign-delivery's own pages: a few helpers over /api, no framework and no build step.
'use strict';

const Api = {
  // Same-origin calls with the session cookie; the header marks them as the pages' own
  // (the server refuses state-changing calls from a session without it) and keeps the
  // browser from asking for HTTP Basic credentials.
  async call(method, path, body) {
    const response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: Object.assign({ 'X-Requested-With': 'campaign-delivery', Accept: 'application/json' },
        body === undefined ? {} : { 'Content-Type': 'application/json' }),
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.status === 401) {
      location.assign('/login?next=' + encodeURIComponent(location.pathname + location.search));
      throw new Error('Not logged in');
    }
    const text = await response.text();
    const json = text ? JSON.parse(text) : null;
    if (!response.ok) {
      const error = new Error((json && (json.detail || json.title)) || response.statusText);
      error.status = response.status;
      error.problem = json;
      throw error;
    }
    return json;
  },
  get(path) { return this.call('GET', path); },
  post(path, body) { return this.call('POST', path, body); },
};

const Ui = {
  me: null,
  el(tag, attributes, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name.startsWith('on')) element.addEventListener(name.substring(2), value);
      else element.setAttribute(name, value === true ? '' : value);
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined) continue;
      element.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return element;
  },
  number(n) { return n === null || n === undefined ? '–' : Number(n).toLocaleString('en'); },
  percent(p) { return p === null || p === undefined ? '–' : Number(p).toLocaleString('en', { maximumFractionDigits: 1 }) + ' %'; },
  time(t) { return t ? new Date(t).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'medium' }) : '–'; },
  // How the API's reasons read on the pages; the API keeps its values, and a value missing here shows as the API
  // names it rather than not at all.
  labels: {
    exclusion: { EMPTY_ADDRESS: 'Empty address', INVALID_ADDRESS: 'Invalid address', DUPLICATE: 'Duplicate',
      QUARANTINED: 'In quarantine', DENYLISTED: 'On the denylist', FATIGUE: 'Fatigue rule' },
    failureType: { HARD: 'Hard bounce', SOFT: 'Soft bounce', IGNORED: 'Ignored' },
    failureReason: { USER_UNKNOWN: 'User unknown', MAILBOX_FULL: 'Mailbox full', INVALID_DOMAIN: 'Invalid domain',
      ACCOUNT_DISABLED: 'Account disabled', UNREACHABLE: 'Unreachable', REFUSED: 'Refused by the MTA',
      DELIVERY_TIME_EXPIRED: 'Validity period expired', OUT_OF_OFFICE: 'Out of office', NOT_DEFINED: 'Not qualified' },
    alert: { AUTO_PAUSED: 'Paused by the guard', FAILED: 'Failed', VALIDITY_ENDED: 'Validity period ended',
      STALLED: 'Stalled' },
  },
  label(kind, value) { return value === null || value === undefined ? '' : (Ui.labels[kind][value] || String(value)); },
  badge(status) { return Ui.el('span', { class: 'badge ' + status, 'data-status': status }, status.replaceAll('_', ' ')); },
  memberOf(...groups) { return !!Ui.me && groups.some((g) => Ui.me.groups.includes(g)); },
  // The header every page shares; resolves with the logged-in user.
  async header() {
    Ui.me = await Api.get('/api/me');
    const nav = [
      Ui.el('span', { class: 'product' }, 'campaign-delivery'),
      Ui.el('a', { href: '/deliveries' }, 'Deliveries'),
      Ui.el('a', { href: '/camunda/app/tasklist/' }, 'Tasklist'),
    ];
    if (Ui.memberOf('camunda-admin')) nav.push(Ui.el('a', { href: '/camunda/app/cockpit/' }, 'Cockpit'));
    if (Ui.memberOf('camunda-admin', 'delivery-starters')) nav.push(Ui.el('a', { href: '/sandbox' }, 'Sandbox inbox'));
    nav.push(Ui.el('a', { href: '/swagger-ui/index.html' }, 'API'));
    nav.push(Ui.el('span', { class: 'user' }, 'Logged in as ', Ui.el('b', { id: 'current-user' }, Ui.me.id), ' ',
      Ui.el('button', { id: 'logout', onclick: Ui.logout }, 'Log out')));
    document.querySelector('header.top').replaceChildren(...nav);
    return Ui.me;
  },
  async logout() {
    await fetch('/logout', { method: 'POST', credentials: 'same-origin', headers: { 'X-Requested-With': 'campaign-delivery' } });
    location.assign('/login');
  },
  fail(error) {
    const box = document.getElementById('error');
    if (box) box.textContent = error.message;
    console.error(error);
  },
};
