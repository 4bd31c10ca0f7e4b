// steerco's only script, loaded from /static/ (the Content-Security-Policy allows no inline script).
// A select marked data-submit-on-change sends its form when a choice is made (the language switcher).
document.addEventListener("change", function (event) {
  var target = event.target;
  if (target instanceof HTMLSelectElement && target.hasAttribute("data-submit-on-change") && target.form) {
    target.form.submit();
  }
});
