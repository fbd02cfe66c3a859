/* jinzai dashboards: draws the charts embedded in the page as JSON.
   A classic script (no modules, no fetch): pages open from file://. */
(function () {
  'use strict';
  var blob = document.getElementById('jinzai-charts');
  if (!blob) { return; }
  var specs = JSON.parse(blob.textContent);

  function fail(message) {
    specs.forEach(function (s) {
      var el = document.getElementById(s.el);
      if (el) {
        el.className += ' chart-error';
        el.style.height = 'auto';
        el.textContent = message;
      }
    });
    document.documentElement.setAttribute('data-charts', 'error');
  }
  if (typeof echarts === 'undefined') {
    fail('グラフを表示できません：assets/echarts.min.js が見つかりません（数値は下のデータ表にあります）。');
    return;
  }

  // number formats a value for people: grouped digits, at most `digits`
  // decimals (2 by default); null for an empty or suppressed value.
  function number(v, abs, digits) {
    if (v === null || v === undefined || v === '-' || typeof v !== 'number' || isNaN(v)) { return null; }
    if (abs) { v = Math.abs(v); }
    var f = Math.pow(10, digits === undefined ? 2 : digits);
    return (Math.round(v * f) / f).toLocaleString('ja-JP');
  }
  function escapeHTML(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  // decorate adds what JSON cannot carry: functions that format values.
  function decorate(option, meta) {
    var unit = meta.unit || '';
    option.tooltip = option.tooltip || {};
    option.tooltip.valueFormatter = function (v) {
      var n = number(v, meta.abs);
      return n === null ? '—' : n + unit;
    };
    if (meta.abs && option.xAxis) {
      [].concat(option.xAxis).forEach(function (axis) {
        axis.axisLabel = axis.axisLabel || {};
        axis.axisLabel.formatter = function (v) { return number(v, true); };
      });
    }
    (option.series || []).forEach(function (s) {
      if (s.type === 'heatmap' && s.label) {
        s.label.formatter = function (p) {
          var n = number(p.value && p.value[2], false, 1);
          return n === null ? '' : n;
        };
      }
    });
    if (meta.points) {
      // Scatter points are named by value[2]; the tooltip is HTML, so escape.
      option.tooltip.formatter = function (p) {
        var v = p.value || [];
        return escapeHTML(v[2]) + '<br>' + escapeHTML(meta.xName) + '：' + number(v[0]) +
          '<br>' + escapeHTML(meta.yName) + '：' + number(v[1]);
      };
    }
    return option;
  }

  var charts = [];
  specs.forEach(function (s) {
    var el = document.getElementById(s.el);
    if (!el) { return; }
    var chart = echarts.init(el, null, { renderer: 'svg' });
    chart.setOption(decorate(s.options[s.selected], s.meta));
    charts.push(chart);
    var select = document.querySelector('select[data-chart="' + s.el + '"]');
    if (select) {
      select.addEventListener('change', function () {
        var i = parseInt(select.value, 10);
        if (s.options[i]) { chart.setOption(decorate(s.options[i], s.meta), true); }
      });
    }
  });

  function resizeAll() { charts.forEach(function (c) { c.resize(); }); }
  window.addEventListener('resize', resizeAll);
  // Printing: the chart boxes take the A4 landscape width, then the charts
  // redraw to fit them.
  window.addEventListener('beforeprint', resizeAll);
  window.addEventListener('afterprint', resizeAll);
  if (window.matchMedia) {
    var mq = window.matchMedia('print');
    if (mq.addEventListener) { mq.addEventListener('change', resizeAll); }
  }
  document.documentElement.setAttribute('data-charts', String(charts.length));
})();
