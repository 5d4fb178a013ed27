// Documents quote errors as examples; they are never evidence (issue 16, noise).
import { describe, expect, it } from 'vitest';
import { isDocumentPath } from '../../src/shared/components/documents.ts';

describe('isDocumentPath', () => {
  it('tells documents by extension and by name, also inside nested archives', () => {
    for (const path of [
      'docs/TROUBLESHOOTING.md',
      'bundle.zip!/README',
      'opt/app/README.txt',
      'share/doc/CHANGELOG.rst',
      'notes/index.html',
      'LICENSE',
    ])
      expect(isDocumentPath(path), path).toBe(true);
  });

  it('leaves logs, dumps and tables alone, even when their folder sounds like a document', () => {
    for (const path of [
      'opt/installer/production/logs/porter/porter-api.log',
      'docs/goroutine-dump.txt',
      'cloudpods/kubectl_get_pods.txt',
      'var/log/messages',
      'install/install.log',
      'readme-service/server.log',
    ])
      expect(isDocumentPath(path), path).toBe(false);
  });
});
