/**
 * The hand-written hostile corpus: what attackers, broken clients and copy-paste send. Values for
 * fields, raw bodies that are not what they seem, keys that poison prototypes, and path and query
 * parts that try to escape.
 */

const long = (n: number, unit = 'a'): string => unit.repeat(n);

/** Strings for any text field. */
export const HOSTILE_STRINGS: readonly string[] = [
  "' OR '1'='1' --",
  '"; DROP TABLE "meldcode-events"; --',
  "Robert'); DELETE FROM organisaties;--",
  '{"$gt": ""}',
  '$where: function() { return true }',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a Log4Shell probe, literally
  '${jndi:ldap://127.0.0.1/a}',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, literally
  '{{7*7}}${7*7}<%= 7*7 %>',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '%00%2e%2e%2f',
  'a\u0000b',
  '\u0000',
  '\uFEFFStichting',
  'Stichting \u202Egnittih\u202C',
  'Z\u0351\u0352\u0353\u0354\u0355\u0356\u0357\u0358\u0359a\u035A\u035B\u035C\u035D\u035E\u035F\u0360l\u0361\u0362\u0363\u0364\u0365\u0366\u0367g\u0368\u0369\u036A\u036B\u036C\u036D\u036E\u036Fo',
  '👨‍👩‍👧‍👦🏳️‍🌈🇳🇱',
  '𝕊𝕥𝕚𝕔𝕙𝕥𝕚𝕟𝕘',
  '\uD800',
  '\uDFFF\uD800',
  'e\u0301',
  '\u00E9',
  'ﾟ･✿ヾ╲(｡◕‿◕｡)╱✿･ﾟ',
  'Ω≈ç√∫˜µ≤≥÷',
  'مؤسسة الرعاية',
  '   ',
  '\t\n\r',
  'a\r\nX-Injected: 1',
  'GM０３６３',
  'GM0363 ',
  'gm0363',
  'GM٠٣٦٣',
  '12345678\u0000',
  '１２３４５６７８',
  'null',
  'undefined',
  'NaN',
  'true',
  '-1',
  '0x10',
  '1e309',
  '__proto__',
  'constructor',
  'toString',
  long(201),
  long(4001),
  long(70_000, 'ž'),
];

/** Values of other types for any member. */
export const HOSTILE_VALUES: readonly unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  -0,
  1.5,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 2,
  Number.MIN_SAFE_INTEGER,
  1e308,
  -1e308,
  5e-324,
  [],
  [null],
  [[[[[[[[[[]]]]]]]]]],
  {},
  { $gt: '' },
  { __proto__: null, toString: 'x' },
  'x',
  '',
];

/** Keys that try to poison prototypes or confuse parsers. */
export const HOSTILE_KEYS: readonly string[] = [
  '__proto__',
  'constructor',
  'prototype',
  '__defineGetter__',
  'hasOwnProperty',
  'toString',
  'valueOf',
  '$where',
  '',
  'naam\u0000',
  'Naam',
  'naam ',
];

/** Number literals JSON.stringify cannot produce, spliced into bodies as raw text. */
export const HOSTILE_NUMBER_LITERALS: readonly string[] = [
  '1e309',
  '-1e309',
  '1e-400',
  '123456789012345678901234567890',
  '-0',
  '0.1e1',
  '9007199254740993',
  '1E+2',
  '00012',
];

const deep = (depth: number, open: string, close: string): string => open.repeat(depth) + close.repeat(depth);

/** Whole bodies, as raw text. */
export const HOSTILE_BODIES: readonly string[] = [
  '',
  ' ',
  'null',
  'true',
  '0',
  '"x"',
  '[]',
  '{}',
  '[{}]',
  '{',
  '{"naam":',
  '{"naam": "a",}',
  "{'naam': 'a'}",
  '{"naam": NaN}',
  '{"naam": Infinity}',
  '{"naam": undefined}',
  '/* comment */ {}',
  '\uFEFF{}',
  '{"naam":"a","naam":"b"}',
  '{"__proto__": {"isAdmin": true}}',
  '{"constructor": {"prototype": {"isAdmin": true}}}',
  '{"__proto__": null}',
  '{"a": "\\ud800"}',
  '{"a": "\\u0000"}',
  deep(2_000, '[', ']'),
  deep(20_000, '[', ']'),
  deep(5_000, '{"a":', '}').replace(/}$/, '1}'),
  `{"naam": "${long(300_000)}"}`,
  `[${Array.from({ length: 50_000 }, () => '1').join(',')}]`,
  '\u0000\u0001\u0002',
  '<?xml version="1.0"?><organisatie/>',
  'naam=a&kvkNummer=12345678',
];

/** Path segments that try to escape or confuse routing (URL-encoded when sent). */
export const HOSTILE_SEGMENTS: readonly string[] = [
  '..',
  '.',
  '%2e%2e',
  '..%2F..%2Fopenapi.json',
  '01M8NZPAKT8XDJ9NSQCWM396B4%00',
  '01m8nzpakt8xdj9nsqcwm396b4',
  '01M8NZPAKT8XDJ9NSQCWM396B40',
  'ILOUILOUILOUILOUILOUILOUIL',
  '00000000000000000000000000',
  'ZZZZZZZZZZZZZZZZZZZZZZZZZZ',
  long(5000),
  ' ',
  '%',
  '%zz',
  '🏳️‍🌈',
  'GM0000',
  'GM9999',
  '__proto__',
  'constructor',
];

/** Query strings (raw, after `?`). */
export const HOSTILE_QUERIES: readonly string[] = [
  '__proto__=x',
  '__proto__[isAdmin]=true',
  'constructor=x',
  'constructor[prototype][isAdmin]=true',
  'toString=1',
  'hasOwnProperty=1',
  'pagina=0',
  'pagina=-1',
  'pagina=1e400',
  'pagina=999999999999',
  'paginaGrootte=100000',
  'pagina=1&pagina=2',
  'sector=wmo&sector=zorg',
  'zoek=%00',
  `zoek=${long(500)}`,
  'zoek=%27%20OR%201%3D1',
  'gemeente=GM0363%00',
  'perDatum=2999-01-01',
  'perDatum=0000-00-00',
  'vanaf=2025-13-40',
  'a',
  '=',
  '&&&',
  '%',
  'x=%E0%A4%A',
];

/** Content types for a JSON body. */
export const HOSTILE_CONTENT_TYPES: readonly string[] = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json; charset=utf-16',
  'application/JSON',
  'application/json, text/html',
  'application/jsonp',
  'application/problem+json',
  '',
];

/** If-Match values. */
export const HOSTILE_IF_MATCH: readonly string[] = [
  '"999999999"',
  'W/"1"',
  '*',
  '"-1"',
  '"1e3"',
  '"abc"',
  '""',
  long(300, '"'),
];

/** Idempotency-Key values (ASCII only: fetch refuses others in headers). */
export const HOSTILE_IDEMPOTENCY_KEYS: readonly string[] = [' ', long(129), 'a b', '\t', '"quoted"', '../key', '%00'];
