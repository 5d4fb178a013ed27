/**
 * The `key = value` lines of a configuration file, for comparing two bundles' settings: INI and
 * oslo.config files (`[section]` then `key = value`, the key given as `section.key`), `.cfg`,
 * `.conf`, `.env`, systemd units and yum repos (`key=value`), Java `.properties` (`key: value` too)
 * and the top level of YAML (`key: value` at column 0). Values are cut to
 * {@link MAX_CONFIG_VALUE} characters and their secrets masked (passwords, keys, tokens,
 * connection-string credentials) by the report's redactor.
 */
import { Redactor } from '../redact/redactor.ts';

/** Files whose lines are read (XML and TOML tables are not `key = value` files in this sense). */
export const CONFIG_LINES_EXTENSION = /\.(?:conf|cfg|ini|ya?ml|properties|env|service|repo|cnf)$/i;
/** Characters of a value kept. */
export const MAX_CONFIG_VALUE = 200;
/** Keys read from one file at most. */
export const MAX_CONFIG_KEYS = 2_000;

const INI_KEY = /^([A-Za-z0-9_][\w.\-/@]*)\s*=\s*(.*)$/;
const PROPERTIES_KEY = /^([A-Za-z0-9_][\w.\-/@]*)\s*[=:]\s*(.*)$/;
const YAML_KEY = /^([A-Za-z0-9_][\w.\-/@]*):(?:\s+(.*))?$/;
const SECTION = /^\[([^\]]+)\]\s*$/;

/** One setting of a file. */
export interface ConfigEntry {
  key: string;
  value: string;
}

/** The settings of a file named `path` (its extension says how it is read); empty for other files. */
export function parseConfigLines(path: string, lines: readonly string[], redactor?: Redactor): ConfigEntry[] {
  const ext = /\.([A-Za-z]+)$/.exec(path)?.[1]?.toLowerCase() ?? '';
  if (!CONFIG_LINES_EXTENSION.test(path)) return [];
  const yaml = ext === 'yaml' || ext === 'yml';
  const keyLine = ext === 'properties' ? PROPERTIES_KEY : INI_KEY;
  const mask = redactor ?? new Redactor({ secrets: true, network: false });
  const out: ConfigEntry[] = [];
  let section = '';
  for (const raw of lines) {
    if (out.length >= MAX_CONFIG_KEYS) break;
    // Indented lines continue a value (INI) or belong to a nested block (YAML): not settings of their own.
    if (raw === '' || /^\s/.test(raw)) continue;
    const line = raw.replace(/\r$/, '').trimEnd();
    if (line.startsWith('#') || line.startsWith(';') || line.startsWith('//')) continue;
    if (yaml) {
      const m = YAML_KEY.exec(line);
      // `key:` alone opens a nested block; `key: |` a text block; neither is one value.
      if (!m || m[2] === undefined || m[2] === '' || m[2] === '|' || m[2] === '>') continue;
      out.push(entry(m[1], stripComment(m[2]), mask));
      continue;
    }
    const s = SECTION.exec(line);
    if (s) {
      section = s[1].trim();
      continue;
    }
    const m = keyLine.exec(line);
    if (m) out.push(entry(section ? `${section}.${m[1]}` : m[1], m[2], mask));
  }
  return out;
}

/** A YAML value without its trailing ` # comment`. */
const stripComment = (value: string): string => value.replace(/\s+#.*$/, '');

function entry(key: string, rawValue: string, redactor: Redactor): ConfigEntry {
  const value = rawValue.trim().slice(0, MAX_CONFIG_VALUE);
  // Masked as the line it was (`password = …`), so the keyed patterns see their key.
  const bare = key.slice(key.lastIndexOf('.') + 1);
  const line = `${bare} = ${value}`;
  const masked = redactor.redact(line);
  return { key, value: masked.startsWith(`${bare} = `) ? masked.slice(bare.length + 3) : redactor.redact(value) };
}
