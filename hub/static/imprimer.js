// The « Imprimer » button of the class code sheet. Hub pages carry no inline script
// (their CSP allows only the hub's own files, `script-src 'self'`): this file shows the
// button and prints on a click; without it, the page still says how to print (Ctrl + P).
'use strict';
(function () {
  var button = document.getElementById('cdc-imprimer');
  if (button) {
    button.hidden = false;
    button.addEventListener('click', function () {
      window.print();
    });
  }
})();
