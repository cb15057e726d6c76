// <backprop-demo>: the demo as an HTML element, for any page of a course (docs/embedding.md).
//   <script src="backprop-demo.js"></script>
//   <backprop-demo data="spiral" hidden="8,8" lr="0.03" hide="reset,seed"></backprop-demo>
// Its attributes are the link's settings (docs/format.md), read and checked by the same code
// as a link: a refused one is named in the element and in the console, and the demo runs on
// the other settings' defaults. Changing an attribute later applies it as set() does;
// removing one puts its setting back to the default. hidden="8,8" is the hidden layers, a bare
// hidden is HTML's (the element is hidden). Its
// methods are window.backprop's (train, pause, step, reset, get, set, state, link,
// exportJson, load, select, walkthrough, ...); it fires the DOM events step, converged,
// diverged, stopped, stepDone and ready (CustomEvents, the data in event.detail). It fills
// the box the page gives it (display: block, 640 px high unless the page says otherwise).
// Each element runs its own copy of the program (its own memory, trainer, canvas, keys and
// events); backprop.wasm is fetched and compiled once for all of them. Each has the page's
// text view (text-view.js) right after its canvas, for screen readers and the keyboard, reading
// its own state(). Plain JavaScript, no framework; backprop.js, backprop-api.js, text-view.js,
// backprop.wasm and backprop-demo.css are loaded from this script's folder.
'use strict';
(function () {
  if (customElements.get('backprop-demo')) return;
  const script = document.currentScript;
  const base = new URL('.', script && script.src ? script.src : location.href).href;

  // backprop.js (the module factory) and backprop-api.js (the handle), once per page.
  let runtime = null;
  function loadScript(name) {
    return new Promise((ok, fail) => {
      const s = document.createElement('script');
      s.src = base + name;
      s.onload = ok;
      s.onerror = () => fail(new Error(`${base + name} did not load`));
      document.head.append(s);
    });
  }
  // The .wasm, fetched and compiled once; each element instantiates it with its own memory.
  let compiled = null;
  function compileOnce() {
    if (!compiled) {
      const url = base + 'backprop.wasm';
      compiled = (async () => {
        const response = await fetch(url);
        if (!response.ok) throw new Error(`${url}: ${response.status} ${response.statusText}`);
        if (WebAssembly.compileStreaming &&
            (response.headers.get('Content-Type') || '').startsWith('application/wasm')) {
          return WebAssembly.compileStreaming(response);
        }
        return WebAssembly.compile(await response.arrayBuffer());  // a server without the type
      })();
    }
    return compiled;
  }
  function loadRuntime() {
    if (!runtime) {
      runtime = (async () => {
        if (typeof window.createBackprop !== 'function') await loadScript('backprop.js');
        if (typeof window.backpropStart !== 'function') await loadScript('backprop-api.js');
        if (typeof window.backpropTextView !== 'function') await loadScript('text-view.js');
      })();
    }
    return runtime;
  }
  // How many elements were made (their canvases' labels tell them apart).
  let made = 0;

  // HTML's own attributes and ARIA's are the page's, not settings.
  const notSettings = /^(id|class|style|slot|title|lang|dir|tabindex|part|is|role|aria-.*|data-.*|on.*)$/;
  // An attribute's value as a setting, or null when it gives none: hidden="8,8" is the hidden
  // layers, but a bare hidden (hidden="", what el.hidden = true writes) or hidden="until-found"
  // is HTML's hidden: it hides the element (backprop-demo.css) and leaves the layers as they are.
  function settingValue(el, name) {
    const value = el.getAttribute(name);
    if (name === 'hidden' && (value === '' || value === 'until-found')) return null;
    return value;
  }
  // The methods of window.backprop an element has (its own instance's).
  const METHODS = ['train', 'pause', 'step', 'stepDone', 'reset', 'restart', 'setLearningRate',
                   'select', 'setExample', 'walkthrough', 'nextPhase', 'showGradients',
                   'setTextSize', 'state', 'summary', 'get', 'set', 'setLink', 'defaults', 'link',
                   'exportJson', 'numpy', 'exercise', 'load', 'on', 'off', 'widgetRect'];
  const EVENTS = ['step', 'diverged', 'converged', 'ready', 'stepDone', 'stopped'];

  class BackpropDemo extends HTMLElement {
    constructor() {
      super();
      this._api = null;
      let ok, fail;
      this._ready = new Promise((a, b) => { ok = a; fail = b; });
      this._ready.catch(() => {});
      this._resolve = ok;
      this._reject = fail;
      this._applied = new Map();  // the settings' attributes as last applied
      const root = this.attachShadow({ mode: 'open' });
      const [css, viewCss] = ['backprop-demo.css', 'text-view.css'].map((name) => {
        const link = document.createElement('link');
        link.rel = 'stylesheet';
        link.href = base + name;
        return link;
      });
      this._box = document.createElement('div');
      this._box.className = 'box';
      this._canvas = document.createElement('canvas');
      this._canvas.tabIndex = 0;
      this._canvas.setAttribute('aria-label', 'A neural network training live: controls, data, ' +
                                'outputs and weights (Space trains or pauses, S steps, ? lists the keys)');
      this._status = document.createElement('div');
      this._status.className = 'status';
      this._status.setAttribute('role', 'status');
      this._status.textContent = 'Loading the network\u2026';
      this._message = document.createElement('div');
      this._message.className = 'message';
      this._message.setAttribute('role', 'alert');
      this._message.hidden = true;
      // Its text, and a button that puts it away (the canvas's top line keeps saying it).
      this._messageText = document.createElement('span');
      const close = document.createElement('button');
      close.type = 'button';
      close.textContent = 'Close';
      close.addEventListener('click', () => { this._message.hidden = true; this._canvas.focus(); });
      this._message.append(this._messageText, close);
      // The text view (text-view.js fills it once the program has loaded): next after the
      // canvas, out of sight until something in it has focus, as on the page.
      this._textView = document.createElement('section');
      this._textView.className = 'text-view';
      this._textView.setAttribute('aria-label', 'Backpropagation demo: text view');
      this._box.append(this._canvas, this._textView, this._status, this._message);
      root.append(css, viewCss, this._box);
      // Tab leaves the demo (no keyboard trap) unless one of its text fields is being typed
      // in: the program's key handling (added after this listener) would keep it.
      let tabLeaves = false;
      for (const type of ['keydown', 'keypress', 'keyup']) {
        this._canvas.addEventListener(type, (e) => {
          if (e.key !== 'Tab') return;
          if (type === 'keydown') {
            let typing = false;
            try { typing = this._api.summary().typing; } catch { /* not running */ }
            tabLeaves = !typing;
          }
          if (tabLeaves) e.stopImmediatePropagation();
        }, true);
      }
    }

    // Resolves with the element once its demo runs (rejects with why it cannot).
    get ready() { return this._ready; }
    // This build's version, once ready.
    get version() { return this._api ? this._api.version : null; }
    // Why the element's attributes were refused last ('' once a change applied), or why the
    // demo cannot run.
    get message() { return this._messageText.textContent; }

    connectedCallback() {
      if (this._started) {
        if (this._running) this._api.drawing(true);  // put back into a page
        return;
      }
      this._started = true;
      const n = ++made;
      this._number = n;
      if (n > 1) {
        this._canvas.setAttribute('aria-label', `${this._canvas.getAttribute('aria-label')} (demo ${n})`);
        this._textView.setAttribute('aria-label', `Backpropagation demo ${n}: text view`);
      }
      this._observer = new MutationObserver((records) => this._attributesChanged(records));
      this._observer.observe(this, { attributes: true });
      Promise.all([loadRuntime(), compileOnce()]).then(([, wasm]) => this._start(wasm), (err) => {
        this._fail(`The demo could not load its program: ${err.message}`);
      });
    }

    // Taken out of the page: its frames stop until it is put back (training pauses with them).
    disconnectedCallback() {
      if (this._running) this._api.drawing(false);
    }

    // The settings given as attributes, as a link's query string.
    _query() {
      const pairs = [];
      for (const a of this.attributes) {
        if (notSettings.test(a.name)) continue;
        const value = settingValue(this, a.name);
        if (value === null) continue;
        pairs.push(`${encodeURIComponent(a.name)}=${encodeURIComponent(value)}`);
        this._applied.set(a.name, value);
      }
      return pairs.join('&');
    }

    _start(wasm) {
      const query = this._query();
      const api = window.backpropStart({
        canvas: this._canvas,
        status: this._status,
        host: this.shadowRoot,
        query,
        pageUrl: base + 'index.html',
        showError: (text) => this._fail(text),
        hasFocus: () => this.shadowRoot.activeElement !== null,
        create: window.createBackprop,
        module: {
          keysOnCanvas: true,
          instantiateWasm: (imports, done) => {
            WebAssembly.instantiate(wasm, imports).then((instance) => done(instance, wasm),
                                                         (err) => this._fail(`The program could not start: ${err}`));
            return {};
          },
          onTheme: (name) => { this._box.dataset.theme = name; },
        },
      });
      this._api = api;
      const n = this._number;
      const textView = window.backpropTextView({
        view: this._textView,
        canvas: this._canvas,
        api,
        title: n > 1 ? `Backpropagation demo ${n}` : 'Backpropagation demo',
        name: n > 1 ? `Demo ${n}` : undefined,
      });
      for (const name of EVENTS) {
        api.on(name, (detail) => this.dispatchEvent(new CustomEvent(name, { detail: detail ?? {} })));
      }
      api.ready.then(() => {
        // A refused attribute: the demo runs on the defaults; say which and why, here and in
        // the console (the canvas says it too). Attributes changed while it loaded apply too.
        this._running = true;
        textView.follow();
        const now = this._query();
        const why = now ? api.setLink(now) : '';
        this._refusedAll = why !== '';
        if (why) this._refused(why);
        this._resolve(this);
      }, (err) => this._reject(err));
    }

    _refused(why) {
      this._messageText.textContent = `Not used: ${why}`;
      this._message.hidden = false;
      console.error(`<backprop-demo>: ${why}`);
    }
    _fail(text) {
      this._status.hidden = true;
      this._messageText.textContent = text;
      this._message.hidden = false;
      this._message.classList.add('fatal');
      console.error(`<backprop-demo>: ${text}`);
      this._reject(new Error(text));
    }

    // Attributes set or changed after the start apply as set() would, together; removing one
    // puts that setting back to its default (what a link without it gives, as
    // set({ name: defaults()[name] }) does). A bare hidden changes no setting.
    _attributesChanged(records) {
      if (!this._running) return;  // before the start: read with the rest at ready
      const pairs = [];
      const removed = [];
      for (const r of records) {
        const name = r.attributeName;
        if (notSettings.test(name)) continue;
        const value = settingValue(this, name);
        if (value === null && this.hasAttribute(name)) continue;  // hidden="": HTML's hidden
        if (value === (this._applied.get(name) ?? null)) continue;
        if (value === null) {
          this._applied.delete(name);
          removed.push(name);
        } else {
          this._applied.set(name, value);
          pairs.push(`${encodeURIComponent(name)}=${encodeURIComponent(value)}`);
        }
      }
      if (pairs.length === 0 && removed.length === 0) return;
      // After a refusal, the next change applies every attribute (the refused set was applied
      // as a whole, so none of it was).
      const query = this._refusedAll ? this._query() : [...new Set(pairs)].join('&');
      let why = query ? this._api.setLink(query) : '';
      if (!why && removed.length > 0) {
        const defaults = this._api.defaults();
        const back = {};
        for (const name of new Set(removed)) {
          if (Object.hasOwn(defaults, name)) back[name] = defaults[name];
        }
        why = this._api.set(back);
      }
      this._refusedAll = why !== '';
      if (why) this._refused(why);
      else {
        this._message.hidden = true;
        this._messageText.textContent = '';
      }
    }
  }
  // window.backprop's methods, each on this element's own demo.
  for (const name of METHODS) {
    BackpropDemo.prototype[name] = function (...args) {
      if (!this._api) throw new Error('the demo is not ready yet: await element.ready first');
      return this._api[name](...args);
    };
  }
  customElements.define('backprop-demo', BackpropDemo);
})();
