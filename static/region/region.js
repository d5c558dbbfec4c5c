// Charts of the coordinator's pages; data comes from <script type="application/json" id="region-charts">.
(function () {
  "use strict";
  const source = document.getElementById("region-charts");
  if (!source || typeof Chart === "undefined") return;
  const data = JSON.parse(source.textContent);
  const pct = { min: 0, max: 100, ticks: { callback: (v) => v + " %" } };
  function draw(id, config) {
    const canvas = document.getElementById(id);
    if (canvas) new Chart(canvas, config);
  }
  if (data.stages) {
    draw("chart-stages", {
      type: "bar",
      data: { labels: data.stages.labels, datasets: [{ label: "ДОУ", data: data.stages.values, backgroundColor: "#1f6feb" }] },
      options: {
        plugins: {
          legend: { display: false },
          title: { display: true, text: "ДОУ по текущему этапу дорожной карты" },
          tooltip: { callbacks: { title: (items) => data.stages.titles[items[0].dataIndex] } }
        },
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } }
      }
    });
  }
  draw("chart-impact", {
    type: "bar",
    data: { labels: data.impact.labels, datasets: [
      { label: "До программы", data: data.impact.before, backgroundColor: "#9aa5b1" },
      { label: "После программы", data: data.impact.after, backgroundColor: "#1f6feb" }
    ] },
    options: { indexAxis: "y", scales: { x: pct }, plugins: { title: { display: true, text: "Самооценка до и после программы, %" } } }
  });
  draw("chart-trend", {
    type: "line",
    data: { labels: data.trend.labels, datasets: [
      { label: "Педагоги-наставляемые", data: data.trend.teachers, borderColor: "#1f6feb", backgroundColor: "#1f6feb" },
      { label: "Молодые специалисты", data: data.trend.young, borderColor: "#8250df", backgroundColor: "#8250df" },
      { label: "Удовл. наставляемых", data: data.trend.sat_mentee, borderColor: "#1a7f37", backgroundColor: "#1a7f37" },
      { label: "Удовл. наставников", data: data.trend.sat_mentor, borderColor: "#bf8700", backgroundColor: "#bf8700" }
    ] },
    options: { spanGaps: true, scales: { y: pct }, plugins: { title: { display: true, text: "Показатели по учебным годам, %" } } }
  });
})();
