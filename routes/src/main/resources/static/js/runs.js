// The administrator's archive runs. The start form's lists follow the chosen school and year; the
// progress page asks its progress.json every 2 s and shows what a reload would show, until the run ends.
import { get, ServiceError } from './service.js';

const POLL_MILLIS = 2000;

// --- the start form: periods and classes of the chosen school year ---
const form = document.getElementById('start-run');
if (form) {
  const school = document.getElementById('school');
  const year = document.getElementById('schoolYear');
  const fill = (id, choices) => {
    const list = document.getElementById(id);
    list.replaceChildren(...choices.map((c) => {
      const option = document.createElement('option');
      option.value = c.value;
      option.label = c.label;
      option.textContent = c.label;
      return option;
    }));
  };
  const refresh = async () => {
    const query = new URLSearchParams({ school: school.value.trim(), schoolYear: year.value.trim() });
    try {
      const choices = await get(`${form.getAttribute('action')}/choices.json?${query}`);
      fill('period-choices', choices.periods);
      fill('class-choices', choices.classes);
    } catch (e) {
      // The lists are suggestions only: the fields stay free text and are checked when the run starts.
    }
  };
  school.addEventListener('change', refresh);
  year.addEventListener('change', refresh);
}

// --- the progress page ---
const main = document.querySelector('main[data-progress]');
if (main) {
  const note = document.getElementById('refresh-note');
  const cell = (text, className) => {
    const td = document.createElement('td');
    if (className) td.className = className;
    td.textContent = text ?? '';
    return td;
  };
  const documentCell = (title, id) => {
    const td = document.createElement('td');
    const name = document.createElement('span');
    name.textContent = title;
    const code = document.createElement('code');
    code.textContent = id;
    td.append(name, document.createElement('br'), code);
    return td;
  };
  const retryForm = (documentId) => {
    const csrf = document.querySelector('input[name="_csrf"]');
    const f = document.createElement('form');
    f.method = 'post';
    f.className = 'inline retry';
    f.action = main.dataset.retry + encodeURIComponent(documentId) + '/retry';
    if (csrf) {
      const token = document.createElement('input');
      token.type = 'hidden';
      token.name = csrf.name;
      token.value = csrf.value;
      f.append(token);
    }
    const button = document.createElement('button');
    button.type = 'submit';
    button.className = 'secondary';
    button.textContent = 'Повторить';
    button.setAttribute('aria-label', `Повторить ${documentId}`);
    f.append(button);
    return f;
  };
  // Rows are rebuilt only when they changed, so a focused «Повторить» keeps its focus between polls.
  const shown = new Map();
  const rows = (sectionId, items, row) => {
    const key = JSON.stringify(items);
    if (shown.get(sectionId) === key) return;
    shown.set(sectionId, key);
    const section = document.getElementById(sectionId);
    section.hidden = items.length === 0;
    section.querySelector('tbody').replaceChildren(...items.map((item) => {
      const tr = row(item);
      tr.dataset.document = item.documentId;
      return tr;
    }));
  };
  const show = (run) => {
    const status = document.getElementById('run-status');
    if (status.textContent !== run.status) status.textContent = run.status;
    status.classList.toggle('status-ok', run.finished && run.failed === 0);
    status.classList.toggle('status-bad', run.finished && run.failed > 0);
    document.getElementById('run-archived').textContent = run.archived;
    document.getElementById('run-planned').textContent = run.planned;
    const bar = document.getElementById('run-bar');
    bar.max = run.planned > 0 ? run.planned : 1;
    bar.value = run.planned > 0 ? run.archived : 1;
    for (const s of run.states) {
      const tr = document.querySelector(`#states tr[data-state="${s.state}"]`);
      if (!tr) continue;
      tr.cells[1].textContent = s.count;
      tr.classList.toggle('empty', s.count === 0);
    }
    rows('failing', run.failing, (f) => {
      const tr = document.createElement('tr');
      tr.append(documentCell(f.document, f.documentId), cell(f.state), cell(f.attempts, 'number'), cell(f.reason, 'reason'),
        cell(f.nextAttempt));
      return tr;
    });
    rows('dead-letters', run.deadLetters, (l) => {
      const tr = document.createElement('tr');
      const action = document.createElement('td');
      if (l.retryable) action.append(retryForm(l.documentId));
      tr.append(documentCell(l.document, l.documentId), cell(l.attempts, 'number'), cell(l.reason, 'reason'), cell(l.failedAt),
        cell(l.stateNow), action);
      return tr;
    });
  };
  const poll = async () => {
    try {
      const run = await get(main.dataset.progress);
      show(run);
      if (run.finished) {
        note.textContent = 'Запуск завершён.';
        return;
      }
      note.textContent = 'Страница обновляется сама каждые 2 секунды.';
    } catch (e) {
      note.textContent = e instanceof ServiceError ? e.message : 'Нет связи с сервером: попробуем ещё раз через 2 секунды.';
    }
    setTimeout(poll, POLL_MILLIS);
  };
  poll();
}
