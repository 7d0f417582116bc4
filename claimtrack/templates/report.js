(function () {
  var tip = document.getElementById('tip');
  function show(mark, x, y) {
    var details = JSON.parse(mark.getAttribute('data-details'));
    var list = document.createElement('dl');
    details.forEach(function (pair) {
      var term = document.createElement('dt'); term.textContent = pair[0];
      var value = document.createElement('dd'); value.textContent = pair[1];
      list.appendChild(term); list.appendChild(value);
    });
    tip.replaceChildren(list);
    tip.hidden = false;
    tip.style.left = Math.max(4, Math.min(x + 12, window.innerWidth - tip.offsetWidth - 8)) + 'px';
    tip.style.top = (y + 16) + 'px';
  }
  document.querySelectorAll('mark[data-span]').forEach(function (mark) {
    mark.addEventListener('mouseenter', function (e) { show(mark, e.clientX, e.clientY); });
    mark.addEventListener('mouseleave', function () { tip.hidden = true; });
    mark.addEventListener('focus', function () {
      var box = mark.getBoundingClientRect(); show(mark, box.left, box.bottom);
    });
    mark.addEventListener('blur', function () { tip.hidden = true; });
  });
  document.addEventListener('keydown', function (e) { if (e.key === 'Escape') { tip.hidden = true; } });

  function toggle(row) {
    var claim = row.getAttribute('data-claim');
    var on = !row.classList.contains('focus');
    document.querySelectorAll('.focus').forEach(function (el) { el.classList.remove('focus'); });
    document.querySelectorAll('tr[data-claim]').forEach(function (el) { el.removeAttribute('aria-current'); });
    if (!on) { return; }
    row.classList.add('focus');
    row.setAttribute('aria-current', 'true');
    document.querySelectorAll('mark[data-claim="' + CSS.escape(claim) + '"]').forEach(function (mark) {
      mark.classList.add('focus');
    });
  }
  document.querySelectorAll('tr[data-claim]').forEach(function (row) {
    row.addEventListener('click', function () { toggle(row); });
    row.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); toggle(row); }
    });
  });

  var filters = document.getElementById('filters');
  function applyFilters() {
    var wanted = {};
    filters.querySelectorAll('select[data-filter]').forEach(function (select) {
      wanted[select.getAttribute('data-filter')] = select.value;
    });
    var shown = 0, total = 0, hiddenClaims = new Set();
    document.querySelectorAll('tr[data-claim]').forEach(function (row) {
      var keep = Object.keys(wanted).every(function (key) {
        return wanted[key] === '' || row.getAttribute('data-' + key) === wanted[key];
      });
      row.hidden = !keep;
      total += 1;
      if (keep) { shown += 1; } else { hiddenClaims.add(row.getAttribute('data-claim')); }
    });
    document.querySelectorAll('mark[data-claim]').forEach(function (mark) {
      mark.classList.toggle('dimmed', hiddenClaims.has(mark.getAttribute('data-claim')));
    });
    document.getElementById('shown').textContent = shown + ' of ' + total + ' claims shown';
    document.body.setAttribute('data-shown', String(shown));
  }
  if (filters) {
    filters.addEventListener('change', applyFilters);
    filters.addEventListener('reset', function () { setTimeout(applyFilters, 0); });
    var query = new URLSearchParams(location.search);
    filters.querySelectorAll('select[data-filter]').forEach(function (select) {
      var value = query.get(select.getAttribute('data-filter'));
      if (value !== null && Array.prototype.some.call(select.options, function (o) { return o.value === value; })) {
        select.value = value;
      }
    });
    applyFilters();
  }

  var wantedSpan = decodeURIComponent(location.hash.slice(1));
  var target = wantedSpan && document.querySelector('mark[data-first][data-span="' + CSS.escape(wantedSpan) + '"]');
  if (target) {
    target.focus();
    var box = target.getBoundingClientRect();
    show(target, box.left, box.bottom);
  }
  var spans = new Set();
  document.querySelectorAll('mark[data-span]').forEach(function (mark) { spans.add(mark.getAttribute('data-span')); });
  document.body.setAttribute('data-spans', String(spans.size));
  document.body.setAttribute('data-ready', 'yes');
})();
