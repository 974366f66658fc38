// waconsole's page shell script: the Module settings Emscripten's output (waconsole-web.js) reads,
// loaded before it. A file of its own, not an inline <script>, so the Content-Security-Policy in
// index.html allows scripts from this origin only.
var Module = {
  canvas: document.getElementById('canvas'),
  print: function (text) { console.log(text); },
  printErr: function (text) { console.error(text); },
  onAbort: function (what) {
    var status = document.getElementById('status');
    status.className = 'failed';
    document.body.classList.remove('app-ready');
    document.getElementById('status-text').textContent =
      'The page stopped because of an error. Reload to try again.';
  }
};
// The build names the files after their content (index.html lists "plain=hashed" pairs, see
// web/hash_dist.cmake): Emscripten asks for the wasm by its plain name through locateFile, the UI
// for its fonts through waconsoleAssetUrl. A page without the list (a hand-made index.html) uses
// the plain names.
var waconsoleAssets = {};
(document.querySelector('meta[name="waconsole-assets"]') || { content: '' }).content
  .split(' ').forEach(function (pair) {
    var equals = pair.indexOf('=');
    if (equals > 0) waconsoleAssets[pair.slice(0, equals)] = pair.slice(equals + 1);
  });
function waconsoleAssetUrl(plain) { return waconsoleAssets[plain] || plain; }
Module.locateFile = function (path, prefix) { return prefix + waconsoleAssetUrl(path); };
Module.canvas.addEventListener('contextmenu', function (event) { event.preventDefault(); });
// GLFW (Emscripten's library_glfw) listens for 'blur' on the window in the capture phase, so it
// also hears an element of the page losing the focus, and then releases every key held. The page
// moves the focus itself between the canvas and the hidden text entry (web/platform/text_entry)
// while keys are down (Ctrl+A right after a click on a field), and those keys must stay held: only
// the window's own blur (another tab or application took the focus) reaches GLFW. Registered
// before waconsole-web.js runs, so it is heard first.
window.addEventListener('blur', function (event) {
  if (event.target !== window) event.stopImmediatePropagation();
}, true);
