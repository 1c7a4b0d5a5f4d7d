// The administrator's pages: the copy button beside a token shown once. The field stays selectable,
// so a browser without clipboard access still lets the token be copied by hand.
for (const button of document.querySelectorAll('button[data-copy]')) {
  const field = document.getElementById(button.dataset.copy);
  const status = document.getElementById('copy-status');
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(field.value);
      status.textContent = 'Токен скопирован в буфер обмена.';
    } catch (e) {
      field.focus();
      field.select();
      status.textContent = 'Скопировать автоматически не удалось: токен выделен, нажмите Ctrl+C.';
    }
  });
}
