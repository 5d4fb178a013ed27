/**
 * The engineer's preferences (theme, language, recent cases) in `<data folder>/preferences.json`;
 * in memory only when there is no data folder. A file that is missing or unreadable reads as the
 * defaults; writes are whole (platform/jsonFile.ts) and one at a time, in the order asked.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  defaultPreferences,
  preferencesSchema,
  type Preferences,
  type PreferencesPatch,
} from '../../../shared/preferences.ts';
import { writeJsonAtomic } from '../platform/jsonFile.ts';

/** Keeps the preferences; see the module comment. */
export class PreferenceStore {
  private current: Promise<Preferences>;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly file: string | null;

  constructor(dataDir: string | null) {
    this.file = dataDir ? join(dataDir, 'preferences.json') : null;
    this.current = this.read();
  }

  private async read(): Promise<Preferences> {
    if (!this.file) return defaultPreferences();
    try {
      return preferencesSchema.parse(JSON.parse(await readFile(this.file, 'utf8')));
    } catch {
      return defaultPreferences();
    }
  }

  /** The preferences as kept now. */
  load(): Promise<Preferences> {
    return this.current;
  }

  /** Applies a change and keeps it; resolves to the preferences as now kept. */
  save(patch: PreferencesPatch): Promise<Preferences> {
    const next = this.current.then((kept) => preferencesSchema.parse({ ...kept, ...patch }));
    this.current = next;
    const written = this.queue.then(async () => {
      const value = await next;
      if (this.file) await writeJsonAtomic(this.file, value);
      return value;
    });
    this.queue = written.catch(() => undefined);
    return written;
  }
}
