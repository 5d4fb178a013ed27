/** The files of the case: sortable by any column, filterable by text, rendered a page at a time. */
import { useMemo, useState } from 'react';
import type { FileRecord } from '../../../../shared/model.ts';
import { LevelPills } from '../../components/LevelPills.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { StringKey } from '../../i18n/strings.ts';
import { formatSpan } from '../../lib/display.ts';
import { guessBadges, kindPhrase, type Phrase } from './timeGuess.ts';
import { isUntimed } from './untimedFiles.ts';
import { hasTimeControl } from './timeSettingsView.ts';
import './TimeGuess.css';
import './TimeSettings.css';

type SortKey = 'path' | 'component' | 'kind' | 'format' | 'encoding' | 'lines' | 'events' | 'levels' | 'span';
interface Sort {
  key: SortKey;
  descending: boolean;
}

const PAGE = 500;
const severity = (f: FileRecord): number => (f.levels.critical + f.levels.error) * 1e9 + f.levels.warning;
const text = (a: string, b: string): number => a.localeCompare(b, 'en');
const byNullableTime = (a: number | null, b: number | null): number => (a ?? Infinity) - (b ?? Infinity);

const COMPARE: Record<SortKey, (a: FileRecord, b: FileRecord) => number> = {
  path: (a, b) => text(a.path, b.path),
  component: (a, b) => text(a.module, b.module) || text(a.component, b.component) || text(a.path, b.path),
  kind: (a, b) => text(a.kind, b.kind),
  format: (a, b) => text(a.format, b.format),
  encoding: (a, b) => text(a.encoding, b.encoding),
  lines: (a, b) => a.lines - b.lines,
  events: (a, b) => a.events - b.events,
  levels: (a, b) => severity(a) - severity(b),
  span: (a, b) => byNullableTime(a.firstTime, b.firstTime),
};

const COLUMNS: readonly { key: SortKey; label: StringKey; numeric?: boolean }[] = [
  { key: 'path', label: 'colPath' },
  { key: 'component', label: 'colComponent' },
  { key: 'kind', label: 'colKind' },
  { key: 'format', label: 'colFormat' },
  { key: 'encoding', label: 'colEncoding' },
  { key: 'lines', label: 'colLines', numeric: true },
  { key: 'events', label: 'colEvents', numeric: true },
  { key: 'levels', label: 'colLevels' },
  { key: 'span', label: 'colSpan' },
];

function PathCell({ file, onOpen }: { file: FileRecord; onOpen?: () => void }) {
  const { t } = useI18n();
  const cut = file.path.lastIndexOf('/') + 1;
  // Let long paths wrap after a slash rather than inside a name.
  const dirs = file.path.slice(0, cut).split(/(?<=\/)/);
  return (
    <td className="cell-path mono">
      <span className="path-dir">
        {dirs.map((part, i) => (
          <span key={i}>
            {part}
            <wbr />
          </span>
        ))}
      </span>
      {onOpen ? (
        <button
          type="button"
          className="link-button path-name path-open"
          title={t('filesOpenTitle', { path: file.path })}
          data-testid="file-open"
          onClick={onOpen}
        >
          {file.path.slice(cut)}
        </button>
      ) : (
        <span className="path-name">{file.path.slice(cut)}</span>
      )}
      {file.incomplete && (
        <span className="badge badge-warning" title={file.incomplete} data-testid="incomplete">
          {t('incomplete')}
        </span>
      )}
    </td>
  );
}

/** The badges saying a file's year was guessed or its zone assumed, each with what from in its tooltip. */
function GuessBadges({ file, onSetTime }: { file: FileRecord; onSetTime?: () => void }) {
  const { t } = useI18n();
  const say = (phrase: Phrase): string => t(phrase.key, phrase.params);
  const badges = guessBadges(file);
  if (badges.length === 0) return null;
  // On a line of their own under the span, so that the column does not widen the table.
  return (
    <span className="guess-badges">
      {badges.map((badge) => (
        <span
          key={badge.kind}
          className={`badge badge-guess badge-guess-${badge.kind}${badge.source === 'set' ? ' badge-guess-set' : ''}`}
          title={badge.title.map(say).join(' ')}
          data-testid={`guess-${badge.kind}`}
          data-source={badge.source}
        >
          {t(badge.label, badge.labelParams)}
        </span>
      ))}
      {onSetTime && hasTimeControl(file) && (
        <button
          type="button"
          className="link ts-open"
          onClick={onSetTime}
          aria-label={t('tsOpenFor', { path: file.path })}
          data-testid="row-set-time"
        >
          {t('tsOpen')}
        </button>
      )}
    </span>
  );
}

/** The kind column: `HAR: 12 requests` for a HAR, else the kind. */
function KindCell({ file }: { file: FileRecord }) {
  const { t, num } = useI18n();
  const phrase = kindPhrase(file);
  if (!phrase) return <td>{file.kind}</td>;
  const params = phrase.params && { ...phrase.params, n: num(Number(phrase.params.n)) };
  return (
    <td className="kind-har" data-testid="kind-har">
      {t(phrase.key, params)}
    </td>
  );
}

function SpanCell({ file, onDefine, onSetTime }: { file: FileRecord; onDefine: () => void; onSetTime?: () => void }) {
  const { t, num } = useI18n();
  const span = formatSpan(file.firstTime, file.lastTime);
  if (span)
    return (
      <td className="cell-span mono">
        {span}
        <GuessBadges file={file} onSetTime={onSetTime} />
      </td>
    );
  if (!isUntimed(file))
    return (
      <td className="cell-span mono">
        <span className="muted">{t('noTime')}</span>
      </td>
    );
  return (
    <td className="cell-span cell-define">
      <span
        className="badge badge-untimed"
        title={t('untimedBadgeTitle', { events: num(file.events) })}
        data-testid="untimed-badge"
      >
        {t('untimedBadge')}
      </span>{' '}
      <button
        type="button"
        className="link"
        onClick={onDefine}
        aria-label={t('dfOpenFor', { path: file.path })}
        data-testid="row-define"
      >
        {t('dfOpen')}
      </button>
    </td>
  );
}

export function FilesTable({
  files,
  onDefineFormat,
  onSetTime,
  onOpen,
}: {
  files: FileRecord[];
  /** Opens Define a format for a file (by its index in `files`). */
  onDefineFormat: (file: number) => void;
  /** Opens the time control of a file whose times were guessed (by its index in `files`). */
  onSetTime?: (file: number) => void;
  /** Opens a file in the viewer (by its index in `files`): its name is a button, a double click on the row too. */
  onOpen?: (file: number) => void;
}) {
  const { t, num } = useI18n();
  const indexOf = useMemo(() => new Map(files.map((f, i) => [f, i])), [files]);
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<Sort>({ key: 'component', descending: false });
  const [limit, setLimit] = useState(PAGE);

  const shown = useMemo(() => {
    const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
    const kept =
      words.length === 0
        ? [...files]
        : files.filter((f) => {
            const hay = `${f.path} ${f.module} ${f.component} ${f.kind} ${f.format} ${f.encoding}`.toLowerCase();
            return words.every((w) => hay.includes(w));
          });
    const compare = COMPARE[sort.key];
    kept.sort((a, b) => (sort.descending ? compare(b, a) : compare(a, b)));
    return kept;
  }, [files, filter, sort]);

  const toggle = (key: SortKey): void => {
    setSort((s) =>
      s.key === key
        ? { key, descending: !s.descending }
        : { key, descending: key === 'levels' || key === 'lines' || key === 'events' },
    );
  };

  return (
    <div className="files">
      <div className="files-toolbar">
        <h2>{t('filesTitle')}</h2>
        <input
          className="input filter"
          type="search"
          placeholder={t('filterPlaceholder')}
          aria-label={t('filterPlaceholder')}
          value={filter}
          onChange={(event) => {
            setFilter(event.target.value);
            setLimit(PAGE);
          }}
        />
        <span className="muted files-count">
          {t('filterCount', { shown: num(shown.length), total: num(files.length) })}
        </span>
      </div>
      <div className="table-wrap">
        <table className="table files-table" data-testid="files-table">
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th
                  key={c.key}
                  className={c.numeric ? 'num' : undefined}
                  aria-sort={sort.key === c.key ? (sort.descending ? 'descending' : 'ascending') : 'none'}
                >
                  <button type="button" className="sort" onClick={() => toggle(c.key)}>
                    {t(c.label)}
                    <span className="sort-mark" aria-hidden="true">
                      {sort.key === c.key ? (sort.descending ? '▾' : '▴') : ''}
                    </span>
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.slice(0, limit).map((f) => (
              <tr
                key={`${f.bundle}:${f.path}`}
                onDoubleClick={
                  onOpen && ((event) => !(event.target as HTMLElement).closest('button') && onOpen(indexOf.get(f)!))
                }
              >
                <PathCell file={f} onOpen={onOpen && (() => onOpen(indexOf.get(f)!))} />
                <td className="cell-component">
                  <span className="module">{f.module}</span>
                  <span className="muted"> / </span>
                  <span className="component">{f.component}</span>
                </td>
                <KindCell file={f} />
                <td>{f.format === 'none' ? <span className="muted">—</span> : f.format}</td>
                <td className="muted">{f.encoding}</td>
                <td className="num">{num(f.lines)}</td>
                <td className="num">{num(f.events)}</td>
                <td>
                  <LevelPills levels={f.levels} />
                </td>
                <SpanCell
                  file={f}
                  onDefine={() => onDefineFormat(indexOf.get(f)!)}
                  onSetTime={onSetTime && (() => onSetTime(indexOf.get(f)!))}
                />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {shown.length === 0 && files.length > 0 && (
        <p className="empty">
          {t('noMatch', { filter })}{' '}
          <button type="button" className="link" onClick={() => setFilter('')}>
            {t('clearFilter')}
          </button>
        </p>
      )}
      {shown.length > limit && (
        <p className="more">
          <button type="button" className="button" onClick={() => setLimit((l) => l + PAGE)}>
            {t('showMore', { n: num(Math.min(PAGE, shown.length - limit)) })}
          </button>
        </p>
      )}
    </div>
  );
}
