// The console's only script (served from 'self'; no inline script anywhere). Pages work without it.
document.addEventListener('click', function (event) {
  var button = event.target.closest('[data-copy]');
  if (!button) { return; }
  var source = document.getElementById(button.getAttribute('data-copy'));
  if (source && navigator.clipboard) {
    navigator.clipboard.writeText(source.textContent.trim()).then(function () {
      button.textContent = 'Copied';
    });
  }
});
