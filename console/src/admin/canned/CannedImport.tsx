import type { CannedImportResult } from '@mostrador/shared';
import { useId, useState } from 'preact/hooks';
import { cannedApi } from '../../canned/cannedApi.ts';
import { ErrorAlert } from '../ErrorAlert.tsx';
import { useAdminI18n } from '../i18n/index.ts';
import type { ErrorBody } from '@mostrador/shared';

/** CSV out as a download; CSV in from a chosen file, with each refused line named. */
export function CannedImport({ onImported }: { onImported: () => void }) {
  const { t } = useAdminI18n();
  const id = useId();
  const [result, setResult] = useState<CannedImportResult | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);

  async function exportFile() {
    const answer = await cannedApi.exportCsv();
    if (!answer.ok) return setError(answer.error);
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([answer.data.csv], { type: 'text/csv;charset=utf-8' }));
    link.download = 'canned-replies.csv';
    link.click();
    URL.revokeObjectURL(link.href);
  }

  async function importFile(file: File | undefined) {
    if (!file) return;
    setError(null);
    const answer = await cannedApi.importCsv(await file.text());
    if (!answer.ok) return setError(answer.error);
    setResult(answer.data);
    onImported();
  }

  return (
    <section class="admin-card" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{t('canned.csvHeading')}</h3>
      <p>
        <button type="button" class="button" onClick={() => void exportFile()}>
          {t('canned.export')}
        </button>
      </p>
      <div class="field">
        <label for={id}>{t('canned.import')}</label>
        <input
          id={id}
          type="file"
          accept=".csv,text/csv"
          aria-describedby={`${id}-hint`}
          onChange={(e) => void importFile(e.currentTarget.files?.[0])}
        />
        <p class="field-hint" id={`${id}-hint`}>
          {t('canned.importHint')}
        </p>
      </div>
      <ErrorAlert error={error} />
      {result && (
        <div role="status">
          <p>{t('canned.imported', { added: result.added })}</p>
          {result.refused.length > 0 && (
            <ul>
              {result.refused.map((r) => (
                <li key={r.line}>{t('canned.importRefused', { line: r.line, message: r.message })}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
