// A fake of the CryptoPro ЭЦП Browser plug-in's async API, played at the boundary we do not own
// (STACK.md, CryptoPro's documentation): window.cadesplugin is a promise with CreateObjectAsync and
// getLastError; properties are read with await, set with propset_*. It rejects what the real plug-in
// rejects: a hash value before its algorithm, a hash whose length does not fit the algorithm or an
// algorithm that does not fit the key, a signature type other than CAdES-BES from a PC with no TSA,
// a cancelled PIN (0x800704C7) and a removed token (0x80090016). The signature itself is made by the
// test (a real GOST CMS over the hash) and handed back through window.__cades.answer.
(function () {
  const config = window.__fakeCadesConfig;
  const requests = [];
  const pending = {};
  let next = 1;
  window.__cades = {
    take() { return requests.splice(0, requests.length); },
    answer(id, cms) { pending[id].resolve(cms); delete pending[id]; },
    log: [],
  };
  const error = (text) => new Error(text);
  const value = (v) => Promise.resolve(v);

  function certificate(c) {
    return {
      get SubjectName() { return value(c.subject); },
      get IssuerName() { return value(c.issuer); },
      get ValidFromDate() { return value(c.validFrom); },
      get ValidToDate() { return value(c.validTo); },
      get SerialNumber() { return value(c.serial); },
      get Thumbprint() { return value(c.thumbprint); },
      HasPrivateKey() { return value(c.hasKey !== false); },
      Export(encoding) { return encoding === 0 ? value(c.der) : Promise.reject(error('Неверный параметр. (0x80070057)')); },
      __fake: c,
    };
  }

  const classes = {
    'CAdESCOM.Store': () => {
      let open = false;
      return {
        Open(location, name, mode) { open = location === 2 && name === 'My' && mode === 2; return value(undefined); },
        get Certificates() {
          if (!open) return Promise.reject(error('Хранилище не открыто. (0x80092004)'));
          const list = config.certificates.map(certificate);
          return value({ get Count() { return value(list.length); }, Item(i) { return value(list[i - 1]); } });
        },
        Close() { open = false; return value(undefined); },
      };
    },
    'CAdESCOM.HashedData': () => {
      const state = { algorithm: null, hash: null };
      return {
        propset_Algorithm(a) { state.algorithm = a; return value(undefined); },
        SetHashValue(hex) {
          if (state.algorithm === null) return Promise.reject(error('Неправильный алгоритм хеширования: задайте Algorithm до SetHashValue. (0x80090008)'));
          const bytes = hex.length / 2;
          if (bytes !== (state.algorithm === 101 ? 32 : state.algorithm === 102 ? 64 : -1))
            return Promise.reject(error('Неправильная длина хеш-значения. (0x80090004)'));
          state.hash = hex;
          return value(undefined);
        },
        __state: state,
      };
    },
    'CAdESCOM.CPSigner': () => {
      const state = { certificate: null, options: 0 };
      return {
        propset_Certificate(c) { state.certificate = c; return value(undefined); },
        propset_Options(o) { state.options = o; return value(undefined); },
        __state: state,
      };
    },
    'CAdESCOM.CadesSignedData': () => ({
      SignHash(hashed, signer, type) {
        const h = hashed.__state;
        const s = signer.__state;
        if (!s.certificate) return Promise.reject(error('Не задан сертификат подписи. (0x8007065B)'));
        const c = s.certificate.__fake;
        if (type !== 1) return Promise.reject(error('Не задан адрес службы штампов времени. (0x80880260)'));
        if (!h.hash) return Promise.reject(error('Не задано хеш-значение. (0x80090008)'));
        if ((c.keyBits === 512 ? 102 : 101) !== h.algorithm)
          return Promise.reject(error('Алгоритм хеширования не соответствует ключу. (0x80090008)'));
        if (config.token === 'removed') return Promise.reject(error('Набор ключей не существует. (0x80090016)'));
        if (config.pin === 'cancel') return Promise.reject(error('Действие было отменено пользователем. (0x800704C7)'));
        const id = next++;
        window.__cades.log.push({ id, options: s.options });
        requests.push({ id, hash: h.hash, certificate: c.der, chain: s.options });
        return new Promise((resolve, reject) => { pending[id] = { resolve, reject }; });
      },
    }),
  };

  const plugin = Promise.resolve();
  plugin.CreateObjectAsync = (name) => classes[name] ? value(classes[name]()) : Promise.reject(error(`Нет класса ${name}`));
  plugin.getLastError = (e) => (e && e.message) || String(e);
  window.cadesplugin = plugin;
}());
