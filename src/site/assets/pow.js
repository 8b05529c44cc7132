// Solves the form's proof-of-work in the browser, so that people with JavaScript are never slowed
// down by the stricter limits that apply without it. Needs nothing but Web Crypto.
(function () {
  'use strict';
  var form = document.querySelector('form[data-pow]');
  if (!form || !window.crypto || !crypto.subtle || !window.TextEncoder) return;
  var field = form.querySelector('input[name="altcha"]');
  var status = form.querySelector('.pow-status');
  var challenge;
  try { challenge = JSON.parse(form.getAttribute('data-pow')); } catch (e) { return; }
  function hex(buffer) {
    var bytes = new Uint8Array(buffer), out = '';
    for (var i = 0; i < bytes.length; i++) out += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
    return out;
  }
  var encoder = new TextEncoder();
  function attempt(n) {
    if (n > challenge.maxnumber) return Promise.resolve(null);
    return crypto.subtle.digest('SHA-256', encoder.encode(challenge.salt + n)).then(function (digest) {
      return hex(digest) === challenge.challenge ? n : null;
    });
  }
  function search(start) {
    var batch = [];
    for (var n = start; n < start + 500 && n <= challenge.maxnumber; n++) batch.push(attempt(n));
    return Promise.all(batch).then(function (found) {
      for (var i = 0; i < found.length; i++) if (found[i] !== null) return found[i];
      return start + 500 > challenge.maxnumber ? null : search(start + 500);
    });
  }
  search(0).then(function (number) {
    if (number === null) return;
    field.value = btoa(JSON.stringify({
      algorithm: challenge.algorithm, challenge: challenge.challenge, number: number, salt: challenge.salt, signature: challenge.signature
    }));
    if (status) status.textContent = status.getAttribute('data-done') || '';
  });
})();
