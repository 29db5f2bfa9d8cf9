/* The appeal form: solves the proof-of-work in a worker as soon as the page opens, sends the form
   as multipart with, in headers (checked before a byte of the body is stored), the CSRF token, the
   solution (X-Altcha) and an idempotency key per filling (Idempotency-Key: a retry or a double
   click is one ticket), then shows the receipt. */
(function () {
  'use strict';
  var t = window.I18N.t;
  var form, submit, powStatus, errorBox;
  var state = { challenge: null, payload: null, csrf: null, maxPhotos: 3, key: null, busy: false };
  var worker = null;
  var waiting = null;

  function newKey() {
    if (window.crypto && window.crypto.randomUUID) { return window.crypto.randomUUID(); }
    var b = new Uint8Array(16);
    window.crypto.getRandomValues(b);
    return Array.prototype.map.call(b, function (x) { return ('0' + x.toString(16)).slice(-2); }).join('');
  }

  function setPow(key) {
    powStatus.setAttribute('data-i18n', key);
    powStatus.textContent = t(key);
    powStatus.dataset.state = key;
  }

  function solve() {
    state.payload = null;
    setPow('pow.working');
    return fetch('/channels/web/v1/challenge', { credentials: 'same-origin', cache: 'no-store' })
      .then(function (r) { if (!r.ok) { throw new Error('challenge ' + r.status); } return r.json(); })
      .then(function (c) {
        state.challenge = c;
        state.csrf = c.csrfToken;
        state.maxPhotos = c.maxPhotos || state.maxPhotos;
        document.getElementById('max-photos').textContent = String(state.maxPhotos);
        return new Promise(function (resolve, reject) {
          if (worker) { worker.terminate(); }
          worker = new Worker('/assets/pow-worker.js');
          worker.onmessage = function (e) {
            if (e.data.number === null) { reject(new Error('unsolved')); return; }
            state.payload = btoa(JSON.stringify({
              algorithm: c.algorithm, challenge: c.challenge, number: e.data.number,
              salt: c.salt, signature: c.signature, took: e.data.took }));
            setPow('pow.done');
            resolve(state.payload);
          };
          worker.onerror = function () { reject(new Error('worker')); };
          worker.postMessage({ challenge: c.challenge, salt: c.salt, maxnumber: c.maxnumber });
        });
      })
      .catch(function (e) { setPow('pow.failed'); throw e; });
  }

  function showError(message) {
    errorBox.textContent = message;
    errorBox.hidden = false;
    errorBox.focus();
  }

  function validate(photos) {
    if (!form.querySelector('input[name="appealType"]:checked')) {
      form.querySelector('input[name="appealType"]').focus();
      return t('err.required.appealType');
    }
    if (!document.getElementById('description').value.trim()) {
      document.getElementById('description').focus();
      return t('err.required.description');
    }
    if (photos.length > state.maxPhotos) { return t('err.tooManyPhotos', { n: state.maxPhotos }); }
    return null;
  }

  function body(photos) {
    var data = new FormData();
    ['description', 'address', 'latitude', 'longitude', 'phone', 'name', 'website'].forEach(function (n) {
      var v = document.getElementById(n).value;
      if (v.trim() !== '' || n === 'website') { data.append(n, v); }
    });
    data.append('appealType', form.querySelector('input[name="appealType"]:checked').value);
    Array.prototype.forEach.call(photos, function (f) { data.append('photos', f, f.name); });
    return data;
  }

  /* double submit: the token the server last set in its cookie (each challenge renews it) */
  function csrfCookie() {
    var m = /(?:^|;\s*)intake_csrf=([^;]+)/.exec(document.cookie);
    return m ? m[1] : null;
  }

  function send(photos) {
    return fetch('/channels/web/v1/submissions', {
      method: 'POST', credentials: 'same-origin', body: body(photos),
      headers: {
        'X-CSRF-Token': csrfCookie() || state.csrf, 'X-Altcha': state.payload,
        'Idempotency-Key': state.key, 'Accept': 'application/json'
      }
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (j) { return { status: r.status, json: j }; });
    });
  }

  function refused(answer) {
    var code = answer.json.code || 'generic';
    var text = t('err.' + code);
    if (text === 'err.' + code) { text = t('err.generic'); }
    if (code === 'invalid_submission' && answer.json.detail) { text += answer.json.detail; }
    showError(text);
    if (/^proof_of_work|^csrf/.test(code)) { waiting = solve().catch(function () { /* shown */ }); }
  }

  function onSubmit(event) {
    event.preventDefault();
    if (state.busy) { return; }
    errorBox.hidden = true;
    var photos = document.getElementById('photos').files;
    var problem = validate(photos);
    if (problem) { showError(problem); return; }
    state.busy = true;
    submit.disabled = true;
    submit.textContent = t('form.sending');
    (state.payload ? Promise.resolve() : (waiting || solve()))
      .then(function () { return send(photos); })
      .then(function (answer) {
        if (answer.status === 200 || answer.status === 201 || answer.status === 202) {
          receipt(answer.json);
        } else {
          refused(answer);
        }
      }, function () { showError(t('err.network')); })
      .then(function () {
        state.busy = false;
        submit.disabled = false;
        submit.textContent = t('form.submit');
      });
  }

  function receiptText(n, c) {
    return t('receipt.text', { n: n, c: c, u: window.location.origin + '/lookup' });
  }

  function receipt(r) {
    document.getElementById('tracking-number').textContent = r.trackingNumber;
    document.getElementById('query-code').textContent = r.queryCode;
    var blob = new Blob([receiptText(r.trackingNumber, r.queryCode)], { type: 'text/plain;charset=utf-8' });
    var link = document.getElementById('download');
    link.href = URL.createObjectURL(blob);
    link.download = '12345-' + r.trackingNumber + '.txt';
    document.getElementById('track').href = '/lookup#n=' + encodeURIComponent(r.trackingNumber);
    form.hidden = true;
    var section = document.getElementById('receipt');
    section.hidden = false;
    section.focus();
    state.key = null;
    state.payload = null;
  }

  function copy() {
    var text = receiptText(document.getElementById('tracking-number').textContent,
      document.getElementById('query-code').textContent);
    var status = document.getElementById('copy-status');
    if (!navigator.clipboard) { status.textContent = t('receipt.copyFailed'); return; }
    navigator.clipboard.writeText(text).then(
      function () { status.textContent = t('receipt.copied'); },
      function () { status.textContent = t('receipt.copyFailed'); });
  }

  function locate() {
    var status = document.getElementById('locate-status');
    if (!navigator.geolocation) { status.textContent = t('form.locateFailed'); return; }
    status.textContent = t('form.locating');
    navigator.geolocation.getCurrentPosition(function (p) {
      document.getElementById('latitude').value = p.coords.latitude.toFixed(6);
      document.getElementById('longitude').value = p.coords.longitude.toFixed(6);
      status.textContent = t('form.located');
    }, function () { status.textContent = t('form.locateFailed'); },
    { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
  }

  function again() {
    form.reset();
    form.hidden = false;
    document.getElementById('receipt').hidden = true;
    state.key = newKey();
    waiting = solve().catch(function () { /* shown */ });
    document.getElementById('description').focus();
  }

  document.addEventListener('DOMContentLoaded', function () {
    form = document.getElementById('appeal');
    submit = document.getElementById('submit');
    powStatus = document.getElementById('pow-status');
    errorBox = document.getElementById('form-error');
    state.key = newKey();
    form.addEventListener('submit', onSubmit);
    form.addEventListener('input', function () { if (!state.key) { state.key = newKey(); } });
    document.getElementById('locate').addEventListener('click', locate);
    document.getElementById('copy').addEventListener('click', copy);
    document.getElementById('print').addEventListener('click', function () { window.print(); });
    document.getElementById('again').addEventListener('click', again);
    waiting = solve().catch(function () { /* shown */ });
  });
}());
