/** Every role extractIds gives an id has a name in both languages; the Chinese ones are Chinese. */
import { describe, expect, it } from 'vitest';
import { ID_ROLES, extractIds } from '../../../shared/ids/extractIds.ts';
import { DICTIONARIES } from './strings.ts';
import { idRoleKey, idRoleName, idsEn, idsZh } from './stringsIds.ts';

const HAN = /[\u4e00-\u9fff]/;

describe('id roles in the UI', () => {
  it('names every role extractIds gives, in English and Chinese', () => {
    for (const role of ID_ROLES) {
      const key = idRoleKey(role);
      expect(key, `a key for ${role}`).not.toBeNull();
      expect(DICTIONARIES.en[key!]).toBe(idsEn[key!]);
      expect(DICTIONARIES.zh[key!]).toBe(idsZh[key!]);
      // A header name stays a header name; every other role reads in Chinese.
      if (role !== 'x-request-id') expect(idsZh[key!], role).toMatch(HAN);
    }
    expect(Object.keys(idsEn)).toHaveLength(ID_ROLES.length);
  });

  it('says execution, migration and volume in Chinese, and an unknown role as written', () => {
    const zh = (key: keyof typeof idsZh) => idsZh[key];
    expect(idRoleName('execution', zh)).toBe('执行');
    expect(idRoleName('migration', zh)).toBe('迁移');
    expect(idRoleName('volume', zh)).toBe('卷');
    expect(idRoleName('global-request', zh)).toBe('全局请求');
    expect(idRoleName('frobnicator', zh)).toBe('frobnicator');
    // The roles come from real id mentions: the name follows what extractIds found.
    const found = extractIds('Workflow execution 0b7a1c52-3d5e-4f6a-9b8c-1d2e3f4a5b6c failed');
    expect(found.map((f) => idRoleName(f.role ?? '', zh))).toEqual(['执行']);
  });
});
