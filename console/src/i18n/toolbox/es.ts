import type { ToolboxCatalogue } from './en.ts';

export const toolboxEs: ToolboxCatalogue = {
  'canned.pickerLabel': 'Respuestas predefinidas',
  'canned.none': 'Ninguna respuesta predefinida coincide con «{query}».',
  'canned.hint': '{count} respuestas predefinidas: ↑ ↓ para elegir, Intro para insertar, Esc para cerrar.',
  'canned.inserted': 'Se ha insertado «{title}». Escribe sobre el campo resaltado.',
  'canned.insertedDone': 'Se ha insertado «{title}».',
};
