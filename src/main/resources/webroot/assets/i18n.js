/* Page texts in zh-CN (default) and English. Elements name their text with data-i18n; the
   language is ?lang=en|zh, else the last choice, else zh-CN; switching needs no reload. */
(function () {
  'use strict';
  var T = {
    'zh-CN': {
      'skip': '跳到主要内容',
      'brand': '12345 政务服务便民热线',
      'nav.label': '站点',
      'nav.form': '提交诉求',
      'nav.lookup': '进度查询',
      'form.title': '12345 网上诉求',
      'form.heading': '网上提交诉求',
      'form.lead': '咨询、求助、投诉、举报、建议均可在此提交。提交后您会得到受理编号和查询码。',
      'form.type': '诉求类型',
      'type.consultation': '咨询', 'type.help': '求助', 'type.complaint': '投诉',
      'type.report': '举报', 'type.suggestion': '建议',
      'form.description': '问题描述',
      'form.descriptionHint': '请写明发生了什么、何时发生、您希望如何处理（不超过 5000 字）。',
      'form.address': '地址',
      'form.addressHint': '例如：朝阳区建国路 88 号小区东门',
      'form.coordinates': '位置坐标（可选）',
      'form.latitude': '纬度', 'form.longitude': '经度',
      'form.locate': '使用我的位置',
      'form.locating': '正在获取位置…',
      'form.located': '已填入您当前的位置。',
      'form.locateFailed': '无法获取位置，请手动填写地址。',
      'form.contact': '联系方式（可选）',
      'form.contactHint': '留下电话便于回访；电话和姓名加密保存，只有承办单位可以查看。',
      'form.phone': '手机号码', 'form.name': '姓名',
      'form.photos': '照片（可选）',
      'form.photosHint': 'JPEG、PNG、WebP 或 HEIC，最多', 'form.photosUnit': '张',
      'form.submit': '提交诉求', 'form.sending': '正在提交…',
      'pow.working': '正在进行防机器人校验…',
      'pow.done': '防机器人校验已完成，可以提交。',
      'pow.failed': '防机器人校验未能完成，请刷新页面重试。',
      'receipt.heading': '诉求已受理',
      'receipt.trackingNumber': '受理编号', 'receipt.queryCode': '查询码',
      'receipt.keep': '请保存受理编号和查询码：凭这两个号码可以查询办理进度。查询码不会再次显示。',
      'receipt.copy': '复制', 'receipt.copied': '已复制到剪贴板。',
      'receipt.copyFailed': '无法自动复制，请手动抄写。',
      'receipt.download': '下载为文本文件', 'receipt.print': '打印',
      'receipt.lookup': '查询进度', 'receipt.again': '再提交一条诉求',
      'receipt.text': '12345 诉求回执\n受理编号：{n}\n查询码：{c}\n查询进度：{u}\n',
      'lookup.title': '12345 进度查询', 'lookup.heading': '办理进度查询',
      'lookup.lead': '输入受理编号和查询码，查看诉求的办理进度和答复。',
      'lookup.submit': '查询', 'lookup.current': '当前状态：',
      'lookup.history': '办理经过', 'lookup.reply': '答复', 'lookup.rating': '评价', 'lookup.rate': '评价本次办理',
      'rating.satisfied': '满意', 'rating.basically_satisfied': '基本满意',
      'rating.dissatisfied': '不满意', 'rating.solved': '问题已解决',
      'rating.notSolved': '问题未解决', 'rating.reopen': '已转督办',
      'lookup.department': '承办单位', 'lookup.searching': '正在查询…',
      'status.received': '已受理', 'status.dispatched': '已派单', 'status.in_progress': '办理中',
      'status.replied': '已答复', 'status.closed': '已办结',
      'err.required.appealType': '请选择诉求类型。',
      'err.required.description': '请填写问题描述。',
      'err.required.lookup': '请填写受理编号和查询码。',
      'err.tooManyPhotos': '照片最多 {n} 张。',
      'err.network': '网络连接中断，诉求可能未送达。请检查网络后再次点击提交（不会重复受理）。',
      'err.invalid_submission': '表单内容有误：',
      'err.submission_refused': '一个应当留空的隐藏字段被填写了（常见于浏览器自动填表）。诉求未提交；请关闭本页的自动填表后重试。',
      'err.proof_of_work_required': '防机器人校验尚未完成，请稍候再提交。',
      'err.proof_of_work_invalid': '防机器人校验已失效，页面已重新校验，请再次提交。',
      'err.proof_of_work_replayed': '该防机器人校验已被使用，页面已重新校验，请再次提交。',
      'err.csrf_token_invalid': '页面安全令牌已过期，已自动更新，请再次提交。',
      'err.rate_limited': '提交过于频繁，请稍后再试，或拨打 12345。',
      'err.unsupported_media_type': '只能上传 JPEG、PNG、WebP 或 HEIC 格式的照片。',
      'err.body_too_large': '照片太大，请压缩后再上传。',
      'err.store_unavailable': '系统繁忙，诉求未提交，请稍后再试。',
      'err.lookup_failed': '受理编号或查询码不正确。',
      'err.generic': '提交未成功，请稍后再试或拨打 12345。',
      'footer': '紧急情况请拨打 110、119、120。本页面不使用任何第三方脚本或字体。'
    },
    'en': {
      'skip': 'Skip to main content',
      'brand': '12345 Citizen Service Hotline',
      'nav.label': 'Site',
      'nav.form': 'File an appeal',
      'nav.lookup': 'Track progress',
      'form.title': '12345 online appeal',
      'form.heading': 'File an appeal online',
      'form.lead': 'Ask a question, ask for help, complain, report or suggest. You will get a tracking number and a query code.',
      'form.type': 'Kind of appeal',
      'type.consultation': 'Question', 'type.help': 'Help', 'type.complaint': 'Complaint',
      'type.report': 'Report', 'type.suggestion': 'Suggestion',
      'form.description': 'What happened',
      'form.descriptionHint': 'What happened, when, and what you would like done (at most 5000 characters).',
      'form.address': 'Address',
      'form.addressHint': 'For example: east gate, 88 Jianguo Road, Chaoyang District',
      'form.coordinates': 'Coordinates (optional)',
      'form.latitude': 'Latitude', 'form.longitude': 'Longitude',
      'form.locate': 'Use my location',
      'form.locating': 'Finding your location…',
      'form.located': 'Your current location was filled in.',
      'form.locateFailed': 'Your location is not available; please type the address.',
      'form.contact': 'Contact (optional)',
      'form.contactHint': 'Leave a phone number for a call back; phone and name are stored encrypted and only the handling office can read them.',
      'form.phone': 'Mobile phone', 'form.name': 'Name',
      'form.photos': 'Photos (optional)',
      'form.photosHint': 'JPEG, PNG, WebP or HEIC, at most', 'form.photosUnit': 'photos',
      'form.submit': 'Send appeal', 'form.sending': 'Sending…',
      'pow.working': 'Running the anti-robot check…',
      'pow.done': 'Anti-robot check done; you can send.',
      'pow.failed': 'The anti-robot check did not finish; please reload the page.',
      'receipt.heading': 'Your appeal was received',
      'receipt.trackingNumber': 'Tracking number', 'receipt.queryCode': 'Query code',
      'receipt.keep': 'Keep the tracking number and the query code: you need both to follow your appeal. The query code is not shown again.',
      'receipt.copy': 'Copy', 'receipt.copied': 'Copied to the clipboard.',
      'receipt.copyFailed': 'Could not copy; please write them down.',
      'receipt.download': 'Download as text file', 'receipt.print': 'Print',
      'receipt.lookup': 'Track progress', 'receipt.again': 'File another appeal',
      'receipt.text': '12345 appeal receipt\nTracking number: {n}\nQuery code: {c}\nTrack progress: {u}\n',
      'lookup.title': '12345 progress', 'lookup.heading': 'Track an appeal',
      'lookup.lead': 'Enter the tracking number and the query code to see the progress and the reply.',
      'lookup.submit': 'Look up', 'lookup.current': 'Current status: ',
      'lookup.history': 'History', 'lookup.reply': 'Reply', 'lookup.rating': 'Rating', 'lookup.rate': 'Rate the handling',
      'rating.satisfied': 'Satisfied', 'rating.basically_satisfied': 'Mostly satisfied',
      'rating.dissatisfied': 'Dissatisfied', 'rating.solved': 'problem solved',
      'rating.notSolved': 'problem not solved', 'rating.reopen': 'sent back for supervision',
      'lookup.department': 'Handled by', 'lookup.searching': 'Looking up…',
      'status.received': 'Received', 'status.dispatched': 'Dispatched', 'status.in_progress': 'In progress',
      'status.replied': 'Replied', 'status.closed': 'Closed',
      'err.required.appealType': 'Choose the kind of appeal.',
      'err.required.description': 'Describe what happened.',
      'err.required.lookup': 'Enter the tracking number and the query code.',
      'err.tooManyPhotos': 'At most {n} photos.',
      'err.network': 'The connection dropped and the appeal may not have arrived. Check the network and press Send again (it will not be filed twice).',
      'err.invalid_submission': 'Please correct the form: ',
      'err.submission_refused': 'A hidden field that must stay empty was filled in (browsers that fill forms automatically do this). The appeal was not sent; turn autofill off for this page and try again.',
      'err.proof_of_work_required': 'The anti-robot check has not finished yet; please wait a moment and send again.',
      'err.proof_of_work_invalid': 'The anti-robot check expired; the page ran a new one, please send again.',
      'err.proof_of_work_replayed': 'That anti-robot check was already used; the page ran a new one, please send again.',
      'err.csrf_token_invalid': 'The page security token expired and was renewed; please send again.',
      'err.rate_limited': 'Too many appeals were sent recently; please try again later or call 12345.',
      'err.unsupported_media_type': 'Only JPEG, PNG, WebP or HEIC photos can be attached.',
      'err.body_too_large': 'The photos are too large; please make them smaller.',
      'err.store_unavailable': 'The service is busy and the appeal was not sent; please try again shortly.',
      'err.lookup_failed': 'The tracking number or the query code is not right.',
      'err.generic': 'That did not work; please try again later or call 12345.',
      'footer': 'In an emergency call 110, 119 or 120. This page uses no third-party scripts or fonts.'
    }
  };

  function pick() {
    var q = new URLSearchParams(window.location.search).get('lang');
    if (q) { return /^en/i.test(q) ? 'en' : 'zh-CN'; }
    try {
      var saved = window.localStorage.getItem('intake.lang');
      if (saved === 'en' || saved === 'zh-CN') { return saved; }
    } catch (e) { /* storage off */ }
    return 'zh-CN';
  }

  var lang = pick();
  var listeners = [];

  function t(key, vars) {
    var s = (T[lang] && T[lang][key]) || T['zh-CN'][key] || key;
    if (vars) {
      Object.keys(vars).forEach(function (k) { s = s.split('{' + k + '}').join(vars[k]); });
    }
    return s;
  }

  function apply() {
    document.documentElement.lang = lang;
    document.querySelectorAll('[data-i18n]').forEach(function (el) {
      el.textContent = t(el.getAttribute('data-i18n'));
    });
    document.querySelectorAll('[data-i18n-aria]').forEach(function (el) {
      el.setAttribute('aria-label', t(el.getAttribute('data-i18n-aria')));
    });
    document.querySelectorAll('[data-lang-toggle]').forEach(function (b) {
      b.textContent = lang === 'en' ? '中文' : 'English';
      b.lang = lang === 'en' ? 'zh-CN' : 'en';
    });
    listeners.forEach(function (f) { f(lang); });
  }

  function set(next) {
    lang = next;
    try { window.localStorage.setItem('intake.lang', lang); } catch (e) { /* storage off */ }
    apply();
  }

  window.I18N = {
    t: t,
    lang: function () { return lang; },
    onChange: function (f) { listeners.push(f); }
  };

  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('[data-lang-toggle]').forEach(function (b) {
      b.addEventListener('click', function () { set(lang === 'en' ? 'zh-CN' : 'en'); });
    });
    apply();
  });
}());
