/**
 * The Case tab's notes file: export as JSON (what `tarsier analyze --notes` reads) or Markdown,
 * and import a JSON file, merged into the case by pin identity after a preview of what is added
 * and what is replaced. A bad file is refused with what is wrong with it.
 */
import { useRef, useState, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import { useDialogFocus } from '../components/CommandPalette.tsx';
import { ModalShell } from '../components/ModalShell.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import {
  mergeNotes,
  notesToJson,
  notesToMarkdown,
  parseNotesFile,
  type CaseNotes,
  type NotesMerge,
} from '../lib/caseNotes.ts';
import '../components/overlays.css';

/** Offers `text` as a download named `name`. */
function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** A file name from the case's name: letters, digits, `.-_` kept. */
const fileStem = (name: string): string => `${name.replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(0, 80) || 'case'}-notes`;

export function NotesTransfer({
  notes,
  onChange,
  caseName,
}: {
  notes: CaseNotes;
  onChange: (notes: CaseNotes) => void;
  caseName: string;
}) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [preview, setPreview] = useState<{ name: string; merge: NotesMerge } | null>(null);
  const [message, setMessage] = useState<{ tone: 'error' | 'info'; text: string } | null>(null);
  const stem = fileStem(caseName);

  const read = async (file: File): Promise<void> => {
    const parsed = parseNotesFile(await file.text());
    if (!parsed.ok)
      return setMessage({ tone: 'error', text: t('notesImportBad', { name: file.name, reason: parsed.error }) });
    setMessage(null);
    setPreview({ name: file.name, merge: mergeNotes(notes, parsed.notes) });
  };

  return (
    <div className="notes-transfer">
      <div className="notes-transfer-buttons">
        <button
          type="button"
          className="button"
          data-testid="notes-export-json"
          onClick={() => download(`${stem}.json`, notesToJson(notes), 'application/json')}
        >
          {t('notesExportJson')}
        </button>
        <button
          type="button"
          className="button"
          data-testid="notes-export-md"
          onClick={() => download(`${stem}.md`, notesToMarkdown(notes, caseName), 'text/markdown')}
        >
          {t('notesExportMd')}
        </button>
        <button type="button" className="button" data-testid="notes-import" onClick={() => input.current?.click()}>
          {t('notesImport')}
        </button>
        <input
          ref={input}
          type="file"
          accept=".json,application/json"
          hidden
          data-testid="notes-import-file"
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file) void read(file);
          }}
        />
      </div>
      {message && (
        <p
          className={message.tone === 'error' ? 'hint hint-problem' : 'hint'}
          role={message.tone === 'error' ? 'alert' : 'status'}
          data-testid="notes-import-message"
        >
          {message.text}
        </p>
      )}
      {preview &&
        createPortal(
          <ImportPreview
            name={preview.name}
            merge={preview.merge}
            onCancel={() => setPreview(null)}
            onApply={() => {
              onChange(preview.merge.merged);
              setPreview(null);
              setMessage({ tone: 'info', text: t('notesImported', { name: preview.name }) });
            }}
          />,
          document.body,
        )}
    </div>
  );
}

function ImportPreview({
  name,
  merge,
  onCancel,
  onApply,
}: {
  name: string;
  merge: NotesMerge;
  onCancel: () => void;
  onApply: () => void;
}) {
  const { t, num } = useI18n();
  const dialog = useRef<HTMLDivElement>(null);
  const trap = useDialogFocus(dialog);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    } else trap(event);
  };
  const list = (pins: NotesMerge['added']) => (
    <ul className="notes-preview-pins mono">
      {pins.slice(0, 8).map((p) => (
        <li key={`${p.path}:${p.line}`}>
          {p.path}:{p.line}
          {p.note && <span className="muted"> — {p.note.slice(0, 80)}</span>}
        </li>
      ))}
      {pins.length > 8 && <li className="muted">…</li>}
    </ul>
  );
  return (
    <ModalShell
      dialogRef={dialog}
      className="notes-preview"
      testId="notes-import-preview"
      titleId="notes-preview-title"
      title={t('notesImportTitle', { name })}
      onClose={onCancel}
      onKeyDown={onKeyDown}
    >
      <div className="notes-preview-body">
        <p data-testid="notes-preview-added">{t('notesImportAdded', { n: num(merge.added.length) })}</p>
        {list(merge.added)}
        <p data-testid="notes-preview-overwritten">
          {t('notesImportOverwritten', { n: num(merge.overwritten.length) })}
        </p>
        {list(merge.overwritten)}
        <p className="muted">{t('notesImportSame', { n: num(merge.same) })}</p>
        {merge.fields.length > 0 && <p>{t('notesImportFields', { fields: merge.fields.join(', ') })}</p>}
        <div className="notes-preview-actions">
          <button type="button" className="button" onClick={onCancel}>
            {t('notesImportCancel')}
          </button>
          <button type="button" className="button button-primary" data-testid="notes-import-apply" onClick={onApply}>
            {t('notesImportApply')}
          </button>
        </div>
      </div>
    </ModalShell>
  );
}
