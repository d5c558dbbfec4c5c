// The two charts of the monitoring dashboard; loaded (deferred) only by that page, after Chart.js.
(function () {
  const data = JSON.parse(document.getElementById("monitoring-charts").textContent);
  const pct = { min: 0, max: 100, ticks: { callback: (v) => v + " %" } };
  new Chart(document.getElementById("chart-indicators"), {
    type: "bar",
    data: { labels: data.indicators.labels, datasets: [{ label: "Значение, %", data: data.indicators.values, backgroundColor: "#1f6feb" }] },
    options: { indexAxis: "y", scales: { x: pct }, plugins: { legend: { display: false }, title: { display: true, text: "Показатели целевой модели, %" } } }
  });
  new Chart(document.getElementById("chart-impact"), {
    type: "bar",
    data: { labels: data.impact.labels, datasets: [
      { label: "До программы", data: data.impact.before, backgroundColor: "#9aa5b1" },
      { label: "После программы", data: data.impact.after, backgroundColor: "#1f6feb" }
    ] },
    options: { indexAxis: "y", scales: { x: pct }, plugins: { title: { display: true, text: "Самооценка до и после программы, %" } } }
  });
})();
