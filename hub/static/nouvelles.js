// « Nouveautés » on the hub's home page (hub/src/events/homeNews.ts): news added as it
// comes, from the hub's event stream, and said by the page's aria-live region. Hub
// pages carry no inline script (CSP `script-src 'self'`); without this file the page
// still shows the news it was rendered with.
'use strict';
(function () {
  var list = document.getElementById('cdc-news');
  if (!list || typeof EventSource === 'undefined') {
    return;
  }
  var templates = JSON.parse(list.getAttribute('data-templates') || '{}');
  var empty = document.getElementById('cdc-news-empty');
  var live = document.getElementById('cdc-news-live');
  var lastId = list.getAttribute('data-last-event-id') || '';
  var xsrf = list.getAttribute('data-xsrf') || '';
  var joinLabel = list.getAttribute('data-join-label') || 'Rejoindre';
  var delay = 1000;

  // The same choice of sentence as newsText() in homeNews.ts.
  function sentence(event) {
    var data = event.data || {};
    var variant =
      event.kind === 'assignment.new' && data.className === null
        ? '.code'
        : event.kind === 'assignment.submitted' && data.late === true
          ? '.late'
          : '';
    var template = templates[event.kind + variant];
    if (!template) {
      return null;
    }
    return template.text.replace(/%(\d)/g, function (placeholder, n) {
      var value = data[template.fields[Number(n) - 1]];
      return value === undefined || value === null
        ? placeholder
        : String(value);
    });
  }

  // A help request's « Rejoindre »: the same form as joinForm() in homeNews.ts.
  function joinForm(helpRequestId, sentenceId) {
    var form = document.createElement('form');
    form.className = 'cdc-inline cdc-news-join';
    form.method = 'post';
    form.action =
      '/hub/aide/' + encodeURIComponent(helpRequestId) + '/rejoindre';
    var token = document.createElement('input');
    token.type = 'hidden';
    token.name = '_xsrf';
    token.value = xsrf;
    var button = document.createElement('button');
    button.type = 'submit';
    button.setAttribute('aria-describedby', sentenceId);
    button.textContent = joinLabel;
    form.appendChild(token);
    form.appendChild(button);
    return form;
  }

  function show(text, event) {
    var item = document.createElement('li');
    var helpRequestId =
      event.kind === 'help.request' && event.data
        ? event.data.helpRequestId
        : null;
    if (typeof helpRequestId === 'string' && helpRequestId && xsrf) {
      var words = document.createElement('span');
      words.id = 'cdc-news-' + event.id;
      words.textContent = text;
      item.appendChild(words);
      item.appendChild(document.createTextNode(' '));
      item.appendChild(joinForm(helpRequestId, words.id));
    } else {
      item.textContent = text;
    }
    list.insertBefore(item, list.firstChild);
    if (empty) {
      empty.hidden = true;
    }
    // Emptied first, so that the same sentence twice is said twice.
    live.textContent = '';
    window.setTimeout(function () {
      live.textContent = text;
    }, 100);
  }

  function connect() {
    var url =
      '/hub/api/v1/events' +
      (lastId ? '?lastEventId=' + encodeURIComponent(lastId) : '');
    var source = new EventSource(url);
    source.onopen = function () {
      delay = 1000;
    };
    source.onmessage = function (message) {
      if (message.lastEventId) {
        lastId = message.lastEventId;
      }
      var event;
      try {
        event = JSON.parse(message.data);
      } catch (error) {
        return;
      }
      var text = sentence(event);
      if (text) {
        show(text, event);
      }
    };
    // Reconnect from the last event shown, waiting longer after each failure.
    source.onerror = function () {
      source.close();
      window.setTimeout(connect, delay / 2 + (Math.random() * delay) / 2);
      delay = Math.min(delay * 2, 60000);
    };
  }
  connect();
})();
