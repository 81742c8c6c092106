import type { ToolboxCatalogue } from './en.ts';

export const toolboxCa: ToolboxCatalogue = {
  'canned.pickerLabel': 'Respostes predefinides',
  'canned.none': 'Cap resposta predefinida coincideix amb «{query}».',
  'canned.hint': '{count} respostes predefinides: ↑ ↓ per triar, Retorn per inserir, Esc per tancar.',
  'canned.inserted': 'S’ha inserit «{title}». Escriviu sobre el camp ressaltat.',
  'canned.insertedDone': 'S’ha inserit «{title}».',
};
