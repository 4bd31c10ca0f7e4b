// steerco's only script, loaded from /static/ (the Content-Security-Policy allows no inline script).
// A select marked data-submit-on-change sends its form when a choice is made (the language switcher).
document.addEventListener("change", function (event) {
  var target = event.target;
  if (target instanceof HTMLSelectElement && target.hasAttribute("data-submit-on-change") && target.form) {
    target.form.submit();
  }
});

// A link marked data-history-back (a form's "Cancel") goes back one page; without script it goes home.
document.addEventListener("click", function (event) {
  var link = event.target instanceof Element ? event.target.closest("a[data-history-back]") : null;
  if (link && window.history.length > 1) {
    event.preventDefault();
    window.history.back();
  }
});
