// The portal's search box. As you type it (1) hides the rows of this page's tables that do not contain the text,
// and (2) lists the fleet's libraries, API elements and repositories whose name contains it, from the search index
// (search-index-N.js, loaded by <script> on first use: fetch() is refused on file:// pages). Names are put into the
// page with textContent only, never as markup.
(function () {
  'use strict';
  var box = document.getElementById('search');
  var results = document.getElementById('results');
  if (!box || !results) return;
  var root = document.body.getAttribute('data-root') || '';
  var parts = parseInt(document.body.getAttribute('data-index-parts'), 10) || 0;
  var MAX_RESULTS = 50;
  var state = 'none'; // none | loading | ready
  var rows = null;

  function filterRows(q) {
    if (!rows) {
      rows = Array.prototype.map.call(document.querySelectorAll('.filter tbody tr, ul.filter > li'), function (el) {
        return { el: el, text: el.textContent.toLowerCase() };
      });
    }
    for (var i = 0; i < rows.length; i++) {
      rows[i].el.hidden = q !== '' && rows[i].text.indexOf(q) < 0;
    }
  }

  function loadIndex() {
    if (state !== 'none') return;
    state = 'loading';
    var pending = parts;
    if (pending === 0) { state = 'ready'; return; }
    for (var n = 1; n <= parts; n++) {
      var s = document.createElement('script');
      s.src = root + 'search-index-' + n + '.js';
      s.onload = s.onerror = function () {
        if (--pending === 0) { state = 'ready'; update(); }
      };
      document.head.appendChild(s);
    }
  }

  function showResults(q) {
    while (results.firstChild) results.removeChild(results.firstChild);
    var index = window.archrulesIndex || [];
    var found = 0;
    for (var i = 0; i < index.length && found < MAX_RESULTS; i++) {
      var e = index[i];
      if (e[1].toLowerCase().indexOf(q) < 0 && e[2].toLowerCase().indexOf(q) < 0) continue;
      var li = document.createElement('li');
      var kind = document.createElement('span');
      kind.className = 'kind';
      kind.textContent = e[0];
      var a = document.createElement('a');
      a.href = root + e[3];
      a.textContent = e[1];
      li.appendChild(kind);
      li.appendChild(a);
      if (e[2]) {
        var detail = document.createElement('span');
        detail.className = 'detail';
        detail.textContent = e[2];
        li.appendChild(detail);
      }
      results.appendChild(li);
      found++;
    }
    if (found === 0) {
      var none = document.createElement('li');
      none.className = 'none';
      none.textContent = state === 'ready' ? 'No library, element or repository matches.' : 'Loading the index…';
      results.appendChild(none);
    }
    results.hidden = false;
  }

  function update() {
    var q = box.value.trim().toLowerCase();
    filterRows(q);
    if (q === '') { results.hidden = true; return; }
    loadIndex();
    showResults(q);
  }

  box.addEventListener('input', update);
  box.addEventListener('change', update);
  box.addEventListener('keydown', function (ev) {
    if (ev.key === 'Escape') { box.value = ''; update(); }
  });
  document.addEventListener('keydown', function (ev) {
    if (ev.key === '/' && document.activeElement !== box) { ev.preventDefault(); box.focus(); }
  });
})();
