/**
 * `tarsier-log`: a Monarch grammar for the logs Tarsier reads (oslo, Cloudpods, klog, syslog,
 * Go, Python, JSON lines) and a light and a dark theme that follow the app's palette.
 * Registered once per page, the first time a file viewer loads Monaco.
 */
import type * as Monaco from 'monaco-editor/editor/editor.api';

export const LOG_LANGUAGE = 'tarsier-log';
export const LIGHT_THEME = 'tarsier-light';
export const DARK_THEME = 'tarsier-dark';

type MonacoApi = typeof Monaco;

const UUID = /[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/;
const REQ = new RegExp(`g?req-${UUID.source}`);
const IPV4 = /(?:\d{1,3}\.){3}\d{1,3}(?::\d{1,5})?(?![\d.])/;
/** Where a Cloudpods (yunion.io/x/log) level bracket is followed by its date. */
const CP_DATE = '(?= (?:\\d{6}|\\d{4}-\\d{2}-\\d{2}) \\d{2}:)';

/** The rules that recognise ids, shared by the root and the quoted-string states. */
const idRules: Monaco.languages.IMonarchLanguageRule[] = [
  [REQ, 'log.request'],
  [UUID, 'log.uuid'],
  [IPV4, 'log.ip'],
];

function quoted(quote: '"' | "'"): Monaco.languages.IMonarchLanguageRule[] {
  return [
    // A string left open at the end of a line ends there (log lines are not a language).
    [/^/, { token: '', next: '@pop' }],
    ...idRules,
    [new RegExp(`[^${quote}\\\\\\w]+`), 'string'],
    [/\w+/, 'string'],
    [/\\./, 'string.escape'],
    [/\\/, 'string'],
    [new RegExp(quote), { token: 'string', next: '@pop' }],
  ];
}

const grammar: Monaco.languages.IMonarchLanguage = {
  defaultToken: '',
  ignoreCase: false,
  errorWords: ['ERROR', 'CRITICAL', 'FATAL', 'PANIC', 'EMERG', 'ALERT', 'CRIT', 'ERR', 'SEVERE'],
  warnWords: ['WARN', 'WARNING'],
  infoWords: ['INFO', 'NOTICE', 'AUDIT'],
  debugWords: ['DEBUG', 'TRACE', 'FINE', 'FINER', 'FINEST'],
  months: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  tokenizer: {
    root: [
      // klog: `E0918 08:24:31.000042`
      [/^[EF](?=\d{4} \d{2}:\d{2}:\d{2})/, 'log.error'],
      [/^W(?=\d{4} \d{2}:\d{2}:\d{2})/, 'log.warning'],
      [/^I(?=\d{4} \d{2}:\d{2}:\d{2})/, 'log.info'],
      [/^\d{4} \d{2}:\d{2}:\d{2}(?:\.\d+)?/, 'log.date'],
      // Cloudpods: `[error 220331 03:30:30 …]`, `[W 2024-01-02 …]`
      [new RegExp(`\\[(?:error|fatal|panic|[EFP])${CP_DATE}`), 'log.error'],
      [new RegExp(`\\[(?:warning|warn|W)${CP_DATE}`), 'log.warning'],
      [new RegExp(`\\[(?:info|I)${CP_DATE}`), 'log.info'],
      [new RegExp(`\\[(?:debug|trace|[DT])${CP_DATE}`), 'log.debug'],
      // Ids before dates and numbers (a uuid may start with digits).
      ...idRules,
      // Timestamps: ISO / oslo / Python, Go `2024/01/02 …`, Cloudpods `220331 03:30:30`, syslog, bare times.
      [/\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?/, 'log.date'],
      [/\d{4}\/\d{2}\/\d{2}(?: \d{2}:\d{2}:\d{2}(?:\.\d+)?)?/, 'log.date'],
      [/\d{6} \d{2}:\d{2}:\d{2}/, 'log.date'],
      [/(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ \d]\d \d{2}:\d{2}:\d{2}/, 'log.date'],
      [/\d{2}:\d{2}:\d{2}(?:[.,]\d+)?/, 'log.date'],
      // Words: levels, Python tracebacks and exception names; contractions stay one word.
      [
        /[A-Za-z_][\w$]*(?:'(?:t|s|re|ve|ll|d|m)\b)?/,
        {
          cases: {
            '@errorWords': 'log.error',
            '@warnWords': 'log.warning',
            '@infoWords': 'log.info',
            '@debugWords': 'log.debug',
            Traceback: 'log.exception',
            '~[A-Z]\\w*(?:Error|Exception|Failure|Fault|Timeout|Refused)': 'log.exception',
            '@default': '',
          },
        },
      ],
      // Numbers (with a short unit: `53.49ms`, `10s`, `85%`); hex-ish tokens (`84c85902…`) stay plain.
      [/\d+(?:\.\d+)*(?:[A-Za-z]{1,3}|%)?(?![\w.])/, 'number'],
      [/\d\w*/, ''],
      [/"/, { token: 'string', next: '@dq' }],
      [/'/, { token: 'string', next: '@sq' }],
      [/\s+/, ''],
      [/[^\w\s"']/, ''],
    ],
    dq: quoted('"'),
    sq: quoted("'"),
  },
};

const LIGHT: Monaco.editor.IStandaloneThemeData = {
  base: 'vs',
  inherit: true,
  rules: [
    { token: 'log.date', foreground: '0f766e' },
    { token: 'log.error', foreground: 'b42318', fontStyle: 'bold' },
    { token: 'log.exception', foreground: 'b42318', fontStyle: 'bold' },
    { token: 'log.warning', foreground: '8a5300', fontStyle: 'bold' },
    { token: 'log.info', foreground: '1d5fa8' },
    { token: 'log.debug', foreground: '6b7480' },
    { token: 'log.request', foreground: '6d28d9', fontStyle: 'bold' },
    { token: 'log.uuid', foreground: '8e44ad' },
    { token: 'log.ip', foreground: '0e6f8f' },
    { token: 'string', foreground: '3f6b21' },
    { token: 'string.escape', foreground: '3f6b21' },
    { token: 'number', foreground: '275b9e' },
  ],
  colors: {
    'editor.background': '#ffffff',
    'editor.foreground': '#1b1f24',
    'editorLineNumber.foreground': '#8a94a3',
    'editorLineNumber.activeForeground': '#1b1f24',
    'editor.lineHighlightBackground': '#eef0f3',
    'editorGutter.background': '#f5f6f8',
  },
};

const DARK: Monaco.editor.IStandaloneThemeData = {
  base: 'vs-dark',
  inherit: true,
  rules: [
    { token: 'log.date', foreground: '5fd3bc' },
    { token: 'log.error', foreground: 'ff8f85', fontStyle: 'bold' },
    { token: 'log.exception', foreground: 'ff8f85', fontStyle: 'bold' },
    { token: 'log.warning', foreground: 'f3bf62', fontStyle: 'bold' },
    { token: 'log.info', foreground: '8cc1ff' },
    { token: 'log.debug', foreground: '9aa4b1' },
    { token: 'log.request', foreground: 'c4a7ff', fontStyle: 'bold' },
    { token: 'log.uuid', foreground: 'd7a6f0' },
    { token: 'log.ip', foreground: '67d5e8' },
    { token: 'string', foreground: 'a6d189' },
    { token: 'string.escape', foreground: 'a6d189' },
    { token: 'number', foreground: 'b5cea8' },
  ],
  colors: {
    'editor.background': '#1c1f24',
    'editor.foreground': '#e7e9ec',
    'editorLineNumber.foreground': '#6d7683',
    'editorLineNumber.activeForeground': '#e7e9ec',
    'editor.lineHighlightBackground': '#252930',
    'editorGutter.background': '#181b1f',
  },
};

let registered = false;

/** Registers the language and both themes (once). */
export function registerLogLanguage(monaco: MonacoApi): void {
  if (registered) return;
  registered = true;
  monaco.languages.register({ id: LOG_LANGUAGE, extensions: ['.log'], aliases: ['Log', 'tarsier-log'] });
  monaco.languages.setMonarchTokensProvider(LOG_LANGUAGE, grammar);
  // Words for double-click, word-at-cursor and find: ids keep their dashes and dots together.
  monaco.languages.setLanguageConfiguration(LOG_LANGUAGE, { wordPattern: /[\w$][\w$.-]*[\w$]|[\w$]/g });
  monaco.editor.defineTheme(LIGHT_THEME, LIGHT);
  monaco.editor.defineTheme(DARK_THEME, DARK);
}

/** Dark when the page says so (a `dark` class on <html>), else when the system prefers it (as styles.css does). */
export function prefersDark(): boolean {
  const root = document.documentElement.classList;
  if (root.contains('dark')) return true;
  if (root.contains('light')) return false;
  return window.matchMedia('(prefers-color-scheme: dark)').matches;
}

/** Keeps Monaco's theme in step with the page; returns the unsubscribe. */
export function followColorScheme(monaco: MonacoApi): () => void {
  const apply = (): void => monaco.editor.setTheme(prefersDark() ? DARK_THEME : LIGHT_THEME);
  apply();
  const media = window.matchMedia('(prefers-color-scheme: dark)');
  media.addEventListener('change', apply);
  const observer = new MutationObserver(apply);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['class'] });
  return () => {
    media.removeEventListener('change', apply);
    observer.disconnect();
  };
}
