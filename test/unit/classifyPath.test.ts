import { describe, expect, it } from 'vitest';
import { normalizeBundlePath, stripRotation } from '../../src/shared/components/classifyPath.ts';
import { loadClassifier, loadComponentTable } from '../../src/main/engine/platform/resources.ts';

describe('component table', () => {
  const classifier = loadClassifier();
  for (const sample of loadComponentTable().samples) {
    it(`maps ${sample.path}`, () => {
      const info = classifier.classify(sample.path);
      expect({ module: info.module, component: info.component }).toEqual({
        module: sample.module,
        component: sample.component,
      });
    });
  }
});

describe('stripRotation', () => {
  it.each([
    ['porter-api.log.1.gz', 'porter-api.log'],
    ['porter-api.log.2', 'porter-api.log'],
    ['nova-api.log.1.2017-05-16_13:53:08', 'nova-api.log'],
    ['app.log-20250918', 'app.log'],
    ['DSAgent-2025-09-18.log', 'DSAgent.log'],
    ['app.3.log', 'app.log'],
    ['porter-api.log', 'porter-api.log'],
    ['region-version.json', 'region-version.json'],
  ])('%s → %s', (input, expected) => {
    expect(stripRotation(input)).toBe(expected);
  });
  it('normalises Windows separators and nested markers', () => {
    expect(normalizeBundlePath('a.zip!/C:\\Logs\\x.log.1')).toBe('a.zip/C:/Logs/x.log');
    expect(normalizeBundlePath('C:\\Program Files(x86)\\DiskSync-Agent\\log\\DSAgent-2025-09-18.log')).toBe(
      '/Program Files(x86)/DiskSync-Agent/log/DSAgent.log',
    );
  });
});
