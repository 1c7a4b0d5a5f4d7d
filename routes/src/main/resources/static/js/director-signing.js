// The director's signing page: selection, the server-key batch, and the token batch through the
// CryptoPro ЭЦП Browser plug-in (its async API: await cadesplugin, then CreateObjectAsync). The token
// signs CAdES-BES over the hash the service hands out; the service adds the time-stamp and the
// validation data, since the director's PC may reach no TSA.
import { post, get, ServiceError } from './service.js';

const CADES_BES = 1;
const STORE_CURRENT_USER = 2;
const STORE_MAXIMUM_ALLOWED = 2;
const INCLUDE_WHOLE_CHAIN = 1;
const ENCODE_BASE64 = 0;
const HASH_GOST_2012_256 = 101;
const HASH_GOST_2012_512 = 102;
const PIN_CANCELLED = '0x800704C7';
// "Набор ключей не существует", "Смарт-карта удалена" and the like: the key's token is gone.
const TOKEN_GONE = ['0x80090016', '0x8009001A', '0x8010001D', '0x80100069', '0x8010002E', '0x80090019'];

const form = document.getElementById('signing');
if (form) start();

function start() {
  const base = `/schools/${encodeURIComponent(form.dataset.school)}/signing`;
  const $ = (id) => document.getElementById(id);
  const rows = () => [...form.querySelectorAll('tr[data-document]')];
  const row = (id) => form.querySelector(`tr[data-document="${CSS.escape(id)}"]`);
  let certificates = [];
  let chosen = null;
  let verdict = null;
  let openSessions = [];
  let retryable = [];

  // Selection: all, a class, single documents.
  const boxes = () => [...form.querySelectorAll('.select-document')];
  const selected = () => boxes().filter((b) => b.checked && !b.disabled).map((b) => b.value);
  function refreshSelection() {
    const all = boxes().filter((b) => !b.disabled);
    const n = selected().length;
    $('selected-count').textContent = `Выбрано: ${n}`;
    $('select-all').checked = n > 0 && n === all.length;
    $('select-all').indeterminate = n > 0 && n < all.length;
    form.querySelectorAll('.class-group').forEach((g) => {
      const own = [...g.querySelectorAll('.select-document')].filter((b) => !b.disabled);
      const on = own.filter((b) => b.checked).length;
      const box = g.querySelector('.select-class');
      box.checked = on > 0 && on === own.length;
      box.indeterminate = on > 0 && on < own.length;
    });
    if (n > 0) $('selection-error').hidden = true;
    updateTokenButton();
  }
  $('select-all').addEventListener('change', (e) => {
    boxes().filter((b) => !b.disabled).forEach((b) => { b.checked = e.target.checked; });
    refreshSelection();
  });
  form.querySelectorAll('.class-group').forEach((g) => g.querySelector('.select-class').addEventListener('change', (e) => {
    g.querySelectorAll('.select-document').forEach((b) => { if (!b.disabled) b.checked = e.target.checked; });
    refreshSelection();
  }));
  boxes().forEach((b) => b.addEventListener('change', refreshSelection));
  refreshSelection();

  function show(id, text, kind, stage) {
    const r = row(id);
    if (!r) return;
    const outcome = r.querySelector('.outcome');
    outcome.textContent = text;
    outcome.className = `outcome ${kind || ''}`;
    const bar = r.querySelector('progress');
    if (stage !== undefined) { bar.hidden = false; bar.value = stage; }
    if (kind === 'done' || kind === 'error') {
      const box = r.querySelector('.select-document');
      box.checked = false;
      if (kind === 'done') box.disabled = true;
    }
  }

  function batch(total) {
    $('batch').hidden = false;
    $('batch-progress').max = total;
    $('batch-progress').value = 0;
    let done = 0;
    return {
      step(text) { done += 1; $('batch-progress').value = done; $('batch-text').textContent = text || `Обработано ${done} из ${total}`; },
      say(text) { $('batch-text').textContent = text; },
    };
  }

  function requireSelection() {
    const ids = selected();
    if (ids.length === 0) { $('selection-error').hidden = false; $('selection-error').focus?.(); }
    return ids;
  }

  function busy(on) {
    form.querySelectorAll('button').forEach((b) => { b.disabled = on; });
    if (!on) updateTokenButton();
  }

  function failure(e) {
    return e instanceof ServiceError ? e.message : `Не удалось связаться с сервером: ${e.message}`;
  }

  // Signed documents go on to the archive in the background: follow them until they are there.
  async function followToArchive(ids, progress) {
    let waiting = [...ids];
    while (waiting.length > 0) {
      await new Promise((r) => setTimeout(r, 1000));
      const standing = await post(`${base}/status`, { documentIds: waiting });
      for (const s of standing) {
        if (s.state === 'ARCHIVED') { show(s.documentId, 'Подписано и передано в архив', 'done', 2); progress.step(); }
        else if (s.state === 'FAILED') { show(s.documentId, `Не передано в архив: ${s.message || 'ошибка'}`, 'error'); progress.step(); }
        else if (s.state === 'AWAITING_SIGNATURE') { show(s.documentId, 'Документ сформирован заново: подпишите его ещё раз', 'error'); progress.step(); }
      }
      waiting = standing.filter((s) => !['ARCHIVED', 'FAILED', 'AWAITING_SIGNATURE'].includes(s.state)).map((s) => s.documentId);
    }
  }

  const serverButton = $('sign-server');
  if (serverButton) serverButton.addEventListener('click', async () => {
    const ids = requireSelection();
    if (ids.length === 0) return;
    busy(true);
    const progress = batch(ids.length);
    try {
      progress.say('Отправка на подпись…');
      const outcomes = await post(`${base}/server`, { documentIds: ids });
      const approved = [];
      for (const o of outcomes) {
        if (o.result === 'APPROVED') { approved.push(o.documentId); show(o.documentId, 'Подписывается…', 'pending', 1); }
        else { show(o.documentId, o.message, 'error'); progress.step(); }
      }
      await followToArchive(approved, progress);
      progress.say(summary());
    } catch (e) {
      progress.say(failure(e));
    } finally {
      busy(false);
    }
  });

  function summary() {
    const results = rows().map((r) => r.querySelector('.outcome').className);
    const done = results.filter((c) => c.includes('done')).length;
    const bad = results.filter((c) => c.includes('error')).length;
    return `Готово. Подписано и передано в архив: ${done}${bad ? `, не подписано: ${bad}` : ''}.`;
  }

  // The plug-in: cadesplugin_api.js (loaded before this module) defines window.cadesplugin, a promise
  // that rejects when the extension is absent; without the loader it never appears.
  const timeout = Number(form.dataset.pluginTimeout) || 15000;
  function plugin() {
    return new Promise((resolve, reject) => {
      const until = Date.now() + timeout;
      const timer = setTimeout(() => reject(new Error('timeout')), timeout);
      (function wait() {
        if (window.cadesplugin) {
          // Resolved with nothing: the plug-in object is itself a promise, which resolve() would unwrap.
          Promise.resolve(window.cadesplugin).then(() => { clearTimeout(timer); resolve(); },
            (e) => { clearTimeout(timer); reject(e); });
        } else if (Date.now() < until) setTimeout(wait, 100);
      })();
    });
  }

  function pluginError(e) {
    const text = (window.cadesplugin && window.cadesplugin.getLastError) ? window.cadesplugin.getLastError(e) : String(e && e.message);
    const message = String(text || '');
    if (message.includes(PIN_CANCELLED) || (e && String(e.message).includes(PIN_CANCELLED)))
      return { cancelled: true, text: 'Ввод PIN-кода отменён: документ не подписан.' };
    if (TOKEN_GONE.some((code) => message.toUpperCase().includes(code.toUpperCase())))
      return { gone: true, text: 'Токен с ключом недоступен: вставьте его и продолжите подписание.' };
    return { text: `Плагин не смог подписать: ${message}` };
  }

  async function loadCertificates(cades) {
    $('plugin-status').textContent = 'Чтение сертификатов…';
    const store = await cades.CreateObjectAsync('CAdESCOM.Store');
    await store.Open(STORE_CURRENT_USER, 'My', STORE_MAXIMUM_ALLOWED);
    const all = await store.Certificates;
    const count = await all.Count;
    const list = [];
    for (let i = 1; i <= count; i += 1) {
      const certificate = await all.Item(i);
      if (!(await certificate.HasPrivateKey())) continue;
      list.push({
        object: certificate,
        subject: await certificate.SubjectName,
        validTo: new Date(await certificate.ValidToDate),
        der: await certificate.Export(ENCODE_BASE64),
      });
    }
    await store.Close();
    return list;
  }

  function name(subject) {
    const part = (key) => (subject.match(new RegExp(`(?:^|,\\s*)${key}=("(?:[^"]|"")*"|[^,]*)`)) || [])[1];
    const unquote = (v) => (v || '').replace(/^"|"$/g, '').replace(/""/g, '"');
    const sn = unquote(part('SN'));
    const g = unquote(part('G'));
    return sn && g ? `${sn} ${g}` : unquote(part('CN')) || subject;
  }

  function ddmmyyyy(date) {
    return date.toLocaleDateString('ru-RU', { day: '2-digit', month: '2-digit', year: 'numeric' });
  }

  async function fillCertificates(cades) {
    certificates = await loadCertificates(cades);
    const select = $('certificate');
    select.replaceChildren();
    $('certificate-choice').hidden = false;
    if (certificates.length === 0) {
      $('plugin-status').textContent = 'Плагин подключён.';
      shownError('На токене и в хранилище нет сертификатов с закрытым ключом. Вставьте токен и нажмите «Обновить список».');
      select.disabled = true;
      chosen = null;
      updateTokenButton();
      return;
    }
    select.disabled = false;
    const prompt = new Option('— выберите сертификат —', '');
    select.add(prompt);
    certificates.forEach((c, i) => {
      const expired = c.validTo < new Date();
      select.add(new Option(`${name(c.subject)}, действителен до ${ddmmyyyy(c.validTo)}${expired ? ' (срок истёк)' : ''}`, String(i)));
    });
    $('plugin-status').textContent = `Плагин подключён. Сертификатов: ${certificates.length}.`;
    shownError(null);
    if (certificates.length === 1) { select.value = '0'; await choose(); }
  }

  function shownError(text) {
    $('certificate-error').hidden = !text;
    $('certificate-error').textContent = text || '';
  }

  async function choose() {
    const index = $('certificate').value;
    chosen = index === '' ? null : certificates[Number(index)];
    verdict = null;
    $('certificate-details').hidden = true;
    $('certificate-warning').hidden = true;
    $('confirm-owner').checked = false;
    shownError(null);
    if (chosen) {
      try {
        verdict = await post(`${base}/token/certificate`, { certificate: chosen.der });
        const details = $('certificate-details');
        details.replaceChildren();
        for (const [term, value] of [['Владелец', verdict.owner], ['Должность', verdict.title], ['Организация', verdict.organization],
          ['Действителен', `с ${verdict.validFrom} по ${verdict.validTo}`]]) {
          if (!value) continue;
          const dt = document.createElement('dt'); dt.textContent = term;
          const dd = document.createElement('dd'); dd.textContent = value;
          details.append(dt, dd);
        }
        details.hidden = false;
        if (verdict.errors.length > 0) shownError(verdict.errors.join(' '));
        if (verdict.warnings.length > 0) {
          $('certificate-warning-text').textContent = verdict.warnings.join(' ');
          $('certificate-warning').hidden = false;
        }
      } catch (e) {
        shownError(failure(e));
      }
    }
    updateTokenButton();
  }

  function certificateUsable() {
    return chosen && verdict && verdict.errors.length === 0 && (verdict.warnings.length === 0 || $('confirm-owner').checked);
  }

  function updateTokenButton() {
    const button = $('sign-token');
    if (button) button.disabled = !certificateUsable();
    const resume = $('resume-token');
    if (resume) resume.disabled = !certificateUsable() || openSessions.length === 0;
  }

  $('certificate').addEventListener('change', choose);
  $('confirm-owner').addEventListener('change', updateTokenButton);

  async function signHash(cades, step) {
    const hashed = await cades.CreateObjectAsync('CAdESCOM.HashedData');
    // The algorithm first: the plug-in refuses a hash value it cannot size.
    await hashed.propset_Algorithm(step.digestAlgorithm.includes('512') ? HASH_GOST_2012_512 : HASH_GOST_2012_256);
    await hashed.SetHashValue(hex(step.hash));
    const signer = await cades.CreateObjectAsync('CAdESCOM.CPSigner');
    await signer.propset_Certificate(chosen.object);
    await signer.propset_Options(INCLUDE_WHOLE_CHAIN);
    const signed = await cades.CreateObjectAsync('CAdESCOM.CadesSignedData');
    return signed.SignHash(hashed, signer, CADES_BES);
  }

  function hex(base64) {
    return [...atob(base64)].map((c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join('').toUpperCase();
  }

  // One document: its PDF's hash, then the final file's hash for the detached .sig.
  async function signDocument(cades, first) {
    let step = first;
    const id = step.documentId;
    while (step) {
      show(id, step.stage === 'PDF' ? 'Подпись документа…' : 'Подпись открепленного файла…', 'pending', step.stage === 'PDF' ? 0 : 1);
      const cms = await signHash(cades, step); // base64 with CRLF line breaks, as the plug-in gives it: the service takes it so
      const [answer] = await complete(step.sessionId, cms);
      step = null;
      if (answer.result === 'NEXT_STEP') step = answer.next;
      else if (answer.result === 'SIGNED') { show(id, 'Подписано, передаётся в архив…', 'pending', 2); return 'SIGNED'; }
      else if (answer.result === 'TRY_AGAIN') { retryable.push({ id, sessionId: answer.next?.sessionId, cms }); show(id, answer.message, 'error'); return 'TRY_AGAIN'; }
      else { show(id, answer.message, 'error'); return answer.result; }
    }
    return 'NOT_WAITING';
  }

  async function complete(sessionId, cms) {
    const answers = await post(`${base}/token/complete`, { signatures: [{ sessionId, cms }] });
    if (answers[0].result === 'TRY_AGAIN') answers[0].next = { sessionId };
    return answers;
  }

  async function runSteps(cades, steps, progress) {
    const signed = [];
    for (const step of steps) {
      let result;
      try {
        result = await signDocument(cades, step);
      } catch (e) {
        if (e instanceof ServiceError) { show(step.documentId, e.message, 'error'); progress.step(); continue; }
        const problem = pluginError(e);
        show(step.documentId, problem.text, 'error');
        if (problem.cancelled || problem.gone) {
          progress.say(`Подписание остановлено. ${problem.text} Подписано: ${signed.length} из ${steps.length}.`);
          return { signed, stopped: true };
        }
        progress.step();
        continue;
      }
      if (result === 'SIGNED') signed.push(step.documentId);
      else progress.step();
    }
    return { signed, stopped: false };
  }

  async function tokenBatch(cades, steps, total) {
    busy(true);
    const progress = batch(total);
    retryable = [];
    try {
      const { signed, stopped } = await runSteps(cades, steps, progress);
      $('retry').hidden = retryable.length === 0;
      const archived = followToArchive(signed, progress);
      await archived;
      if (!stopped) progress.say(summary());
    } catch (e) {
      progress.say(failure(e));
    } finally {
      busy(false);
      await lookForOpenSessions();
    }
  }

  async function signWithToken(cades) {
    const ids = requireSelection();
    if (ids.length === 0 || !certificateUsable()) return;
    let prepared;
    try {
      prepared = await post(`${base}/token/prepare`, { documentIds: ids, certificate: chosen.der });
    } catch (e) {
      shownError(failure(e));
      return;
    }
    const steps = [];
    for (const p of prepared) {
      if (p.result === 'NEXT_STEP') steps.push(p.next);
      else show(p.documentId, p.message, 'error');
    }
    await tokenBatch(cades, steps, ids.length);
  }

  async function lookForOpenSessions() {
    try {
      openSessions = await get(`${base}/token/sessions`);
    } catch (e) {
      openSessions = [];
    }
    const waiting = openSessions.filter((s) => row(s.documentId));
    $('resume').hidden = waiting.length === 0;
    if (waiting.length > 0)
      $('resume-text').textContent = `Подписание на токене не завершено: документов — ${waiting.length}. `
        + 'Выберите тот же сертификат и нажмите «Продолжить»: уже сделанные подписи повторять не нужно.';
    openSessions = waiting;
    updateTokenButton();
  }

  plugin().then(async () => {
    const cades = window.cadesplugin;
    await fillCertificates(cades);
    $('refresh-certificates').addEventListener('click', () => fillCertificates(cades).catch((e) => shownError(pluginError(e).text)));
    $('sign-token').addEventListener('click', () => signWithToken(cades));
    $('resume-token').addEventListener('click', () => tokenBatch(cades, openSessions, openSessions.length));
    $('retry').addEventListener('click', async () => {
      const again = retryable;
      retryable = [];
      busy(true);
      for (const r of again) {
        const [answer] = await complete(r.sessionId, r.cms);
        if (answer.result === 'TRY_AGAIN') retryable.push(r);
        show(r.id, answer.result === 'SIGNED' ? 'Подписано, передаётся в архив…' : answer.message, answer.result === 'SIGNED' ? 'pending' : 'error');
      }
      $('retry').hidden = retryable.length === 0;
      busy(false);
    });
    await lookForOpenSessions();
  }, () => {
    $('plugin-status').hidden = true;
    $('plugin-missing').hidden = false;
  }).catch((e) => {
    $('plugin-status').textContent = pluginError(e).text;
  });
}
