// Tables too wide for the screen are shown as one block per row (docs/stylesheets/extra.css,
// table[data-stacked]), each cell after the first labelled with its column's heading, so that
// no column is cut at the screen's edge. A table is measured as a table on every load and
// resize; one that fits stays a table.
(function () {
  function label(table) {
    const headings = Array.from(table.querySelectorAll("thead th"), (th) => th.textContent.trim());
    for (const row of table.querySelectorAll("tbody tr")) {
      Array.from(row.children).forEach((cell, i) => {
        if (i > 0 && headings[i]) cell.setAttribute("data-label", headings[i]);
      });
    }
  }

  // The width text may take where the table stands: the page's column (the theme wraps a
  // table in a box that scrolls sideways, so the box's own width says nothing).
  function room(table) {
    const column = table.closest("details, .admonition, article") || document.body;
    const style = getComputedStyle(column);
    return column.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  }

  function layout() {
    for (const table of document.querySelectorAll(".md-typeset table")) {
      if (!table.querySelector("thead th")) continue;
      table.removeAttribute("data-stacked");
      if (table.scrollWidth > room(table) + 1) {
        label(table);
        table.setAttribute("data-stacked", "");
      }
    }
  }

  let pending = false;
  function soon() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      layout();
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", layout);
  else layout();
  window.addEventListener("resize", soon);
})();
