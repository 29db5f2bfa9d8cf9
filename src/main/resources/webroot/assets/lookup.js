/* 进度查询: tracking number + query code -> POST /v1/lookup -> status, history and reply. */
(function () {
  'use strict';
  var t = window.I18N.t;
  var last = null;

  function when(iso) {
    var d = new Date(iso);
    if (isNaN(d.getTime())) { return iso; }
    return d.toLocaleString(window.I18N.lang() === 'en' ? 'en-GB' : 'zh-CN', { hour12: false });
  }

  function statusLabel(s) {
    var label = t('status.' + s);
    return label === 'status.' + s ? s : label;
  }

  function render(r) {
    last = r;
    var status = document.getElementById('status');
    status.textContent = statusLabel(r.status);
    status.setAttribute('data-status', r.status);
    var list = document.getElementById('history');
    list.textContent = '';
    (r.history || []).forEach(function (h) {
      var li = document.createElement('li');
      li.setAttribute('data-status', h.status);
      var head = document.createElement('strong');
      head.textContent = statusLabel(h.status);
      var time = document.createElement('time');
      time.dateTime = h.at;
      time.textContent = ' ' + when(h.at);
      li.appendChild(head);
      li.appendChild(time);
      if (h.department) {
        var dep = document.createElement('div');
        dep.textContent = t('lookup.department') + ': ' + h.department;
        li.appendChild(dep);
      }
      if (h.note) {
        var note = document.createElement('div');
        note.textContent = h.note;
        li.appendChild(note);
      }
      list.appendChild(li);
    });
    var replyBlock = document.getElementById('reply-block');
    replyBlock.hidden = !r.reply;
    document.getElementById('reply').textContent = r.reply || '';
    var ratingBlock = document.getElementById('rating-block');
    ratingBlock.hidden = !r.rating;
    if (r.rating) {
      var text = t('rating.' + r.rating.rating);
      if (r.rating.solved === true || r.rating.solved === false) {
        text += ' · ' + t(r.rating.solved ? 'rating.solved' : 'rating.notSolved');
      }
      if (r.reopenRequested) {
        text += ' · ' + t('rating.reopen');
      }
      document.getElementById('rating').textContent = text;
    }
    var rate = document.getElementById('rate-link');
    rate.hidden = !r.rateUrl;
    if (r.rateUrl) {
      rate.href = r.rateUrl + (window.I18N.lang() === 'en' ? '?lang=en' : '');
    }
    var section = document.getElementById('result');
    section.hidden = false;
    section.focus();
  }

  function fail(message) {
    var box = document.getElementById('lookup-error');
    box.textContent = message;
    box.hidden = false;
    box.focus();
  }

  function onSubmit(event) {
    event.preventDefault();
    document.getElementById('lookup-error').hidden = true;
    var number = document.getElementById('tracking').value.replace(/\s+/g, '');
    var code = document.getElementById('code').value.replace(/\s+/g, '');
    if (!number || !code) { fail(t('err.required.lookup')); return; }
    var button = document.getElementById('lookup-submit');
    button.disabled = true;
    button.textContent = t('lookup.searching');
    fetch('/v1/lookup', {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
      body: JSON.stringify({ trackingNumber: number, queryCode: code })
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (j) {
        if (r.ok) { render(j); return; }
        document.getElementById('result').hidden = true;
        var text = t('err.' + (j.code || 'generic'));
        fail(text.indexOf('err.') === 0 ? t('err.generic') : text);
      });
    }, function () { fail(t('err.generic')); })
      .then(function () { button.disabled = false; button.textContent = t('lookup.submit'); });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var m = /(?:^|[#&])n=(\d{1,32})/.exec(window.location.hash);
    if (m) { document.getElementById('tracking').value = m[1]; }
    document.getElementById('lookup').addEventListener('submit', onSubmit);
    window.I18N.onChange(function () { if (last) { render(last); } });
  });
}());
