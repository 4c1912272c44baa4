// Live updates for the board: the server sends the page's changing part when it changes.
// Without JavaScript the page still works; it only stops updating by itself.
(function () {
  var region = document.querySelector('[data-live]');
  if (!region || !window.EventSource) return;
  var source = new EventSource('/board/events?path=' + encodeURIComponent(region.getAttribute('data-live')));
  var status = document.getElementById('live-status');
  function say(text) {
    if (status) status.textContent = text;
  }
  source.addEventListener('open', function () {
    say('Live: this page updates by itself.');
  });
  source.addEventListener('update', function (event) {
    var focused = document.activeElement && document.activeElement.getAttribute('data-focus-key');
    region.innerHTML = event.data;
    if (focused) {
      var again = region.querySelector('[data-focus-key="' + focused.replace(/"/g, '') + '"]');
      if (again) again.focus();
    }
    region.setAttribute('data-updated', String(Date.now()));
  });
  source.addEventListener('signedout', function () {
    source.close();
    say('Signed out: the session ended. Type board in chat for a new link.');
  });
  source.addEventListener('error', function () {
    say('Live updates paused; retrying.');
  });
})();
