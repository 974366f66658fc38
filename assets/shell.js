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
Module.canvas.addEventListener('contextmenu', function (event) { event.preventDefault(); });
