// JSON calls of the pages to their own endpoints, with the session's CSRF token. An expired session
// (the server answers with a redirect to the sign-in page) and refusals become Russian messages.
const meta = (name) => document.querySelector(`meta[name="${name}"]`)?.content;

export class ServiceError extends Error {}

async function call(method, url, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const header = meta('_csrf_header');
  if (header && method !== 'GET') headers[header] = meta('_csrf');
  const response = await fetch(url, {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin', redirect: 'manual',
  });
  if (response.type === 'opaqueredirect' || response.status === 401)
    throw new ServiceError('Сеанс завершён. Войдите снова (обновите страницу): начатое подписание можно будет продолжить.');
  if (response.status === 403) throw new ServiceError('Доступ запрещён или страница устарела: обновите её.');
  const type = response.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await response.json() : null;
  if (!response.ok) {
    const problems = data && Array.isArray(data.errors) && data.errors.length > 0 ? data.errors.map((e) => e.message).join('; ')
      : (data && data.detail) || `ошибка сервера (${response.status})`;
    throw new ServiceError(problems);
  }
  return data;
}

export const get = (url) => call('GET', url);
export const post = (url, body) => call('POST', url, body);
