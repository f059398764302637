/* Paging, search and sort for the report's tables, offline.
 *
 * Each table's rows live in data/<table>/<n>.js files; each file calls FR.chunk(table, n,
 * text) where text holds one JSON array per line. Files are loaded with <script> elements
 * (pages opened from disk may not fetch()). Rows are only parsed when shown or sorted;
 * search runs over the raw text of the chunks, so a million rows answer in a fraction of a
 * second. Cells are filled with textContent: nothing from the data is ever read as markup.
 */
(function () {
  "use strict";

  function readJson(id) {
    return JSON.parse(document.getElementById(id).textContent);
  }

  var META = readJson("fr-tables");
  var WORDS = readJson("fr-strings");
  var SETTINGS = readJson("fr-settings");
  var FR = (window.FR = { tables: {}, readyAt: null, loadedAt: null });

  function word(key) {
    return WORDS[key] || key;
  }

  function number(n) {
    return n.toLocaleString();
  }

  function pad(index) {
    var text = String(index);
    while (text.length < 5) text = "0" + text;
    return text;
  }

  // ---- loading ----------------------------------------------------------------------------
  var arrived = {};

  FR.chunk = function (id, index, text) {
    arrived[id + "/" + index] = text;
  };

  function loadChunk(id, index) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = "data/" + id + "/" + pad(index) + ".js";
      script.onload = function () {
        var key = id + "/" + index;
        var text = arrived[key];
        delete arrived[key];
        script.remove();
        if (text === undefined) reject(new Error("data file " + script.src + " is damaged"));
        else resolve(text);
      };
      script.onerror = function () {
        script.remove();
        reject(new Error("data file " + script.src + " is missing"));
      };
      document.head.appendChild(script);
    });
  }

  function lineStarts(text) {
    var starts = [0];
    var pos = text.indexOf("\n");
    while (pos !== -1) {
      starts.push(pos + 1);
      pos = text.indexOf("\n", pos + 1);
    }
    starts.push(text.length + 1);
    return Int32Array.from(starts);
  }

  // The last start <= pos: the line that holds pos.
  function lineOf(starts, pos) {
    var low = 0;
    var high = starts.length - 1;
    while (low < high) {
      var mid = (low + high + 1) >> 1;
      if (starts[mid] <= pos) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  // ---- one table ----------------------------------------------------------------------------
  function DataTable(element, meta) {
    this.element = element;
    this.id = element.getAttribute("data-table");
    this.meta = meta;
    this.texts = new Array(meta.chunks);
    this.starts = new Array(meta.chunks);
    this.lower = new Array(meta.chunks);
    this.lowerStarts = new Array(meta.chunks);
    this.loading = new Array(meta.chunks);
    this.columnValues = {};
    this.page = 0;
    this.pageRows = SETTINGS.pageRows;
    this.query = "";
    this.matches = null;
    this.order = null;
    this.sortColumn = -1;
    this.sortDirection = 1;
    this.view = null;
    this.generation = 0;
    this.tbody = element.querySelector("tbody");
    this.status = element.querySelector(".status");
    this.pager = element.querySelector(".pager");
    this.setUp();
  }

  DataTable.prototype.chunk = function (index) {
    var self = this;
    if (self.texts[index] !== undefined) return Promise.resolve(self.texts[index]);
    if (!self.loading[index]) {
      self.loading[index] = loadChunk(self.id, index).then(function (text) {
        self.texts[index] = text;
        self.starts[index] = lineStarts(text);
        // Ready for search as it arrives: a first search then only scans.
        self.lower[index] = text.toLowerCase();
        self.lowerStarts[index] =
          self.lower[index].length === text.length ? self.starts[index] : lineStarts(self.lower[index]);
        return text;
      });
    }
    return self.loading[index];
  };

  DataTable.prototype.loadAll = function (onProgress) {
    var self = this;
    var next = 0;
    var done = 0;
    var total = self.meta.chunks;
    function worker() {
      if (next >= total) return Promise.resolve();
      var index = next++;
      return self.chunk(index).then(function () {
        done++;
        if (onProgress) onProgress(done, total);
        return worker();
      });
    }
    var workers = [];
    for (var i = 0; i < Math.min(4, total); i++) workers.push(worker());
    return Promise.all(workers);
  };

  DataTable.prototype.row = function (index) {
    var size = this.meta.chunkRows;
    var c = Math.floor(index / size);
    var line = index - c * size;
    var starts = this.starts[c];
    return JSON.parse(this.texts[c].substring(starts[line], starts[line + 1] - 1));
  };

  DataTable.prototype.viewLength = function () {
    return this.view ? this.view.length : this.meta.total;
  };

  DataTable.prototype.viewAt = function (k) {
    return this.view ? this.view[k] : k;
  };

  DataTable.prototype.setUp = function () {
    var self = this;
    var controls = self.element.querySelector(".controls");
    controls.hidden = false;
    self.pager.hidden = false;
    var more = self.element.querySelector(".more-rows");
    if (more) more.remove();
    var input = controls.querySelector(".search");
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        self.search(input.value);
      }, 250);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        clearTimeout(timer);
        self.search(input.value);
      }
    });
    var headers = self.element.querySelectorAll("thead th");
    Array.prototype.forEach.call(headers, function (th, column) {
      th.tabIndex = 0;
      th.setAttribute("aria-sort", "none");
      function activate() {
        var direction = self.sortColumn === column ? -self.sortDirection : 1;
        self.sort(column, direction);
      }
      th.addEventListener("click", activate);
      th.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          activate();
        }
      });
    });
    self.drawPager();
    self.showStatus();
  };

  DataTable.prototype.showStatus = function (extra) {
    var total = number(this.meta.total) + " " + word("rows");
    var text = this.matches
      ? number(this.matches.length) + " " + word("matches") + " / " + total
      : total;
    this.status.textContent = extra ? text + " · " + extra : text;
  };

  DataTable.prototype.pages = function () {
    return Math.max(1, Math.ceil(this.viewLength() / this.pageRows));
  };

  function button(label, enabled, action) {
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.disabled = !enabled;
    b.addEventListener("click", action);
    return b;
  }

  DataTable.prototype.drawPager = function () {
    var self = this;
    var pages = self.pages();
    var pager = self.pager;
    pager.textContent = "";
    pager.appendChild(button(word("First"), self.page > 0, function () { self.go(0); }));
    pager.appendChild(button(word("Previous"), self.page > 0, function () { self.go(self.page - 1); }));
    var where = document.createElement("span");
    where.className = "where";
    where.textContent = word("Page") + " " + number(self.page + 1) + " " + word("of") + " " + number(pages);
    pager.appendChild(where);
    pager.appendChild(button(word("Next"), self.page < pages - 1, function () { self.go(self.page + 1); }));
    pager.appendChild(button(word("Last"), self.page < pages - 1, function () { self.go(pages - 1); }));
    var label = document.createElement("label");
    label.textContent = word("Rows per page") + " ";
    var select = document.createElement("select");
    [50, 100, 500].forEach(function (n) {
      var option = document.createElement("option");
      option.value = String(n);
      option.textContent = String(n);
      option.selected = n === self.pageRows;
      select.appendChild(option);
    });
    select.addEventListener("change", function () {
      self.pageRows = Number(select.value);
      self.go(0);
    });
    label.appendChild(select);
    pager.appendChild(label);
  };

  DataTable.prototype.go = function (page) {
    this.page = Math.max(0, Math.min(page, this.pages() - 1));
    return this.render();
  };

  DataTable.prototype.render = function () {
    var self = this;
    var generation = ++self.generation;
    var first = self.page * self.pageRows;
    var last = Math.min(first + self.pageRows, self.viewLength());
    var needed = {};
    for (var k = first; k < last; k++) {
      needed[Math.floor(self.viewAt(k) / self.meta.chunkRows)] = true;
    }
    var loads = Object.keys(needed).map(function (c) { return self.chunk(Number(c)); });
    return Promise.all(loads).then(function () {
      if (generation !== self.generation) return;
      var body = document.createDocumentFragment();
      for (var k = first; k < last; k++) body.appendChild(self.rowElement(self.row(self.viewAt(k))));
      if (first >= last) {
        var tr = document.createElement("tr");
        tr.className = "empty";
        var td = document.createElement("td");
        td.colSpan = self.meta.columns.length;
        td.textContent = word("No rows");
        tr.appendChild(td);
        body.appendChild(tr);
      }
      self.tbody.textContent = "";
      self.tbody.appendChild(body);
      self.drawPager();
    });
  };

  DataTable.prototype.rowElement = function (values) {
    var tr = document.createElement("tr");
    var columns = this.meta.columns;
    for (var i = 0; i < values.length; i++) {
      var td = document.createElement("td");
      td.className = "kind-" + columns[i].kind;
      td.dir = "auto";
      var value = values[i];
      var text = value === null ? "" : String(value);
      if (text.length > SETTINGS.longText) longCell(td, text);
      else td.textContent = text;
      tr.appendChild(td);
    }
    return tr;
  };

  function longCell(td, text) {
    var shown = document.createElement("span");
    var toggle = document.createElement("button");
    toggle.type = "button";
    toggle.className = "expand";
    var open = false;
    function draw() {
      shown.textContent = open ? text : text.slice(0, SETTINGS.longText) + "…";
      toggle.textContent = open
        ? word("Show less")
        : word("Show all") + " (" + number(text.length) + " " + word("characters") + ")";
    }
    toggle.addEventListener("click", function () {
      open = !open;
      draw();
    });
    draw();
    td.appendChild(shown);
    td.appendChild(document.createTextNode(" "));
    td.appendChild(toggle);
  }

  DataTable.prototype.applyView = function () {
    if (this.order && this.matches) {
      var mark = new Uint8Array(this.meta.total);
      for (var i = 0; i < this.matches.length; i++) mark[this.matches[i]] = 1;
      var out = new Int32Array(this.matches.length);
      var n = 0;
      for (var j = 0; j < this.order.length; j++) if (mark[this.order[j]]) out[n++] = this.order[j];
      this.view = out;
    } else {
      this.view = this.order || this.matches;
    }
  };

  DataTable.prototype.search = function (query) {
    var self = this;
    var started = performance.now();
    query = query.trim();
    self.query = query;
    var finish = function () {
      self.applyView();
      self.page = 0;
      return self.render().then(function () {
        var ms = performance.now() - started;
        self.showStatus(query ? (ms / 1000).toFixed(2) + " s" : "");
        return { matches: self.matches ? self.matches.length : self.meta.total, ms: ms };
      });
    };
    if (!query) {
      self.matches = null;
      return finish();
    }
    self.showStatus(word("Loading") + "…");
    return self.loadAll().then(function () {
      if (self.query !== query) return { matches: -1, ms: 0, superseded: true };
      // The rows are JSON text: look for the query as JSON would write it.
      var needle = JSON.stringify(query.toLowerCase()).slice(1, -1);
      var found = [];
      var size = self.meta.chunkRows;
      for (var c = 0; c < self.meta.chunks; c++) {
        var hay = self.lower[c];
        var starts = self.lowerStarts[c];
        var pos = hay.indexOf(needle);
        while (pos !== -1) {
          var line = lineOf(starts, pos);
          found.push(c * size + line);
          pos = hay.indexOf(needle, starts[line + 1]);
        }
      }
      self.matches = Int32Array.from(found);
      return finish();
    });
  };

  DataTable.prototype.values = function (column) {
    var cached = this.columnValues[column];
    if (cached) return cached;
    var values = new Array(this.meta.total);
    var n = 0;
    for (var c = 0; c < this.meta.chunks; c++) {
      var rows = JSON.parse("[" + this.texts[c].split("\n").join(",") + "]");
      for (var i = 0; i < rows.length; i++) values[n++] = rows[i][column];
    }
    this.columnValues = {};
    this.columnValues[column] = values;
    return values;
  };

  DataTable.prototype.sort = function (column, direction) {
    var self = this;
    var started = performance.now();
    self.showStatus(word("Sorting") + "…");
    return self.loadAll().then(function () {
      var values = self.values(column);
      var order = new Int32Array(self.meta.total);
      for (var i = 0; i < order.length; i++) order[i] = i;
      order.sort(function (a, b) {
        var x = values[a];
        var y = values[b];
        if (x === y) return a - b;
        if (x === null || x === "") return 1; // empty cells last, whichever the direction
        if (y === null || y === "") return -1;
        return (x < y ? -1 : 1) * direction;
      });
      self.order = order;
      self.sortColumn = column;
      self.sortDirection = direction;
      var headers = self.element.querySelectorAll("thead th");
      Array.prototype.forEach.call(headers, function (th, index) {
        th.setAttribute(
          "aria-sort",
          index === column ? (direction > 0 ? "ascending" : "descending") : "none"
        );
      });
      self.applyView();
      self.page = 0;
      return self.render().then(function () {
        var ms = performance.now() - started;
        self.showStatus((ms / 1000).toFixed(2) + " s");
        return { ms: ms };
      });
    });
  };

  // ---- galleries: the first page is in the document, all photos in data/<id>/photos.js ----
  var arrivedPhotos = {};

  FR.photos = function (id, text) {
    arrivedPhotos[id] = JSON.parse(text);
  };

  function Gallery(element) {
    this.element = element;
    this.id = element.getAttribute("data-gallery");
    this.total = Number(element.getAttribute("data-total"));
    this.grid = element.querySelector(".gallery");
    this.pager = element.querySelector(".pager");
    this.page = 0;
    this.photos = null;
    this.pages = Math.max(1, Math.ceil(this.total / SETTINGS.galleryPage));
    if (this.pages > 1) {
      this.pager.hidden = false;
      this.drawPager();
    }
  }

  Gallery.prototype.load = function () {
    var self = this;
    if (self.photos) return Promise.resolve(self.photos);
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = "data/" + self.id + "/photos.js";
      script.onload = function () {
        script.remove();
        self.photos = arrivedPhotos[self.id];
        delete arrivedPhotos[self.id];
        if (self.photos) resolve(self.photos);
        else reject(new Error("data file " + script.src + " is damaged"));
      };
      script.onerror = function () {
        script.remove();
        reject(new Error("data file " + script.src + " is missing"));
      };
      document.head.appendChild(script);
    });
  };

  Gallery.prototype.drawPager = function () {
    var self = this;
    var pager = self.pager;
    pager.textContent = "";
    pager.appendChild(button(word("First"), self.page > 0, function () { self.go(0); }));
    pager.appendChild(button(word("Previous"), self.page > 0, function () { self.go(self.page - 1); }));
    var where = document.createElement("span");
    where.className = "where";
    where.textContent = word("Page") + " " + number(self.page + 1) + " " + word("of") + " " +
      number(self.pages) + " (" + number(self.total) + " " + word("photos") + ")";
    pager.appendChild(where);
    pager.appendChild(button(word("Next"), self.page < self.pages - 1, function () { self.go(self.page + 1); }));
    pager.appendChild(button(word("Last"), self.page < self.pages - 1, function () { self.go(self.pages - 1); }));
  };

  Gallery.prototype.go = function (page) {
    var self = this;
    self.page = Math.max(0, Math.min(page, self.pages - 1));
    return self.load().then(function (photos) {
      var first = self.page * SETTINGS.galleryPage;
      var shown = photos.slice(first, first + SETTINGS.galleryPage);
      var body = document.createDocumentFragment();
      shown.forEach(function (photo) {
        var figure = document.createElement("figure");
        figure.className = "photo";
        if (photo.anchor) figure.id = photo.anchor;
        if (photo.file) {
          var img = document.createElement("img");
          img.src = photo.file;
          img.width = photo.width;
          img.height = photo.height;
          img.loading = "lazy";
          img.alt = photo.caption[0] || "";
          figure.appendChild(img);
        } else {
          var missing = document.createElement("div");
          missing.className = "missing-photo";
          missing.textContent = photo.problem;
          figure.appendChild(missing);
        }
        var caption = document.createElement("figcaption");
        photo.caption.forEach(function (line) {
          var span = document.createElement("span");
          span.dir = "auto";
          span.textContent = line;
          caption.appendChild(span);
        });
        if (photo.problem && photo.file) {
          var warning = document.createElement("span");
          warning.className = "warning";
          warning.textContent = photo.problem;
          caption.appendChild(warning);
        }
        figure.appendChild(caption);
        body.appendChild(figure);
      });
      self.grid.textContent = "";
      self.grid.appendChild(body);
      self.drawPager();
      return shown.length;
    });
  };

  FR.galleries = {};
  Array.prototype.forEach.call(document.querySelectorAll(".gallery-block"), function (element) {
    var gallery = new Gallery(element);
    FR.galleries[gallery.id] = gallery;
  });

  // ---- start ----------------------------------------------------------------------------
  var elements = document.querySelectorAll(".data-table");
  var firstChunks = [];
  Array.prototype.forEach.call(elements, function (element) {
    var id = element.getAttribute("data-table");
    var meta = META[id];
    if (!meta) return;
    var table = new DataTable(element, meta);
    FR.tables[id] = table;
    if (meta.chunks > 0) firstChunks.push(table.chunk(0));
  });
  FR.search = function (id, query) {
    return FR.tables[id].search(query);
  };
  FR.sort = function (id, column, direction) {
    return FR.tables[id].sort(column, direction || 1);
  };
  FR.go = function (id, page) {
    return FR.tables[id].go(page);
  };
  FR.ready = Promise.all(firstChunks).then(function () {
    FR.readyAt = performance.now();
  });
  // Then the rest of every table, one table at a time, so a search finds it all in memory.
  FR.loaded = FR.ready.then(function () {
    var ids = Object.keys(FR.tables);
    return ids.reduce(function (previous, id) {
      return previous.then(function () {
        return FR.tables[id].loadAll();
      });
    }, Promise.resolve());
  }).then(function () {
    FR.loadedAt = performance.now();
  });
})();
