// The disposal list: «Выбрать все» and the count of selected documents (the form works without this script too).
const form = document.getElementById('selection');
const all = document.getElementById('select-all');
if (form && all) {
  const boxes = () => [...form.querySelectorAll('input.select-document')];
  const count = document.getElementById('selected-count');
  const update = () => {
    const checked = boxes().filter(b => b.checked).length;
    count.textContent = `Выбрано: ${checked} из ${boxes().length}`;
    all.checked = checked > 0 && checked === boxes().length;
    all.indeterminate = checked > 0 && checked < boxes().length;
  };
  all.addEventListener('change', () => {
    boxes().forEach(b => { b.checked = all.checked; });
    update();
  });
  form.addEventListener('change', e => {
    if (e.target.classList.contains('select-document')) update();
  });
  if (boxes().length > 0) document.getElementById('selection-tools').hidden = false;
  update();
}
