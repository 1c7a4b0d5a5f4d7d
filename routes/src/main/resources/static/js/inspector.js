// Drag and drop onto the inspector's form: a .sig/.p7s goes to the signature field, anything else to the document.
const drop = document.getElementById('drop');
if (drop) {
  const file = document.getElementById('file');
  const signature = document.getElementById('signature');
  const put = (input, f) => { const t = new DataTransfer(); t.items.add(f); input.files = t.files; };
  ['dragenter', 'dragover'].forEach((type) => drop.addEventListener(type, (e) => { e.preventDefault(); drop.classList.add('over'); }));
  ['dragleave', 'drop'].forEach((type) => drop.addEventListener(type, () => drop.classList.remove('over')));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    for (const f of e.dataTransfer.files) put(/\.(sig|p7s|sgn)$/i.test(f.name) ? signature : file, f);
  });
}
